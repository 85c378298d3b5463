package plots

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// WaitDistribution draws a stage's waits per scenario: the median, 90th,
// 95th and 99th percentiles on a vertical line and the mean as a triangle.
func (sty *Style) WaitDistribution(sc []Scenario, stage string) (*plot.Plot, error) {
	p := sty.newPlot(stage+": distribution of waits", "", "wait (min)")
	names := make([]string, len(sc))
	drawn := false
	for i, s := range sc {
		names[i] = s.Name
		var qs plotter.XYs
		for _, q := range []string{"p50", "p90", "p95", "p99"} {
			if k := s.Results.KPI(stage + ".wait." + q); k != nil && finite(k.Mean) {
				qs = append(qs, plotter.XY{X: float64(i), Y: k.Mean})
			}
		}
		if len(qs) == 0 {
			continue
		}
		l, _ := plotter.NewLine(qs)
		l.Color = sty.Color(i)
		l.Width = vg.Points(6)
		p.Add(l)
		dots, _ := plotter.NewScatter(qs)
		dots.Color = color.White
		dots.Shape = draw.CircleGlyph{}
		dots.Radius = vg.Points(2)
		p.Add(dots)
		if k := s.Results.KPI(stage + ".wait.mean"); k != nil && finite(k.Mean) {
			m, _ := plotter.NewScatter(plotter.XYs{{X: float64(i), Y: k.Mean}})
			m.Color = color.Black
			m.Shape = draw.PyramidGlyph{}
			m.Radius = vg.Points(4)
			p.Add(m)
			if i == 0 {
				p.Legend.Add("mean", m)
			}
		}
		if i == 0 {
			p.Legend.Add("median, p90, p95, p99", l)
		}
		drawn = true
	}
	if !drawn {
		return nil, ErrNoData
	}
	p.NominalX(names...)
	p.Y.Min = 0
	headroom(p)
	return p, nil
}
