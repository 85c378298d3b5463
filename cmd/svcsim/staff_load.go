package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/erlang"
	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/sim"
)

// The offered load of each stage, worked out from the scenario itself (not
// from simulated arrivals, which carry sampling noise): the queueing-theory
// requirement 'svcsim staff' starts from and shows beside its answer.
//
// Load lives on a grid of the simulated days × the time-of-day intervals,
// each cell holding the expected number of customers reaching a stage in
// it. A channel's cell is the exact integral of its rate over the interval,
// restricted to the opening hours (arrivals happen only while open), or
// the count of its trace arrivals there. Walking the route, a step visited
// with probability p takes p of the customers reaching it; the rest pass
// straight on. The approximations, all retry-free:
//   - Customers are never lost before a stage (no abandonment, balking or
//     sending away upstream), so the load is what the stage is offered if
//     every earlier stage keeps up: an upper bound.
//   - Call-backs (retries) are left out: they depend on the staffing.
//   - Service upstream and a stage's delay shift the load later by their
//     means: exact for a fixed delay (a follow-up due 1d later); for a
//     random one the load is not spread out as the delay's spread would
//     spread it. Waits upstream are ignored.
//     A shift of a fraction of an interval splits a cell's load between
//     two cells, exact when the rates are constant within intervals.
//   - Appointments spread their visits over the stage's staffed time in
//     proportion to its headcount (a slot's capacity is the staff on
//     duty), ignoring lead times and no-shows.
//   - Rework at a stage multiplies its visits by 1/(1-p); rework sent to
//     another stage adds there, without repeating the stages between.
//   - The demand effect of reputation is left out.

// stageLoad is the offered load of one stage on the day × interval grid.
type stageLoad struct {
	visits []float64 // expected customers reaching the stage in the cell
	work   []float64 // their expected service time at speed 1 (minutes)
}

// loadGrid is the geometry of the grid: cell d*nInt+k is interval k of
// simulated day d.
type loadGrid struct {
	m    *sim.Model
	nInt int
}

func (g loadGrid) cells() int { return g.m.Days * g.nInt }

func (g loadGrid) weekday(d int) int { return (int(g.m.StartDay) + d) % 7 }

// counted reports whether day d is after the warm-up, so that it enters
// the statistics the targets are checked on.
func (g loadGrid) counted(d int) bool { return float64(d+1)*sim.MinutesPerDay > g.m.Warmup }

// shift moves the load in v later by dt minutes; load shifted past the
// last simulated day is dropped, as the simulation drops it.
func (g loadGrid) shift(v []float64, dt float64) []float64 {
	if !(dt > 0) {
		return v
	}
	q := int(dt / g.m.Interval)
	r := dt/g.m.Interval - float64(q)
	out := make([]float64, len(v))
	for i, x := range v {
		if x == 0 {
			continue
		}
		if j := i + q; j < len(out) {
			out[j] += x * (1 - r)
		}
		if j := i + q + 1; j < len(out) && r > 0 {
			out[j] += x * r
		}
	}
	return out
}

// staffedCapacity is the stage's staff on duty per cell (staff-minutes).
func (g loadGrid) staffedCapacity(s *sim.Stage) []float64 {
	out := make([]float64, g.cells())
	for d := range g.m.Days {
		wd := g.weekday(d)
		for k := range g.nInt {
			from, to := float64(k)*g.m.Interval, float64(k+1)*g.m.Interval
			for _, gr := range s.Groups {
				out[d*g.nInt+k] += integrate(gr.Staff[wd], from, to, sim.Window{From: 0, To: sim.MinutesPerDay})
			}
		}
	}
	return out
}

// integrate is the integral of the piecewise-constant segs over [from, to)
// within the window w.
func integrate(segs []sim.Segment, from, to float64, w sim.Window) float64 {
	if w.Closed() {
		return 0
	}
	from, to = max(from, w.From), min(to, w.To)
	sum := 0.0
	for _, s := range segs {
		if a, b := max(s.From, from), min(s.To, to); b > a {
			sum += s.Value * (b - a)
		}
	}
	return sum
}

