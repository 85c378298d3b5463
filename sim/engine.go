package sim

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	hdrhistogram "github.com/HdrHistogram/hdrhistogram-go"
)

// customer is a customer in the system, kept in the engine's slab and
// reused after the customer leaves.
type customer struct {
	key      uint64  // root of the customer's own random streams
	arrived  float64 // first arrival (journey start)
	joined   float64 // time the customer reached the current stage
	channel  int16
	class    int16
	level    int16 // queue priority level (0 = served first)
	group    int16 // staff group serving the customer
	pos      int32 // position on the channel's route
	stage    int32 // stage of the current visit
	step     int32 // stage visits begun so far: tags the random draws
	token    uint32
	next     int32 // free-list link
	counted  bool  // current stage visit is measured (reached after warm-up)
	measured bool  // journey is measured (started after warm-up)
	retry    bool  // the next arrival at a stage is a retry
	where    uint8
	isAppt   bool // at the stage for an appointment
	// complaint is set on the complaint-handling visit after an incident.
	complaint bool
	// reworking is stage+1 of the failed fix the customer is looping
	// back for; 0: none.
	reworking int16
	// svc is the current service's duration (min), for the handling
	// time; float32 keeps the record in one cache line.
	svc float32
}

// custExt holds what the satisfaction model and appointment books need
// to know about a customer, kept apart so that the hot customer record
// stays one cache line.
type custExt struct {
	visited       uint32 // wait touchpoints passed (bit set)
	qgroup        int32  // group that served at the quality stage, or -1
	incident      int32  // incident type, or -1
	incidentT     float64
	appt          float64 // appointment time
	lead          float64 // booking to appointment (minutes)
	failedFix     bool
	apptCounted   bool // the booking was made after the warm-up
	complaintDone bool
	recovered     bool
}

// where a customer is, for the end-of-run census.
const (
	inTransit uint8 = iota // delayed before a stage or waiting to retry
	inQueue
	inService
)

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

type groupState struct {
	speed float64
	sched int // headcount on the schedule now
	floor int // staff held back at closing to empty the queue
	busy  int
	segs  *[7][]Segment
}

func (g *groupState) capacity() int { return max(g.sched, g.floor) }
func (g *groupState) present() int  { return max(g.busy, g.sched, g.floor) }

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
	lastT       float64
	ivK         int     // cell (weekday*nInt + interval) containing lastT
	ivEnd       float64 // absolute end of that interval
	stats       StageStats
	waits       *hdrhistogram.Histogram
}

type arrivalGen struct {
	rates   [7][]Segment // clipped to the opening hours
	rng     *rand.Rand
	count   uint64
	key     uint64
	need    float64 // unit-rate time left before the next arrival
	pending bool    // the next arrival falls on a later day
}

