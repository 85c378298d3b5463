package figures

import (
	"fmt"
	"math"

	"github.com/svcsim/svcsim/sim"
)

// Breach describes a crossed alert threshold: the KPI, where, the limit
// and the mean value in the replications that crossed it, in the
// breach's display unit (money in currency): its KPI's, or arrivals per
// hour in an interval. Results that do not name the breach's unit have
// it in the KPI's.
func Breach(r *sim.Results, b sim.Breach, currency string) string {
	op := "below"
	if b.Above {
		op = "above"
	}
	if b.Inclusive {
		op = "at or " + op
	}
	scale, unit := 1.0, ""
	u := b.Unit
	if k := r.KPI(b.KPI); k != nil && u == "" {
		u = k.Unit
	}
	if u != "" {
		scale, unit = u.Display(currency, Largest(b.Limit, b.Value))
	}
	where := ""
	if b.From >= 0 {
		where = fmt.Sprintf(" in %s-%s", Clock(b.From), Clock(b.To))
	}
	v, _ := PM(b.Value*scale, math.NaN())
	l, _ := PM(b.Limit*scale, math.NaN())
	return fmt.Sprintf("%s%s %s %s %s (mean when crossed %s %s)", b.KPI, where, op, l, unit, v, unit)
}

// Percent is a share as a whole percentage: "42%".
func Percent(share float64) string {
	return fmt.Sprintf("%.0f%%", share*100)
}
