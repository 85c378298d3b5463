package sim

// advance moves customer ci to the next step of its route that it takes,
// or ends its journey.
func (e *engine) advance(ci int32) { e.next(ci, &e.cust[ci]) }

// next is advance for customer ci at c.
func (e *engine) next(ci int32, c *customer) {
	route := e.routes[c.channel]
	for c.pos++; int(c.pos) < len(route); c.pos++ {
		st := &route[c.pos]
		if st.Prob >= 1 || e.uniform(c, purposeRoute, c.step, c.pos) < st.Prob {
			if st.ByAppointment {
				e.book(ci)
			} else {
				e.enterStep(ci, c, st)
			}
			return
		}
	}
	e.endJourney(ci, c)
}

// endJourney ends the journey of customer ci at the end of its route: a
// complaint to handle first, or the journey's statistics.
func (e *engine) endJourney(ci int32, c *customer) {
	if x := e.extOf(ci); x != nil && x.incident >= 0 && !x.complaintDone {
		if in := &e.sat.cfg.Incidents[x.incident]; in.Handler >= 0 {
			// The complaint is handled, with its own priority, before the
			// journey ends.
			c.complaint = true
			c.stage = int32(in.Handler)
			c.level = int16(e.sat.incLevel[x.incident])
			c.step++
			c.where = inTransit
			e.join(ci)
			return
		}
	}
	if e.sat != nil {
		e.rate(ci, -1)
	}
	if c.measured {
		j := &e.rep.Journey
		j.Completed++
		d := e.now - c.arrived
		j.TimeSum += d
		if d > j.TimeMax {
			j.TimeMax = d
		}
		e.journey.record(d)
	}
	e.release(ci)
}

// visit starts a visit to the stage at the customer's route position:
// by appointment or by joining its queue.
func (e *engine) visit(ci int32) {
	c := &e.cust[ci]
	if e.routes[c.channel][c.pos].ByAppointment {
		e.book(ci)
		return
	}
	e.enter(ci)
}

// enter starts a visit to the stage at the customer's route position: at
// once, or after the stage's delay.
func (e *engine) enter(ci int32) {
	c := &e.cust[ci]
	e.enterStep(ci, c, &e.routes[c.channel][c.pos])
}

// enterStep is enter at route step st.
func (e *engine) enterStep(ci int32, c *customer, st *Step) {
	c.step++
	c.stage = int32(st.Stage)
	s := &e.stages[st.Stage]
	c.where = inTransit
	if s.fast {
		e.joinFast(ci, c, s)
		return
	}
	if s.cfg.Delay != nil {
		d := e.sample(s.cfg.Delay, c, purposeDelay, c.step, 0)
		e.fel.push(e.now+d, evJoin, ci, c.token)
		return
	}
	e.join(ci)
}

// route sends a served customer on: back for rework, or along the route.
func (e *engine) route(ci int32, s *stageState) {
	c := &e.cust[ci]
	if c.complaint {
		x := &e.ext[ci]
		c.complaint = false
		x.complaintDone = true
		x.recovered = e.now-x.incidentT <= e.sat.cfg.Incidents[x.incident].Target
		e.advance(ci)
		return
	}
	rw := &s.cfg.Rework
	if p := e.reworkProb(s, c); p > 0 && e.uniform(c, purposeRework, c.step, 0) < p {
		if c.counted {
			e.countRework(s, c)
		}
		c.reworking = int16(c.stage + 1)
		if e.sat != nil && e.sat.cfg.Quality != nil && e.sat.cfg.Quality.Stage == int(c.stage) {
			e.ext[ci].failedFix = true
		}
		route := e.routes[c.channel]
		for p := c.pos; p >= 0; p-- {
			if route[p].Stage == rw.To {
				c.pos = p
				break
			}
		}
		c.where = inTransit
		if rw.Delay != nil {
			d := e.sample(rw.Delay, c, purposeRework, c.step, 1)
			c.token++
			e.fel.push(e.now+d, evEnter, ci, c.token)
			return
		}
		e.visit(ci)
		return
	}
	e.advance(ci)
}
