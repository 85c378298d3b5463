package sim

func (e *engine) abandon(ci int32) {
	c := &e.cust[ci]
	s := e.stageOf(c)
	c.token++ // the queue entry goes stale
	s.nq--
	e.addQueue(s, c.joined)
	if e.sat != nil {
		e.touch(c, ci, e.now-c.joined)
	}
	if c.counted {
		s.stats.Abandoned++
		s.stats.AbandonWaitSum += e.now - c.joined
		e.intervalOf(s, c.joined).Abandoned++
		if s.split {
			s.tally(c, outAbandoned, e.now-c.joined)
		}
	}
	e.giveUp(s, ci)
	if s.nq == 0 && s.overtime {
		e.dispatch(s)
	}
}

// giveUp handles a customer who balked or abandoned at stage s: a retry
// later, or a lost customer.
func (e *engine) giveUp(s *stageState, ci int32) {
	c := &e.cust[ci]
	r := &s.cfg.Retry
	if cr := e.m.Channels[c.channel].Retry; cr != nil {
		r = cr
	}
	if r.Prob > 0 && e.uniform(c, purposeRetry, c.step, 0) < r.Prob {
		d := e.sample(r.Delay, c, purposeRetry, c.step, 1)
		c.step++
		c.token++
		c.where = inTransit
		e.fel.push(e.now+d, evJoin, ci, c.token)
		c.retry = true
		return
	}
	e.lose(ci, lostGaveUp)
}

// lose ends the journey of a customer who gave up, was sent away or found
// no appointment at their current stage.
func (e *engine) lose(ci int32, why lossCause) {
	c := &e.cust[ci]
	if e.sat != nil {
		e.rate(ci, int(c.stage))
	}
	if c.measured {
		e.rep.Journey.Lost++
		e.rep.Journey.LostBy[why]++
	}
	e.release(ci)
}