// channelArrivals is the expected number of channel ci's arrivals per
// cell.
func (g loadGrid) channelArrivals(ci int) []float64 {
	out := make([]float64, g.cells())
	if len(g.m.Trace) > 0 {
		for _, a := range g.m.Trace {
			if a.Channel == ci {
				if i := int(a.T / g.m.Interval); i >= 0 && i < len(out) {
					out[i]++
				}
			}
		}
		return out
	}
	c := &g.m.Channels[ci]
	for d := range g.m.Days {
		wd := g.weekday(d)
		for k := range g.nInt {
			out[d*g.nInt+k] = integrate(c.Rates[wd], float64(k)*g.m.Interval, float64(k+1)*g.m.Interval, g.m.Open[wd])
		}
	}
	return out
}

// meanService is the mean service time (speed 1) at stage s for a
// customer of channel ci, over the class shares.
func meanService(m *sim.Model, s *sim.Stage, ci int) float64 {
	classes := m.Classes
	if len(classes) == 0 {
		classes = []sim.Class{{Share: 1}}
	}
	sum := 0.0
	for k, cl := range classes {
		d := s.Service
		if k < len(s.ServiceByClass) && s.ServiceByClass[k] != nil {
			d = s.ServiceByClass[k]
		}
		if ci < len(s.ServiceByChannel) && s.ServiceByChannel[ci] != nil {
			d = s.ServiceByChannel[ci]
		}
		sum += cl.Share * d.Mean()
	}
	return sum
}

// reworkShare is the mean share of customers served at s who come back,
// over its groups.
func reworkShare(s *sim.Stage) float64 {
	sum := 0.0
	for _, g := range s.Groups {
		if g.FixRate > 0 {
			sum += 1 - g.FixRate
		} else {
			sum += s.Rework.Prob
		}
	}
	return sum / float64(len(s.Groups))
}

func distMean(d sim.Dist) float64 {
	if d == nil {
		return 0
	}
	return d.Mean()
}

// offeredLoad is the offered load of every stage of m (see above).
func offeredLoad(m *sim.Model) (loadGrid, []stageLoad) {
	g := loadGrid{m: m, nInt: int(sim.MinutesPerDay / m.Interval)}
	loads := make([]stageLoad, len(m.Stages))
	for i := range loads {
		loads[i] = stageLoad{visits: make([]float64, g.cells()), work: make([]float64, g.cells())}
	}
	add := func(si int, v []float64, service float64) {
		for i, x := range v {
			loads[si].visits[i] += x
			loads[si].work[i] += x * service
		}
	}
	for ci := range m.Channels {
		c := &m.Channels[ci]
		reach := g.channelArrivals(ci)
		for _, st := range c.Route {
			s := &m.Stages[st.Stage]
			p := min(max(st.Prob, 0), 1)
			visit := make([]float64, len(reach))
			skip := make([]float64, len(reach))
			for i, x := range reach {
				visit[i], skip[i] = x*p, x*(1-p)
			}
			if st.ByAppointment {
				visit = spread(visit, g.staffedCapacity(s))
			}
			visit = g.shift(visit, distMean(s.Delay))
			service := meanService(m, s, ci)
			if r := reworkShare(s); r > 0 {
				if s.Rework.To == st.Stage || s.Rework.To < 0 || s.Rework.To >= len(m.Stages) {
					for i := range visit {
						visit[i] /= 1 - r
					}
				} else {
					back := make([]float64, len(visit))
					for i, x := range visit {
						back[i] = x * r / (1 - r)
					}
					to := &m.Stages[s.Rework.To]
					add(s.Rework.To, g.shift(back, service+distMean(s.Rework.Delay)+distMean(to.Delay)), meanService(m, to, ci))
				}
			}
			add(st.Stage, visit, service)
			// Those served go on after their service; those who skipped
			// at once.
			done := g.shift(visit, service/s.Groups[0].Speed)
			for i := range reach {
				reach[i] = skip[i] + done[i]
			}
		}
	}
	return g, loads
}

// spread redistributes the total of v over the cells in proportion to
// capacity.
func spread(v, capacity []float64) []float64 {
	total, capSum := 0.0, 0.0
	for i := range v {
		total += v[i]
		capSum += capacity[i]
	}
	out := make([]float64, len(v))
	if capSum == 0 {
		return out
	}
	for i := range out {
		out[i] = total * capacity[i] / capSum
	}
	return out
}

