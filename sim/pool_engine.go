package sim

// Shared pools in the engine. A stage no pool serves never reaches this
// file (it keeps its own path, specialised or general); a stage a pool
// serves (stageState.pools non-nil) takes the general path with these
// hooks: join tries the pools after the stage's own staff, dispatch lets
// the pools look at the queue after the own staff, and a departure from a
// pool member lets the pool choose its next customer across its stages.
//
// A customer served by a pool has c.group = -1 - i, where i indexes the
// stage's pools (stageState.pools).

// poolState is a pool's state in one replication. The embedded groupState
// holds the headcount on the schedule, held at closing and busy, exactly
// as for a stage's group.
type poolState struct {
	groupState
	cfg      *Pool
	overtime bool // holding staff after closing to empty queues
	// reserveOther is, per stage served, the sum of the other stages'
	// reserves: the members that must stay free after taking a customer
	// of that stage.
	reserveOther []int
	// link is, per stage served, the index of this pool in that stage's
	// pools.
	link  []int16
	stats PoolStats
}

// initPools sets up the pools, links them to the stages they serve and
// schedules their first staff change (an evStaff event with a = -1 - pool).
func (e *engine) initPools() {
	m := e.m
	if len(m.Pools) == 0 {
		return
	}
	e.pools = make([]poolState, len(m.Pools))
	for pi := range m.Pools {
		p := &e.pools[pi]
		p.cfg = &m.Pools[pi]
		p.segs = &p.cfg.Staff
		total := 0
		for _, ps := range p.cfg.Serves {
			total += ps.Reserve
		}
		for j, ps := range p.cfg.Serves {
			s := &e.stages[ps.Stage]
			p.reserveOther = append(p.reserveOther, total-ps.Reserve)
			p.link = append(p.link, int16(len(s.pools)))
			s.pools = append(s.pools, poolLink{pool: int32(pi), serve: int32(j)})
		}
		p.stats.Stages = make([]PoolStageStats, len(p.cfg.Serves))
		p.stats.Intervals = make([]PoolIntervalStats, 7*e.nInt)
		e.fel.push(0, evStaff, int32(-1-pi), 0)
	}
}

// poolStaffChange applies pool pi's schedule at the current time and
// schedules its next change.
func (e *engine) poolStaffChange(pi int) {
	p := &e.pools[pi]
	e.addPoolStaff(p)
	p.setSched(e.scheduleNow(p.segs, int32(-1-pi), 0))
	e.poolDispatch(p)
}

// onDuty is the number of staff who may serve at stage s now: its own and
// those of the pools that serve it.
func (e *engine) onDuty(s *stageState) int {
	n := s.capacity()
	for _, l := range s.pools {
		n += e.pools[l.pool].capacity()
	}
	return n
}

// poolMay reports whether pool p may take a customer of its j-th stage
// now: someone is free, and the other stages' reserves stay free after.
func (p *poolState) poolMay(j int) bool {
	return p.capacity()-p.busy > p.reserveOther[j]
}

// joinPool serves customer ci, who found nobody of stage s's own staff
// free and no queue, by the first pool of s that may take it, and reports
// whether one did.
func (e *engine) joinPool(s *stageState, ci int32) bool {
	for li, l := range s.pools {
		if e.pools[l.pool].poolMay(int(l.serve)) {
			e.startPool(s, ci, li)
			return true
		}
	}
	return false
}

// dispatchPooled is dispatch for a stage a pool serves: its own staff
// take queued customers while free, then its pools look at their queues.
func (e *engine) dispatchPooled(s *stageState) {
	for s.nq > 0 && s.anyFree() {
		ci := e.popQueue(s)
		e.startService(s, ci, s.freeGroup(&e.cust[ci]))
	}
	for _, l := range s.pools {
		e.poolDispatch(&e.pools[l.pool])
	}
	if s.overtime && s.nq == 0 {
		e.endOvertime(s)
	}
}

