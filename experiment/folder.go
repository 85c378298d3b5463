package experiment

import (
	"slices"

	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// ResultSet is the result folder of points run as an experiment with o,
// by the svcsim build version and the command line command (the work,
// without where it goes), for resultset.Dir.Write of its Files.
func ResultSet(version, command string, params []string, pts []*Point, o Options) *resultset.Experiment {
	x := &resultset.Experiment{Version: version, Command: command, Params: params, Seed: o.Seed, Replications: o.Replications}
	for _, p := range pts {
		e := resultset.Entry{Name: p.Name, Variant: p.Scenario.Variant, File: p.File, SHA256: p.Scenario.Hash, Params: p.Params,
			Currency: p.Scenario.Currency, Targets: resultset.Targets(p.Scenario.Model), Results: p.Results, Missing: p.Missing}
		if p.Err != nil {
			e.Error = p.Err.Error()
		}
		if p.Results != nil {
			e.Assumptions = p.Describe(&o)
			e.Warnings = p.warnings(&o)
		}
		// A file that could not be read has no seed.
		if p.Scenario.Model != nil {
			seed := p.SeedOr(o.Seed)
			e.Seed = &seed
		}
		x.Entries = append(x.Entries, e)
	}
	return x
}

// Summary is the result folder of one scenario's run ('svcsim run
// --out'): sc's results res, with the warnings the run gave.
func Summary(version string, sc *scenarios.Scenario, warnings []string, res *sim.Results) *resultset.Summary {
	return &resultset.Summary{Version: version, Scenario: resultset.ScenarioRef{Name: res.Model, Source: sc.Source, SHA256: sc.Hash},
		Warnings: warnings, Assumptions: sc.Describe(), Currency: sc.Currency, Results: res}
}

// warnings are what a run of p warns of, as 'svcsim run' does: the
// scenario file's warnings, the load's on the model run, and the run's
// own (see sim.Results.EndWarnings).
func (p *Point) warnings(o *Options) []string {
	w := slices.Clone(p.Scenario.Warnings)
	if m, err := o.Model(p); err == nil {
		w = append(w, sim.LoadWarnings(m)...)
	}
	return append(w, p.Results.EndWarnings()...)
}
