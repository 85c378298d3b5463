package staffing

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/svcsim/svcsim/sim"
)

// Result is what Cheapest found.
type Result struct {
	// Staff is the headcount of each varied stage: the cheapest staffing
	// found that meets every target, or, when Found is false, the highest
	// staffing tried.
	Staff []int
	// Start is the Erlang starting point, Problem.Start; the search
	// starts there, lowered to Options.MaxStaff where it is above.
	Start   []int
	Results *sim.Results // of Staff
	Model   *sim.Model   // the model staffed with Staff
	// Evaluations is the number of staffings simulated.
	Evaluations int
	Found       bool
	// Cut, when Found, says why taking people away stopped early (a
	// budget ran out), so the staffing may not be the cheapest.
	Cut string
	// Failure, when not Found, says why no staffing met every target and
	// what fails at Staff.
	Failure string
	// Capped says where Start is above Options.MaxStaff, so that the
	// search started lower than Erlang asks; "" when it is not.
	Capped string
}

// Cheapest finds the cheapest uniform staffing of p — one headcount per
// varied stage, on duty whenever the stage is staffed in the scenario —
// that meets every target. It starts at p.Start (at most MaxStaff), adds
// a person where the worst failing target is until every target holds,
// then takes people away, stage by stage, while they all still hold. It
// never simulates more than MaxStaff on a stage. A staffing that can
// meet no target (a budget ran out, MaxStaff reached, the failing KPI no
// longer moves) is a Result with Found false, not an error. A staffing
// whose simulation reaches the model's MaxInSystem fails its targets and
// the search adds a person everywhere; a search that ends there (no
// staffing stayed under the bound) is an error wrapping the
// *sim.CapacityError. ByInterval, CheapestPool and Rota do the same. A
// model open during none of the time its runs measure is refused with a
// *sim.IdleError before anything is simulated (see sim.Model.Idle), by
// all four.
func Cheapest(ctx context.Context, p *Problem, o Options) (*Result, error) {
	if err := searchable(p.Model); err != nil {
		return nil, err
	}
	s := newSearch(ctx, p, o)
	defer s.stop()
	res := &Result{Start: p.Start()}
	where := make([]string, len(p.Vary))
	for i, si := range p.Vary {
		where[i] = "at " + p.Model.Stages[si].Name
	}
	start, note := capped(res.Start, where, s.o.MaxStaff)
	res.Capped = note
	n, lastR, failure, err := s.raise(start)
	if err != nil {
		return nil, err
	}
	if failure != "" {
		if lastR == nil {
			return nil, fmt.Errorf("no staffing simulated: %s", failure)
		}
		if note != "" {
			failure = note + "; " + failure
		}
		var unmet []string
		for _, i := range p.failing(lastR) {
			k := lastR.KPI(p.Targets[i].KPI)
			unmet = append(unmet, p.Targets[i].NotMet(k.Estimate, k.Unit, ""))
		}
		res.Failure = fmt.Sprintf("no staffing met every target: %s; at the highest staffing tried (%s) %s", failure, p.describe(n), strings.Join(unmet, "; "))
		res.Staff, res.Results = n, lastR
	} else {
		res.Found = true
		if res.Staff, res.Cut, err = s.reduce(n); err != nil {
			return nil, err
		}
		res.Results = s.evals[fmt.Sprint(res.Staff)]
	}
	res.Model, res.Evaluations = p.withHeadcounts(res.Staff), s.done
	return res, nil
}

// raise adds people to n until every target holds. It returns the
// highest staffing simulated and its results, and why it stopped short
// of meeting the targets ("" if it did not).
func (s *search) raise(n []int) (last []int, lastR *sim.Results, failure string, err error) {
	p := s.p
	stall := stallTracker{}
	for {
		r, err := s.evaluate(fmt.Sprint(n), p.describe(n), p.withHeadcounts(n), p.verdict)
		if ce, ok := overloaded(err); ok {
			// Where the queue grows is not known: add a person
			// everywhere, until the bound is no longer reached.
			why := ""
			switch {
			case !slices.ContainsFunc(n, func(v int) bool { return v < s.o.MaxStaff }):
				why = fmt.Sprintf("--max-staff %d everywhere", s.o.MaxStaff)
			case stall.same("overload", ce.At):
				why = fmt.Sprintf("adding a person everywhere (%d times) %s", stallRaises, stuckAtBound)
			}
			if why != "" {
				return nil, nil, "", s.overloadError(why)
			}
			for i := range n {
				n[i] = min(n[i]+1, s.o.MaxStaff)
			}
			continue
		}
		if be, ok := errors.AsType[*budgetError](err); ok {
			if last == nil && len(s.full) > 0 {
				return nil, nil, "", s.overloadError(be.Error())
			}
			return last, lastR, be.Error(), nil
		}
		if err != nil {
			return nil, nil, "", err
		}
		last, lastR = slices.Clone(n), r
		fails := p.failing(r)
		if len(fails) == 0 {
			return last, lastR, "", nil
		}
		t := p.Targets[fails[0]]
		k := r.KPI(t.KPI)
		si := p.stageToRaise(r, t)
		name := p.Model.Stages[p.Vary[si]].Name
		switch {
		case n[si] >= s.o.MaxStaff:
			return last, lastR, fmt.Sprintf("%s is not met even with --max-staff %d at %s", t.Text, s.o.MaxStaff, name), nil
		case stall.same(fmt.Sprint(fails[0], si), k.Mean):
			failure = fmt.Sprintf("adding staff at %s (%d to %d) no longer changes %s, so staffing cannot meet it", name, n[si]-stallRaises, n[si], t.KPI)
			if why := unservedCauses(p.Model, p.Vary[si], sum(p.Unstaffed[si])); len(why) > 0 && strings.HasPrefix(t.KPI, name+".") {
				failure += "; customers can reach " + name + " when it has no staff: " + strings.Join(why, "; ")
			}
			return last, lastR, failure, nil
		}
		n[si]++
	}
}

