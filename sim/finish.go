package sim

// finish closes the books at the end of the run: integrals up to the end,
// the census of customers still in the system, and the percentiles.
func (e *engine) finish() {
	e.setNow(e.end)
	for i := range e.stages {
		e.addStaffAll(&e.stages[i])
		e.addCalendar(&e.stages[i])
	}
	e.finishPools()
	// Customers on the free list have been released; every other slab entry
	// is in the system.
	isFree := make([]bool, len(e.cust))
	for f := e.free; f >= 0; f = e.cust[f].next {
		isFree[f] = true
	}
	for i := range e.cust {
		if isFree[i] {
			continue
		}
		c := &e.cust[i]
		if c.measured {
			e.rep.Journey.InSystemEnd++
		}
		s := e.stageOf(c)
		if c.where == inQueue {
			e.addQueue(s, c.joined)
		}
		if !c.counted {
			continue
		}
		switch c.where {
		case inQueue:
			s.stats.InQueueEnd++
			if s.split {
				s.tally(c, outWaiting, 0)
			}
		case inService:
			s.stats.InServiceEnd++
		}
	}
	e.rep.Measured = e.end - e.warmup
	e.rep.OpenDays = e.m.openDaysMeasured(e.warmup, e.end)
	e.rep.Events = e.events
	e.rep.Stages = make([]StageStats, len(e.stages))
	for i := range e.stages {
		s := &e.stages[i]
		q := s.waits.quantiles(50, 90, 95, 99)
		s.stats.WaitP50, s.stats.WaitP90, s.stats.WaitP95, s.stats.WaitP99 = q[0], q[1], q[2], q[3]
		if b := s.book; b != nil {
			q := b.lead.quantiles(50, 90)
			b.stats.LeadP50, b.stats.LeadP90 = q[0], q[1]
			b.stats.SlotsOffered = b.slotsOffered(e, e.warmup, e.end)
			s.stats.Book = &b.stats
		}
		e.rep.Stages[i] = s.stats
	}
	if e.sat != nil {
		e.sat.endDay(e.m.Days - 1)
		e.rep.Sat = &e.sat.stats
	}
	q := e.journey.quantiles(50, 90)
	e.rep.Journey.TimeP50, e.rep.Journey.TimeP90 = q[0], q[1]
}
