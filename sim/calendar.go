package sim

import (
	"math"
	"time"
)

// The calendar decides over which days and hours a figure is averaged, so
// that closed days and closed hours never enter a time-of-day mean as zeros.
//
//   - An open day is a day on which the business has opening hours. Every
//     "per day" KPI is a total over the measured period divided by the
//     number of open days measured (a day cut by the warm-up counts with
//     the share of its opening hours that was measured).
//   - An interval of a stage is open on a weekday when the business is
//     open during any of it or the stage (or a pool serving it) has staff
//     scheduled in it (a back office that works before opening, say). Time-of-day figures of
//     a stage average over the measured days on which that interval is
//     open on that day's weekday.
//   - A week is the calendar's week: weekly totals add up the mean day of
//     each weekday, closed weekdays contributing what is scheduled on them
//     (staff on a closed day still cost money).

// OpenDay reports whether the business has opening hours on weekday w.
func (m *Model) OpenDay(w time.Weekday) bool { return !m.Open[w].Closed() }

// OpenDaysPerWeek is the number of weekdays with opening hours.
func (m *Model) OpenDaysPerWeek() int {
	n := 0
	for w := range 7 {
		if m.OpenDay(time.Weekday(w)) {
			n++
		}
	}
	return n
}

// NumIntervals is the number of time-of-day reporting intervals in a day.
func (m *Model) NumIntervals() int { return int(math.Round(MinutesPerDay / m.Interval)) }

// IntervalOpen reports whether interval k (of NumIntervals) of stage si is
// open on weekday w: the business is open during part of it, or one of the
// stage's staff groups is scheduled in part of it.
func (m *Model) IntervalOpen(si int, w time.Weekday, k int) bool {
	from, to := float64(k)*m.Interval, float64(k+1)*m.Interval
	if o := m.Open[w]; !o.Closed() && o.From < to && o.To > from {
		return true
	}
	for _, g := range m.Stages[si].Groups {
		for _, s := range g.Staff[w] {
			if s.Value > 0 && s.From < to && s.To > from {
				return true
			}
		}
	}
	for pi := range m.Pools {
		p := &m.Pools[pi]
		for _, ps := range p.Serves {
			if ps.Stage == si && m.poolOpen(p, w, k) {
				return true
			}
		}
	}
	return false
}

// openMask returns, per stage, whether each (weekday, interval) cell is
// open, indexed weekday*NumIntervals()+k like StageStats.Intervals.
func (m *Model) openMask() [][]bool {
	n := m.NumIntervals()
	mask := make([][]bool, len(m.Stages))
	for si := range m.Stages {
		mask[si] = make([]bool, 7*n)
		for w := range 7 {
			for k := range n {
				mask[si][w*n+k] = m.IntervalOpen(si, time.Weekday(w), k)
			}
		}
	}
	return mask
}

// openDaysMeasured is the number of open days in [from, to) minutes from
// the start of day 0; a day cut by from or to counts with the share of its
// opening hours inside the range.
func (m *Model) openDaysMeasured(from, to float64) float64 {
	n := 0.0
	for d := range m.Days {
		o := m.Open[(int(m.StartDay)+d)%7]
		if o.Closed() {
			continue
		}
		start := float64(d)*MinutesPerDay + o.From
		end := float64(d)*MinutesPerDay + o.To
		if in := min(end, to) - max(start, from); in > 0 {
			n += in / (end - start)
		}
	}
	return n
}

// weekdaysDiffer reports whether the open weekdays of m differ in opening
// hours, demand or staffing, so that per-weekday time-of-day rows say more
// than the pooled ones.
func (m *Model) weekdaysDiffer() bool {
	first := -1
	for w := range 7 {
		if !m.OpenDay(time.Weekday(w)) {
			continue
		}
		if first < 0 {
			first = w
			continue
		}
		if m.Open[w] != m.Open[first] {
			return true
		}
		for _, c := range m.Channels {
			if !equalSegments(c.Rates[w], c.Rates[first]) {
				return true
			}
		}
		for _, s := range m.Stages {
			for _, g := range s.Groups {
				if !equalSegments(g.Staff[w], g.Staff[first]) {
					return true
				}
			}
		}
		for _, p := range m.Pools {
			if !equalSegments(p.Staff[w], p.Staff[first]) {
				return true
			}
		}
	}
	return false
}

func equalSegments(a, b []Segment) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