// engine runs one replication. It is used by one goroutine only.
type engine struct {
	m        *Model
	ctx      context.Context
	now      float64
	end      float64
	warmup   float64
	interval float64
	nInt     int      // reporting intervals per day
	open     [][]bool // per stage: is each (weekday, interval) cell open
	heap     eventHeap
	cust     []customer
	free     int32
	stages   []stageState
	arrivals []arrivalGen
	levelOf  []int32 // class -> priority level
	classCum []float64
	pcg      rand.PCG
	src      rand.Source // &pcg, converted once
	rep      Replication
	journey  *hdrhistogram.Histogram
	events   int64
	ext      []custExt // parallel to cust when a model needs it
	mult     float64   // demand multiplier of the current day
	sat      *satState // nil without a satisfaction model
	maxCust  int       // bound on customers in the system at once
	full     bool      // an arrival found the system at maxCust
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
	e.src = &e.pcg
	root := repKey(seed, rep)

	// Classes: cumulative shares and priority levels (highest priority first).
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

	e.nInt = m.NumIntervals()
	e.open = m.openMask()
	e.stages = make([]stageState, len(m.Stages))
	for i := range m.Stages {
		s := &e.stages[i]
		s.cfg = &m.Stages[i]
		s.index = i
		s.levels = make([]fifo, len(prios))
		if s.cfg.Book != nil {
			s.levels = make([]fifo, 2*len(prios))
			s.book = newBookState(m, s.cfg)
		}
		s.waits = newHist()
		s.stats.Intervals = make([]IntervalStats, 7*e.nInt)
		s.stats.Groups = make([]GroupStats, len(s.cfg.Groups))
		s.stats.WithinTargets = make([]int64, len(s.cfg.Targets))
		s.stats.ByChannel, s.stats.ByClass = newWaitStats(len(m.Channels)), newWaitStats(len(m.Classes))
		s.lastT = e.warmup
		e.locate(s)
		for gi := range s.cfg.Groups {
			g := &s.cfg.Groups[gi]
			s.groups = append(s.groups, groupState{speed: g.Speed, segs: &g.Staff})
			s.order = append(s.order, gi)
		}
		fix := func(g int) float64 { return 1 - s.cfg.reworkProb(g) }
		slices.SortStableFunc(s.order, func(a, b int) int {
			if s.cfg.Assign == AssignMostSkilled {
				if c := cmp.Compare(fix(b), fix(a)); c != 0 {
					return c
				}
			}
			return cmp.Compare(s.groups[b].speed, s.groups[a].speed)
		})
		if s.cfg.Assign == AssignByClass {
			for _, pref := range s.cfg.ClassGroups {
				o := append([]int(nil), pref...)
				for _, g := range s.order {
					if !slices.Contains(o, g) {
						o = append(o, g)
					}
				}
				s.classOrder = append(s.classOrder, o)
			}
		}
		for gi := range s.groups {
			e.heap.push(event{t: 0, kind: evStaff, a: int32(i), b: int32(gi)})
		}
	}

	e.arrivals = make([]arrivalGen, len(m.Channels))
	for ci := range m.Channels {
		g := &e.arrivals[ci]
		k := hashSeed(root, purposeArrival, uint64(ci))
		g.rng = rand.New(rand.NewPCG(k, mix64(k)))
		g.key = hashSeed(root, purposeCustomer, uint64(ci))
		for d := range 7 {
			g.rates[d] = clip(m.Channels[ci].Rates[d], m.Open[d])
		}
		if len(m.Trace) == 0 {
			g.need = g.rng.ExpFloat64()
			e.scheduleArrival(ci, 0)
		}
	}
	if len(m.Trace) > 0 && m.Trace[0].T < e.end {
		e.heap.push(event{t: m.Trace[0].T, kind: evTrace})
	}
	e.dayBegins(0)
	if e.sat != nil || slices.ContainsFunc(m.Stages, func(s Stage) bool { return s.Book != nil }) {
		e.ext = make([]custExt, 0, 64)
	}
	e.scheduleClose(0)
	return e
}

// clip restricts segs to the window w.
func clip(segs []Segment, w Window) []Segment {
	var out []Segment
	if w.Closed() {
		return nil
	}
	for _, s := range segs {
		f, t := max(s.From, w.From), min(s.To, w.To)
		if t > f && s.Value > 0 {
			out = append(out, Segment{From: f, To: t, Value: s.Value})
		}
	}
	return out
}

func (e *engine) weekday(day int) int { return (int(e.m.StartDay) + day) % 7 }

