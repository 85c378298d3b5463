package plots

import (
	"fmt"
	"math"

	"github.com/svcsim/svcsim/sim"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// KPIBars draws one KPI per scenario as bars with their confidence
// intervals, in the unit the tables show it in (sim.Unit.Display).
func (sty *Style) KPIBars(sc []Scenario, kpi string) (*plot.Plot, error) {
	var label, currency string
	var unit sim.Unit
	vals := make(plotter.Values, len(sc))
	errs := make([]float64, len(sc))
	magnitude := 0.0
	any := false
	for i, s := range sc {
		k := s.Results.KPI(kpi)
		if k == nil || !finite(k.Mean) {
			continue
		}
		label, unit, currency = k.Label, k.Unit, s.Currency
		vals[i], errs[i] = k.Mean, nan0(k.HalfWidth)
		magnitude = math.Max(magnitude, math.Abs(k.Mean))
		any = true
	}
	if !any {
		return nil, ErrNoData
	}
	scale, u := unit.Display(currency, magnitude)
	for i := range vals {
		vals[i], errs[i] = vals[i]*scale, errs[i]*scale
	}
	p := sty.newPlot(label, "", fmt.Sprintf("%s (%s)", label, u))
	w := vg.Points(math.Min(80, 300/float64(len(sc))))
	for i := range sc {
		bars, err := plotter.NewBarChart(plotter.Values{vals[i]}, w)
		if err != nil {
			return nil, err
		}
		bars.XMin = float64(i)
		bars.Color = sty.Color(i)
		bars.LineStyle.Width = 0
		p.Add(bars)
	}
	eb := errorBars(vals, errs)
	p.Add(eb)
	names := make([]string, len(sc))
	for i, s := range sc {
		names[i] = s.Name
	}
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.6, float64(len(sc))-0.4
	p.Y.Min = math.Min(0, p.Y.Min)
	return p, nil
}
