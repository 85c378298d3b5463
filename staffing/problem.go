package staffing

import (
	"fmt"
	"slices"
	"strings"

	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/sim"
)

// Problem is what a staffing search solves: the model, the stages whose
// headcount may change (each with a single staff group) and the targets,
// with the Erlang requirement worked out from the model.
type Problem struct {
	Model   *sim.Model
	Vary    []int // indexes of the stages that vary, into Model.Stages
	Targets []Target
	// Req is the Erlang requirement of each varied stage per interval of
	// the day: the most any counted day needs while the stage is staffed.
	Req [][]int
	// Unstaffed is each varied stage's load per interval of the day that
	// arrives when it has no staff at all (customers a day).
	Unstaffed [][]float64
}

// NewProblem is the problem of staffing the stages vary of m to meet
// targets.
func NewProblem(m *sim.Model, vary []int, targets []Target) *Problem {
	req, unstaffed := erlangTable(m, vary, targets)
	return &Problem{Model: m, Vary: vary, Targets: targets, Req: req, Unstaffed: unstaffed}
}

// Stages returns the stages of m whose headcount may vary: those named,
// or, when names is empty, every stage with a single staff group that one
// of targets constrains (a target on one of its KPIs or on one of the
// whole process, see Problem.Unconstrained): a stage no target holds up
// would only be cut to the least staffing, so it keeps the scenario's.
// A named stage with several groups, or no such stage, is an error.
func Stages(m *sim.Model, names []string, targets []Target) ([]int, error) {
	if len(names) == 0 {
		if vary := defaultStages(m, targets); len(vary) > 0 {
			return vary, nil
		}
		if slices.ContainsFunc(m.Stages, func(s sim.Stage) bool { return len(s.Groups) == 1 }) {
			return nil, fmt.Errorf("no target constrains a stage with a single staff group; give a target on one of its KPIs, or name the stages to vary (--stage)")
		}
		return nil, fmt.Errorf("no stage with a single staff group to vary")
	}
	var vary []int
	for i, s := range m.Stages {
		if !slices.Contains(names, s.Name) {
			continue
		}
		if len(s.Groups) != 1 {
			return nil, fmt.Errorf("stage %s has %d staff groups; staff varies one headcount per stage, so give its groups in separate sweeps", s.Name, len(s.Groups))
		}
		vary = append(vary, i)
	}
	for _, name := range names {
		if !slices.ContainsFunc(m.Stages, func(s sim.Stage) bool { return s.Name == name }) {
			var valid []string
			for _, s := range m.Stages {
				valid = append(valid, s.Name)
			}
			return nil, fmt.Errorf("--stage %s: no such stage; valid: %s", name, strings.Join(valid, ", "))
		}
	}
	if len(vary) == 0 {
		return nil, fmt.Errorf("no stage with a single staff group to vary")
	}
	return vary, nil
}

// Start is the uniform search's starting headcount of each varied stage:
// its Erlang requirement in its busiest interval, at least 1.
func (p *Problem) Start() []int {
	start := make([]int, len(p.Vary))
	for i := range p.Vary {
		start[i] = max(1, slices.Max(p.Req[i]))
	}
	return start
}

// ErlangRanges writes varied stage i's requirement per interval as runs
// of equal values, "08:00-20:00 10", over the intervals where it is
// staffed.
func (p *Problem) ErlangRanges(i int) string {
	m, g, req := p.Model, &p.Model.Stages[p.Vary[i]].Groups[0], p.Req[i]
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

// Staffed reports whether varied stage i has staff in interval k of the
// day on some weekday in the scenario.
func (p *Problem) Staffed(i, k int) bool {
	return staffedAny(&p.Model.Stages[p.Vary[i]].Groups[0], p.Model, k)
}

// Intervals is the number of intervals in a day.
func (p *Problem) Intervals() int { return int(sim.MinutesPerDay / p.Model.Interval) }

// IntervalName is interval k of the day, "08:00-08:30".
func (p *Problem) IntervalName(k int) string {
	return fmt.Sprintf("%s-%s", figures.Clock(float64(k)*p.Model.Interval), figures.Clock(float64(k+1)*p.Model.Interval))
}

// Cost is the staff cost of a staffing's results: money per day where
// the scenario gives costs, else staff hours per day.
func Cost(r *sim.Results) float64 {
	if k := r.KPI("cost.per_day"); k != nil && k.Mean > 0 {
		return k.Mean
	}
	total := 0.0
	for _, st := range r.Stages {
		if k := r.KPI(st + ".staff_hours"); k != nil {
			total += k.Mean
		}
	}
	return total
}