// scheduleArrival schedules channel ci's next arrival, spending the
// unit-rate time g.need from t onwards through day(t)'s rates times the
// day's demand multiplier. Arrivals are a non-homogeneous Poisson process
// with piecewise-constant rate, generated by inverting the cumulative rate
// (Cinlar 1975, ch. 4): exact at segment boundaries. If the day ends first,
// the rest of g.need is spent from the next midnight, when the next day's
// multiplier is known.
func (e *engine) scheduleArrival(ci int, t float64) {
	g := &e.arrivals[ci]
	day := int(t / MinutesPerDay)
	tod := t - float64(day)*MinutesPerDay
	for _, s := range g.rates[e.weekday(day)] {
		if s.To <= tod {
			continue
		}
		from := max(s.From, tod)
		rate := s.Value * e.mult
		if avail := (s.To - from) * rate; g.need > avail {
			g.need -= avail
			continue
		}
		e.heap.push(event{t: float64(day)*MinutesPerDay + from + g.need/rate, kind: evArrival, a: int32(ci)})
		return
	}
	g.pending = true
}

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
		e.heap.push(event{t: t + MinutesPerDay, kind: evMidnight, a: int32(d + 1)})
	}
}

func (e *engine) scheduleClose(fromDay int) {
	for d := fromDay; d < e.m.Days; d++ {
		w := e.m.Open[e.weekday(d)]
		if !w.Closed() {
			e.heap.push(event{t: float64(d)*MinutesPerDay + w.To, kind: evClose, a: int32(d)})
			return
		}
	}
}

// seed points the engine's scratch generator at the stream of customer c
// for a purpose and two further tags, and returns it.
func (e *engine) seed(c *customer, purpose uint64, a, b int32) rand.Source {
	k := mix64(c.key ^ mix64(purpose<<40|uint64(uint32(a))<<20|uint64(uint32(b))))
	e.pcg.Seed(k, mix64(^k))
	return e.src
}

func (e *engine) uniform(c *customer, purpose uint64, a, b int32) float64 {
	return float64(e.seed(c, purpose, a, b).Uint64()>>11) * 0x1p-53
}

func (e *engine) newCustomer() int32 {
	if e.free >= 0 {
		i := e.free
		e.free = e.cust[i].next
		return i
	}
	e.cust = append(e.cust, customer{})
	if e.ext != nil {
		e.ext = append(e.ext, custExt{})
	}
	if e.sat != nil {
		for range e.sat.cfg.Waits {
			e.sat.tw = append(e.sat.tw, 0)
		}
	}
	return int32(len(e.cust) - 1)
}

func (e *engine) release(ci int32) {
	c := &e.cust[ci]
	tok := c.token + 1
	*c = customer{token: tok, next: e.free}
	e.free = ci
}

// run processes events until the end of the last day.
func (e *engine) run() error {
	for e.heap.len() > 0 {
		ev := e.heap.pop()
		if ev.t > e.end {
			break
		}
		if !(ev.t >= e.now) { // the clock never goes back (NaN included)
			return fmt.Errorf("sim: model %q, replication %d: internal error: an event at %g min comes after the clock reached %g", e.m.Name, e.rep.Index, ev.t, e.now)
		}
		e.now = ev.t
		e.events++
		if e.events&(1<<16-1) == 0 && e.ctx != nil {
			if err := e.ctx.Err(); err != nil {
				return err
			}
		}
		switch ev.kind {
		case evArrival:
			e.arrive(int(ev.a))
		case evDeparture:
			e.depart(ev.a)
		case evAbandon:
			if e.cust[ev.a].token == ev.token {
				e.abandon(ev.a)
			}
		case evJoin:
			if e.cust[ev.a].token == ev.token {
				e.join(ev.a)
			}
		case evEnter:
			if e.cust[ev.a].token == ev.token {
				e.visit(ev.a)
			}
		case evStaff:
			e.staffChange(int(ev.a), int(ev.b))
		case evClose:
			e.close(int(ev.a))
		case evMidnight:
			e.dayBegins(int(ev.a))
		case evTrace:
			e.replay(int(ev.a))
		case evAppointment:
			if e.cust[ev.a].token == ev.token {
				e.appointment(ev.a)
			}
		}
		if e.full {
			return &CapacityError{Model: e.m.Name, Rep: e.rep.Index, Limit: e.maxCust, At: e.now}
		}
	}
	e.finish()
	return nil
}

