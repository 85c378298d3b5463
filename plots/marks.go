package plots

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

func faded(c color.Color, alpha uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), alpha}
}

// targetColor draws target and alert lines: a dark red no scenario has.
var targetColor = color.RGBA{170, 20, 40, 255}

type xyErr struct {
	plotter.XYs
	plotter.YErrors
}

// errorBars draws the confidence intervals ± errs of vals at x = 0, 1, ...
func errorBars(vals, errs []float64) *plotter.YErrorBars {
	d := xyErr{make(plotter.XYs, len(vals)), make(plotter.YErrors, len(vals))}
	for i := range vals {
		d.XYs[i] = plotter.XY{X: float64(i), Y: vals[i]}
		d.YErrors[i].Low, d.YErrors[i].High = errs[i], errs[i]
	}
	eb, _ := plotter.NewYErrorBars(d)
	eb.LineStyle.Color = color.Gray{40}
	eb.LineStyle.Width = vg.Points(1.2)
	return eb
}

// niceTicks labels an axis at 1, 2, 2.5 or 5 times a power of ten, with
// four to eight labels, and unlabelled ticks halfway between.
type niceTicks struct{}

func (niceTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || !finite(lo) || !finite(hi) {
		return plot.DefaultTicks{}.Ticks(lo, hi)
	}
	step := niceStep(hi - lo)
	dec := max(0, -int(math.Floor(math.Log10(step)+1e-9)))
	if f := step * math.Pow(10, float64(dec)); math.Abs(f-math.Round(f)) > 1e-6 {
		dec++ // 2.5, 0.25
	}
	var out []plot.Tick
	for i := math.Ceil(lo/step - 1e-9); i*step <= hi+step*1e-9; i++ {
		v := i * step
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		out = append(out, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', dec, 64)})
		if m := v + step/2; m <= hi {
			out = append(out, plot.Tick{Value: m})
		}
	}
	if first := math.Ceil(lo/step-1e-9)*step - step/2; first >= lo {
		out = append(out, plot.Tick{Value: first})
	}
	return out
}

// niceStep is the tick step for a span: four to eight steps of 1, 2, 2.5
// or 5 times a power of ten.
func niceStep(span float64) float64 {
	base := math.Pow(10, math.Floor(math.Log10(span/5)))
	for _, m := range []float64{1, 2, 2.5, 5, 10, 20} {
		if span/(m*base) <= 8 {
			return m * base
		}
	}
	return 20 * base
}

// padded is an axis range for data from lo to hi (lo < hi) with white
// at both ends: a margin of 6% of the span, widened to the next half step
// of niceTicks, so that no whisker end or dot (3.5 pt across) reaches the
// end of the axis, and the axis ends at a tick where one falls near.
func padded(lo, hi float64) (float64, float64) {
	m := 0.06 * (hi - lo)
	half := niceStep(hi-lo+2*m) / 2
	return math.Floor((lo-m)/half) * half, math.Ceil((hi+m)/half) * half
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

// yRange sets the y axis of p to hold lo..hi with a margin above (and
// below, unless lo is a floor such as 0 the axis starts at), clamped to
// floor..ceil (use ±Inf for none).
func yRange(p *plot.Plot, lo, hi, floor, ceil float64) {
	if !(hi > lo) {
		hi = lo + 1
	}
	m := 0.08 * (hi - lo)
	p.Y.Min, p.Y.Max = math.Max(floor, lo-m), math.Min(ceil, hi+m)
	if lo <= floor {
		p.Y.Min = floor
	}
}

// interval is one time-of-day interval of a series: [from, to) with the
// value and its confidence interval.
type interval struct{ from, to, y, lo, hi float64 }

// steps draws intervals as a step line (the value holds over the whole
// interval) over its confidence band, broken wherever an interval is
// missing. It returns the line, for a legend.
func steps(p *plot.Plot, ivs []interval, c color.Color, width vg.Length, band bool) *plotter.Line {
	var first *plotter.Line
	for start := 0; start < len(ivs); {
		end := start + 1
		for end < len(ivs) && math.Abs(ivs[end].from-ivs[end-1].to) < 1e-9 {
			end++
		}
		run := ivs[start:end]
		var pts, poly plotter.XYs
		for _, iv := range run {
			pts = append(pts, plotter.XY{X: iv.from, Y: iv.y}, plotter.XY{X: iv.to, Y: iv.y})
			poly = append(poly, plotter.XY{X: iv.from, Y: iv.hi}, plotter.XY{X: iv.to, Y: iv.hi})
		}
		for i := len(run) - 1; i >= 0; i-- {
			poly = append(poly, plotter.XY{X: run[i].to, Y: run[i].lo}, plotter.XY{X: run[i].from, Y: run[i].lo})
		}
		if band {
			if pg, err := plotter.NewPolygon(poly); err == nil {
				pg.Color = faded(c, 55)
				pg.LineStyle.Width = 0
				p.Add(pg)
			}
		}
		if l, err := plotter.NewLine(pts); err == nil {
			l.Color = c
			l.Width = width
			p.Add(l)
			if first == nil {
				first = l
			}
		}
		start = end
	}
	return first
}

// hline draws a horizontal dashed line across the whole x range of p at
// y (a target), added last so that it lies over the data.
type hline struct {
	y     float64
	style draw.LineStyle
}

func newTargetLine(y float64) *hline {
	return &hline{y: y, style: draw.LineStyle{Color: targetColor, Width: vg.Points(1.4), Dashes: []vg.Length{vg.Points(6), vg.Points(3)}}}
}

// targetLine is the line of a target: dashed, or dotted for a limit on
// every interval, so that the two kinds can be told apart.
func targetLine(t Target, y float64) *hline {
	h := newTargetLine(y)
	if t.PerInterval {
		h.style.Dashes = []vg.Length{vg.Points(1.5), vg.Points(2.5)}
		h.style.Width = vg.Points(1.8)
	}
	return h
}

func (h *hline) Plot(c draw.Canvas, p *plot.Plot) {
	if h.y < p.Y.Min || h.y > p.Y.Max {
		return
	}
	_, ty := p.Transforms(&c)
	c.StrokeLine2(h.style, c.Min.X, ty(h.y), c.Max.X, ty(h.y))
}

func (h *hline) DataRange() (xmin, xmax, ymin, ymax float64) {
	return math.Inf(1), math.Inf(-1), h.y, h.y
}

func (h *hline) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	c.StrokeLine2(h.style, c.Min.X, y, c.Max.X, y)
}

// box is a filled rectangle thumbnail for legends of heat-map colours.
type box struct{ color color.Color }

func (b box) Thumbnail(c *draw.Canvas) {
	c.SetColor(b.color)
	c.Fill(c.Rectangle.Path())
}

// estimate formats a value and its confidence half-width for a tooltip:
// "2.4 ± 0.3 min".
func estimate(mean, hw float64, unit string) string {
	s := trim(mean, hw)
	if hw > 0 {
		s += " ± " + trim(hw, hw)
	}
	if unit != "" {
		s += " " + unit
	}
	return s
}

// trim writes v with two significant digits of the half-width hw (of v
// when hw is 0).
func trim(v, hw float64) string {
	ref := math.Abs(hw)
	if ref == 0 || !finite(ref) {
		ref = math.Abs(v)
	}
	if ref == 0 {
		return "0"
	}
	dec := max(0, 1-int(math.Floor(math.Log10(ref))))
	return strconv.FormatFloat(v, 'f', min(dec, 6), 64)
}
