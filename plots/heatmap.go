package plots

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"sync"

	"github.com/svcsim/svcsim/sim"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// grid is a stage × interval grid of values for a heat map; NaN cells
// are closed and drawn blank, or, where unstaffed, open without staff
// scheduled and drawn hatched.
type grid struct {
	stages    []string
	from      []float64
	width     float64
	z, hw     [][]float64
	unstaffed [][]bool
}

func (g grid) Dims() (c, r int)   { return len(g.from), len(g.stages) }
func (g grid) Z(c, r int) float64 { return g.z[r][c] }
func (g grid) X(c int) float64    { return g.from[c] + g.width/2 }
func (g grid) Y(r int) float64    { return float64(r) }

// utilisation is the grid of a scenario's staff utilisation (%) in its
// open, staffed intervals, pooled over the weekdays: the stages', then
// the pools'.
func utilisation(r *sim.Results) (grid, bool) {
	g := grid{stages: slices.Clone(r.Stages), width: r.Interval}
	open := func(row *sim.IntervalRow) bool {
		return row.Weekday == "" && !row.Closed && row.Staff.Mean > 0 && finite(row.Utilisation.Mean)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := range r.Intervals {
		if row := &r.Intervals[i]; open(row) {
			lo, hi = math.Min(lo, row.From), math.Max(hi, row.From)
		}
	}
	lo, hi = poolSpan(r, lo, hi)
	if lo > hi || !(r.Interval > 0) {
		return g, false
	}
	// Every interval from the first to the last open one, so that the
	// columns are evenly spaced, as HeatMap needs.
	for f := lo; f <= hi+1e-9; f += r.Interval {
		g.from = append(g.from, f)
	}
	g.z, g.hw, g.unstaffed = make([][]float64, len(g.stages)), make([][]float64, len(g.stages)), make([][]bool, len(g.stages))
	for si := range g.z {
		g.z[si], g.hw[si], g.unstaffed[si] = make([]float64, len(g.from)), make([]float64, len(g.from)), make([]bool, len(g.from))
		for c := range g.z[si] {
			g.z[si][c] = math.NaN()
		}
	}
	for i := range r.Intervals {
		row := &r.Intervals[i]
		si := slices.Index(g.stages, row.Stage)
		c := int(math.Round((row.From - lo) / r.Interval))
		if si < 0 || c < 0 || c >= len(g.from) {
			continue
		}
		if open(row) {
			g.z[si][c], g.hw[si][c] = row.Utilisation.Mean*100, nan0(row.Utilisation.HalfWidth)*100
		} else if row.Weekday == "" && !row.Closed && !(row.Staff.Mean > 0) {
			// Open, customers arriving or queueing, no one scheduled: a
			// gap in the rota, not a closed hour.
			g.unstaffed[si][c] = true
		}
	}
	addPools(&g, r, lo)
	return g, true
}

// classes is a palette of n colours interpolated between anchors.
type classes []color.Color

func (c classes) Colors() []color.Color { return c }

func ramp(n int, anchors ...color.RGBA) classes {
	out := make(classes, n)
	for i := range out {
		t := float64(i) / float64(n-1) * float64(len(anchors)-1)
		k := min(int(t), len(anchors)-2)
		f := t - float64(k)
		a, b := anchors[k], anchors[k+1]
		mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*(1-f) + float64(y)*f)) }
		out[i] = color.RGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 255}
	}
	return out
}

// busy runs from pale yellow (idle) to dark red (busy) in ten classes of
// 10 percentage points (ColorBrewer's YlOrRd anchors). The palettes are
// mixed on first use: package initialisation runs in every command.
var busy = sync.OnceValue(func() classes {
	return ramp(10, color.RGBA{255, 255, 204, 255}, color.RGBA{254, 217, 118, 255}, color.RGBA{253, 141, 60, 255},
		color.RGBA{227, 26, 28, 255}, color.RGBA{128, 0, 38, 255})
})

// change runs from blue (less busy) through white (no change, the middle
// class) to red (busier) in eleven classes (ColorBrewer's RdBu anchors).
var change = sync.OnceValue(func() classes {
	return ramp(11, color.RGBA{33, 102, 172, 255}, color.RGBA{146, 197, 222, 255}, color.RGBA{247, 247, 247, 255},
		color.RGBA{244, 165, 130, 255}, color.RGBA{178, 24, 43, 255})
})

// hatch draws the unstaffed cells of a heat map's grid hatched in grey.
type hatch struct{ g grid }