func (e *engine) arrive(ch int) {
	g := &e.arrivals[ch]
	g.need = g.rng.ExpFloat64()
	e.scheduleArrival(ch, e.now)
	e.newArrival(ch, -1)
}

// replay brings in arrival i of the model's trace and schedules the next.
func (e *engine) replay(i int) {
	a := e.m.Trace[i]
	if i+1 < len(e.m.Trace) && e.m.Trace[i+1].T < e.end {
		e.heap.push(event{t: e.m.Trace[i+1].T, kind: evTrace, a: int32(i + 1)})
	}
	e.newArrival(a.Channel, a.Class)
}

// newArrival starts the journey of a new customer of channel ch and class
// class (-1: drawn from the class shares).
func (e *engine) newArrival(ch, class int) {
	g := &e.arrivals[ch]
	if e.free < 0 && len(e.cust) >= e.maxCust {
		e.full = true
		return
	}
	ci := e.newCustomer()
	c := &e.cust[ci]
	c.key = hashSeed(g.key, g.count)
	g.count++
	c.arrived = e.now
	c.channel = int16(ch)
	c.measured = e.now >= e.warmup
	if class >= 0 {
		c.class = int16(class)
	} else if len(e.classCum) > 1 {
		u := e.uniform(c, purposeClass, 0, 0)
		k, _ := slices.BinarySearch(e.classCum, u)
		c.class = int16(min(k, len(e.classCum)-1))
	}
	c.level = int16(e.levelOf[c.class])
	if e.ext != nil {
		e.ext[ci] = custExt{qgroup: -1, incident: -1}
	}
	if e.sat != nil {
		nw := len(e.sat.cfg.Waits)
		clear(e.sat.tw[int(ci)*nw : int(ci+1)*nw])
		e.sat.stats.Days[int(e.now/MinutesPerDay)].Arrivals++
	}
	if c.measured {
		e.rep.Journey.Started++
	}
	c.pos = -1
	e.advance(ci)
}

// advance moves customer ci to the next step of its route that it takes,
// or ends its journey.
func (e *engine) advance(ci int32) {
	c := &e.cust[ci]
	route := e.m.Channels[c.channel].Route
	for c.pos++; int(c.pos) < len(route); c.pos++ {
		st := route[c.pos]
		if st.Prob >= 1 || e.uniform(c, purposeRoute, c.step, c.pos) < st.Prob {
			e.visit(ci)
			return
		}
	}
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
		j.TimeMax = max(j.TimeMax, d)
		record(e.journey, d)
	}
	e.release(ci)
}

// visit starts a visit to the stage at the customer's route position:
// by appointment or by joining its queue.
func (e *engine) visit(ci int32) {
	c := &e.cust[ci]
	if e.m.Channels[c.channel].Route[c.pos].ByAppointment {
		e.book(ci)
		return
	}
	e.enter(ci)
}

// enter starts a visit to the stage at the customer's route position: at
// once, or after the stage's delay.
func (e *engine) enter(ci int32) {
	c := &e.cust[ci]
	c.step++
	c.stage = int32(e.m.Channels[c.channel].Route[c.pos].Stage)
	s := e.stageOf(c)
	c.where = inTransit
	if s.cfg.Delay != nil {
		d := s.cfg.Delay.Rand(e.seed(c, purposeDelay, c.step, 0))
		e.heap.push(event{t: e.now + d, kind: evJoin, a: ci, token: c.token})
		return
	}
	e.join(ci)
}

// extOf returns customer ci's extension, or nil when the model needs none.
func (e *engine) extOf(ci int32) *custExt {
	if e.ext == nil {
		return nil
	}
	return &e.ext[ci]
}

func (e *engine) stageOf(c *customer) *stageState {
	return &e.stages[c.stage]
}

