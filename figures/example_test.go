package figures_test

import (
	"fmt"

	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/sim"
)

// A mean wait of 12.4321 minutes with a half-width of 0.8 keeps one
// decimal; a service level reads in percent.
func ExamplePM() {
	v, pm := figures.PM(12.4321, 0.8)
	fmt.Println(figures.JoinPM(v, pm), "min")
	fmt.Println(figures.Estimate(sim.Estimate{Mean: 0.8123, HalfWidth: 0.0412}, sim.Share))
	fmt.Println(figures.Clock(510), figures.Duration(2880), figures.Compact(90))
	// Output:
	// 12.4 ± 0.8 min
	// 81 ± 4 %
	// 08:30 2 days 1h30m
}
