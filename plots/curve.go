package plots

import (
	"fmt"

	"github.com/svcsim/svcsim/sim"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// SweepPoint is one grid point of a sweep: the varied value and a KPI.
type SweepPoint struct {
	X float64
	Y sim.Estimate
}

// StaffingCurve draws a KPI against a swept value (staff level) with
// confidence intervals and, when hasTarget, the target as a dashed line.
func (sty *Style) StaffingCurve(title, xLabel, yLabel string, pts []SweepPoint, target float64, hasTarget bool) (*plot.Plot, error) {
	var xs, ys, hw []float64
	for _, pt := range pts {
		if finite(pt.Y.Mean) {
			xs, ys, hw = append(xs, pt.X), append(ys, pt.Y.Mean), append(hw, nan0(pt.Y.HalfWidth))
		}
	}
	if len(xs) == 0 {
		return nil, ErrNoData
	}
	p := sty.newPlot(title, xLabel, yLabel)
	band(p, xs, ys, hw, sty.Color(0))
	l, err := line(xs, ys, sty.Color(0))
	if err != nil {
		return nil, err
	}
	p.Add(l)
	d := xyErr{make(plotter.XYs, len(xs)), make(plotter.YErrors, len(xs))}
	for i := range xs {
		d.XYs[i] = plotter.XY{X: xs[i], Y: ys[i]}
		d.YErrors[i].Low, d.YErrors[i].High = hw[i], hw[i]
	}
	eb, _ := plotter.NewYErrorBars(d)
	eb.Color = sty.Color(0)
	p.Add(eb)
	sc, _ := plotter.NewScatter(d.XYs)
	sc.Color = sty.Color(0)
	p.Add(sc)
	if hasTarget {
		t, _ := plotter.NewLine(plotter.XYs{{X: xs[0], Y: target}, {X: xs[len(xs)-1], Y: target}})
		t.Color = sty.Color(5)
		t.Dashes = []vg.Length{vg.Points(6), vg.Points(4)}
		p.Add(t)
		p.Legend.Add(fmt.Sprintf("target %g", target), t)
	}
	return p, nil
}
