package plots

import (
	"math"
	"testing"

	"github.com/svcsim/svcsim/sim"
)

// TestForestUnits checks that each difference is drawn in the unit its
// tick label names: a share difference of 0.05 ± 0.01 spans 4 to 6 %.
func TestForestUnits(t *testing.T) {
	p, err := DefaultStyle().Forest("b - a", "EUR", []sim.Diff{
		{Name: "booking.service_level", Unit: sim.Share, Base: est(0.8, 0.01), Other: est(0.85, 0.01), Estimate: est(0.05, 0.01)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(p.X.Max-6) > 1e-9 {
		t.Errorf("x axis up to %v; want 6 (%%)", p.X.Max)
	}
	ticks := p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max)
	if len(ticks) != 1 || ticks[0].Label != "booking.service_level (%)" {
		t.Errorf("ticks %+v; want one labelled booking.service_level (%%)", ticks)
	}
}
