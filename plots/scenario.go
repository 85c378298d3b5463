package plots

import (
	"errors"
	"math"
	"strings"

	"github.com/svcsim/svcsim/sim"
)

// Scenario is one named scenario's results. Currency names the unit of
// its money KPIs ("EUR"); when empty, they are shown "per day". Targets
// are drawn as lines on the charts of the KPIs they limit.
//
// Charts of several scenarios draw scenario i of the slice in
// Style.Color(i): pass every chart of a run the same slice, so that each
// scenario has one colour throughout.
type Scenario struct {
	Name     string
	Results  *sim.Results
	Currency string
	Targets  []Target
}

// Target is a limit a planner holds a KPI to: an alert of the scenario
// ("booking.service_level < 60% per interval") or a stage's target wait,
// the wait that counts as served in time (TargetWait, given on each wait
// KPI of the stage; results written before it was named "STAGE.wait",
// which applies to every wait chart of the stage).
type Target struct {
	KPI string `json:"kpi"`
	// Limit is in the KPI's unit: shares as fractions, waits in minutes.
	Limit float64 `json:"limit"`
	// Above is true when values above Limit breach it (a wait, an
	// abandonment rate), false when values below do (a service level).
	Above bool `json:"above,omitempty"`
	// PerInterval is true for a limit on every time-of-day interval
	// rather than on the whole run.
	PerInterval bool `json:"per_interval,omitempty"`
	// TargetWait is true for a stage's target wait.
	TargetWait bool `json:"target_wait,omitempty"`
}

// isTargetWait reports whether t is a stage's target wait, as written
// now or in older results ("STAGE.wait").
func (t Target) isTargetWait() bool { return t.TargetWait || strings.HasSuffix(t.KPI, ".wait") }

// targets returns the targets of s that apply to the KPI name: the alerts
// on it and, for a wait of a stage, the stage's target wait.
func (s Scenario) targets(name string) []Target {
	var out []Target
	for _, t := range s.Targets {
		if t.KPI == name || (strings.HasSuffix(t.KPI, ".wait") && strings.HasPrefix(name, t.KPI+".")) {
			out = append(out, t)
		}
	}
	return out
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
