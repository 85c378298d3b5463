package staffing

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/svcsim/svcsim/sim"
)

// PoolProblem is sizing one pool of a model (see sim.Pool): one headcount,
// on duty whenever the pool's schedule has anyone, that meets every
// target. The stages' own staff stay as they are.
type PoolProblem struct {
	Model   *sim.Model
	Pool    int // index into Model.Pools
	Targets []Target
	// Req is the Erlang requirement per interval of the day: the pooled
	// arrivals of the stages the pool serves as one M/M/c queue (Erlang
	// C, or A with patience), for each stage's targets, the most any
	// counted day needs.
	Req []int
	// Floor is the least headcount the pool can have: one more than its
	// reserves, so that every stage it serves can be served.
	Floor int
}

// NewPoolProblem is the problem of sizing the pool named name of m to
// meet targets.
func NewPoolProblem(m *sim.Model, name string, targets []Target) (*PoolProblem, error) {
	pi := slices.IndexFunc(m.Pools, func(p sim.Pool) bool { return p.Name == name })
	if pi < 0 {
		var names []string
		for _, p := range m.Pools {
			names = append(names, p.Name)
		}
		if len(names) == 0 {
			return nil, fmt.Errorf("--pool %s: the scenario has no pools", name)
		}
		return nil, fmt.Errorf("--pool %s: no such pool; the pools are %s", name, strings.Join(names, ", "))
	}
	p := &PoolProblem{Model: m, Pool: pi, Targets: targets, Floor: 1}
	for _, ps := range m.Pools[pi].Serves {
		p.Floor += ps.Reserve
	}
	p.Req = poolErlang(m, pi, targets)
	return p, nil
}

// poolErlang is the Erlang requirement of pool pi per interval of the day.
// Longest waiting first makes the pooled stages one first come, first
// served queue, so each stage's targets apply to the pooled load; a fixed
// priority order moves waits between the stages, which the simulation
// then finds. Work is at the pool's speed at each stage.
func poolErlang(m *sim.Model, pi int, targets []Target) []int {
	g, loads := offeredLoad(m)
	pool := &m.Pools[pi]
	req := make([]int, g.nInt)
	var needs []*erlangNeed
	for _, ps := range pool.Serves {
		// A stand-in group at speed 1: the pooled work below is already
		// at the pool's speeds.
		s := m.Stages[ps.Stage]
		s.Groups = []sim.Group{{Speed: 1}}
		needs = append(needs, newErlangNeed(&s, targets))
	}
	for d := range m.Days {
		if !g.counted(d) {
			continue
		}
		for k := range g.nInt {
			cell := d*g.nInt + k
			visits, work := 0.0, 0.0
			for _, ps := range pool.Serves {
				visits += loads[ps.Stage].visits[cell]
				work += loads[ps.Stage].work[cell] / ps.Speed
			}
			if visits == 0 {
				continue
			}
			for _, e := range needs {
				req[k] = max(req[k], e.need(visits/m.Interval, work/visits))
			}
		}
	}
	return req
}

// Start is the search's starting headcount: the Erlang requirement in the
// busiest interval, and at least Floor.
func (p *PoolProblem) Start() int { return max(p.Floor, slices.Max(p.Req)) }

// withHeadcount returns a copy of the model with the pool staffed by n
// whenever its schedule has anyone on duty.
func (p *PoolProblem) withHeadcount(n int) *sim.Model {
	c := *p.Model
	c.Pools = slices.Clone(c.Pools)
	pool := &c.Pools[p.Pool]
	for d := range pool.Staff {
		segs := slices.Clone(pool.Staff[d])
		for k := range segs {
			if segs[k].Value > 0 {
				segs[k].Value = float64(n)
			}
		}
		pool.Staff[d] = segs
	}
	return &c
}

// failing are the targets r does not meet, worst first.
func (p *PoolProblem) failing(r *sim.Results) []int {
	return (&Problem{Targets: p.Targets}).failing(r)
}

