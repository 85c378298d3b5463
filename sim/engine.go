package sim

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
)

type stageState struct {
	cfg        *Stage
	index      int    // in Model.Stages
	levels     []fifo // one per priority level
	nq         int    // live customers queued
	groups     []groupState
	order      []int   // groups in order of preference (see AssignRule)
	classOrder [][]int // per class, for AssignByClass
	overtime   bool    // holding staff after closing to empty the queue
	// closedUntil is the end of the day on which the business last closed:
	// a customer who reaches the stage before it, with no staff on duty,
	// is served by staff kept on (Serve) or sent away (SendAway).
	closedUntil float64
	book        *bookState // nil without an appointment book
	// fast is set when the stage takes the specialised path (fast.go);
	// svcMean is then the mean of an exponential service time, or 0.
	fast    bool
	svcMean float64
	// split is set when the stage's outcomes are broken down by channel
	// or by class (see tally).
	split bool
	// pools are the pools that serve the stage; nil for most stages,
	// which then never reach pool_engine.go.
	pools []poolLink
	open  []bool // is each (weekday, interval) cell open
	stats StageStats
	waits *hist
}

// engine runs one replication. It is used by one goroutine only.
type engine struct {
	m        *Model
	ctx      context.Context
	now      float64
	end      float64
	warmup   float64
	interval float64
	nInt     int     // reporting intervals per day
	curK     int     // cell containing now (see setNow)
	nextK    []int32 // the cell after each cell
	curStart float64 // absolute start and end of that cell
	curEnd   float64
	// limit is min(curEnd, end): an event at or after it ends the run
	// or enters a new cell.
	limit    float64
	cells    recentCells // the cells before the current one
	fel      eventList
	routes   [][]Step // each channel's route
	cust     []customer
	free     int32
	stages   []stageState
	arrivals []arrivalGen
	levelOf  []int32 // class -> priority level
	classCum []float64
	st       stream      // the stream of the current draw (see seed)
	src      rand.Source // &st, converted once
	rnd      *rand.Rand  // around src, made once
	zig      *zigTables  // ExpFloat64's fast path (expdraw.go)
	// retry and slow, around it, give an arrival's draw that takes
	// ExpFloat64's slow path its first value again (arrivalDraw).
	retry   replay
	slow    *rand.Rand
	rep     Replication
	journey *hist
	events  int64
	ext     []custExt // parallel to cust when a model needs it
	mult    float64   // demand multiplier of the current day
	sat     *satState // nil without a satisfaction model
	maxCust int       // bound on customers in the system at once
	full    bool      // an arrival found the system at maxCust
	// onEvent, when set (by tests), is called with each event's time
	// before the event is handled.
	onEvent func(t float64)
	// pools are the shared pools' states (pool_engine.go); nil without.
	pools []poolState
}

func newEngine(m *Model, seed uint64, rep int) *engine {
	e := &engine{
		m:        m,
		end:      float64(m.Days) * MinutesPerDay,
		warmup:   m.Warmup,
		interval: m.Interval,
		free:     -1,
		journey:  newHist(),
		mult:     1,
		maxCust:  cmp.Or(m.MaxInSystem, DefaultMaxInSystem),
	}
	e.src = &e.st
	e.rnd = rand.New(e.src)
	e.zig = zig()
	e.slow = rand.New(&e.retry)
	e.setNow(0)
	levels := e.setClasses()
	for _, ch := range m.Channels {
		e.routes = append(e.routes, ch.Route)
	}
	e.nInt = m.NumIntervals()
	for k := range 7 * e.nInt {
		e.nextK = append(e.nextK, int32((k+1)%(7*e.nInt)))
	}
	open := m.openMask()
	e.stages = make([]stageState, len(m.Stages))
	for i := range m.Stages {
		e.initStage(i, levels)
		e.stages[i].open = open[i]
	}
	e.initPools()
	e.startArrivals(repKey(seed, rep))
	e.dayBegins(0)
	if e.sat != nil || slices.ContainsFunc(m.Stages, func(s Stage) bool { return s.Book != nil }) {
		e.ext = make([]custExt, 0, 64)
	}
	e.scheduleClose(0)
	return e
}

