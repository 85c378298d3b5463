package report_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/svcsim/svcsim/plots"
	"github.com/svcsim/svcsim/report"
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// The report of a short run of the call centre: the charts it draws, and
// an HTML page with them inline.
func Example() {
	sc, _ := scenarios.Builtin("callcentre")
	m := *sc.Model
	m.Days = 2
	res, err := sim.Run(context.Background(), &m, sim.Options{Replications: 2, Seed: 1})
	if err != nil {
		panic(err)
	}
	set := &resultset.Set{Command: "run callcentre", Scenarios: []resultset.Scenario{{Name: m.Name, Results: res}}}
	sty, _, err := plots.NewStyle("", report.Texts(set)...)
	if err != nil {
		panic(err)
	}
	for _, c := range report.Charts(set, sty) {
		fmt.Println(c.Name)
	}
	var page bytes.Buffer
	if err := report.HTML(&page, set, report.Options{Style: sty, Size: plots.Size{Width: 400, Height: 250}, Version: "devel"}); err != nil {
		panic(err)
	}
	fmt.Println(strings.Count(page.String(), `<figure class="chart"`), "figures")
	// Output:
	// tod-agents-wait
	// tod-agents-service_level
	// queue-agents
	// waits-agents
	// utilisation
	// demand
	// 6 figures
}