// poolDispatch starts service for queued customers of pool p's stages
// while its members are free, choosing the stage by the pool's rule.
func (e *engine) poolDispatch(p *poolState) {
	for {
		j := e.poolNext(p)
		if j < 0 {
			break
		}
		s := &e.stages[p.cfg.Serves[j].Stage]
		e.startPool(s, e.popQueue(s), int(p.link[j]))
	}
	if p.overtime {
		e.poolEndOvertime(p)
	}
}

// poolNext is the index in p's Serves of the stage whose customer a free
// member of p serves next, or -1 when nobody is free or nobody waits that
// the reserves let p take.
func (e *engine) poolNext(p *poolState) int {
	free := p.capacity() - p.busy
	if free <= 0 {
		return -1
	}
	best, bestT := -1, 0.0
	for j := range p.cfg.Serves {
		s := &e.stages[p.cfg.Serves[j].Stage]
		if s.nq == 0 || free <= p.reserveOther[j] {
			continue
		}
		if p.cfg.Rule == PoolPriority {
			return j
		}
		// Longest waiting: the stage whose next customer joined first
		// (earlier stages win ties).
		if t := e.cust[e.peekQueue(s)].joined; best < 0 || t < bestT {
			best, bestT = j, t
		}
	}
	return best
}

// peekQueue returns the customer popQueue would return, leaving it
// queued; stale entries at the heads are dropped on the way.
func (e *engine) peekQueue(s *stageState) int32 {
	for l := range s.levels {
		q := &s.levels[l]
		for q.head < len(q.buf) {
			x := q.buf[q.head]
			if e.cust[x.c].token == x.token {
				return x.c
			}
			q.pop()
		}
	}
	panic("sim: queue count and contents disagree")
}

// startPool starts the service of customer ci at stage s by a member of
// the stage's li-th pool.
func (e *engine) startPool(s *stageState, ci int32, li int) {
	c := &e.cust[ci]
	l := s.pools[li]
	p := &e.pools[l.pool]
	c.token++ // cancels the patience timer
	c.group = int16(-1 - li)
	if c.where == inQueue {
		e.addQueue(s, c.joined)
	}
	c.where = inService
	if p.busy >= p.capacity() {
		e.addPoolStaff(p)
	}
	p.busy++
	if e.sat != nil {
		e.touch(c, ci, e.now-c.joined)
		if q := e.sat.cfg.Quality; q != nil && q.Stage == int(c.stage) && !c.complaint {
			e.ext[ci].qgroup = -1 // no group's quality: the pool's is the stage's
		}
	}
	if c.counted {
		e.countServed(s, c)
	}
	d := e.sample(e.serviceDist(s, c), c, purposeService, c.step, 0) / p.cfg.Serves[l.serve].Speed
	c.svc = float32(d)
	e.addPoolBusy(p, int(l.serve), d)
	if c.isAppt && c.counted {
		s.book.stats.Started++
		s.book.stats.OnSiteSum += e.now - c.joined
	}
	if c.reworking != 0 && c.counted {
		// Rework visits count; their time is the pool's (ReworkBusy is
		// a share of the stage's own staff time).
		s.stats.ReworkVisits++
	}
	e.fel.push(e.now+d, evDeparture, ci, c.token)
}

// poolDone counts the completion of customer c's service at stage s by a
// pool member and returns the pool. The member is freed (poolFree) only
// after the customer has moved on: if the customer's next stage found
// the member free, it would take them ahead of the customers already
// waiting at the pool's other stages.
func (e *engine) poolDone(s *stageState, c *customer) *poolState {
	l := s.pools[-1-int(c.group)]
	p := &e.pools[l.pool]
	if c.counted {
		p.stats.Stages[l.serve].Completed++
	}
	return p
}

// poolFree frees a member of pool p who finished a service now.
func (e *engine) poolFree(p *poolState) {
	if p.busy > p.capacity() {
		e.addPoolStaff(p)
	}
	p.busy--
}

// reworkProb is the chance that customer c, served at stage s, comes back.
func (e *engine) reworkProb(s *stageState, c *customer) float64 {
	if c.group >= 0 {
		return s.cfg.reworkProb(int(c.group))
	}
	l := s.pools[-1-int(c.group)]
	return e.pools[l.pool].cfg.Serves[l.serve].reworkProb(s.cfg)
}