// reduce takes people away from n, stage by stage, while every target
// still holds. cut says why it stopped early.
func (s *search) reduce(n []int) (best []int, cut string, err error) {
	for improved := true; improved; {
		improved = false
		for si := range s.p.Vary {
			if n[si] <= 1 {
				continue
			}
			m := slices.Clone(n)
			m[si]--
			r, err := s.evaluate(fmt.Sprint(m), s.p.describe(m), s.p.withHeadcounts(m), s.p.verdict)
			if be, ok := errors.AsType[*budgetError](err); ok {
				return n, fmt.Sprintf("stopped taking staff away: %v", be), nil
			}
			if _, ok := overloaded(err); ok {
				continue // too few: the queues grow without end
			}
			if err != nil {
				return nil, "", err
			}
			if len(s.p.failing(r)) == 0 {
				n, improved = m, true
			}
		}
	}
	return n, "", nil
}

// failing are the targets r does not meet, worst first: the target
// furthest from its limit.
func (p *Problem) failing(r *sim.Results) []int {
	var fails []int
	for i, t := range p.Targets {
		if !t.Met(r.KPI(t.KPI)) {
			fails = append(fails, i)
		}
	}
	slices.SortStableFunc(fails, func(a, b int) int {
		return cmpFloat(p.Targets[b].Shortfall(r.KPI(p.Targets[b].KPI)), p.Targets[a].Shortfall(r.KPI(p.Targets[a].KPI)))
	})
	return fails
}

// verdict is the search log's words on a staffing's results.
func (p *Problem) verdict(r *sim.Results) string {
	fails := p.failing(r)
	if len(fails) == 0 {
		return "meets every target"
	}
	k := r.KPI(p.Targets[fails[0]].KPI)
	return p.Targets[fails[0]].NotMet(k.Estimate, k.Unit, "")
}

// withHeadcounts returns a copy of the model with each varied stage
// staffed by n people whenever its schedule has anyone on duty.
func (p *Problem) withHeadcounts(n []int) *sim.Model {
	m := p.Model
	c := *m
	c.Stages = slices.Clone(m.Stages)
	for i, si := range p.Vary {
		s := c.Stages[si]
		s.Groups = slices.Clone(s.Groups)
		g := s.Groups[0]
		for d := range g.Staff {
			segs := slices.Clone(g.Staff[d])
			for k := range segs {
				if segs[k].Value > 0 {
					segs[k].Value = float64(n[i])
				}
			}
			g.Staff[d] = segs
		}
		s.Groups[0] = g
		c.Stages[si] = s
	}
	return &c
}

// stageToRaise picks the varied stage to add a person to for a failed
// target: its own stage when the KPI belongs to one, else the busiest.
func (p *Problem) stageToRaise(r *sim.Results, t Target) int {
	for i, si := range p.Vary {
		if strings.HasPrefix(t.KPI, p.Model.Stages[si].Name+".") {
			return i
		}
	}
	best, util := 0, -1.0
	for i, si := range p.Vary {
		if k := r.KPI(p.Model.Stages[si].Name + ".utilisation"); k != nil && k.Mean > util {
			best, util = i, k.Mean
		}
	}
	return best
}

// describe is a uniform staffing in words: "booking 3, desk 2".
func (p *Problem) describe(n []int) string {
	var parts []string
	for i, si := range p.Vary {
		parts = append(parts, fmt.Sprintf("%s %d", p.Model.Stages[si].Name, n[i]))
	}
	return strings.Join(parts, ", ")
}

// cmpFloat orders a and b, with NaN equal to everything.
func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}
