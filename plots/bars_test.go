package plots

import (
	"math"
	"slices"
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
		top   float64 // the top of the bar and its error bar, below the axis's top
	}{
		{"a short wait in minutes", sim.Minutes, 30, "minutes", 33},
		{"a long wait in hours", sim.Minutes, 1200, "hours", 22},
		{"money in the currency", sim.Money, 900, "EUR per day", 990},
		{"a share in percent", sim.Share, 0.5, "percent", 55},
		{"NPS in points", sim.NPSPoints, 20, "NPS points", 22},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ch, err := DefaultStyle().KPIBars(kpi(tt.unit, tt.mean), "k")
			if err != nil {
				t.Fatal(err)
			}
			p := ch.Panels[0]
			if p.Y.Label.Text != tt.label {
				t.Errorf("y axis %q; want %q", p.Y.Label.Text, tt.label)
			}
			// 8% of the axis above the top of the confidence interval,
			// so that the caps never touch the frame.
			if want := tt.top * 1.08; math.Abs(p.Y.Max-want) > 1e-9 || p.Y.Min != 0 {
				t.Errorf("y axis %v to %v; want 0 to %v", p.Y.Min, p.Y.Max, want)
			}
		})
	}
}

// TestKPIBarsTitle checks that a stage's KPI is titled with the stage, and
// that the y axis names the unit rather than repeating the title.
func TestKPIBarsTitle(t *testing.T) {
	sc := []Scenario{{Name: "today", Results: synthetic([]string{"booking", "service"}, 1), Targets: targets}}
	ch, err := DefaultStyle().KPIBars(sc, "service.wait.mean")
	if err != nil {
		t.Fatal(err)
	}
	if ch.Title != "service: mean wait (served)" || ch.Panels[0].Y.Label.Text != "minutes" {
		t.Errorf("title %q, y axis %q; want %q and %q", ch.Title, ch.Panels[0].Y.Label.Text, "service: mean wait (served)", "minutes")
	}
	ch, err = DefaultStyle().KPIBars(sc, "booking.service_level")
	if err != nil {
		t.Fatal(err)
	}
	var legend []string
	for _, e := range ch.Legend {
		legend = append(legend, e.Text)
	}
	want := []string{"alert: below 60% in any interval", "alert: below 75%"}
	if !slices.Equal(legend, want) {
		t.Errorf("legend %q; want the targets %q", legend, want)
	}
	if p := ch.Panels[0]; p.Y.Min != 0 || p.Y.Max > 100 {
		t.Errorf("a share's axis runs %v to %v; want within 0 to 100", p.Y.Min, p.Y.Max)
	}
}
