package plots

import (
	"image/color"
	"math"

	"github.com/svcsim/svcsim/sim"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// percentiles are the wait KPIs WaitDistribution draws, with their labels.
var percentiles = []struct{ kpi, label string }{
	{"p50", "median"}, {"p90", "p90"}, {"p95", "p95"}, {"p99", "p99"},
}

// WaitDistribution draws a stage's waits per scenario: the median, 90th,
// 95th and 99th percentiles on a bar in the scenario's colour, each
// labelled with its name and value, and the mean as a labelled black
// triangle; waits from 0, in hours or days when long, and the stage's
// target wait dashed.
func (sty *Style) WaitDistribution(sc []Scenario, stage string) (*Chart, error) {
	magnitude := 0.0
	for _, s := range sc {
		for _, q := range percentiles {
			if k := s.Results.KPI(stage + ".wait." + q.kpi); k != nil && finite(k.Mean) {
				magnitude = math.Max(magnitude, k.Mean)
			}
		}
	}
	scale, u := sim.Minutes.Display("", magnitude)
	ch := &Chart{Title: sty.wf("%s: distribution of waits", stage)}
	p := sty.newPlot("", "", sty.unitWord(u))
	labels := sty.newPointLabels(vg.Points(9))
	names := make([]string, len(sc))
	hi := 0.0
	drawn := false
	unit := sty.unitShort(u)
	var mean *plotter.Scatter
	for i, s := range sc {
		names[i] = s.Name
		x := float64(i)
		var qs plotter.XYs
		for _, q := range percentiles {
			k := s.Results.KPI(stage + ".wait." + q.kpi)
			if k == nil || !finite(k.Mean) {
				continue
			}
			y := k.Mean * scale
			qs = append(qs, plotter.XY{X: x, Y: y})
			labels.add(x, y, sty.w(q.label)+" "+trim(y, 0), false)
			ch.addTip(0, x, x, y, y, s.Name+": "+sty.w(q.label)+" "+estimate(y, nan0(k.HalfWidth)*scale, unit))
			hi = math.Max(hi, y)
		}
		if len(qs) == 0 {
			continue
		}
		l, err := plotter.NewLine(qs)
		if err != nil {
			return nil, err
		}
		l.Color = sty.Color(i)
		l.Width = vg.Points(7)
		p.Add(l)
		dots, _ := plotter.NewScatter(qs)
		dots.Color = color.White
		dots.Shape = draw.CircleGlyph{}
		dots.Radius = vg.Points(2)
		p.Add(dots)
		ch.addLegend(s.Name, l)
		if k := s.Results.KPI(stage + ".wait.mean"); k != nil && finite(k.Mean) {
			y := k.Mean * scale
			m, _ := plotter.NewScatter(plotter.XYs{{X: x, Y: y}})
			m.Color = color.Black
			m.Shape = draw.PyramidGlyph{}
			m.Radius = vg.Points(4)
			p.Add(m)
			labels.add(x, y, sty.w("mean")+" "+trim(y, 0), true)
			ch.addTip(0, x, x, y, y, s.Name+": "+sty.w("mean")+" "+estimate(y, nan0(k.HalfWidth)*scale, unit))
			mean = m
		}
		drawn = true
	}
	if !drawn {
		return nil, ErrNoData
	}
	if mean != nil {
		ch.addLegend(sty.w("mean"), mean)
	}
	for _, t := range sc[0].targets(stage + ".wait.mean") {
		y := t.Limit * scale
		l := targetLine(t, y)
		p.Add(l)
		ch.addLegend(sty.targetText(t, y, u), l)
		hi = math.Max(hi, y)
	}
	p.Add(labels) // over the target lines, so that they stay readable
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.5, float64(len(sc))-0.5
	yRange(p, 0, hi, 0, math.Inf(1))
	ch.Panels = []*plot.Plot{p}
	return ch, nil
}