// join makes customer ci reach its current stage now.
func (e *engine) join(ci int32) {
	c := &e.cust[ci]
	s := e.stageOf(c)
	e.accumulate(s)
	c.joined = e.now
	c.counted = e.now >= e.warmup
	if c.counted {
		s.stats.Arrived++
		if c.retry {
			s.stats.Retries++
		}
		e.intervalOf(s, e.now).Arrived++
		s.tally(c, outArrived, 0)
	}
	c.retry = false
	if s.nq == 0 {
		if g := s.freeGroup(c); g >= 0 {
			e.startService(s, ci, g)
			return
		}
		if e.now < s.closedUntil && s.capacity() == 0 {
			switch s.cfg.AtClose {
			case Serve:
				// Closed, but the customer is already in the process
				// (finishing an earlier stage): a member of the fastest
				// group stays on.
				g := s.order[0]
				s.groups[g].floor = 1
				s.overtime = true
				e.startService(s, ci, g)
				return
			case SendAway:
				if c.counted {
					s.stats.SentAway++
					e.intervalOf(s, e.now).Left++
					s.tally(c, outSentAway, 0)
				}
				e.lose(ci, lostSentAway)
				return
			}
		}
	}
	if s.cfg.BalkAt > 0 && s.nq >= s.cfg.BalkAt {
		if c.counted {
			s.stats.Balked++
			e.intervalOf(s, e.now).Left++
			s.tally(c, outBalked, 0)
		}
		e.giveUp(s, ci)
		return
	}
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
		p := s.cfg.Patience.Rand(e.seed(c, purposePatience, c.step, 0))
		e.heap.push(event{t: e.now + p, kind: evAbandon, a: ci, token: c.token})
	}
}

// capacity is the number of staff who may serve now.
func (s *stageState) capacity() int {
	n := 0
	for i := range s.groups {
		n += s.groups[i].capacity()
	}
	return n
}

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

// intervalOf is stage s's statistics cell for time t: the weekday and
// time-of-day interval t falls in.
func (e *engine) intervalOf(s *stageState, t float64) *IntervalStats {
	return &s.stats.Intervals[e.cell(t)]
}

// cell is the index in StageStats.Intervals of the weekday and
// time-of-day interval containing time t.
func (e *engine) cell(t float64) int {
	k, _ := e.intervalAt(t)
	return e.weekday(int(math.Floor(t/MinutesPerDay)))*e.nInt + k
}

