package staffing_test

import (
	"context"
	"fmt"

	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
	"github.com/svcsim/svcsim/staffing"
)

// The fewest agents that answer 80% of the built-in call centre's calls
// within its target wait, with 95% confidence.
func Example() {
	sc, _ := scenarios.Builtin("callcentre")
	m := *sc.Model
	m.Days = 2
	t, err := staffing.ParseTarget("agents.service_level >= 80%", &m)
	if err != nil {
		panic(err)
	}
	vary, _ := staffing.Stages(&m, nil, []staffing.Target{t})
	p := staffing.NewProblem(&m, vary, []staffing.Target{t})
	res, err := staffing.Cheapest(context.Background(), p, staffing.Options{Options: sim.Options{Replications: 4, Seed: 1}})
	if err != nil {
		panic(err)
	}
	sl := res.Results.KPI("agents.service_level")
	fmt.Printf("Erlang A says %d agents, the simulation %d (%d staffings simulated)\n", res.Start[0], res.Staff[0], res.Evaluations)
	fmt.Printf("service level met with confidence: %v\n", t.Met(sl))
	// Output:
	// Erlang A says 10 agents, the simulation 11 (2 staffings simulated)
	// service level met with confidence: true
}