var hatchStyle = draw.LineStyle{Color: color.Gray{120}, Width: vg.Points(0.8)}

func (h hatch) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	for r, row := range h.g.unstaffed {
		for col, u := range row {
			if !u {
				continue
			}
			f := h.g.from[col]
			hatchRect(&c, vg.Rectangle{Min: vg.Point{X: tx(f), Y: ty(float64(r) - 0.5)}, Max: vg.Point{X: tx(f + h.g.width), Y: ty(float64(r) + 0.5)}})
		}
	}
}

// hatchRect fills r white and hatches it with lines at 45°.
func hatchRect(c *draw.Canvas, r vg.Rectangle) {
	c.SetColor(color.White)
	c.Fill(r.Path())
	w, ht, step := r.Max.X-r.Min.X, r.Max.Y-r.Min.Y, vg.Points(4)
	for t := -ht; t < w; t += step {
		// The line from (Min.X+t, Min.Y) up at 45°, cut to r.
		x0, y0 := r.Min.X+t, r.Min.Y
		if x0 < r.Min.X {
			y0 += r.Min.X - x0
			x0 = r.Min.X
		}
		x1, y1 := r.Min.X+t+ht, r.Max.Y
		if x1 > r.Max.X {
			y1 -= x1 - r.Max.X
			x1 = r.Max.X
		}
		if x0 < x1 {
			c.StrokeLine2(hatchStyle, x0, y0, x1, y1)
		}
	}
}

// unstaffedCell marks a hatched (open, unstaffed) cell in the legend.
type unstaffedCell struct{}

func (unstaffedCell) Thumbnail(c *draw.Canvas) {
	hatchRect(c, c.Rectangle)
	closedCell{}.outline(c)
}

// closedCell marks a blank (closed) cell in the legend.
type closedCell struct{}

func (b closedCell) Thumbnail(c *draw.Canvas) {
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())
	b.outline(c)
}

func (closedCell) outline(c *draw.Canvas) {
	c.StrokeLines(draw.LineStyle{Color: color.Gray{150}, Width: vg.Points(0.6)},
		[]vg.Point{c.Min, {X: c.Max.X, Y: c.Min.Y}, c.Max, {X: c.Min.X, Y: c.Max.Y}, c.Min})
}

// UtilisationHeatmap draws a scenario's staff utilisation by stage (and
// pool) and time of day, over a colour bar of 10% classes; closed
// intervals are blank, open ones without staff scheduled hatched.
func (sty *Style) UtilisationHeatmap(s Scenario) (*Chart, error) {
	g, ok := utilisation(s.Results)
	if !ok {
		return nil, ErrNoData
	}
	ch := &Chart{Title: sty.wf("%s: staff utilisation by stage and time of day", s.Name)}
	for si, st := range g.stages {
		for c, f := range g.from {
			if z := g.z[si][c]; finite(z) {
				ch.addTip(0, f, f+g.width, float64(si), float64(si), fmt.Sprintf("%s, %s–%s: %s", st, clock(f), clock(f+g.width), estimate(z, g.hw[si][c], "%")))
			} else if g.unstaffed[si][c] {
				ch.addTip(0, f, f+g.width, float64(si), float64(si), fmt.Sprintf("%s, %s–%s: %s", st, clock(f), clock(f+g.width), sty.w("open, no staff scheduled")))
			}
		}
	}
	return sty.heatChart(ch, g, busy(), 0, 100, sty.w("utilisation (%)"))
}