func (e *engine) startService(s *stageState, ci int32, g int) {
	c := &e.cust[ci]
	c.token++ // cancels the patience timer
	c.where = inService
	c.group = int16(g)
	s.groups[g].busy++
	if e.sat != nil {
		e.touch(c, ci, e.now-c.joined)
		if q := e.sat.cfg.Quality; q != nil && q.Stage == int(c.stage) && !c.complaint {
			e.ext[ci].qgroup = int32(g)
		}
	}
	if c.counted {
		w := e.now - c.joined
		st := &s.stats
		st.Served++
		st.WaitSum += w
		st.WaitSumSq += w * w
		st.WaitMax = max(st.WaitMax, w)
		record(s.waits, w)
		iv := e.intervalOf(s, c.joined)
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
		s.tally(c, outServed, w)
	}
	d := e.serviceDist(s, c).Rand(e.seed(c, purposeService, c.step, 0)) / s.groups[g].speed
	c.svc = float32(d)
	if c.isAppt && c.counted {
		s.book.stats.Started++
		s.book.stats.OnSiteSum += e.now - c.joined
	}
	if c.reworking != 0 && c.counted {
		s.stats.ReworkVisits++
		s.stats.ReworkBusy += d
	}
	e.heap.push(event{t: e.now + d, kind: evDeparture, a: ci, token: c.token})
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
	e.accumulate(s)
	g := int(c.group)
	s.groups[g].busy--
	if c.counted {
		s.stats.Completed++
		s.stats.Groups[g].Completed++
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
	e.dispatch(s)
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
	if p := s.cfg.reworkProb(int(c.group)); p > 0 && e.uniform(c, purposeRework, c.step, 0) < p {
		if c.counted {
			s.stats.Reworks++
			s.stats.Groups[c.group].Reworks++
		}
		c.reworking = int16(c.stage + 1)
		if e.sat != nil && e.sat.cfg.Quality != nil && e.sat.cfg.Quality.Stage == int(c.stage) {
			e.ext[ci].failedFix = true
		}
		route := e.m.Channels[c.channel].Route
		for p := c.pos; p >= 0; p-- {
			if route[p].Stage == rw.To {
				c.pos = p
				break
			}
		}
		c.where = inTransit
		if rw.Delay != nil {
			d := rw.Delay.Rand(e.seed(c, purposeRework, c.step, 1))
			c.token++
			e.heap.push(event{t: e.now + d, kind: evEnter, a: ci, token: c.token})
			return
		}
		e.visit(ci)
		return
	}
	e.advance(ci)
}

// dispatch starts service for queued customers while staff are free.
func (e *engine) dispatch(s *stageState) {
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
		// The queue left at closing is empty: held staff go home as they
		// finish.
		s.overtime = false
		for i := range s.groups {
			s.groups[i].floor = 0
		}
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

func (e *engine) abandon(ci int32) {
	c := &e.cust[ci]
	s := e.stageOf(c)
	e.accumulate(s)
	c.token++ // the queue entry goes stale
	s.nq--
	if e.sat != nil {
		e.touch(c, ci, e.now-c.joined)
	}
	if c.counted {
		s.stats.Abandoned++
		s.stats.AbandonWaitSum += e.now - c.joined
		e.intervalOf(s, c.joined).Abandoned++
		s.tally(c, outAbandoned, e.now-c.joined)
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
		d := r.Delay.Rand(e.seed(c, purposeRetry, c.step, 1))
		c.step++
		c.token++
		c.where = inTransit
		e.heap.push(event{t: e.now + d, kind: evJoin, a: ci, token: c.token})
		c.retry = true
		return
	}
	e.lose(ci, lostGaveUp)
}

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

// staffChange applies stage si's group gi schedule at the current time and
// schedules the next change.
func (e *engine) staffChange(si, gi int) {
	s := &e.stages[si]
	e.accumulate(s)
	g := &s.groups[gi]
	day := int(e.now / MinutesPerDay)
	tod := e.now - float64(day)*MinutesPerDay
	segs := g.segs[e.weekday(day)]
	g.sched = int(valueAt(segs, tod))
	next := MinutesPerDay - tod
	for _, sg := range segs {
		if sg.From > tod {
			next = sg.From - tod
			break
		}
		if sg.To > tod {
			next = sg.To - tod
			break
		}
	}
	if t := e.now + next; t < e.end {
		e.heap.push(event{t: t, kind: evStaff, a: int32(si), b: int32(gi)})
	}
	e.dispatch(s)
}

// close applies each stage's closing policy at the end of day d's opening
// hours.
func (e *engine) close(day int) {
	for i := range e.stages {
		s := &e.stages[i]
		s.closedUntil = float64(day+1) * MinutesPerDay
		if s.nq == 0 {
			continue
		}
		e.accumulate(s)
		switch s.cfg.AtClose {
		case Serve:
			s.overtime = true
			for gi := range s.groups {
				g := &s.groups[gi]
				g.floor = g.present()
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
					if c.counted {
						s.stats.SentAway++
						e.intervalOf(s, c.joined).Left++
						s.stats.SentAwayWait += e.now - c.joined
						s.tally(c, outSentAway, e.now-c.joined)
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

// accumulate brings stage s's time integrals up to now, splitting them at
// interval boundaries (and so at midnight, where the weekday changes).
func (e *engine) accumulate(s *stageState) {
	t := min(e.now, e.end)
	if t <= s.lastT {
		return
	}
	if t < s.ivEnd { // the common case: still inside one interval
		e.integrate(s, s.ivK, t-s.lastT)
		s.lastT = t
		return
	}
	for from := s.lastT; from < t; {
		k, end := e.intervalAt(from)
		to := min(t, end)
		e.integrate(s, e.weekday(int(math.Floor(from/MinutesPerDay)))*e.nInt+k, to-from)
		from = to
	}
	s.lastT = t
	e.locate(s)
}

// integrate adds dt minutes of stage s's current state to its totals, its
// groups' totals and the statistics cell c.
func (e *engine) integrate(s *stageState, c int, dt float64) {
	w := c / e.nInt
	busy, present, sched := 0, 0, 0
	st := &s.stats
	for i := range s.groups {
		g := &s.groups[i]
		gp := g.present()
		busy += g.busy
		present += gp
		sched += g.sched
		gs := &st.Groups[i]
		gs.Present += float64(gp) * dt
		gs.Busy += float64(g.busy) * dt
		gs.PresentByWeekday[w] += float64(gp) * dt
		if gp > g.sched {
			ot := float64(gp-g.sched) * dt
			gs.Overtime += ot
			gs.OvertimeByWeekday[w] += ot
		}
	}
	q, b, p := float64(s.nq), float64(busy), float64(present)
	st.QueueArea += q * dt
	st.BusyArea += b * dt
	st.PresentArea += p * dt
	if present > sched {
		st.OvertimeArea += float64(present-sched) * dt
	}
	iv := &st.Intervals[c]
	iv.QueueArea += q * dt
	iv.BusyArea += b * dt
	iv.PresentArea += p * dt
	iv.ScheduledArea += float64(sched) * dt
	iv.Duration += dt
	if e.open[s.index][c] {
		st.OpenMinutes += dt
		st.OpenQueueArea += q * dt
	}
}

// locate finds the reporting cell containing s.lastT.
func (e *engine) locate(s *stageState) {
	k, end := e.intervalAt(s.lastT)
	s.ivK = e.weekday(int(math.Floor(s.lastT/MinutesPerDay)))*e.nInt + k
	s.ivEnd = end
}

// intervalAt returns the time-of-day interval containing time t and the
// time it ends. An interval that is not a binary fraction of a minute (20 s
// is a third) has ends that, computed as day + (k+1) × interval, can round
// back inside interval k; such a t belongs to the next interval, or time
// would stop advancing through the intervals.
func (e *engine) intervalAt(t float64) (int, float64) {
	day := math.Floor(t / MinutesPerDay)
	k := min(int((t-day*MinutesPerDay)/e.interval), e.nInt-1)
	end := day*MinutesPerDay + float64(k+1)*e.interval
	if end <= t && k+1 < e.nInt {
		k++
		end = day*MinutesPerDay + float64(k+1)*e.interval
	}
	return k, end
}

// finish closes the books at the end of the run: integrals up to the end,
// the census of customers still in the system, and the percentiles.
func (e *engine) finish() {
	e.now = e.end
	for i := range e.stages {
		e.accumulate(&e.stages[i])
	}
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
		if !c.counted {
			continue
		}
		s := e.stageOf(c)
		switch c.where {
		case inQueue:
			s.stats.InQueueEnd++
			s.tally(c, outWaiting, 0)
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
		s.stats.WaitP50 = quantile(s.waits, 50)
		s.stats.WaitP90 = quantile(s.waits, 90)
		s.stats.WaitP95 = quantile(s.waits, 95)
		s.stats.WaitP99 = quantile(s.waits, 99)
		if b := s.book; b != nil {
			b.stats.LeadP50 = quantile(b.lead, 50)
			b.stats.LeadP90 = quantile(b.lead, 90)
			b.stats.SlotsOffered = b.slotsOffered(e, e.warmup, e.end)
			s.stats.Book = &b.stats
		}
		e.rep.Stages[i] = s.stats
	}
	if e.sat != nil {
		e.sat.endDay(e.m.Days - 1)
		e.rep.Sat = &e.sat.stats
	}
	e.rep.Journey.TimeP50 = quantile(e.journey, 50)
	e.rep.Journey.TimeP90 = quantile(e.journey, 90)
}
