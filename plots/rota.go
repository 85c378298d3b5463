package plots

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// RotaDay is one rota to draw: a stage's requirement and the staff its
// shifts schedule per interval of a day, and the shifts.
type RotaDay struct {
	// Name says whose rota it is, "agents, mon-fri", for the titles.
	Name string
	// From and Interval place the intervals: interval i is
	// [From+i*Interval, From+(i+1)*Interval) minutes after midnight.
	From, Interval float64
	// Required is the staff the rota must schedule in each interval,
	// and Scheduled the staff its shifts put there (off their breaks).
	Required, Scheduled []int
	// Shifts are the rota's shifts.
	Shifts []RotaShift
}

// RotaShift is one shift of a rota and how many staff work it.
type RotaShift struct {
	Pattern    string
	Start, End float64 // minutes after midnight
	// Breaks are the breaks as [from, to) minutes after midnight.
	Breaks [][2]float64
	Count  int
}

// RotaCoverage draws the staff a rota must schedule and the staff it
// schedules, per interval, as step lines over the time of day; the gap
// between them is the rota's surplus.
func (sty *Style) RotaCoverage(d RotaDay) (*Chart, error) {
	if len(d.Required) == 0 || len(d.Required) != len(d.Scheduled) {
		return nil, ErrNoData
	}
	p := sty.newPlot("", sty.w("time of day"), sty.w("staff"))
	p.X.Tick.Marker = clockTicks{}
	ch := &Chart{Title: sty.wf("requirement and rota, %s", d.Name)}
	// The surplus (scheduled above required) shaded under the rota's
	// line, the requirement dashed on top so that it shows where the two
	// coincide.
	var req, sched []interval
	hi := 0.0
	for i := range d.Required {
		from := d.From + float64(i)*d.Interval
		r, v := float64(d.Required[i]), float64(d.Scheduled[i])
		req = append(req, interval{from, from + d.Interval, r, r, r})
		sched = append(sched, interval{from, from + d.Interval, v, math.Min(r, v), v})
		hi = math.Max(hi, math.Max(r, v))
	}
	ls := steps(p, sched, sty.Color(0), vg.Points(1.8), true)
	lr := steps(p, req, color.Gray{40}, vg.Points(1.2), false)
	if lr != nil { // one line: the intervals are consecutive
		lr.Dashes = []vg.Length{vg.Points(4), vg.Points(2.5)}
	}
	ch.addLegend(sty.w("required"), lr)
	ch.addLegend(sty.w("scheduled"), ls)
	for i := range d.Required {
		from := d.From + float64(i)*d.Interval
		ch.addTip(0, from, from+d.Interval, float64(d.Scheduled[i]), float64(d.Scheduled[i]),
			fmt.Sprintf("%s–%s: %s %d, %s %d", clock(from), clock(from+d.Interval), sty.w("required"), d.Required[i], sty.w("scheduled"), d.Scheduled[i]))
	}
	p.X.Min, p.X.Max = d.From, d.From+float64(len(d.Required))*d.Interval
	yRange(p, 0, hi, 0, math.Inf(1))
	ch.Panels = []*plot.Plot{p}
	return ch, nil
}

// RotaShifts draws a rota's shifts as bars over the time of day, one row
// per shift with its staff count, breaks as gaps, one colour per pattern
// (in the order patterns first appear).
func (sty *Style) RotaShifts(d RotaDay) (*Chart, error) {
	if len(d.Shifts) == 0 {
		return nil, ErrNoData
	}
	shifts := slices.Clone(d.Shifts)
	slices.SortStableFunc(shifts, func(a, b RotaShift) int {
		if a.Start != b.Start {
			return int(math.Copysign(1, a.Start-b.Start))
		}
		return strings.Compare(a.Pattern, b.Pattern)
	})
	var patterns []string
	for _, s := range d.Shifts {
		if !slices.Contains(patterns, s.Pattern) {
			patterns = append(patterns, s.Pattern)
		}
	}
	p := sty.newPlot("", sty.w("time of day"), "")
	p.X.Tick.Marker = clockTicks{}
	ch := &Chart{Title: sty.wf("shifts, %s", d.Name)}
	var ticks []plot.Tick
	lo, hi := math.Inf(1), math.Inf(-1)
	for row, s := range shifts {
		y := float64(len(shifts) - 1 - row) // the earliest shift on top
		c := sty.Color(slices.Index(patterns, s.Pattern))
		for _, seg := range workSegments(s) {
			addBar(p, seg[0], seg[1], y, c)
		}
		ticks = append(ticks, plot.Tick{Value: y, Label: fmt.Sprintf("%d × %s", s.Count, s.Pattern)})
		ch.addTip(0, s.Start, s.End, y, y, fmt.Sprintf("%s %s–%s, %d %s", s.Pattern, clock(s.Start), clock(s.End), s.Count, sty.w("staff")))
		lo, hi = math.Min(lo, s.Start), math.Max(hi, s.End)
	}
	for i, name := range patterns {
		ch.addLegend(name, &plotter.BarChart{Color: sty.Color(i)})
	}
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Min, p.Y.Max = -0.7, float64(len(shifts))-0.3
	p.X.Min, p.X.Max = lo, hi
	ch.Panels = []*plot.Plot{p}
	// Rows stay readable: a chart of many shifts is drawn taller.
	if n := len(shifts); n > 12 {
		ch.Heights = []float64{float64(n) / 12}
	}
	return ch, nil
}

// workSegments are the stretches of s between its breaks.
func workSegments(s RotaShift) [][2]float64 {
	var out [][2]float64
	at := s.Start
	for _, b := range s.Breaks {
		if b[0] > at {
			out = append(out, [2]float64{at, b[0]})
		}
		at = b[1]
	}
	if s.End > at {
		out = append(out, [2]float64{at, s.End})
	}
	return out
}

// addBar draws a filled bar from x0 to x1 around row y.
func addBar(p *plot.Plot, x0, x1, y float64, c color.Color) {
	const half = 0.34
	pg, err := plotter.NewPolygon(plotter.XYs{{X: x0, Y: y - half}, {X: x1, Y: y - half}, {X: x1, Y: y + half}, {X: x0, Y: y + half}})
	if err != nil {
		return
	}
	pg.Color = c
	pg.LineStyle.Width = 0
	p.Add(pg)
}