// erlangNeed is the queueing-theory headcount of one stage: Erlang A when
// its customers abandon (patience taken as exponential with the
// distribution's mean), else Erlang C, for the targets on the stage's own
// KPIs that have a formula — service level, abandonment, mean and
// percentile waits of served customers — and at least enough people to
// keep up with the work. Requirements are cached by load.
type erlangNeed struct {
	speed, theta float64
	targets      []stageTarget
	cache        map[[2]float64]int
}

// stageTarget is a target on a stage KPI with an Erlang formula.
type stageTarget struct {
	kind  string  // "sl", "abandonment", "wait", "quantile"
	t     float64 // the service level's wait threshold (minutes)
	q     float64 // the quantile of a percentile wait
	limit float64
}

func newErlangNeed(s *sim.Stage, targets []target) *erlangNeed {
	e := &erlangNeed{speed: s.Groups[0].Speed, cache: map[[2]float64]int{}}
	if s.Patience != nil {
		e.theta = 1 / s.Patience.Mean()
	}
	for _, tg := range targets {
		measure, ok := strings.CutPrefix(tg.KPI, s.Name+".")
		if !ok {
			continue
		}
		switch {
		case measure == "service_level" && tg.Above:
			e.targets = append(e.targets, stageTarget{kind: "sl", t: s.Target, limit: tg.Limit})
		case strings.HasPrefix(measure, "service_level(") && tg.Above:
			for _, th := range s.Targets {
				if sim.ServiceLevelName(th) == measure {
					e.targets = append(e.targets, stageTarget{kind: "sl", t: th, limit: tg.Limit})
				}
			}
		case measure == "abandonment" && !tg.Above:
			e.targets = append(e.targets, stageTarget{kind: "abandonment", limit: tg.Limit})
		case measure == "wait.mean" && !tg.Above:
			e.targets = append(e.targets, stageTarget{kind: "wait", limit: tg.Limit})
		case strings.HasPrefix(measure, "wait.p") && !tg.Above:
			if p, err := strconv.Atoi(strings.TrimPrefix(measure, "wait.p")); err == nil {
				e.targets = append(e.targets, stageTarget{kind: "quantile", q: float64(p) / 100, limit: tg.Limit})
			}
		}
	}
	return e
}

// need is the headcount for customers arriving at lambda per minute with
// mean service time (speed 1) service minutes; 0 without arrivals.
func (e *erlangNeed) need(lambda, service float64) int {
	if !(lambda > 0) || !(service > 0) {
		return 0
	}
	key := [2]float64{lambda, service}
	if c, ok := e.cache[key]; ok {
		return c
	}
	mu := e.speed / service
	a := lambda / mu
	c := int(math.Floor(a)) + 1 // keep up with the work
	for _, t := range e.targets {
		c = max(c, e.forTarget(t, lambda, mu, a))
	}
	e.cache[key] = c
	return c
}

func (e *erlangNeed) forTarget(t stageTarget, lambda, mu, a float64) int {
	if t.kind == "sl" {
		return erlang.StaffForServiceLevelA(lambda, mu, e.theta, t.t, math.Min(t.limit, 0.999))
	}
	// The measures improve as c grows: try c upwards from a bound below
	// which none can hold (Erlang C needs c > a; with abandonment only
	// c mu of the lambda arrivals per minute can be served).
	from := int(a) + 1
	if e.theta > 0 {
		from = max(1, int(a/2))
	}
	for c := from; c <= 2*int(math.Ceil(a))+1000; c++ {
		q := erlang.MMCA{Lambda: lambda, Mu: mu, C: c, Theta: e.theta}
		var ok bool
		switch t.kind {
		case "abandonment":
			ok = q.PAbandon() <= t.limit
		case "wait":
			ok = q.WaitServed() <= t.limit
		case "quantile":
			// P(W <= limit | served) >= q, from the service level of
			// offered customers over the served share.
			ok = q.ServiceLevel(t.limit)/(1-q.PAbandon()) >= t.q
		}
		if ok {
			return c
		}
	}
	return 0
}

