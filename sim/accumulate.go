package sim

import "math"

// Time integrals. A stage's integrals are kept as sums over customers and
// over the schedule rather than updated on every event:
//
//   - queue length: each customer's time in the queue, added when the
//     customer leaves it (served, abandoned, sent away, or the run ends);
//   - busy staff: each service's duration, added when service starts;
//   - staff present (and on the schedule, and beyond it): a group's
//     headcount between the changes of its schedule, of the staff held at
//     closing, or of the staff still serving beyond the schedule;
//   - the minutes measured: the calendar, at the end of the run.
//
// Each covers [warm-up, end of the last day] and is split by the weekday
// and time-of-day interval (cell) it falls in. The sums equal the
// integrals of the state over time (Little's identity for the queue and
// the busy staff), up to floating-point rounding.

// cellAt returns the cell containing time t (see StageStats.Intervals) and
// the absolute start and end of that cell. An interval that is not a
// binary fraction of a minute (20 s is a third) has ends that, computed as
// day + (i+1) × interval, can round back to t itself; such a t belongs to
// the next interval, or time would not advance through the cells.
func (e *engine) cellAt(t float64) (k int, start, end float64) {
	day := math.Floor(t / MinutesPerDay)
	i := min(int((t-day*MinutesPerDay)/e.interval), e.nInt-1)
	if day*MinutesPerDay+float64(i+1)*e.interval <= t && i+1 < e.nInt {
		i++
	}
	return e.weekday(int(day))*e.nInt + i, day*MinutesPerDay + float64(i)*e.interval, day*MinutesPerDay + float64(i+1)*e.interval
}

// setNow advances the clock to t and keeps the cell containing it.
func (e *engine) setNow(t float64) {
	e.now = t
	if t >= e.curEnd {
		e.enterCell(t)
	}
}

// cellSpan is a cell and its absolute start and end, as cellAt gives them.
type cellSpan struct {
	start, end float64
	k          int
}

// recentCells are the cells the clock was in last, oldest first in a
// ring, kept so that the cell of a time shortly before now (where a wait
// began) is found without cellAt's divisions. A cell is kept only if
// cellAt gives it for every time in [start, end): cellAt is monotone in t,
// so checking the start and the last float64 before the end is enough,
// and the cell found is always the one cellAt would give.
type recentCells struct {
	ring [8]cellSpan
	n    uint // cells kept so far; the next goes to ring[n%len(ring)]
	// curExact is set when the current cell could be kept.
	curExact bool
}

// enterCell makes the cell containing t the current one, keeping the
// current one among the recent cells.
func (e *engine) enterCell(t float64) {
	rc := &e.cells
	if rc.curExact {
		rc.ring[rc.n%uint(len(rc.ring))] = cellSpan{e.curStart, e.curEnd, e.curK}
		rc.n++
	}
	e.curK, e.curStart, e.curEnd = e.cellAt(t)
	e.limit = min(e.curEnd, e.end)
	rc.curExact = e.exactCell(cellSpan{e.curStart, e.curEnd, e.curK})
}

// exactCell reports whether cellAt gives c for every time in c.
func (e *engine) exactCell(c cellSpan) bool {
	if !(c.start < c.end) {
		return false
	}
	k1, s1, e1 := e.cellAt(c.start)
	k2, s2, e2 := e.cellAt(math.Nextafter(c.end, math.Inf(-1)))
	return cellSpan{s1, e1, k1} == c && cellSpan{s2, e2, k2} == c
}

// cellOf is cellAt(t) for t <= now, from the current or a recent cell
// when t falls in one.
func (e *engine) cellOf(t float64) (k int, start, end float64) {
	rc := &e.cells
	if t >= e.curStart && rc.curExact {
		return e.curK, e.curStart, e.curEnd
	}
	for j := uint(1); j <= min(rc.n, uint(len(rc.ring))); j++ {
		c := &rc.ring[(rc.n-j)%uint(len(rc.ring))]
		if t >= c.start {
			if t < c.end {
				return c.k, c.start, c.end
			}
			break // between two recent cells
		}
	}
	return e.cellAt(t)
}

// cell is the index in StageStats.Intervals of the cell containing time
// t <= now.
func (e *engine) cell(t float64) int {
	if t >= e.curStart {
		return e.curK
	}
	k, _, _ := e.cellOf(t)
	return k
}

