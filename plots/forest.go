package plots

import (
	"fmt"
	"image/color"
	"math"

	"github.com/svcsim/svcsim/sim"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Forest draws the paired differences of a comparison: each KPI's
// difference with its confidence interval against zero, in the unit the
// tables show it in (sim.Unit.Display; money in currency); differences
// that cannot be told from noise are grey.
func (sty *Style) Forest(title, currency string, diffs []sim.Diff) (*plot.Plot, error) {
	if len(diffs) == 0 {
		return nil, ErrNoData
	}
	p := sty.newPlot(title, "difference from the baseline (scenario - baseline)", "")
	var ticks []plot.Tick
	row := 0
	for i := len(diffs) - 1; i >= 0; i-- {
		d := diffs[i]
		if !finite(d.Mean) {
			continue
		}
		y := float64(row)
		c := sty.Color(0)
		if !d.Distinguishable {
			c = color.Gray{160}
		}
		scale, u := d.Unit.Display(currency, math.Max(math.Abs(d.Base.Mean), math.Abs(d.Other.Mean)))
		mean, hw := d.Mean*scale, nan0(d.HalfWidth)*scale
		whisker, _ := plotter.NewLine(plotter.XYs{{X: mean - hw, Y: y}, {X: mean + hw, Y: y}})
		whisker.Color = c
		whisker.Width = vg.Points(1.5)
		p.Add(whisker)
		dot, _ := plotter.NewScatter(plotter.XYs{{X: mean, Y: y}})
		dot.Color = c
		dot.Shape = draw.CircleGlyph{}
		p.Add(dot)
		// The KPI's name says which stage; labels alone repeat.
		ticks = append(ticks, plot.Tick{Value: y, Label: fmt.Sprintf("%s (%s)", d.Name, u)})
		row++
	}
	if row == 0 {
		return nil, ErrNoData
	}
	zero, _ := plotter.NewLine(plotter.XYs{{X: 0, Y: -0.5}, {X: 0, Y: float64(row) - 0.5}})
	zero.Color = color.Gray{80}
	zero.Dashes = []vg.Length{vg.Points(3), vg.Points(3)}
	p.Add(zero)
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Min, p.Y.Max = -0.7, float64(row)-0.3
	return p, nil
}
