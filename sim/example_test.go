package sim_test

import (
	"context"
	"fmt"

	"github.com/svcsim/svcsim/sim"
)

// A call centre open around the clock: 9 calls a minute, 10 agents, calls
// of 1 minute on average. Erlang C puts the mean wait at 0.67 min.
func ExampleRun() {
	var open [7]sim.Window
	var calls, staff [7][]sim.Segment
	for d := range open {
		open[d] = sim.Window{From: 0, To: sim.MinutesPerDay}
		calls[d] = []sim.Segment{{From: 0, To: sim.MinutesPerDay, Value: 9}}
		staff[d] = []sim.Segment{{From: 0, To: sim.MinutesPerDay, Value: 10}}
	}
	m := &sim.Model{
		Name:     "call centre",
		Days:     20,
		Warmup:   sim.MinutesPerDay,
		Interval: 60,
		Open:     open,
		Channels: []sim.Channel{{Name: "phone", Rates: calls, Route: []sim.Step{{Stage: 0, Prob: 1}}}},
		Stages: []sim.Stage{{
			Name:    "agents",
			Service: sim.Exponential{M: 1},
			Target:  1,
			Groups:  []sim.Group{{Name: "agents", Speed: 1, Staff: staff}},
		}},
	}
	r, err := sim.Run(context.Background(), m, sim.Options{Replications: 10, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	w := r.KPI("agents.wait.mean")
	fmt.Printf("mean wait within 0.1 min of Erlang C: %v\n", w.Mean > 0.57 && w.Mean < 0.77)
	u := r.KPI("agents.utilisation")
	fmt.Printf("utilisation %.2f\n", u.Mean)
	// Output:
	// mean wait within 0.1 min of Erlang C: true
	// utilisation 0.90
}
