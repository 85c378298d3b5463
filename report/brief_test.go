package report

import (
	"testing"

	"github.com/svcsim/svcsim/sim"
)

func TestChange(t *testing.T) {
	tests := []struct {
		name string
		x    sim.Diff
		k    sim.KPI
		want string
	}{
		{"share in pp",
			sim.Diff{Unit: sim.Share, Base: sim.Estimate{Mean: 0.706, HalfWidth: 0.01}, Other: sim.Estimate{Mean: 0.839, HalfWidth: 0.01}, Estimate: sim.Estimate{Mean: 0.133, HalfWidth: 0.004}},
			sim.KPI{Stage: "calls", Label: "answered within 1m"},
			"calls: answered within 1m rises from 70.6% to 83.9% (+13.3 ± 0.4 pp)"},
		{"wait with relative change",
			sim.Diff{Unit: sim.Minutes, Base: sim.Estimate{Mean: 2, HalfWidth: 0.1}, Other: sim.Estimate{Mean: 1, HalfWidth: 0.1}, Estimate: sim.Estimate{Mean: -1, HalfWidth: 0.12}},
			sim.KPI{Stage: "calls", Label: "mean wait (served)"},
			"calls: mean wait (served) falls from 2.00 to 1.00 min (-1.00 ± 0.12 min, -50%)"},
		{"nps without relative change",
			sim.Diff{Unit: sim.NPSPoints, Base: sim.Estimate{Mean: 12, HalfWidth: 1}, Other: sim.Estimate{Mean: 20.1, HalfWidth: 1}, Estimate: sim.Estimate{Mean: 8.1, HalfWidth: 0.7}},
			sim.KPI{Label: "NPS"},
			"NPS rises from 12.0 to 20.1 points (+8.1 ± 0.7 points)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := change(tt.x, &tt.k, "EUR"); got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}
