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
type FrontierPoint struct {
	Name        string
	Cost, Score sim.Estimate
	Chosen      bool
}

// CostFrontier draws score against cost per scenario with confidence
// bars, the efficient frontier (no other scenario is cheaper and better)
// as a line, and the chosen scenario labelled.
func (sty *Style) CostFrontier(pts []FrontierPoint, costLabel, scoreLabel string) (*plot.Plot, error) {
	var ok []FrontierPoint
	for _, p := range pts {
		if finite(p.Cost.Mean) && finite(p.Score.Mean) {
			ok = append(ok, p)
		}
	}
	if len(ok) == 0 {
		return nil, ErrNoData
	}
	p := sty.newPlot(scoreLabel+" against cost", costLabel, scoreLabel)
	defer headroom(p)
	slices.SortFunc(ok, func(a, b FrontierPoint) int { return cmp.Compare(a.Cost.Mean, b.Cost.Mean) })
	var front plotter.XYs
	best := math.Inf(-1)
	for _, q := range ok {
		if q.Score.Mean > best {
			front = append(front, plotter.XY{X: q.Cost.Mean, Y: q.Score.Mean})
			best = q.Score.Mean
		}
	}
	if len(front) > 1 {
		l, _ := plotter.NewLine(front)
		l.Color = sty.Color(2)
		l.Width = vg.Points(1.5)
		p.Add(l)
		p.Legend.Add("efficient frontier", l)
	}
	for i, q := range ok {
		xy := plotter.XYs{{X: q.Cost.Mean, Y: q.Score.Mean}}
		for _, seg := range []plotter.XYs{
			{{X: q.Cost.Mean - nan0(q.Cost.HalfWidth), Y: q.Score.Mean}, {X: q.Cost.Mean + nan0(q.Cost.HalfWidth), Y: q.Score.Mean}},
			{{X: q.Cost.Mean, Y: q.Score.Mean - nan0(q.Score.HalfWidth)}, {X: q.Cost.Mean, Y: q.Score.Mean + nan0(q.Score.HalfWidth)}},
		} {
			l, _ := plotter.NewLine(seg)
			l.Color = color.Gray{120}
			p.Add(l)
		}
		s, _ := plotter.NewScatter(xy)
		s.Color = sty.Color(i)
		s.Shape = draw.CircleGlyph{}
		s.Radius = vg.Points(4)
		p.Add(s)
		name := q.Name
		if q.Chosen {
			name += " (chosen)"
		}
		labels, err := plotter.NewLabels(plotter.XYLabels{XYs: xy, Labels: []string{" " + name}})
		if err == nil {
			for i := range labels.TextStyle {
				labels.TextStyle[i] = sty.text(sty.LegendSize, labels.TextStyle[i])
			}
			p.Add(labels)
		}
	}
	return p, nil
}
