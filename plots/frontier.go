package plots

import (
	"cmp"
	"image/color"
	"math"
	"slices"

	"github.com/svcsim/svcsim/sim"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// FrontierPoint is a scenario's cost and score (NPS, say) for CostFrontier.
// Index is the scenario's position in the run, which gives its colour.
type FrontierPoint struct {
	Name        string
	Index       int
	Cost, Score sim.Estimate
	Chosen      bool
}

// CostFrontier draws score against cost per scenario, each in its colour,
// with confidence bars, the efficient frontier (no other scenario is
// cheaper and better) as a line, and each scenario's name beside (never
// over) its point.
func (sty *Style) CostFrontier(pts []FrontierPoint, costLabel, scoreLabel string) (*Chart, error) {
	var ok []FrontierPoint
	for _, p := range pts {
		if finite(p.Cost.Mean) && finite(p.Score.Mean) {
			ok = append(ok, p)
		}
	}
	if len(ok) == 0 {
		return nil, ErrNoData
	}
	ch := &Chart{Title: sty.wf("%s against cost", scoreLabel)}
	p := sty.newPlot("", costLabel, scoreLabel)
	ch.Panels = []*plot.Plot{p}
	byCost := slices.Clone(ok)
	slices.SortStableFunc(byCost, func(a, b FrontierPoint) int { return cmp.Compare(a.Cost.Mean, b.Cost.Mean) })
	var front plotter.XYs
	best := math.Inf(-1)
	for _, q := range byCost {
		if q.Score.Mean > best {
			front = append(front, plotter.XY{X: q.Cost.Mean, Y: q.Score.Mean})
			best = q.Score.Mean
		}
	}
	if len(front) > 1 {
		l, _ := plotter.NewLine(front)
		l.Color = color.Gray{110}
		l.Width = vg.Points(1.5)
		l.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
		p.Add(l)
		ch.addLegend(sty.w("efficient frontier"), l)
	}
	labels := sty.newPointLabels(vg.Points(7))
	labels.free = true
	xlo, xhi := math.Inf(1), math.Inf(-1)
	ylo, yhi := math.Inf(1), math.Inf(-1)
	for _, q := range ok {
		ch0, cw := q.Cost.Mean, nan0(q.Cost.HalfWidth)
		s0, sw := q.Score.Mean, nan0(q.Score.HalfWidth)
		xlo, xhi = math.Min(xlo, ch0-cw), math.Max(xhi, ch0+cw)
		ylo, yhi = math.Min(ylo, s0-sw), math.Max(yhi, s0+sw)
		// The point and its bars are obstacles no label may cover.
		d := func(x, y float64) vg.Point { return vg.Point{X: vg.Length(x), Y: vg.Length(y)} }
		labels.obstacles = append(labels.obstacles, vg.Rectangle{Min: d(ch0-cw, s0), Max: d(ch0+cw, s0)},
			vg.Rectangle{Min: d(ch0, s0-sw), Max: d(ch0, s0+sw)})
		for _, seg := range []plotter.XYs{{{X: ch0 - cw, Y: s0}, {X: ch0 + cw, Y: s0}}, {{X: ch0, Y: s0 - sw}, {X: ch0, Y: s0 + sw}}} {
			l, _ := plotter.NewLine(seg)
			l.Color = faded(sty.Color(q.Index), 160)
			l.Width = vg.Points(1.2)
			p.Add(l)
		}
		s, _ := plotter.NewScatter(plotter.XYs{{X: ch0, Y: s0}})
		s.Color = sty.Color(q.Index)
		s.Shape = draw.CircleGlyph{}
		s.Radius = vg.Points(4.5)
		p.Add(s)
		name := q.Name
		if q.Chosen {
			name += " (" + sty.w("chosen") + ")"
		}
		ch.addLegend(name, s)
		ch.addTip(0, ch0, ch0, s0, s0, q.Name+": "+costLabel+" "+estimate(ch0, cw, "")+"; "+scoreLabel+" "+estimate(s0, sw, ""))
		// Beside the point, on the side with more room.
		labels.add(ch0, s0, name, false)
	}
	p.Add(labels)
	mx, my := 0.08*(xhi-xlo), 0.1*(yhi-ylo)
	if mx == 0 {
		mx = math.Max(1, math.Abs(xlo)*0.05)
	}
	if my == 0 {
		my = math.Max(1, math.Abs(ylo)*0.05)
	}
	p.X.Min, p.X.Max = xlo-mx, xhi+mx
	p.Y.Min, p.Y.Max = ylo-my, yhi+my
	return ch, nil
}
