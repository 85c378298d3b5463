package sim

// dayBegins starts day d: the demand multiplier from the reputation so
// far, the arrivals carried over from earlier days, and the next midnight.
func (e *engine) dayBegins(d int) {
	if e.sat != nil {
		if d > 0 {
			e.mult = e.sat.endDay(d - 1)
		}
		day := &e.sat.stats.Days[d]
		day.Multiplier = e.mult
		for ci := range e.arrivals {
			day.Expected += meanOver(e.arrivals[ci].rates[e.weekday(d)], 0, MinutesPerDay) * MinutesPerDay
		}
	}
	t := float64(d) * MinutesPerDay
	for ci := range e.arrivals {
		if g := &e.arrivals[ci]; g.pending {
			g.pending = false
			e.scheduleArrival(ci, t)
		}
	}
	if d+1 < e.m.Days {
		e.fel.push(t+MinutesPerDay, evMidnight, int32(d+1), 0)
	}
}

func (e *engine) scheduleClose(fromDay int) {
	for d := fromDay; d < e.m.Days; d++ {
		w := e.m.Open[e.weekday(d)]
		if !w.Closed() {
			e.fel.push(float64(d)*MinutesPerDay+w.To, evClose, int32(d), 0)
			return
		}
	}
}

// close applies each stage's closing policy at the end of day d's opening
// hours.
func (e *engine) close(day int) {
	if e.pools != nil {
		e.closePools()
	}
	for i := range e.stages {
		s := &e.stages[i]
		s.closedUntil = float64(day+1) * MinutesPerDay
		if s.nq == 0 {
			continue
		}
		switch s.cfg.AtClose {
		case Serve:
			s.overtime = true
			for gi := range s.groups {
				g := &s.groups[gi]
				e.addStaff(s, gi)
				g.setFloor(g.present())
			}
			// Everyone present stays: floor >= busy, and any idle staff
			// pick up the queue.
			e.dispatch(s)
		case SendAway:
			for l := range s.levels {
				for {
					q, ok := s.levels[l].pop()
					if !ok {
						break
					}
					c := &e.cust[q.c]
					if c.token != q.token {
						continue
					}
					e.addQueue(s, c.joined)
					if c.counted {
						s.stats.SentAway++
						e.intervalOf(s, c.joined).Left++
						s.stats.SentAwayWait += e.now - c.joined
						if s.split {
							s.tally(c, outSentAway, e.now-c.joined)
						}
					}
					e.lose(q.c, lostSentAway)
				}
			}
			s.nq = 0
		case CarryOver:
		}
	}
	e.scheduleClose(day + 1)
}
