package sim

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// An overloaded model (ten times more work than staff) stops at the bound
// on customers in the system with a CapacityError, instead of growing its
// queues until memory runs out.
func TestUnstableLoadStopsAtTheBound(t *testing.T) {
	m := dayModel(5)
	m.Stages[1].Groups[0].Staff = [7][]Segment{}
	m.Stages[1].Groups[1].Staff = [7][]Segment{}
	for d := range 7 {
		m.Stages[1].Groups[0].Staff[d] = []Segment{{480, 1080, 1}}
	}
	m.Stages[1].AtClose = CarryOver
	m.MaxInSystem = 300
	_, err := Run(context.Background(), m, Options{Replications: 2, Seed: 1, Workers: 1})
	var ce *CapacityError
	if !errors.As(err, &ce) {
		t.Fatalf("got error %v; want a *CapacityError", err)
	}
	if ce.Limit != 300 || ce.Model != "day" {
		t.Errorf("got %+v; want limit 300 on model day", ce)
	}
	if msg := err.Error(); !strings.Contains(msg, "300 customers in the system at once") || !strings.Contains(msg, "--max-in-system") {
		t.Errorf("message %q does not name the bound and the flag", msg)
	}

	// The same model under a generous bound runs to its end.
	m.MaxInSystem = 100000
	if _, err := Run(context.Background(), m, Options{Replications: 1, Seed: 1}); err != nil {
		t.Fatalf("with a generous bound: %v", err)
	}
}

func TestRunRefusesTooManyReplicationsBeforeAllocating(t *testing.T) {
	_, err := Run(context.Background(), dayModel(1), Options{Replications: 1_000_000_000})
	if err == nil || !strings.Contains(err.Error(), "at most 100000") {
		t.Fatalf("got %v; want an error naming the bound", err)
	}
}

func TestValidateBoundsDays(t *testing.T) {
	m := dayModel(1)
	m.Days = MaxDays + 1
	if err := m.Validate(); err == nil || !strings.Contains(err.Error(), "Days must be in [1, 3660]") {
		t.Fatalf("got %v; want the days bound", err)
	}
}

// TestValidateBoundsRates: a channel's rate may be MaxRatePerHour, and
// not more, on any weekday.
func TestValidateBoundsRates(t *testing.T) {
	tests := []struct {
		name    string
		perHour float64
		ok      bool
	}{
		{"zero", 0, true},
		{"at the bound", MaxRatePerHour, true},
		{"past the bound", MaxRatePerHour * 1.001, false},
		{"far past the bound", 1e12, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mmc(1, 1, 1, 1, 0)
			m.Channels[0].Rates[3] = []Segment{{From: 0, To: 60, Value: tt.perHour / 60}}
			err := m.Validate()
			if tt.ok && err != nil {
				t.Errorf("got %v; want no error", err)
			}
			if !tt.ok && (err == nil || !strings.Contains(err.Error(), "more than MaxRatePerHour (100000)") || !strings.Contains(err.Error(), "Wednesday")) {
				t.Errorf("got %v; want the bound and the weekday", err)
			}
		})
	}
}

// A reporting interval of 20 s (a third of a minute, not a binary
// fraction) divides the day: the run ends and the intervals' measured
// time adds up to the run's.
func TestIntervalOfTwentySeconds(t *testing.T) {
	m := dayModel(2)
	m.Interval = float64(MinutesPerDay) / 4320
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	rep, err := Replicate(context.Background(), m, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	checkConservation(t, m, &rep)
	for si, st := range rep.Stages {
		sum := 0.0
		for _, iv := range st.Intervals {
			sum += iv.Duration
		}
		if !near(sum, rep.Measured, 1e-9) {
			t.Errorf("stage %d: intervals measure %g min; the run %g", si, sum, rep.Measured)
		}
	}
	m.Interval = 7
	if err := m.Validate(); err == nil {
		t.Error("an interval of 7 min (not dividing a day) accepted")
	}
}
