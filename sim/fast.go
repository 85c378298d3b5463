package sim

// The specialised path. Most stages of most models have one staff group
// and none of the features that make a visit branch: appointments, a
// delay before the stage, rework, balking, service times by channel or
// class, or a satisfaction model that follows the customer. For such a
// stage (stageState.fast, chosen once when the engine is built), joining,
// starting service, departing and dispatching take the functions here,
// which do what the general ones do for that case, in fewer steps. The
// general path (join, startService, depart, dispatch) serves every other
// stage, and TestFastPathEqualsGeneral runs models both can run through
// both and wants the same statistics.

// fastStage reports whether stage s of model m can take the specialised
// path.
func fastStage(m *Model, s *Stage) bool {
	if m.Satisfaction != nil || len(s.Groups) != 1 || s.Book != nil || s.Delay != nil || s.BalkAt > 0 ||
		s.ServiceByChannel != nil || s.ServiceByClass != nil {
		return false
	}
	// A customer on a rework loop counts rework visits at every stage it
	// passes through, so no stage of the model may have rework.
	for i := range m.Stages {
		for g := range m.Stages[i].Groups {
			if m.Stages[i].reworkProb(g) > 0 {
				return false
			}
		}
	}
	for pi := range m.Pools {
		for _, ps := range m.Pools[pi].Serves {
			if ps.reworkProb(&m.Stages[ps.Stage]) > 0 {
				return false
			}
		}
	}
	for _, ch := range m.Channels {
		for _, st := range ch.Route {
			if st.ByAppointment {
				return false
			}
		}
	}
	return true
}

// joinFast is join for a stage on the specialised path. It does what
// reach, startFast and countServed do for a customer served on arrival,
// the most common case, in one step.
func (e *engine) joinFast(ci int32, c *customer, s *stageState) {
	c.joined = e.now
	c.counted = e.now >= e.warmup
	st := &s.stats
	if c.counted {
		st.Arrived++
		if c.retry {
			st.Retries++
		}
		st.Intervals[e.curK].Arrived++
		if s.split {
			s.tally(c, outArrived, 0)
		}
	}
	c.retry = false
	if s.nq == 0 {
		if g := &s.groups[0]; g.busy < g.capacity() {
			c.token++ // cancels the patience timer
			c.group = 0
			c.where = inService
			g.busy++
			if c.counted { // countServed of a zero wait
				st.Served++
				e.countServedAtOnce(s, c)
			}
			e.serveFast(ci, c, s, g)
			return
		}
		if e.now < s.closedUntil && s.groups[0].capacity() == 0 && e.joinClosed(ci, c, s) {
			return
		}
	}
	e.enqueue(ci, c, s)
}

// startFast is startService for a stage on the specialised path.
func (e *engine) startFast(ci int32, c *customer, s *stageState) {
	c.token++ // cancels the patience timer
	c.group = 0
	if c.where == inQueue {
		e.addQueue(s, c.joined)
	}
	c.where = inService
	g := &s.groups[0]
	if g.busy >= g.capacity() {
		e.addStaff(s, 0)
	}
	g.busy++
	if c.counted {
		e.countServed(s, c)
	}
	e.serveFast(ci, c, s, g)
}

// serveFast draws customer ci's service time at stage s, served by group g,
// and schedules the departure.
func (e *engine) serveFast(ci int32, c *customer, s *stageState, g *groupState) {
	var d float64
	if s.svcMean > 0 { // exponential: drawn as sample draws it
		d = e.expDraw(tag(c, purposeService, c.step, 0)) * s.svcMean
	} else {
		d = e.sample(s.cfg.Service, c, purposeService, c.step, 0)
	}
	if g.speed != 1 { // d/1 is d: the division, on the path to the push, is left out
		d /= g.speed
	}
	c.svc = float32(d)
	e.addBusy(s, 0, d)
	e.fel.push(e.now+d, evDepartFast, ci, c.token)
}

// departFast is depart for a stage on the specialised path.
func (e *engine) departFast(ci int32) {
	c := &e.cust[ci]
	s := &e.stages[c.stage]
	g := &s.groups[0]
	if g.busy > g.capacity() {
		e.addStaff(s, 0)
	}
	g.busy--
	if c.counted {
		st := &s.stats
		st.Completed++
		st.Groups[0].Completed++
		st.HandleSum += float64(c.svc)
	}
	// Route the customer before freeing the server: a customer sent back to
	// this same stage then queues behind those already waiting.
	e.next(ci, c)
	e.dispatchFast(s)
}

// dispatchFast is dispatch for a stage on the specialised path.
func (e *engine) dispatchFast(s *stageState) {
	g := &s.groups[0]
	for s.nq > 0 {
		if g.busy >= g.capacity() {
			return
		}
		ci := e.popQueue(s)
		e.startFast(ci, &e.cust[ci], s)
	}
	if s.overtime {
		e.endOvertime(s)
	}
}
