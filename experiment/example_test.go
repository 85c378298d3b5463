package experiment_test

import (
	"context"
	"fmt"

	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// Two staffings of the clinic's booking desk compared on common random
// numbers: replication i of both sees the same callers, so the paired
// difference of the mean wait is known more precisely than either wait.
func Example() {
	clinic, _ := scenarios.Builtin("clinic")
	three, _ := clinic.With([][2]string{{"stages.booking.staff", "1"}})
	four, _ := clinic.With([][2]string{{"stages.booking.staff", "2"}})
	pts := experiment.Points(clinic.Source, three, four)
	pts[0].Name, pts[1].Name = "1 at booking", "2 at booking"
	opt := experiment.Options{Options: sim.Options{Replications: 5, Seed: 1}, Days: 7}
	experiment.Run(context.Background(), pts, opt)
	for _, p := range pts {
		w := p.Results.KPI("booking.wait.mean")
		fmt.Printf("%s: %.2f ± %.2f min\n", p.Name, w.Mean, w.HalfWidth)
	}
	for _, d := range experiment.Differences(pts)[1] {
		if d.Name == "booking.wait.mean" {
			fmt.Printf("difference: %.2f ± %.2f min\n", d.Mean, d.HalfWidth)
		}
	}
	// Output:
	// 1 at booking: 0.89 ± 0.06 min
	// 2 at booking: 0.21 ± 0.05 min
	// difference: -0.68 ± 0.06 min
}