// setClasses sets the classes' cumulative shares and priority levels
// (highest priority first), and those of the satisfaction model's
// complaints, and returns the number of levels.
func (e *engine) setClasses() int {
	m := e.m
	classes := m.Classes
	if len(classes) == 0 {
		classes = []Class{{Name: "all", Share: 1}}
	}
	prios := make([]int, 0, len(classes))
	for _, c := range classes {
		prios = append(prios, c.Priority)
	}
	if m.Satisfaction != nil {
		for _, in := range m.Satisfaction.Incidents {
			prios = append(prios, in.Priority)
		}
	}
	slices.Sort(prios)
	prios = slices.Compact(prios)
	slices.Reverse(prios)
	cum := 0.0
	for _, c := range classes {
		cum += c.Share
		e.classCum = append(e.classCum, cum)
		e.levelOf = append(e.levelOf, int32(slices.Index(prios, c.Priority)))
	}
	if m.Satisfaction != nil {
		e.sat = newSatState(e, m.Satisfaction, len(m.Stages))
		for _, in := range m.Satisfaction.Incidents {
			e.sat.incLevel = append(e.sat.incLevel, int32(slices.Index(prios, in.Priority)))
		}
	}
	return len(prios)
}

// initStage sets up stage i's queues (one per priority level), statistics
// and staff groups, and schedules the groups' first staff change.
func (e *engine) initStage(i, levels int) {
	m := e.m
	s := &e.stages[i]
	s.cfg = &m.Stages[i]
	s.index = i
	s.levels = make([]fifo, levels)
	if s.cfg.Book != nil {
		s.levels = make([]fifo, 2*levels)
		s.book = newBookState(m, s.cfg)
	}
	s.waits = newHist()
	s.stats.Intervals = make([]IntervalStats, 7*e.nInt)
	s.stats.Groups = make([]GroupStats, len(s.cfg.Groups))
	s.stats.WithinTargets = make([]int64, len(s.cfg.Targets))
	s.stats.ByChannel, s.stats.ByClass = newWaitStats(len(m.Channels)), newWaitStats(len(m.Classes))
	s.split = s.stats.ByChannel != nil || s.stats.ByClass != nil
	s.initGroups()
	if s.fast = fastStage(m, s.cfg) && !m.Pooled(i); s.fast {
		if x, ok := s.cfg.Service.(Exponential); ok {
			s.svcMean = x.M
		}
	}
	for gi := range s.groups {
		e.fel.push(0, evStaff, int32(i), uint32(gi))
	}
}

func (e *engine) weekday(day int) int { return (int(e.m.StartDay) + day) % 7 }

// run processes events until the end of the last day.
func (e *engine) run() error {
	for {
		ev := e.fel.pop()
		if ev.t >= e.limit { // the run's end, or the next cell
			if ev.t > e.end {
				break
			}
			if ev.t >= e.curEnd {
				e.enterCell(ev.t)
			}
		}
		if !(ev.t >= e.now) { // the clock never goes back (NaN included)
			return fmt.Errorf("sim: model %q, replication %d: internal error: an event at %g min comes after the clock reached %g", e.m.Name, e.rep.Index, ev.t, e.now)
		}
		if e.onEvent != nil {
			e.onEvent(ev.t)
		}
		e.now = ev.t
		e.events++
		if e.events&(1<<16-1) == 0 && e.ctx != nil {
			if err := e.ctx.Err(); err != nil {
				return err
			}
		}
		switch ev.kind() {
		case evArrival:
			e.arrive(int(ev.a))
			if e.full {
				return e.capacityError()
			}
		case evDepartFast:
			e.departFast(ev.a)
		case evDeparture:
			e.depart(ev.a)
		case evAbandon:
			if e.cust[ev.a].token == ev.x {
				e.abandon(ev.a)
			}
		case evJoin:
			if e.cust[ev.a].token == ev.x {
				e.join(ev.a)
			}
		case evEnter:
			if e.cust[ev.a].token == ev.x {
				e.visit(ev.a)
			}
		case evStaff:
			if ev.a < 0 {
				e.poolStaffChange(int(-1 - ev.a))
				break
			}
			e.staffChange(int(ev.a), int(ev.x))
		case evClose:
			e.close(int(ev.a))
		case evMidnight:
			e.dayBegins(int(ev.a))
		case evTrace:
			e.replay(int(ev.a))
			if e.full {
				return e.capacityError()
			}
		case evAppointment:
			if e.cust[ev.a].token == ev.x {
				e.appointment(ev.a)
			}
		}
	}
	e.finish()
	return nil
}

// capacityError is the error of an arrival that found the system full.
func (e *engine) capacityError() error {
	return &CapacityError{Model: e.m.Name, Rep: e.rep.Index, Limit: e.maxCust, At: e.now}
}