// CheapestPool finds the smallest headcount of p's pool that meets every
// target: from p.Start it adds a person while a target fails, then takes
// people away while every target still holds, never below p.Floor, and
// never simulates more than MaxStaff. The Result's Staff and Start hold
// the one headcount; a search that can meet no target is a Result with
// Found false, not an error. A Floor above MaxStaff is an error.
func CheapestPool(ctx context.Context, p *PoolProblem, o Options) (*Result, error) {
	if err := searchable(p.Model); err != nil {
		return nil, err
	}
	s := newSearch(ctx, &Problem{Model: p.Model, Targets: p.Targets}, o)
	defer s.stop()
	name := p.Model.Pools[p.Pool].Name
	if p.Floor > s.o.MaxStaff {
		return nil, fmt.Errorf("pool %s needs at least %d people (one more than its reserves); --max-staff %d allows at most %d", name, p.Floor, s.o.MaxStaff, s.o.MaxStaff)
	}
	verdict := (&Problem{Targets: p.Targets}).verdict
	eval := func(n int) (*sim.Results, error) {
		return s.evaluate(fmt.Sprint(n), fmt.Sprintf("pool %s %d", name, n), p.withHeadcount(n), verdict)
	}
	res := &Result{Start: []int{p.Start()}}
	start, note := capped(res.Start, []string{"in pool " + name}, s.o.MaxStaff)
	res.Capped = note
	n, last := start[0], -1 // last: the highest headcount simulated
	stall := stallTracker{}
	for {
		r, err := eval(n)
		if ce, ok := overloaded(err); ok {
			switch {
			case n >= s.o.MaxStaff:
				return nil, s.overloadError(fmt.Sprintf("--max-staff %d in pool %s", s.o.MaxStaff, name))
			case stall.same("overload", ce.At):
				return nil, s.overloadError(fmt.Sprintf("adding staff to pool %s (%d to %d) %s", name, n-stallRaises, n, stuckAtBound))
			}
			n++
			continue
		}
		if be, ok := errors.AsType[*budgetError](err); ok {
			if last < 0 && len(s.full) > 0 {
				return nil, s.overloadError(be.Error())
			}
			if last < 0 {
				return nil, fmt.Errorf("no staffing simulated: %v", be)
			}
			res.Failure = be.Error()
			n = last
			break
		}
		if err != nil {
			return nil, err
		}
		last = n
		fails := p.failing(r)
		if len(fails) == 0 {
			res.Found = true
			break
		}
		t := p.Targets[fails[0]]
		k := r.KPI(t.KPI)
		if n >= s.o.MaxStaff {
			res.Failure = fmt.Sprintf("%s is not met even with --max-staff %d in pool %s", t.Text, s.o.MaxStaff, name)
			break
		}
		if stall.same(fmt.Sprint(fails[0]), k.Mean) {
			res.Failure = fmt.Sprintf("adding staff to pool %s (%d to %d) no longer changes %s, so staffing the pool cannot meet it", name, n-stallRaises, n, t.KPI)
			break
		}
		n++
	}
	if res.Found {
		var err error
		if n, res.Cut, err = p.trim(n, eval); err != nil {
			return nil, err
		}
	}
	res.Staff, res.Results, res.Model, res.Evaluations = []int{n}, s.evals[fmt.Sprint(n)], p.withHeadcount(n), s.done
	if !res.Found {
		res.Failure = p.failure(res, note, name, n)
	}
	return res, nil
}

// trim takes people away from a pool of n that meets every target while
// every target still holds, never below p.Floor, and returns the
// headcount and why it stopped early ("" when it did not).
func (p *PoolProblem) trim(n int, eval func(int) (*sim.Results, error)) (int, string, error) {
	for n > p.Floor {
		m, err := eval(n - 1)
		if be, ok := errors.AsType[*budgetError](err); ok {
			return n, fmt.Sprintf("stopped taking staff away: %v", be), nil
		}
		if _, ok := overloaded(err); ok {
			break // too few: the queues grow without end
		}
		if err != nil {
			return 0, "", err
		}
		if len(p.failing(m)) > 0 {
			break
		}
		n--
	}
	return n, "", nil
}

// failure says why no pool size met every target: the search's reason,
// the cap's note, and what fails at the highest headcount tried, n.
func (p *PoolProblem) failure(res *Result, note, name string, n int) string {
	var unmet []string
	for _, i := range p.failing(res.Results) {
		k := res.Results.KPI(p.Targets[i].KPI)
		unmet = append(unmet, p.Targets[i].NotMet(k.Estimate, k.Unit, ""))
	}
	why := res.Failure
	if note != "" {
		why = note + "; " + why
	}
	return fmt.Sprintf("no staffing met every target: %s; at the highest staffing tried (pool %s %d) %s", why, name, n, strings.Join(unmet, "; "))
}

// stageSpeed is the speed of stage si's first staff group, or, for a
// stage only pools serve, of the first pool that serves it: the service
// the offered load moves on by.
func stageSpeed(m *sim.Model, si int) float64 {
	if s := &m.Stages[si]; len(s.Groups) > 0 {
		return s.Groups[0].Speed
	}
	for _, p := range m.Pools {
		for _, ps := range p.Serves {
			if ps.Stage == si {
				return ps.Speed
			}
		}
	}
	return 1
}

// ErlangRanges writes the pool's requirement per interval as runs of
// equal values, "08:00-18:00 3", over the intervals where it has staff.
func (p *PoolProblem) ErlangRanges() string {
	// The pool's schedule as a stage's single group, whose ranges
	// Problem.ErlangRanges writes.
	stand := sim.Model{Interval: p.Model.Interval, Stages: []sim.Stage{{Groups: []sim.Group{{Staff: p.Model.Pools[p.Pool].Staff}}}}}
	return (&Problem{Model: &stand, Vary: []int{0}, Req: [][]int{p.Req}}).ErlangRanges(0)
}
