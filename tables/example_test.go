package tables_test

import (
	"context"
	"os"

	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
	"github.com/svcsim/svcsim/tables"
)

// A sweep of the call centre's agents, printed as 'svcsim sweep' prints
// it: a row per grid point, the KPI's unit under its name.
func Example() {
	sc, _ := scenarios.Builtin("callcentre")
	pts, err := experiment.Sweep(sc, []string{"stages.agents.staff"}, [][]string{{"10", "12"}})
	if err != nil {
		panic(err)
	}
	experiment.Run(context.Background(), pts, experiment.Options{Options: sim.Options{Replications: 3, Seed: 1}, Days: 2})
	if err := tables.Sweep(os.Stdout, []string{"stages.agents.staff"}, pts, []string{"agents.service_level"}); err != nil {
		panic(err)
	}
	// Output:
	// stages.agents.staff    agents.service_level
	//                        %
	// 10                     82.2 ± 2.6
	// 12                     93.9 ± 1.0
}
