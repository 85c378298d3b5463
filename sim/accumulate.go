package sim

import "math"

// intervalOf is stage s's statistics cell for time t: the weekday and
// time-of-day interval t falls in.
func (e *engine) intervalOf(s *stageState, t float64) *IntervalStats {
	return &s.stats.Intervals[e.cell(t)]
}

// cell is the index in StageStats.Intervals of the weekday and
// time-of-day interval containing time t.
func (e *engine) cell(t float64) int {
	day := math.Floor(t / MinutesPerDay)
	k := min(int((t-day*MinutesPerDay)/e.interval), e.nInt-1)
	return e.weekday(int(day))*e.nInt + k
}

// accumulate brings stage s's time integrals up to now, splitting them at
// interval boundaries (and so at midnight, where the weekday changes).
func (e *engine) accumulate(s *stageState) {
	t := min(e.now, e.end)
	if t <= s.lastT {
		return
	}
	if t < s.ivEnd { // the common case: still inside one interval
		e.integrate(s, s.ivK, t-s.lastT)
		s.lastT = t
		return
	}
	for from := s.lastT; from < t; {
		day := math.Floor(from / MinutesPerDay)
		k := min(int((from-day*MinutesPerDay)/e.interval), e.nInt-1)
		to := min(t, day*MinutesPerDay+float64(k+1)*e.interval)
		e.integrate(s, e.weekday(int(day))*e.nInt+k, to-from)
		from = to
	}
	s.lastT = t
	e.locate(s)
}

// integrate adds dt minutes of stage s's current state to its totals, its
// groups' totals and the statistics cell c.
func (e *engine) integrate(s *stageState, c int, dt float64) {
	w := c / e.nInt
	busy, present, sched := 0, 0, 0
	st := &s.stats
	for i := range s.groups {
		g := &s.groups[i]
		gp := g.present()
		busy += g.busy
		present += gp
		sched += g.sched
		gs := &st.Groups[i]
		gs.Present += float64(gp) * dt
		gs.Busy += float64(g.busy) * dt
		gs.PresentByWeekday[w] += float64(gp) * dt
		if gp > g.sched {
			ot := float64(gp-g.sched) * dt
			gs.Overtime += ot
			gs.OvertimeByWeekday[w] += ot
		}
	}
	q, b, p := float64(s.nq), float64(busy), float64(present)
	st.QueueArea += q * dt
	st.BusyArea += b * dt
	st.PresentArea += p * dt
	if present > sched {
		st.OvertimeArea += float64(present-sched) * dt
	}
	iv := &st.Intervals[c]
	iv.QueueArea += q * dt
	iv.BusyArea += b * dt
	iv.PresentArea += p * dt
	iv.ScheduledArea += float64(sched) * dt
	iv.Duration += dt
	if e.open[s.index][c] {
		st.OpenMinutes += dt
		st.OpenQueueArea += q * dt
	}
}

// locate finds the reporting cell containing s.lastT.
func (e *engine) locate(s *stageState) {
	day := math.Floor(s.lastT / MinutesPerDay)
	k := min(int((s.lastT-day*MinutesPerDay)/e.interval), e.nInt-1)
	s.ivK = e.weekday(int(day))*e.nInt + k
	s.ivEnd = day*MinutesPerDay + float64(k+1)*e.interval
}
