package plots

import (
	"cmp"
	"fmt"
	"math"

	"github.com/svcsim/svcsim/sim"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// KPIBars draws one KPI per scenario as bars with their confidence
// intervals.
func (sty *Style) KPIBars(sc []Scenario, kpi string) (*plot.Plot, error) {
	var label string
	var unit sim.Unit
	vals := make(plotter.Values, len(sc))
	var errs []float64
	any := false
	for i, s := range sc {
		k := s.Results.KPI(kpi)
		if k == nil || !finite(k.Mean) {
			errs = append(errs, 0)
			continue
		}
		label, unit = k.Label, k.Unit
		scale, _ := unitLabel(k.Unit)
		vals[i] = k.Mean * scale
		errs = append(errs, cmp.Or(nan0(k.HalfWidth), 0)*scale)
		any = true
	}
	if !any {
		return nil, ErrNoData
	}
	_, u := unitLabel(unit)
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
