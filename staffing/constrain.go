package staffing

import (
	"fmt"
	"slices"

	"github.com/svcsim/svcsim/sim"
)

// Constrained reports, for each stage of m, whether one of targets holds
// its headcount up: a target on one of the stage's own KPIs
// ("consultation.lead.p90", "channel.web.consultation.wait.mean") or on a
// KPI of the whole process ("nps", "cost.per_day"; no stage), which
// every stage's staffing moves. A target on another stage, or on a pool
// (a KPI whose stage is the pool), leaves it free. Its cost is sim.KPIsOf's.
func Constrained(m *sim.Model, targets []Target) []bool {
	out := make([]bool, len(m.Stages))
	if len(targets) == 0 {
		return out
	}
	kpis := map[string]sim.KPI{}
	for _, k := range sim.KPIsOf(m) {
		if _, dup := kpis[k.Name]; !dup {
			kpis[k.Name] = k
		}
	}
	for _, t := range targets {
		k, ok := kpis[t.KPI]
		if !ok {
			continue
		}
		for si, s := range m.Stages {
			if k.Stage == s.Name || k.Stage == "" {
				out[si] = true
			}
		}
	}
	return out
}

// Unconstrained says, for each varied stage no target constrains (no
// target on one of its KPIs or on a KPI of the whole process), that the
// search cuts it to the least staffing it tries, and how to keep it: a
// search minimises cost, so such a stage goes down to one person, or
// none in an interval, whatever its customers go through.
func (p *Problem) Unconstrained() []string {
	var out []string
	for _, name := range p.unconstrained() {
		out = append(out, fmt.Sprintf("no target constrains stage %s, so the search cuts it to the least staffing it tries; to keep it, give a target on it (e.g. '%s.service_level >= 80%%') or leave it out of the stages to vary (--stage)", name, name))
	}
	return out
}

// unconstrained names the varied stages no target constrains.
func (p *Problem) unconstrained() []string {
	held := Constrained(p.Model, p.Targets)
	var out []string
	for _, si := range p.Vary {
		if !held[si] {
			out = append(out, p.Model.Stages[si].Name)
		}
	}
	return out
}

// defaultStages are the stages a search varies when none are named: each
// stage with a single staff group that a target constrains. A stage no
// target holds up would only be cut to the least staffing.
func defaultStages(m *sim.Model, targets []Target) []int {
	held := Constrained(m, targets)
	var vary []int
	for i, s := range m.Stages {
		if len(s.Groups) == 1 && held[i] {
			vary = append(vary, i)
		}
	}
	return slices.Clip(vary)
}
