package plots

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

func faded(c color.Color, alpha uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), alpha}
}

// headroom raises the top of the y axis so that the legend, drawn in the
// top-left corner, does not cover the data.
func headroom(p *plot.Plot) {
	if span := p.Y.Max - p.Y.Min; span > 0 {
		p.Y.Max += 0.22 * span
	}
}

type xyErr struct {
	plotter.XYs
	plotter.YErrors
}

func errorBars(vals []float64, errs []float64) *plotter.YErrorBars {
	d := xyErr{make(plotter.XYs, len(vals)), make(plotter.YErrors, len(vals))}
	for i := range vals {
		d.XYs[i] = plotter.XY{X: float64(i), Y: vals[i]}
		d.YErrors[i].Low, d.YErrors[i].High = errs[i], errs[i]
	}
	eb, _ := plotter.NewYErrorBars(d)
	eb.LineStyle.Color = color.Gray{60}
	return eb
}

// clockTicks labels a minutes-since-midnight axis as HH:MM.
type clockTicks struct{}

func (clockTicks) Ticks(min, max float64) []plot.Tick {
	step := 60.0
	for (max-min)/step > 12 {
		step *= 2
	}
	var out []plot.Tick
	for t := math.Ceil(min/step) * step; t <= max; t += step {
		out = append(out, plot.Tick{Value: t, Label: fmt.Sprintf("%02d:%02d", int(t)/60, int(t)%60)})
	}
	return out
}

func line(xs, ys []float64, c color.Color) (*plotter.Line, error) {
	pts := make(plotter.XYs, len(xs))
	for i := range xs {
		pts[i] = plotter.XY{X: xs[i], Y: ys[i]}
	}
	l, err := plotter.NewLine(pts)
	if err != nil {
		return nil, err
	}
	l.Color = c
	l.Width = vg.Points(1.8)
	return l, nil
}

// band shades ys ± hw.
func band(p *plot.Plot, xs, ys, hw []float64, c color.Color) error {
	if len(xs) < 2 {
		return nil
	}
	poly := make(plotter.XYs, 0, 2*len(xs))
	for i := range xs {
		poly = append(poly, plotter.XY{X: xs[i], Y: ys[i] + hw[i]})
	}
	for i := len(xs) - 1; i >= 0; i-- {
		poly = append(poly, plotter.XY{X: xs[i], Y: ys[i] - hw[i]})
	}
	pg, err := plotter.NewPolygon(poly)
	if err != nil {
		return err
	}
	pg.Color = faded(c, 50)
	pg.LineStyle.Width = 0
	p.Add(pg)
	return nil
}
