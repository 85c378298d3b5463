package sim

type qEntry struct {
	c     int32
	token uint32
}

// fifo is a queue of customers; entries whose token no longer matches the
// customer's (abandoned, sent away) are skipped when they reach the head.
type fifo struct {
	buf  []qEntry
	head int
}

func (q *fifo) push(e qEntry) { q.buf = append(q.buf, e) }

func (q *fifo) pop() (qEntry, bool) {
	if q.head == len(q.buf) {
		return qEntry{}, false
	}
	e := q.buf[q.head]
	q.head++
	if q.head == len(q.buf) {
		q.buf, q.head = q.buf[:0], 0
	} else if q.head >= 1024 && 2*q.head >= len(q.buf) {
		n := copy(q.buf, q.buf[q.head:])
		q.buf, q.head = q.buf[:n], 0
	}
	return e, true
}

// join makes customer ci reach its current stage now.
func (e *engine) join(ci int32) {
	c := &e.cust[ci]
	s := e.stageOf(c)
	if s.fast {
		e.joinFast(ci, c, s)
		return
	}
	e.reach(c, s)
	if s.nq == 0 {
		if g := s.freeGroup(c); g >= 0 {
			e.startService(s, ci, g)
			return
		}
		if s.pools != nil && e.joinPool(s, ci) {
			return
		}
		if e.now < s.closedUntil && e.onDuty(s) == 0 && e.joinClosed(ci, c, s) {
			return
		}
	}
	if s.cfg.BalkAt > 0 && s.nq >= s.cfg.BalkAt {
		if c.counted {
			s.stats.Balked++
			e.intervalOf(s, e.now).Left++
			if s.split {
				s.tally(c, outBalked, 0)
			}
		}
		e.giveUp(s, ci)
		return
	}
	e.enqueue(ci, c, s)
}

// reach counts customer c's arrival at stage s now.
func (e *engine) reach(c *customer, s *stageState) {
	c.joined = e.now
	c.counted = e.now >= e.warmup
	if c.counted {
		s.stats.Arrived++
		if c.retry {
			s.stats.Retries++
		}
		s.stats.Intervals[e.curK].Arrived++
		if s.split {
			s.tally(c, outArrived, 0)
		}
	}
	c.retry = false
}

// joinClosed applies stage s's closing policy to customer ci, who reached
// it with nobody on duty before the end of the day on which the business
// closed, and reports whether the customer was served or sent away (not
// under CarryOver: the customer queues).
func (e *engine) joinClosed(ci int32, c *customer, s *stageState) bool {
	switch s.cfg.AtClose {
	case Serve:
		// Closed, but the customer is already in the process (finishing
		// an earlier stage): a member of the fastest group stays on.
		if len(s.order) == 0 {
			e.holdPool(s, ci)
			return true
		}
		g := s.order[0]
		e.addStaff(s, g)
		s.groups[g].setFloor(1)
		s.overtime = true
		e.startService(s, ci, g)
		return true
	case SendAway:
		if c.counted {
			s.stats.SentAway++
			s.stats.Intervals[e.curK].Left++
			if s.split {
				s.tally(c, outSentAway, 0)
			}
		}
		e.lose(ci, lostSentAway)
		return true
	}
	return false
}

// enqueue puts customer ci in stage s's queue, with its patience timer.
func (e *engine) enqueue(ci int32, c *customer, s *stageState) {
	c.token++
	c.where = inQueue
	lvl := int(c.level)
	if s.book != nil {
		// Appointments and walk-ins: the second half of the levels waits
		// behind the first.
		if o := s.book.cfg.Order; o == AppointmentsFirst && !c.isAppt || o == WalkInsFirst && c.isAppt {
			lvl += len(s.levels) / 2
		}
	}
	s.levels[lvl].push(qEntry{c: ci, token: c.token})
	s.nq++
	if s.nq > s.stats.QueueMax && c.counted {
		s.stats.QueueMax = s.nq
	}
	if s.cfg.Patience != nil {
		p := e.sample(s.cfg.Patience, c, purposePatience, c.step, 0)
		e.fel.push(e.now+p, evAbandon, ci, c.token)
	}
}

func (e *engine) popQueue(s *stageState) int32 {
	for l := range s.levels {
		for {
			q, ok := s.levels[l].pop()
			if !ok {
				break
			}
			if e.cust[q.c].token == q.token {
				s.nq--
				return q.c
			}
		}
	}
	panic("sim: queue count and contents disagree")
}
