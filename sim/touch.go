package sim

// touch adds a wait at the customer's current stage to its touchpoint.
func (e *engine) touch(c *customer, ci int32, w float64) {
	if c.complaint {
		return
	}
	if k := e.sat.waitOf[c.stage]; k >= 0 {
		e.sat.tw[int(ci)*len(e.sat.cfg.Waits)+k] += w
		e.ext[ci].visited |= 1 << k
	}
}

// touchLead records an appointment lead time at the customer's stage.
func (e *engine) touchLead(c *customer, ci int32, lead float64) {
	if k := e.sat.leadOf[c.stage]; k >= 0 {
		e.sat.tw[int(ci)*len(e.sat.cfg.Waits)+k] += lead
		e.ext[ci].visited |= 1 << k
	}
}

// incidents draws, at the end of service, whether an incident happens to
// a customer who has none yet.
func (e *engine) incidents(c *customer, x *custExt) {
	if x.incident >= 0 || c.complaint {
		return
	}
	for i := range e.sat.cfg.Incidents {
		in := &e.sat.cfg.Incidents[i]
		if in.Stage == int(c.stage) && e.uniform(c, purposeIncident, c.step, int32(i)) < in.Prob {
			x.incident = int32(i)
			x.incidentT = e.now
			return
		}
	}
}
