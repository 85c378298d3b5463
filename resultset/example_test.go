package resultset_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// A run's folder: the clinic simulated briefly, written as 'svcsim run
// --out' writes it, and read back as a Set for charts and reports.
func ExampleSummary_Files() {
	sc, err := scenarios.Builtin("clinic")
	if err != nil {
		panic(err)
	}
	m := *sc.Model
	m.Days = 2
	res, err := sim.Run(context.Background(), &m, sim.Options{Replications: 2, Seed: 1})
	if err != nil {
		panic(err)
	}
	sum := &resultset.Summary{Version: "devel", Scenario: resultset.ScenarioRef{Name: m.Name, Source: sc.Source}, Results: res}
	files, err := sum.Files()
	if err != nil {
		panic(err)
	}
	dir, err := os.MkdirTemp("", "run")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "clinic")
	if err := resultset.WriteFiles(context.Background(), out, files...); err != nil {
		panic(err)
	}
	set, err := resultset.Load(out)
	if err != nil {
		panic(err)
	}
	for _, f := range files {
		fmt.Println(f.Name)
	}
	fmt.Println(set.Command, set.Scenarios[0].Name, set.Scenarios[0].Results.Replications)
	// Output:
	// summary.json
	// summary.csv
	// intervals.csv
	// run clinic 2
}