// countRework counts the rework of counted customer c at stage s against
// the group or pool that served it.
func (e *engine) countRework(s *stageState, c *customer) {
	s.stats.Reworks++
	if c.group >= 0 {
		s.stats.Groups[c.group].Reworks++
		return
	}
	l := s.pools[-1-int(c.group)]
	e.pools[l.pool].stats.Stages[l.serve].Reworks++
}

// closePools holds the members of each pool present at closing when a
// stage it serves keeps its staff on (Serve) and has customers waiting.
func (e *engine) closePools() {
	for pi := range e.pools {
		p := &e.pools[pi]
		for _, ps := range p.cfg.Serves {
			if s := &e.stages[ps.Stage]; s.cfg.AtClose == Serve && s.nq > 0 {
				e.addPoolStaff(p)
				p.setFloor(p.present())
				p.overtime = true
				break
			}
		}
	}
}

// holdPool serves customer ci, who reached stage s (with no staff of its
// own) after closing with nobody on duty, by a member of its first pool
// kept on.
func (e *engine) holdPool(s *stageState, ci int32) {
	p := &e.pools[s.pools[0].pool]
	e.addPoolStaff(p)
	p.setFloor(max(p.floor, 1))
	p.overtime = true
	s.overtime = true
	e.startPool(s, ci, 0)
}

// poolEndOvertime ends the holding of pool p's staff once no stage it
// serves that holds staff has anyone waiting; held staff go home as they
// finish.
func (e *engine) poolEndOvertime(p *poolState) {
	for _, ps := range p.cfg.Serves {
		if s := &e.stages[ps.Stage]; s.overtime && s.nq > 0 {
			return
		}
	}
	e.addPoolStaff(p)
	p.setFloor(0)
	p.overtime = false
	for _, ps := range p.cfg.Serves {
		if s := &e.stages[ps.Stage]; s.overtime {
			e.endOvertime(s)
		}
	}
}

// addPoolStaff brings pool p's staff integrals up to now (see addStaff).
func (e *engine) addPoolStaff(p *poolState) {
	from, to := e.measured(p.staffT, e.now)
	p.staffT = e.now
	pr, sched := p.present(), p.sched
	if to <= from || pr == 0 {
		return
	}
	st := &p.stats
	for from < to {
		k, _, end := e.cellAt(from)
		t := min(to, end)
		dt := t - from
		w := k / e.nInt
		fp := float64(pr) * dt
		st.Present += fp
		st.PresentByWeekday[w] += fp
		iv := &st.Intervals[k]
		iv.PresentArea += fp
		iv.ScheduledArea += float64(sched) * dt
		if pr > sched {
			ot := float64(pr-sched) * dt
			st.Overtime += ot
			st.OvertimeByWeekday[w] += ot
		}
		from = t
	}
}

// addPoolBusy adds a service of d minutes starting now by a member of pool
// p at its j-th stage.
func (e *engine) addPoolBusy(p *poolState, j int, d float64) {
	from, to := e.measured(e.now, e.now+d)
	if to <= from {
		return
	}
	st := &p.stats
	st.Busy += to - from
	st.Stages[j].Busy += to - from
	for from < to {
		k, _, end := e.cellAt(from)
		t := min(to, end)
		st.Intervals[k].BusyArea += t - from
		from = t
	}
}

// finishPools closes pool books at the end of the run.
func (e *engine) finishPools() {
	if len(e.pools) == 0 {
		return
	}
	e.rep.Pools = make([]PoolStats, len(e.pools))
	for pi := range e.pools {
		p := &e.pools[pi]
		e.addPoolStaff(p)
		for from, to := e.warmup, e.end; from < to; {
			k, _, end := e.cellAt(from)
			t := min(to, end)
			p.stats.Intervals[k].Duration += t - from
			from = t
		}
		e.rep.Pools[pi] = p.stats
	}
}
