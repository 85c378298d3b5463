package plots

import (
	"fmt"
	"math"
	"slices"

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

// StaffingCurve draws a KPI in unit (with currency for money) against a
// swept value (staff level), each point with its confidence interval,
// joined by a thin line, and the targets and alerts on the KPI (limits in
// unit) as dashed lines, dotted for a limit on every interval; a Target
// without a KPI is a plain target. Values are shown as the tables show them
// (sim.Unit.Display): shares from 0 to 100%, waits from 0 and in hours or
// days when long.
func (sty *Style) StaffingCurve(title, xLabel string, unit sim.Unit, currency string, pts []SweepPoint, targets []Target) (*Chart, error) {
	var xs, ys, hw []float64
	magnitude := 0.0
	for _, pt := range pts {
		if finite(pt.Y.Mean) {
			xs, ys, hw = append(xs, pt.X), append(ys, pt.Y.Mean), append(hw, nan0(pt.Y.HalfWidth))
			magnitude = math.Max(magnitude, math.Abs(pt.Y.Mean))
		}
	}
	if len(xs) == 0 {
		return nil, ErrNoData
	}
	scale, u := unit.Display(currency, magnitude)
	for i := range ys {
		ys[i], hw[i] = ys[i]*scale, hw[i]*scale
	}
	ceil := math.Inf(1)
	if unit == sim.Share {
		ceil = 100
	}
	ch := &Chart{Title: title}
	p := sty.newPlot("", xLabel, sty.unitWord(u))
	ch.Panels = []*plot.Plot{p}
	c := sty.Color(0)
	d := xyErr{make(plotter.XYs, len(xs)), make(plotter.YErrors, len(xs))}
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := range xs {
		d.XYs[i] = plotter.XY{X: xs[i], Y: ys[i]}
		d.YErrors[i].Low, d.YErrors[i].High = hw[i], hw[i]
		lo, hi = math.Min(lo, ys[i]-hw[i]), math.Max(hi, ys[i]+hw[i])
		ch.addTip(0, xs[i], xs[i], ys[i], ys[i], fmt.Sprintf("%s %g: %s", xLabel, xs[i], estimate(ys[i], hw[i], sty.unitShort(u))))
	}
	l, err := plotter.NewLine(d.XYs)
	if err != nil {
		return nil, err
	}
	l.Color = faded(c, 140)
	l.Width = vg.Points(1.2)
	p.Add(l)
	eb, _ := plotter.NewYErrorBars(d)
	eb.Color = c
	eb.Width = vg.Points(1.4)
	p.Add(eb)
	sc, _ := plotter.NewScatter(d.XYs)
	sc.Color = c
	sc.Radius = vg.Points(3)
	p.Add(sc)
	for _, t := range targets {
		y := t.Limit * scale
		l := targetLine(t, y)
		p.Add(l)
		ch.addLegend(sty.targetText(t, y, u), l)
		lo, hi = math.Min(lo, y), math.Max(hi, y)
	}
	floor := math.Inf(-1)
	if lo >= 0 {
		floor = 0
	}
	yRange(p, lo, hi, floor, ceil)
	if lo >= 0 {
		p.Y.Min = 0
	}
	// White past the first and last points, whose markers would sit on
	// the ends of the axis.
	xlo, xhi := slices.Min(xs), slices.Max(xs)
	if xlo == xhi {
		xlo, xhi = xlo-1, xhi+1
	}
	p.X.Min, p.X.Max = padded(xlo, xhi)
	return ch, nil
}
