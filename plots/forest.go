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

var noise = color.Gray{160}

// Forest draws the paired differences of a comparison (scenario −
// baseline): each KPI's difference with its confidence interval against
// zero, a panel per unit the tables show it in (sim.Unit.Display; money
// in the baseline's currency), so that every effect is seen at its own
// scale; each KPI is named with its stage (from the baseline's KPIs). The
// differences are in the colour of scenario index (the compared
// scenario's position in the run); those that cannot be told from noise
// are grey.
func (sty *Style) Forest(title string, base Scenario, diffs []sim.Diff, index int) (*Chart, error) {
	units, byUnit := sty.forestRows(base, diffs)
	if len(units) == 0 {
		return nil, ErrNoData
	}
	ch := &Chart{Title: title}
	grey := false
	var mark *plotter.Scatter
	for pi, u := range units {
		m, g := sty.forestPanel(ch, pi, u, byUnit[u], index)
		if mark == nil {
			mark = m
		}
		grey = grey || g
	}
	if len(ch.Panels) == 1 {
		ch.Heights = []float64{math.Max(0.5, ch.Heights[0])}
	}
	if mark != nil {
		ch.addLegend(sty.w("distinguishable from noise"), mark)
	}
	if grey {
		g, _ := plotter.NewScatter(plotter.XYs{{}})
		g.Color, g.Shape, g.Radius = noise, draw.CircleGlyph{}, vg.Points(3.5)
		ch.addLegend(sty.w("grey: not distinguishable from noise"), g)
	}
	return ch, nil
}

// forestRow is one difference of a forest plot, in the unit its panel
// shows.
type forestRow struct {
	d         sim.Diff
	mean, hw  float64
	label     string
	base, oth string // the two scenarios' estimates, for the tooltip
}

// forestRows are the finite differences among diffs grouped by the unit
// the tables show them in (money in the baseline's currency), the units
// in order of first appearance; each is labelled with its stage.
func (sty *Style) forestRows(base Scenario, diffs []sim.Diff) (units []string, byUnit map[string][]forestRow) {
	byUnit = map[string][]forestRow{}
	for _, d := range diffs {
		if !finite(d.Mean) {
			continue
		}
		scale, u := d.Unit.Display(base.Currency, math.Max(math.Abs(d.Base.Mean), math.Abs(d.Other.Mean)))
		label := sty.label(d.Label)
		if label == "" {
			label = d.Name
		}
		if k := base.Results.KPI(d.Name); k != nil && k.Stage != "" {
			label = sty.wf("%s: %s", k.Stage, label)
		}
		if _, ok := byUnit[u]; !ok {
			units = append(units, u)
		}
		us := sty.unitShort(u)
		byUnit[u] = append(byUnit[u], forestRow{d, d.Mean * scale, nan0(d.HalfWidth) * scale, label,
			estimate(d.Base.Mean*scale, nan0(d.Base.HalfWidth)*scale, us), estimate(d.Other.Mean*scale, nan0(d.Other.HalfWidth)*scale, us)})
	}
	return units, byUnit
}

// forestPanel adds to ch panel pi: the rows in unit u, each a dot with
// its interval against zero, in the colour of scenario index or grey
// when not distinguishable from noise. It returns a distinguishable dot
// for the legend (nil if none) and whether any row is grey.
func (sty *Style) forestPanel(ch *Chart, pi int, u string, rows []forestRow, index int) (mark *plotter.Scatter, grey bool) {
	// A difference of two percentages is in percentage points.
	du := sty.unitShort(u)
	if u == "%" {
		du = sty.w("percentage points")
	}
	p := sty.newPlot("", sty.wf("difference (%s)", du), "")
	var ticks []plot.Tick
	lo, hi := 0.0, 0.0
	for j, r := range rows {
		y := float64(len(rows) - 1 - j) // the first on top
		c := sty.Color(index)
		if !r.d.Distinguishable {
			c, grey = noise, true
		}
		whisker, _ := plotter.NewLine(plotter.XYs{{X: r.mean - r.hw, Y: y}, {X: r.mean + r.hw, Y: y}})
		whisker.Color = c
		whisker.Width = vg.Points(1.8)
		p.Add(whisker)
		dot, _ := plotter.NewScatter(plotter.XYs{{X: r.mean, Y: y}})
		dot.Color = c
		dot.Shape = draw.CircleGlyph{}
		dot.Radius = vg.Points(3.5)
		p.Add(dot)
		if r.d.Distinguishable && mark == nil {
			mark = dot
		}
		ticks = append(ticks, plot.Tick{Value: y, Label: r.label})
		lo, hi = math.Min(lo, r.mean-r.hw), math.Max(hi, r.mean+r.hw)
		ch.addTip(pi, r.mean-r.hw, r.mean+r.hw, y, y, fmt.Sprintf("%s: %s (%s → %s)", r.label,
			signed(r.mean, r.hw, sty.unitShort(u)), r.base, r.oth))
	}
	p.Add(newVLine(0))
	if hi == lo {
		hi = 1
	}
	p.X.Min, p.X.Max = padded(lo, hi)
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Min, p.Y.Max = -0.6, float64(len(rows))-0.4
	ch.Panels = append(ch.Panels, p)
	// A panel's axis takes a fixed height (taller in a CJK face), its
	// rows the rest.
	ch.Heights = append(ch.Heights, 0.25+0.09*float64(len(rows)))
	return mark, grey
}

// signed writes a difference with its sign: "+2.4 ± 0.3 min".
func signed(mean, hw float64, unit string) string {
	s := estimate(mean, hw, unit)
	if mean > 0 {
		s = "+" + s
	}
	return s
}

// vline is a vertical dashed line at x across the plot: zero difference.
type vline struct {
	x     float64
	style draw.LineStyle
}

func newVLine(x float64) *vline {
	return &vline{x, draw.LineStyle{Color: color.Gray{60}, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(3), vg.Points(3)}}}
}

func (v *vline) Plot(c draw.Canvas, p *plot.Plot) {
	tx, _ := p.Transforms(&c)
	c.StrokeLine2(v.style, tx(v.x), c.Min.Y, tx(v.x), c.Max.Y)
}

func (v *vline) DataRange() (xmin, xmax, ymin, ymax float64) {
	return v.x, v.x, math.Inf(1), math.Inf(-1)
}
