package staffing

import (
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// Summary is the result folder of the staffing a search chose for sc,
// as 'svcsim run --out' writes a run's: the model staffed as chosen and
// its results, named "NAME (staffed by svcsim staff)", with the
// assumptions of the chosen staffing, and "staff" as the command that
// wrote it. It renames res.
func Summary(version string, sc *scenarios.Scenario, chosen *sim.Model, res *sim.Results) *resultset.Summary {
	res.Model = sc.Model.Name + " (staffed by svcsim staff)"
	return &resultset.Summary{Version: version, Command: "staff", Scenario: resultset.ScenarioRef{Name: res.Model, Source: sc.Source, SHA256: sc.Hash},
		Assumptions: (&scenarios.Scenario{Title: sc.Title, Currency: sc.Currency, Model: chosen}).Describe(), Currency: sc.Currency, Results: res}
}
