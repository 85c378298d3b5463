package plots

import (
	"math"
	"testing"

	"github.com/svcsim/svcsim/sim"
)

// TestKPIBarsUnits checks that the bars are in the unit the tables show:
// long waits in hours, money in the scenario's currency, NPS in points.
func TestKPIBarsUnits(t *testing.T) {
	kpi := func(u sim.Unit, mean float64) []Scenario {
		r := &sim.Results{KPIs: []sim.KPI{{Name: "k", Label: "figure", Unit: u, Estimate: est(mean, mean/10)}}}
		return []Scenario{{Name: "a", Results: r, Currency: "EUR"}, {Name: "b", Results: r, Currency: "EUR"}}
	}
	tests := []struct {
		name  string
		unit  sim.Unit
		mean  float64
		label string
		top   float64 // the top of the bar and its error bar
	}{
		{"a short wait in minutes", sim.Minutes, 30, "figure (min)", 33},
		{"a long wait in hours", sim.Minutes, 1200, "figure (h)", 22},
		{"money in the currency", sim.Money, 900, "figure (EUR/day)", 990},
		{"a share in percent", sim.Share, 0.5, "figure (%)", 55},
		{"NPS in points", sim.NPSPoints, 20, "figure (points)", 22},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := DefaultStyle().KPIBars(kpi(tt.unit, tt.mean), "k")
			if err != nil {
				t.Fatal(err)
			}
			if p.Y.Label.Text != tt.label {
				t.Errorf("y axis %q; want %q", p.Y.Label.Text, tt.label)
			}
			if math.Abs(p.Y.Max-tt.top) > 1e-9 {
				t.Errorf("y axis up to %v; want %v", p.Y.Max, tt.top)
			}
		})
	}
}
