package sim

// freeGroup returns the group that serves customer c now, or -1 if
// nobody is free.
func (s *stageState) freeGroup(c *customer) int {
	order := s.order
	switch s.cfg.Assign {
	case AssignByClass:
		order = s.classOrder[c.class]
	case AssignAnyFree:
		best, idle := -1, 0
		for _, g := range order {
			if n := s.groups[g].capacity() - s.groups[g].busy; n > idle {
				best, idle = g, n
			}
		}
		return best
	}
	for _, g := range order {
		if s.groups[g].busy < s.groups[g].capacity() {
			return g
		}
	}
	return -1
}

// anyFree reports whether someone at s is free.
func (s *stageState) anyFree() bool {
	for i := range s.groups {
		if s.groups[i].busy < s.groups[i].capacity() {
			return true
		}
	}
	return false
}

func (e *engine) startService(s *stageState, ci int32, g int) {
	c := &e.cust[ci]
	c.token++ // cancels the patience timer
	c.group = int16(g)
	if c.where == inQueue {
		e.addQueue(s, c.joined)
	}
	c.where = inService
	e.busyUp(s, g)
	if e.sat != nil {
		e.touch(c, ci, e.now-c.joined)
		if q := e.sat.cfg.Quality; q != nil && q.Stage == int(c.stage) && !c.complaint {
			e.ext[ci].qgroup = int32(g)
		}
	}
	if c.counted {
		e.countServed(s, c)
	}
	d := e.sample(e.serviceDist(s, c), c, purposeService, c.step, 0) / s.groups[g].speed
	c.svc = float32(d)
	e.addBusy(s, g, d)
	if c.isAppt && c.counted {
		s.book.stats.Started++
		s.book.stats.OnSiteSum += e.now - c.joined
	}
	if c.reworking != 0 && c.counted {
		s.stats.ReworkVisits++
		s.stats.ReworkBusy += d
	}
	e.fel.push(e.now+d, evDeparture, ci, c.token)
}

// countServed counts the start of service of counted customer c at stage s
// now, after its wait.
//
// countServed and the specialised path share countServedAtOnce.
func (e *engine) countServed(s *stageState, c *customer) {
	st := &s.stats
	st.Served++
	w := e.now - c.joined
	if w == 0 {
		e.countServedAtOnce(s, c)
		return
	}
	st.WaitSum += w
	st.WaitSumSq += w * w
	if w > st.WaitMax {
		st.WaitMax = w
	}
	s.waits.record(w)
	k := e.curK
	if c.joined < e.curStart {
		k, _, _ = e.cellOf(c.joined)
	}
	iv := &st.Intervals[k]
	iv.Served++
	iv.WaitSum += w
	if w <= s.cfg.Target {
		st.WithinTarget++
		iv.WithinTarget++
	}
	for i, t := range s.cfg.Targets {
		if w <= t {
			st.WithinTargets[i]++
		}
	}
	if s.split {
		s.tally(c, outServed, w)
	}
}

func (e *engine) serviceDist(s *stageState, c *customer) Dist {
	if s.cfg.ServiceByChannel != nil {
		if d := s.cfg.ServiceByChannel[c.channel]; d != nil {
			return d
		}
	}
	if s.cfg.ServiceByClass != nil {
		if d := s.cfg.ServiceByClass[c.class]; d != nil {
			return d
		}
	}
	return s.cfg.Service
}

func (e *engine) depart(ci int32) {
	c := &e.cust[ci]
	s := e.stageOf(c)
	if s.fast {
		e.departFast(ci)
		return
	}
	g := int(c.group)
	var p *poolState // the pool that served, if one did
	if g < 0 {
		p = e.poolDone(s, c)
	} else {
		e.busyDown(s, g)
	}
	if c.counted {
		s.stats.Completed++
		if p == nil {
			s.stats.Groups[g].Completed++
		}
		s.stats.HandleSum += float64(c.svc)
	}
	if int32(c.reworking) == c.stage+1 {
		c.reworking = 0 // back at the stage that failed: the loop is over
	}
	c.isAppt = false
	if e.sat != nil {
		e.incidents(c, &e.ext[ci])
	}
	// Route the customer before freeing the server: a customer sent back to
	// this same stage then queues behind those already waiting.
	e.route(ci, s)
	if p != nil {
		e.poolFree(p)
		e.poolDispatch(p)
		return
	}
	e.dispatch(s)
}

// dispatch starts service for queued customers while staff are free.
func (e *engine) dispatch(s *stageState) {
	if s.fast {
		e.dispatchFast(s)
		return
	}
	if s.pools != nil {
		e.dispatchPooled(s)
		return
	}
	for s.nq > 0 {
		g := 0
		if len(s.groups) > 1 {
			if !s.anyFree() {
				return
			}
			g = -1 // chosen for the customer below
		} else if s.groups[0].busy >= s.groups[0].capacity() {
			return
		}
		ci := e.popQueue(s)
		if g < 0 {
			g = s.freeGroup(&e.cust[ci])
		}
		e.startService(s, ci, g)
	}
	if s.overtime {
		e.endOvertime(s)
	}
}

// endOvertime ends the holding of staff at stage s: the queue left at
// closing is empty, and held staff go home as they finish.
func (e *engine) endOvertime(s *stageState) {
	s.overtime = false
	for i := range s.groups {
		e.addStaff(s, i)
		s.groups[i].setFloor(0)
	}
}

// countServedAtOnce counts counted customer c served on arrival at s (its
// Served already counted): a zero wait, in the cell of now, within every
// target.
func (e *engine) countServedAtOnce(s *stageState, c *customer) {
	st := &s.stats
	s.waits.inc(0)
	iv := &st.Intervals[e.curK]
	iv.Served++
	st.WithinTarget++
	iv.WithinTarget++
	for i := range st.WithinTargets {
		st.WithinTargets[i]++
	}
	if s.split {
		s.tally(c, outServed, 0)
	}
}