// UtilisationDifference draws the change in staff utilisation from base
// to other by stage and time of day, in percentage points (other − base),
// blue for less busy, red for busier, over a colour bar; intervals closed
// in either are blank, those open without staff in either hatched. The differences are of means: their confidence
// intervals are not paired.
func (sty *Style) UtilisationDifference(base, other Scenario) (*Chart, error) {
	a, okA := utilisation(base.Results)
	b, okB := utilisation(other.Results)
	if !okA || !okB {
		return nil, ErrNoData
	}
	d := grid{stages: a.stages, from: a.from, width: a.width, z: make([][]float64, len(a.stages)), hw: make([][]float64, len(a.stages)),
		unstaffed: make([][]bool, len(a.stages))}
	big := 0.0
	ch := &Chart{Title: sty.wf("%s − %s: change in staff utilisation by stage and time of day", other.Name, base.Name)}
	for si, st := range d.stages {
		bi := slices.Index(b.stages, st)
		d.z[si], d.hw[si], d.unstaffed[si] = make([]float64, len(d.from)), make([]float64, len(d.from)), make([]bool, len(d.from))
		for c, f := range d.from {
			d.z[si][c] = math.NaN()
			bc := slices.Index(b.from, f)
			d.unstaffed[si][c] = a.unstaffed[si][c] || (bi >= 0 && bc >= 0 && b.unstaffed[bi][bc])
			if bi < 0 || bc < 0 || !finite(a.z[si][c]) || !finite(b.z[bi][bc]) {
				continue
			}
			d.z[si][c] = b.z[bi][bc] - a.z[si][c]
			big = math.Max(big, math.Abs(d.z[si][c]))
			ch.addTip(0, f, f+d.width, float64(si), float64(si), fmt.Sprintf("%s, %s–%s: %+.1f %s (%s → %s)", st, clock(f), clock(f+d.width),
				d.z[si][c], sty.w("percentage points"), estimate(a.z[si][c], a.hw[si][c], "%"), estimate(b.z[bi][bc], b.hw[bi][bc], "%")))
		}
	}
	// Eleven classes of a round width, the middle one centred on no
	// change, wide enough for the largest change.
	step := 1.0
	for _, m := range []float64{1, 2, 5, 10, 20} {
		step = m
		if big <= 5.5*m {
			break
		}
	}
	return sty.heatChart(ch, d, change(), -5.5*step, 5.5*step, sty.w("change in utilisation (percentage points)"))
}

// heatChart adds to ch the heat map of g over a colour bar from lo to hi
// in the classes of pal, with the stages on the y axis.
func (sty *Style) heatChart(ch *Chart, g grid, pal classes, lo, hi float64, barLabel string) (*Chart, error) {
	hm := plotter.NewHeatMap(g, pal)
	hm.Min, hm.Max = lo, hi
	hm.NaN = color.White
	p := sty.newPlot("", sty.w("time of day"), "")
	p.Add(hm, hatch{g})
	p.X.Tick.Marker = clockTicks{}
	p.X.Min, p.X.Max = g.from[0], g.from[len(g.from)-1]+g.width
	p.Y.Min, p.Y.Max = -0.5, float64(len(g.stages))-0.5
	var ticks []plot.Tick
	for i, st := range g.stages {
		ticks = append(ticks, plot.Tick{Value: float64(i), Label: st})
	}
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	bar := sty.newPlot("", barLabel, "")
	step := (hi - lo) / float64(len(pal))
	for i, c := range pal {
		x0 := lo + float64(i)*step
		pg, err := plotter.NewPolygon(plotter.XYs{{X: x0, Y: 0}, {X: x0 + step, Y: 0}, {X: x0 + step, Y: 1}, {X: x0, Y: 1}})
		if err != nil {
			return nil, err
		}
		pg.Color = c
		pg.LineStyle.Width = 0
		bar.Add(pg)
	}
	bar.X.Min, bar.X.Max = lo, hi
	bar.Y.Min, bar.Y.Max = 0, 1
	// Ticks at the class boundaries, or, for a scale centred on 0, at
	// the classes' centres; every other one labelled.
	var bt []plot.Tick
	for i := 0; i <= len(pal); i++ {
		v, label := lo+float64(i)*step, i%2 == 0
		if lo < 0 {
			if i == len(pal) {
				break
			}
			k := i - len(pal)/2 // -5 .. 5
			v, label = float64(k)*step, k%2 == 0
		}
		t := plot.Tick{Value: v}
		if label {
			t.Label = trim(v, step*10)
			if v > 0 && lo < 0 {
				t.Label = "+" + t.Label
			}
		}
		bt = append(bt, t)
	}
	bar.X.Tick.Marker = plot.ConstantTicks(bt)
	bar.Y.Tick.Marker = plot.ConstantTicks(nil)
	bar.Y.LineStyle.Width = 0
	ch.Panels = append(ch.Panels, p, bar)
	ch.Heights = []float64{1, 0.24}
	closed, unstaffed := false, false
	for r := range g.z {
		for c, z := range g.z[r] {
			if !finite(z) {
				closed, unstaffed = closed || !g.unstaffed[r][c], unstaffed || g.unstaffed[r][c]
			}
		}
	}
	if closed {
		ch.addLegend(sty.w("blank: closed"), closedCell{})
	}
	if unstaffed {
		ch.addLegend(sty.w("hatched: open, no staff scheduled"), unstaffedCell{})
	}
	return ch, nil
}
