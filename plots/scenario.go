package plots

import (
	"errors"
	"math"

	"github.com/svcsim/svcsim/sim"
)

// Scenario is one named scenario's results.
type Scenario struct {
	Name    string
	Results *sim.Results
}

// ErrNoData is returned for a chart the results hold no data for.
var ErrNoData = errors.New("plots: no data for this chart")

// unitLabel is a KPI's unit for an axis label; shares are shown in %.
func unitLabel(u sim.Unit) (scale float64, label string) {
	if u == sim.Share {
		return 100, "%"
	}
	return 1, string(u)
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

func nan0(x float64) float64 {
	if finite(x) {
		return x
	}
	return 0
}
