package plots

import (
	"math"
	"testing"

	"github.com/svcsim/svcsim/sim"
)

// TestForestUnits checks that each difference is drawn in the unit its
// tick label names: a share difference of 0.05 ± 0.01 spans 4 to 6 %.
func TestForestUnits(t *testing.T) {
	base := Scenario{Name: "a", Currency: "EUR", Results: &sim.Results{KPIs: []sim.KPI{{Name: "booking.service_level", Stage: "booking"}}}}
	ch, err := DefaultStyle().Forest("b - a", base, []sim.Diff{
		{Name: "booking.service_level", Label: "served within 1m", Unit: sim.Share, Base: est(0.8, 0.01), Other: est(0.85, 0.01), Estimate: est(0.05, 0.01)},
		{Name: "cost.per_day", Label: "staff cost", Unit: sim.Money, Base: est(5000, 10), Other: est(5200, 10), Estimate: est(200, 5)},
	}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Panels) != 2 {
		t.Fatalf("%d panels; want one per unit (%%, EUR/day)", len(ch.Panels))
	}
	p := ch.Panels[0]
	// 0 to 6 with 6% of the span either side (6.36), out to the next
	// half step of the ticks (1): 6.5.
	if math.Abs(p.X.Max-6.5) > 1e-9 || p.X.Label.Text != "difference (percentage points)" {
		t.Errorf("x axis %q up to %v; want difference (%%) up to 6.5", p.X.Label.Text, p.X.Max)
	}
	ticks := p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max)
	if len(ticks) != 1 || ticks[0].Label != "booking: served within 1m" {
		t.Errorf("ticks %+v; want one labelled booking: served within 1m", ticks)
	}
	if x := ch.Panels[1].X.Label.Text; x != "difference (EUR/day)" {
		t.Errorf("second panel's x axis %q; want difference (EUR/day)", x)
	}
	if tips := ch.Tips(); len(tips) != 2 || tips[0] != "booking: served within 1m: +5.0 ± 1.0 % (80.0 ± 1.0 % → 85.0 ± 1.0 %)" {
		t.Errorf("tooltips %q", tips)
	}
}
