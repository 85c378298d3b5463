package sim

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

// TestIdle: a model is idle when no opening hours fall in the time a run
// measures, whatever makes it so (the days, the start day, the warm-up,
// the opening hours); the error says what the run measures, when the
// scenario is open and which changes would measure it.
func TestIdle(t *testing.T) {
	sunday := func(m *Model) {
		m.Open = [7]Window{time.Sunday: {From: 8 * 60, To: 18 * 60}}
	}
	tests := []struct {
		name   string
		change func(m *Model)
		want   []string // in the message, in order; nil: not idle
	}{
		{"a working week", func(m *Model) {}, nil},
		{"open on sunday, one day from monday", func(m *Model) { sunday(m); m.Days = 1 },
			[]string{`scenario "day": the run measures only day 1, a Monday (days: 1, no warm-up)`, "closed on it (open: Sun 08:00-18:00)",
				"valid: more days (--days 7 or more), another start day (start: sunday), or --allow-idle"}},
		{"open on sunday, a week", func(m *Model) { sunday(m); m.Days = 7 }, nil},
		{"weekend closed, saturday to sunday", func(m *Model) { m.Days, m.StartDay = 2, time.Saturday },
			[]string{"the run measures days 1-2, Saturday to Sunday (days: 2, no warm-up)", "open on none of them (open: Mon-Fri 08:00-18:00)",
				"more days (--days 3 or more), another start day (start: any but saturday)"}},
		{"a warm-up past closing", func(m *Model) { m.Days, m.Warmup = 1, 23*60+59 },
			[]string{"only day 1, a Monday, from 23:59 (days: 1, warm-up 23h59m)", "open during none of it",
				"more days (--days 2 or more), a shorter warm-up, or --allow-idle"}},
		{"a warm-up into the weekend", func(m *Model) { m.Days, m.Warmup = 7, 5*MinutesPerDay-60 },
			[]string{"day 5, a Friday, from 23:00, to the end of day 7, a Sunday (days: 7, warm-up 119h)", "open during none of it"}},
		{"open every day, a warm-up past closing", func(m *Model) { m.Open, m.Days, m.Warmup = allWeekFrom(9*60, 12*60), 1, 12*60 },
			[]string{"(open: every day 09:00-12:00)"}},
		{"a warm-up ending at opening", func(m *Model) { m.Days, m.Warmup = 1, 8*60 }, nil},
		{"a warm-up ending a minute before closing", func(m *Model) { m.Days, m.Warmup = 1, 18*60-1 }, nil},
		{"open on no day", func(m *Model) { m.Open = [7]Window{} },
			[]string{"days 1-7, every weekday", "(open on no day)", "valid: opening hours on at least one day (open:), or --allow-idle"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := dayModel(7)
			tt.change(m)
			if err := m.Validate(); err != nil {
				t.Fatalf("the test's model is invalid: %v", err)
			}
			e := m.Idle()
			if tt.want == nil {
				if e != nil {
					t.Errorf("Idle() = %q; want nil", e)
				}
				return
			}
			if e == nil {
				t.Fatalf("Idle() = nil; want an error with %q", tt.want)
			}
			msg, at := e.Error(), 0
			for _, w := range tt.want {
				i := strings.Index(msg[at:], w)
				if i < 0 {
					t.Fatalf("Idle() = %q; want %q (after byte %d)", msg, w, at)
				}
				at += i + len(w)
			}
		})
	}
}

// TestRunRefusesIdle: Run refuses an idle model before simulating,
// unless AllowIdle; with it every per-customer figure is n/a and
// EndWarnings says why. A search (Search set) has no --allow-idle to
// offer.
func TestRunRefusesIdle(t *testing.T) {
	m := dayModel(2)
	m.StartDay = time.Saturday
	ran := 0
	opt := Options{Replications: 2, Seed: 1, Progress: func(int, int) { ran++ }}
	_, err := Run(t.Context(), m, opt)
	e, ok := errors.AsType[*IdleError](err)
	if !ok {
		t.Fatalf("Run: got %v; want an *IdleError", err)
	}
	if ran != 0 {
		t.Errorf("Run simulated %d replications before refusing; want 0", ran)
	}
	e.Search = true
	if msg := e.Error(); !strings.Contains(msg, "a staffing search needs measured opening hours") || strings.Contains(msg, "--allow-idle") {
		t.Errorf("search error = %q; want it to say a search needs opening hours, without --allow-idle", msg)
	}

	m.AllowIdle = true
	res, err := Run(t.Context(), m, opt)
	if err != nil {
		t.Fatalf("Run with AllowIdle: %v", err)
	}
	if k := res.KPI(m.Stages[0].Name + ".wait.mean"); k == nil || !math.IsNaN(k.Mean) {
		t.Errorf("Run with AllowIdle: %s.wait.mean = %v; want n/a (NaN)", m.Stages[0].Name, k)
	}
	if w := res.EndWarnings(); len(w) == 0 || !strings.HasPrefix(w[0], "the run measured no opening hours") {
		t.Errorf("EndWarnings = %q; want the idle run described first", w)
	}
}

// allWeekFrom is open every day from from to to (minutes since midnight).
func allWeekFrom(from, to float64) [7]Window {
	var w [7]Window
	for d := range w {
		w[d] = Window{From: from, To: to}
	}
	return w
}
