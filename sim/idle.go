package sim

import (
	"fmt"
	"strings"
	"time"
)

// IdleError is a model open during none of the time a run of it measures:
// its opening hours fall only on days before the warm-up ends, on days
// after the last simulated day, or on no day at all. Customers arrive
// only in opening hours (a trace aside), so every figure would be n/a or
// zero. Run returns it
// unless Model.AllowIdle is set; a staffing search returns it always
// (Search set), as no staffing can meet a target on no figures.
type IdleError struct {
	Model    string
	Days     int
	StartDay time.Weekday
	Warmup   float64 // minutes
	Open     [7]Window
	// Search says that a staffing search, not a run, was refused:
	// AllowIdle does not apply to it.
	Search bool
}

// Idle returns an *IdleError when m measures no opening hours: no open
// weekday's hours fall inside [Warmup, Days × MinutesPerDay). It returns
// nil otherwise, whatever AllowIdle says. m must pass Validate's calendar
// checks. The cost is O(Days).
func (m *Model) Idle() *IdleError {
	if m.openDaysMeasured(m.Warmup, float64(m.Days)*MinutesPerDay) > 0 {
		return nil
	}
	return &IdleError{Model: m.Name, Days: m.Days, StartDay: m.StartDay, Warmup: m.Warmup, Open: m.Open}
}

// checkIdle is Idle as Run applies it: nil when m.AllowIdle is set.
func (m *Model) checkIdle() error {
	if m.AllowIdle {
		return nil
	}
	if e := m.Idle(); e != nil {
		return e
	}
	return nil
}

func (e *IdleError) Error() string {
	return fmt.Sprintf("scenario %q: %s", e.Model, e.Reason())
}

// Reason is the error's message without the scenario's name: what the
// run measures, why that is no opening hours, and what would measure some.
func (e *IdleError) Reason() string {
	var b strings.Builder
	if e.Search {
		b.WriteString("a staffing search needs measured opening hours to meet its targets, but ")
	}
	measured, closed := e.measured()
	fmt.Fprintf(&b, "the run measures %s (days: %d, %s), and the scenario is %s (%s); valid: %s",
		measured, e.Days, warmupText(e.Warmup), closed, openText(e.Open), strings.Join(e.remedies(), ", "))
	return b.String()
}

// model is the calendar of e as a Model, for the calendar's methods.
func (e *IdleError) model(days int, start time.Weekday, warmup float64) *Model {
	return &Model{Days: days, StartDay: start, Warmup: warmup, Open: e.Open}
}

// measured describes the measured days — "only day 1, a Monday", "days
// 2-3, Tuesday to Wednesday", "only day 1, a Monday, from 23:59" — and
// says that the scenario is not open in them.
func (e *IdleError) measured() (days, closed string) {
	first := int(e.Warmup / MinutesPerDay)
	last := e.Days - 1
	day := func(d int) string { return time.Weekday((int(e.StartDay) + d) % 7).String() }
	from := ""
	if cut := e.Warmup - float64(first)*MinutesPerDay; cut > 0 {
		from = ", from " + clock(cut)
	}
	switch {
	case from != "" && first == last:
		return fmt.Sprintf("only day %d, a %s%s", first+1, day(first), from), "open during none of it"
	case from != "":
		return fmt.Sprintf("day %d, a %s%s, to the end of day %d, a %s", first+1, day(first), from, last+1, day(last)), "open during none of it"
	case first == last:
		return fmt.Sprintf("only day %d, a %s", first+1, day(first)), "closed on it"
	case last-first >= 6:
		return fmt.Sprintf("days %d-%d, every weekday", first+1, last+1), "open on none of them"
	default:
		return fmt.Sprintf("days %d-%d, %s to %s", first+1, last+1, day(first), day(last)), "open on none of them"
	}
}

// remedies are the changes that would give the run opening hours to
// measure, each checked on the model's calendar.
func (e *IdleError) remedies() []string {
	var out []string
	measures := func(m *Model) bool { return m.Idle() == nil }
	open := false
	for _, w := range e.Open {
		open = open || !w.Closed()
	}
	if !open {
		out = append(out, "opening hours on at least one day (open:)")
	}
	for n := e.Days + 1; open && n <= min(e.Days+7, MaxDays); n++ {
		if measures(e.model(n, e.StartDay, e.Warmup)) {
			out = append(out, fmt.Sprintf("more days (--days %d or more)", n))
			break
		}
	}
	var starts []string
	for w := range 7 {
		if s := time.Weekday(w); s != e.StartDay && measures(e.model(e.Days, s, e.Warmup)) {
			starts = append(starts, strings.ToLower(s.String()))
		}
	}
	switch {
	case len(starts) == 6:
		out = append(out, "another start day (start: any but "+strings.ToLower(e.StartDay.String())+")")
	case len(starts) > 3:
		out = append(out, "another start day (start:)")
	case len(starts) > 0:
		out = append(out, "another start day (start: "+strings.Join(starts, " or ")+")")
	}
	if e.Warmup > 0 && measures(e.model(e.Days, e.StartDay, 0)) {
		out = append(out, "a shorter warm-up")
	}
	if !e.Search {
		out = append(out, "or --allow-idle for a what-if run whose figures are all n/a")
	} else if len(out) > 1 {
		out[len(out)-1] = "or " + out[len(out)-1]
	}
	return out
}

// warmupText is a warm-up as a scenario file writes it: "warm-up 23h59m",
// or "no warm-up".
func warmupText(min float64) string {
	if min == 0 {
		return "no warm-up"
	}
	d := time.Duration(min * float64(time.Minute)).Round(time.Second).String()
	if strings.HasSuffix(d, "m0s") {
		d = strings.TrimSuffix(d, "0s")
	}
	if strings.HasSuffix(d, "h0m") {
		d = strings.TrimSuffix(d, "0m")
	}
	return "warm-up " + d
}

// openText lists the opening hours, Monday first, runs of weekdays with
// the same hours joined: "open: Mon-Fri 08:00-18:00, Sat 09:00-13:00",
// "open: every day 09:00-12:00"; "open on no day" when closed every day.
func openText(open [7]Window) string {
	var parts []string
	for i := 0; i < 7; {
		w := open[(i+1)%7] // Monday first
		j := i + 1
		for j < 7 && open[(j+1)%7] == w {
			j++
		}
		if !w.Closed() {
			days := shortDay(time.Weekday((i + 1) % 7))
			if j-i == 7 {
				days = "every day"
			} else if j-i > 1 {
				days += "-" + shortDay(time.Weekday(j%7))
			}
			parts = append(parts, days+" "+clock(w.From)+"-"+clock(w.To))
		}
		i = j
	}
	if len(parts) == 0 {
		return "open on no day"
	}
	return "open: " + strings.Join(parts, ", ")
}

// shortDay is a weekday's three-letter name: "Mon".
func shortDay(w time.Weekday) string { return w.String()[:3] }
