package plots_test

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/svcsim/svcsim/plots"
	"github.com/svcsim/svcsim/sim"
)

// A chart is drawn from results, here made by hand, and written as SVG.
func Example() {
	wait := func(mean, halfWidth float64) *sim.Results {
		return &sim.Results{Stages: []string{"desk"}, KPIs: []sim.KPI{{
			Name: "desk.wait.mean", Stage: "desk", Label: "mean wait", Unit: sim.Minutes,
			Estimate: sim.Estimate{Mean: mean, HalfWidth: halfWidth, N: 10},
		}}}
	}
	sty := plots.DefaultStyle()
	p, err := sty.KPIBars([]plots.Scenario{
		{Name: "today", Results: wait(6.5, 0.8)},
		{Name: "one more clerk", Results: wait(2.1, 0.3)},
	}, "desk.wait.mean")
	if err != nil {
		fmt.Println(err)
		return
	}
	var svg bytes.Buffer
	if err := sty.Render(&svg, p, "svg", plots.DefaultSize()); err != nil {
		fmt.Println(err)
		return
	}
	s := svg.String()
	fmt.Println("title:", p.Title)
	fmt.Println("y axis:", p.Panels[0].Y.Label.Text)
	fmt.Println("typeface:", sty.Typeface())
	fmt.Println("font embedded:", strings.Contains(s, "@font-face"))
	fmt.Println("names the scenarios:", strings.Contains(s, ">today<") && strings.Contains(s, ">one more clerk<"))
	fmt.Println("tooltip:", strings.Contains(s, "<title>one more clerk: 2.10 ± 0.30 min</title>"))
	// Output:
	// title: desk: mean wait
	// y axis: minutes
	// typeface: Liberation
	// font embedded: true
	// names the scenarios: true
	// tooltip: true
}