// erlangTable is the Erlang requirement of each varied stage per interval
// of the day: the most any counted day needs while the stage is staffed
// (a rota has one headcount per interval for every weekday). It also
// returns the stage's load per interval of the day that arrives when it
// has no staff at all (customers a day, on average over counted days).
func erlangTable(m *sim.Model, vary []int, targets []target) (req [][]int, unstaffed [][]float64) {
	g, loads := offeredLoad(m)
	req = make([][]int, len(vary))
	unstaffed = make([][]float64, len(vary))
	counted := 0
	for d := range m.Days {
		if g.counted(d) {
			counted++
		}
	}
	for i, si := range vary {
		s := &m.Stages[si]
		e := newErlangNeed(s, targets)
		capacity := g.staffedCapacity(s)
		req[i] = make([]int, g.nInt)
		unstaffed[i] = make([]float64, g.nInt)
		for d := range m.Days {
			if !g.counted(d) {
				continue
			}
			for k := range g.nInt {
				cell := d*g.nInt + k
				v := loads[si].visits[cell]
				if capacity[cell] == 0 {
					unstaffed[i][k] += v / float64(counted)
					continue
				}
				if v > 0 {
					req[i][k] = max(req[i][k], e.need(v/m.Interval, loads[si].work[cell]/v))
				}
			}
		}
	}
	return req, unstaffed
}

// erlangRanges writes a stage's per-interval requirement as runs of equal
// values, "08:00-20:00 10", over the intervals where it is staffed.
func erlangRanges(m *sim.Model, g *sim.Group, req []int) string {
	var parts []string
	start, prev := -1, 0
	flush := func(end int) {
		if start >= 0 {
			parts = append(parts, fmt.Sprintf("%s-%s %d", figures.Clock(float64(start)*m.Interval), figures.Clock(float64(end)*m.Interval), prev))
		}
		start = -1
	}
	for k, v := range req {
		if !staffedAny(g, m, k) {
			flush(k)
			continue
		}
		if start >= 0 && v != prev {
			flush(k)
		}
		if start < 0 {
			start, prev = k, v
		}
	}
	flush(len(req))
	return strings.Join(parts, ", ")
}

// staffedAny reports whether group g has anyone on duty in interval k on
// some weekday.
func staffedAny(g *sim.Group, m *sim.Model, k int) bool {
	for wd := range 7 {
		if staffedAt(g, wd, (float64(k)+0.5)*m.Interval) {
			return true
		}
	}
	return false
}

// unservedCauses explains, from the model, why customers can reach stage
// si in interval k although it has no staff then: direct demand, call-backs,
// delayed visits or rework, or customers passed on from a stage that
// keeps serving after closing.
func unservedCauses(m *sim.Model, si int, direct float64) []string {
	s := &m.Stages[si]
	var why []string
	if direct > 0 {
		why = append(why, fmt.Sprintf("about %.3g customers a day are routed to it then", direct))
	}
	if s.Retry.Prob > 0 {
		why = append(why, fmt.Sprintf("customers who gave up here come back %s later on average, which can be after it closes", figures.Compact(distMean(s.Retry.Delay))))
	}
	for _, c := range m.Channels {
		visits := false
		for _, st := range c.Route {
			visits = visits || st.Stage == si
		}
		if visits && c.Retry != nil && c.Retry.Prob > 0 {
			why = append(why, fmt.Sprintf("%s customers who gave up call back %s later on average, which can be after it closes", c.Name, figures.Compact(distMean(c.Retry.Delay))))
		}
	}
	if s.Delay != nil {
		why = append(why, fmt.Sprintf("visits due %s after being routed here can fall when it has no staff", figures.Compact(s.Delay.Mean())))
	}
	for j := range m.Stages {
		if r := &m.Stages[j]; r.Rework.To == si && reworkShare(r) > 0 && r.Rework.Delay != nil {
			why = append(why, fmt.Sprintf("rework from %s comes back %s later", r.Name, figures.Compact(r.Rework.Delay.Mean())))
		}
	}
	for _, c := range m.Channels {
		for n, st := range c.Route {
			if st.Stage == si && n > 0 && m.Stages[c.Route[n-1].Stage].AtClose == sim.Serve {
				why = append(why, fmt.Sprintf("customers come on from %s, which keeps serving after closing", m.Stages[c.Route[n-1].Stage].Name))
			}
		}
	}
	return dedupe(why)
}

func dedupe(xs []string) []string {
	var out []string
	for _, x := range xs {
		if len(out) == 0 || out[len(out)-1] != x {
			out = append(out, x)
		}
	}
	return out
}