// intervalOf is stage s's statistics cell for time t <= now.
func (e *engine) intervalOf(s *stageState, t float64) *IntervalStats {
	return &s.stats.Intervals[e.cell(t)]
}

// measured clips [from, to] to the measured time [warm-up, end].
func (e *engine) measured(from, to float64) (float64, float64) {
	return max(from, e.warmup), min(to, e.end)
}

// addQueue adds the time in stage s's queue of a customer who joined it
// at joined and leaves it now.
func (e *engine) addQueue(s *stageState, joined float64) {
	from, to := joined, e.now
	if from < e.warmup {
		from = e.warmup
	}
	if to > e.end {
		to = e.end
	}
	if to <= from {
		return
	}
	st := &s.stats
	st.QueueArea += to - from
	if from >= e.curStart { // the common case: within the current cell
		st.Intervals[e.curK].QueueArea += to - from
		if s.open[e.curK] {
			st.OpenQueueArea += to - from
		}
		return
	}
	for from < to {
		k, _, end := e.cellOf(from)
		t := min(to, end)
		st.Intervals[k].QueueArea += t - from
		if s.open[k] {
			st.OpenQueueArea += t - from
		}
		from = t
	}
}

// addBusy adds a service of d minutes starting now by group g of stage s.
func (e *engine) addBusy(s *stageState, g int, d float64) {
	from, to := e.now, e.now+d
	if from < e.warmup {
		from = e.warmup
	}
	if to > e.end {
		to = e.end
	}
	if to <= from {
		return
	}
	st := &s.stats
	st.BusyArea += to - from
	st.Groups[g].Busy += to - from
	k, end := e.curK, e.curEnd // the cell of now, where most services start
	if from != e.now {         // clipped to the warm-up
		k, _, end = e.cellAt(from)
	}
	for to > end {
		st.Intervals[k].BusyArea += end - from
		from = end
		k, end = int(e.nextK[k]), end+e.interval
	}
	st.Intervals[k].BusyArea += to - from
}

// addStaff brings group gi of stage s's staff integrals up to now: it must
// be called before the group's schedule, held staff or (beyond the
// capacity) busy staff change. Between two calls the group's headcount
// present, max(busy, scheduled, held), is constant.
func (e *engine) addStaff(s *stageState, gi int) {
	g := &s.groups[gi]
	from, to := e.measured(g.staffT, e.now)
	g.staffT = e.now
	p, sched := g.present(), g.sched
	if to <= from || p == 0 {
		return
	}
	st := &s.stats
	gs := &st.Groups[gi]
	for from < to {
		k, _, end := e.cellOf(from)
		t := min(to, end)
		dt := t - from
		w := k / e.nInt
		fp := float64(p) * dt
		gs.Present += fp
		gs.PresentByWeekday[w] += fp
		st.PresentArea += fp
		iv := &st.Intervals[k]
		iv.PresentArea += fp
		iv.ScheduledArea += float64(sched) * dt
		if p > sched {
			ot := float64(p-sched) * dt
			gs.Overtime += ot
			gs.OvertimeByWeekday[w] += ot
			st.OvertimeArea += ot
		}
		from = t
	}
}

// addStaffAll is addStaff for every group of stage s.
func (e *engine) addStaffAll(s *stageState) {
	for gi := range s.groups {
		e.addStaff(s, gi)
	}
}

// busyUp and busyDown change the busy staff of group gi of stage s by one,
// bringing the staff integrals up to now first when that changes the
// headcount present: when busy staff exceed the group's capacity (staff
// finishing a service after their shift or after the queue at closing).
func (e *engine) busyUp(s *stageState, gi int) {
	if g := &s.groups[gi]; g.busy >= g.capacity() {
		e.addStaff(s, gi)
	}
	s.groups[gi].busy++
}

func (e *engine) busyDown(s *stageState, gi int) {
	if g := &s.groups[gi]; g.busy > g.capacity() {
		e.addStaff(s, gi)
	}
	s.groups[gi].busy--
}

// addCalendar adds the minutes measured in each cell of stage s, and in
// its open cells.
func (e *engine) addCalendar(s *stageState) {
	st := &s.stats
	for from, to := e.warmup, e.end; from < to; {
		k, _, end := e.cellAt(from)
		t := min(to, end)
		st.Intervals[k].Duration += t - from
		if s.open[k] {
			st.OpenMinutes += t - from
		}
		from = t
	}
}
