package plots

import (
	"errors"
	"math"

	"github.com/svcsim/svcsim/sim"
)

// Scenario is one named scenario's results. Currency names the unit of
// its money KPIs ("EUR"); when empty, they are shown "per day".
type Scenario struct {
	Name     string
	Results  *sim.Results
	Currency string
}

// ErrNoData is returned for a chart the results hold no data for.
var ErrNoData = errors.New("plots: no data for this chart")

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

func nan0(x float64) float64 {
	if finite(x) {
		return x
	}
	return 0
}
