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
// target wait (its service level's threshold) dashed.
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
	w := &waitBars{sty: sty, stage: stage, scale: scale, unit: sty.unitShort(u),
		ch:     &Chart{Title: sty.wf("%s: distribution of waits", stage)},
		p:      sty.newPlot("", "", sty.unitWord(u)),
		labels: sty.newPointLabels(vg.Points(9))}
	names := make([]string, len(sc))
	drawn := false
	for i, s := range sc {
		names[i] = s.Name
		ok, err := w.scenario(i, s)
		if err != nil {
			return nil, err
		}
		drawn = drawn || ok
	}
	if !drawn {
		return nil, ErrNoData
	}
	ch, p := w.ch, w.p
	if w.mean != nil {
		ch.addLegend(sty.w("mean"), w.mean)
	}
	for _, t := range sc[0].targets(stage + ".wait.mean") {
		y := t.Limit * scale
		l := targetLine(t, y)
		p.Add(l)
		ch.addLegend(sty.targetText(t, y, u), l)
		w.hi = math.Max(w.hi, y)
	}
	p.Add(w.labels) // over the target lines, so that they stay readable
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.5, float64(len(sc))-0.5
	yRange(p, 0, w.hi, 0, math.Inf(1))
	ch.Panels = []*plot.Plot{p}
	return ch, nil
}

// waitBars is a WaitDistribution being drawn.
type waitBars struct {
	sty    *Style
	stage  string
	scale  float64 // from minutes to the unit shown
	unit   string
	ch     *Chart
	p      *plot.Plot
	labels *pointLabels
	hi     float64          // the highest value drawn
	mean   *plotter.Scatter // a mean's mark, for the legend
}

// scenario draws scenario s at x = i: its percentiles on a bar in its
// colour, labelled, and its mean. It reports whether s had any.
func (w *waitBars) scenario(i int, s Scenario) (bool, error) {
	sty, x := w.sty, float64(i)
	var qs plotter.XYs
	// Percentiles that read the same (a median and a p90 of 0 when most
	// customers do not wait) share one label, "median, p90 0": two labels
	// of one point would be stacked on each other with a leader crossing
	// the mean's mark.
	type label struct {
		y           float64
		names, text string
	}
	var labels []label
	for _, q := range percentiles {
		k := s.Results.KPI(w.stage + ".wait." + q.kpi)
		if k == nil || !finite(k.Mean) {
			continue
		}
		y := k.Mean * w.scale
		qs = append(qs, plotter.XY{X: x, Y: y})
		if v, n := trim(y, 0), len(labels); n > 0 && labels[n-1].text == v {
			labels[n-1].names += sty.w(", ") + sty.w(q.label)
		} else {
			labels = append(labels, label{y, sty.w(q.label), v})
		}
		w.ch.addTip(0, x, x, y, y, s.Name+": "+sty.w(q.label)+" "+estimate(y, nan0(k.HalfWidth)*w.scale, w.unit))
		w.hi = math.Max(w.hi, y)
	}
	for _, l := range labels {
		w.labels.add(x, l.y, l.names+" "+l.text, false)
	}
	if len(qs) == 0 {
		return false, nil
	}
	l, err := plotter.NewLine(qs)
	if err != nil {
		return false, err
	}
	l.Color = sty.Color(i)
	l.Width = vg.Points(7)
	w.p.Add(l)
	dots, _ := plotter.NewScatter(qs)
	dots.Color = color.White
	dots.Shape = draw.CircleGlyph{}
	dots.Radius = vg.Points(2)
	w.p.Add(dots)
	w.ch.addLegend(s.Name, l)
	if k := s.Results.KPI(w.stage + ".wait.mean"); k != nil && finite(k.Mean) {
		y := k.Mean * w.scale
		m, _ := plotter.NewScatter(plotter.XYs{{X: x, Y: y}})
		m.Color = color.Black
		m.Shape = draw.PyramidGlyph{}
		m.Radius = vg.Points(4)
		w.p.Add(m)
		w.labels.add(x, y, sty.w("mean")+" "+trim(y, 0), true)
		w.ch.addTip(0, x, x, y, y, s.Name+": "+sty.w("mean")+" "+estimate(y, nan0(k.HalfWidth)*w.scale, w.unit))
		w.mean = m
	}
	return true, nil
}
