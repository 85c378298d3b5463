package staffing

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/erlang"
	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/sim"
)

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

func newErlangNeed(s *sim.Stage, targets []Target) *erlangNeed {
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
func erlangTable(m *sim.Model, vary []int, targets []Target) (req [][]int, unstaffed [][]float64) {
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

// staffedAt reports whether group g has anyone on duty at minute t of
// weekday wd.
func staffedAt(g *sim.Group, wd int, t float64) bool {
	for _, seg := range g.Staff[wd] {
		if seg.From <= t && t < seg.To && seg.Value > 0 {
			return true
		}
	}
	return false
}
