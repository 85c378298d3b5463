// Package plots draws svcsim's charts from results: each chart is a
// function from result data to a *plot.Plot, with titles, axis labels
// with units, confidence intervals, and one colour per scenario across all
// charts of a run. No chart runs a simulation.
package plots

import (
	"cmp"
	"errors"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"

	"github.com/svcsim/svcsim/sim"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Scenario is one named scenario's results.
type Scenario struct {
	Name    string
	Results *sim.Results
}

// okabeIto is a palette that colour-blind readers can tell apart.
var okabeIto = []color.RGBA{
	{0, 114, 178, 255}, {230, 159, 0, 255}, {0, 158, 115, 255}, {204, 121, 167, 255},
	{86, 180, 233, 255}, {213, 94, 0, 255}, {240, 228, 66, 255}, {0, 0, 0, 255},
}

// Palette is the colour of scenario i, the same in every chart.
func Palette(i int) color.Color { return okabeIto[i%len(okabeIto)] }

func faded(c color.Color, alpha uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), alpha}
}

// ErrNoData is returned for a chart the results hold no data for.
var ErrNoData = errors.New("plots: no data for this chart")

// newPlot returns a plot in the house style: title, light grid, legend
// above the data.
func newPlot(title, x, y string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = vg.Points(13)
	p.X.Label.Text = x
	p.Y.Label.Text = y
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font.Size = vg.Points(11)
		a.Tick.Label.Font.Size = vg.Points(10)
		a.LineStyle.Color = color.Gray{150}
		a.Tick.LineStyle.Color = color.Gray{150}
	}
	grid := plotter.NewGrid()
	grid.Vertical.Color = color.Gray{230}
	grid.Horizontal.Color = color.Gray{230}
	p.Add(grid)
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.TextStyle.Font.Size = vg.Points(10)
	return p
}

// unitLabel is a KPI's unit for an axis label; shares are shown in %.
func unitLabel(u sim.Unit) (scale float64, label string) {
	if u == sim.Share {
		return 100, "%"
	}
	return 1, string(u)
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// headroom raises the top of the y axis so that the legend, drawn in the
// top-left corner, does not cover the data.
func headroom(p *plot.Plot) {
	if span := p.Y.Max - p.Y.Min; span > 0 {
		p.Y.Max += 0.22 * span
	}
}

// KPIBars draws one KPI per scenario as bars with their confidence
// intervals.
func KPIBars(sc []Scenario, kpi string) (*plot.Plot, error) {
	var label string
	var unit sim.Unit
	vals := make(plotter.Values, len(sc))
	var errs []float64
	any := false
	for i, s := range sc {
		k := s.Results.KPI(kpi)
		if k == nil || !finite(k.Mean) {
			errs = append(errs, 0)
			continue
		}
		label, unit = k.Label, k.Unit
		scale, _ := unitLabel(k.Unit)
		vals[i] = k.Mean * scale
		errs = append(errs, cmp.Or(nan0(k.HalfWidth), 0)*scale)
		any = true
	}
	if !any {
		return nil, ErrNoData
	}
	_, u := unitLabel(unit)
	p := newPlot(label, "", fmt.Sprintf("%s (%s)", label, u))
	w := vg.Points(math.Min(80, 300/float64(len(sc))))
	for i := range sc {
		bars, err := plotter.NewBarChart(plotter.Values{vals[i]}, w)
		if err != nil {
			return nil, err
		}
		bars.XMin = float64(i)
		bars.Color = Palette(i)
		bars.LineStyle.Width = 0
		p.Add(bars)
	}
	eb := errorBars(vals, errs)
	p.Add(eb)
	names := make([]string, len(sc))
	for i, s := range sc {
		names[i] = s.Name
	}
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.6, float64(len(sc))-0.4
	p.Y.Min = math.Min(0, p.Y.Min)
	return p, nil
}

func nan0(x float64) float64 {
	if finite(x) {
		return x
	}
	return 0
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

// measures are the per-interval series ByTimeOfDay can draw.
var measures = map[string]struct {
	label, unit string
	scale       float64
	get         func(r *sim.IntervalRow) sim.Estimate
}{
	"wait":          {"mean wait", "min", 1, func(r *sim.IntervalRow) sim.Estimate { return r.Wait }},
	"service_level": {"service level", "%", 100, func(r *sim.IntervalRow) sim.Estimate { return r.ServiceLevel }},
	"utilisation":   {"utilisation", "%", 100, func(r *sim.IntervalRow) sim.Estimate { return r.Utilisation }},
	"arrivals":      {"arrivals", "per hour", 1, func(r *sim.IntervalRow) sim.Estimate { return r.Arrivals }},
	"queue":         {"mean queue length", "customers", 1, func(r *sim.IntervalRow) sim.Estimate { return r.Queue }},
	"staff":         {"staff on duty", "people", 1, func(r *sim.IntervalRow) sim.Estimate { return r.Staff }},
}

// Measures lists the names ByTimeOfDay accepts.
func Measures() []string {
	var out []string
	for k := range measures {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
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

// series returns a stage's intervals with data for get: the mid-interval
// times, values and half-widths.
func series(r *sim.Results, stage string, scale float64, get func(*sim.IntervalRow) sim.Estimate) (xs, ys, hw []float64) {
	for i := range r.Intervals {
		row := &r.Intervals[i]
		if row.Stage != stage || row.Closed || !(row.Staff.Mean > 0 || row.Arrivals.Mean > 0) {
			continue
		}
		e := get(row)
		if !finite(e.Mean) {
			continue
		}
		xs = append(xs, (row.From+row.To)/2)
		ys = append(ys, e.Mean*scale)
		hw = append(hw, nan0(e.HalfWidth)*scale)
	}
	return
}

// ByTimeOfDay draws a measure (see Measures) of a stage over the day, one
// line per scenario with its confidence interval shaded.
func ByTimeOfDay(sc []Scenario, stage, measure string) (*plot.Plot, error) {
	ms, ok := measures[measure]
	if !ok {
		return nil, fmt.Errorf("plots: unknown measure %q (valid: %s)", measure, strings.Join(Measures(), ", "))
	}
	p := newPlot(fmt.Sprintf("%s: %s by time of day", stage, ms.label), "time of day", fmt.Sprintf("%s (%s)", ms.label, ms.unit))
	p.X.Tick.Marker = clockTicks{}
	drawn := false
	for i, s := range sc {
		xs, ys, hw := series(s.Results, stage, ms.scale, ms.get)
		if len(xs) == 0 {
			continue
		}
		if err := band(p, xs, ys, hw, Palette(i)); err != nil {
			return nil, err
		}
		l, err := line(xs, ys, Palette(i))
		if err != nil {
			return nil, err
		}
		p.Add(l)
		p.Legend.Add(s.Name, l)
		drawn = true
	}
	if !drawn {
		return nil, ErrNoData
	}
	if ms.unit == "%" {
		p.Y.Min = math.Max(0, p.Y.Min)
	}
	headroom(p)
	return p, nil
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

// QueueAndStaff draws a stage's mean queue length and the staff on duty
// over the day on one time axis.
func QueueAndStaff(s Scenario, stage string) (*plot.Plot, error) {
	p := newPlot(fmt.Sprintf("%s: queue and staff by time of day", stage), "time of day", "customers / people")
	p.X.Tick.Marker = clockTicks{}
	xs, ys, hw := series(s.Results, stage, 1, measures["queue"].get)
	if len(xs) == 0 {
		return nil, ErrNoData
	}
	band(p, xs, ys, hw, Palette(0))
	l, err := line(xs, ys, Palette(0))
	if err != nil {
		return nil, err
	}
	p.Add(l)
	p.Legend.Add("mean queue length", l)
	var steps plotter.XYs
	for i := range s.Results.Intervals {
		row := &s.Results.Intervals[i]
		if row.Stage == stage && !row.Closed && finite(row.Staff.Mean) {
			steps = append(steps, plotter.XY{X: row.From, Y: row.Staff.Mean}, plotter.XY{X: row.To, Y: row.Staff.Mean})
		}
	}
	st, err := plotter.NewLine(steps)
	if err != nil {
		return nil, err
	}
	st.Color = Palette(1)
	st.Width = vg.Points(1.5)
	st.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
	p.Add(st)
	p.Legend.Add("staff on duty", st)
	p.Y.Min = 0
	headroom(p)
	return p, nil
}

// grid is a stage × interval grid of utilisation for a heat map.
type grid struct {
	stages []string
	from   []float64
	width  float64
	z      [][]float64
}

func (g grid) Dims() (c, r int)   { return len(g.from), len(g.stages) }
func (g grid) Z(c, r int) float64 { return g.z[r][c] }
func (g grid) X(c int) float64    { return g.from[c] + g.width/2 }
func (g grid) Y(r int) float64    { return float64(r) }

// UtilisationHeatmap draws staff utilisation by stage and time of day.
func UtilisationHeatmap(s Scenario) (*plot.Plot, error) {
	r := s.Results
	g := grid{stages: r.Stages, width: r.Interval}
	idx := map[float64]int{}
	for _, row := range r.Intervals {
		if _, ok := idx[row.From]; !ok && !row.Closed && row.Staff.Mean > 0 {
			idx[row.From] = 0
		}
	}
	for f := range idx {
		g.from = append(g.from, f)
	}
	if len(g.from) == 0 {
		return nil, ErrNoData
	}
	slices.Sort(g.from)
	// Fill gaps so that the columns are evenly spaced, as HeatMap needs.
	var full []float64
	for f := g.from[0]; f <= g.from[len(g.from)-1]; f += r.Interval {
		full = append(full, f)
	}
	g.from = full
	for i, f := range g.from {
		idx[f] = i
	}
	g.z = make([][]float64, len(g.stages))
	for si := range g.z {
		g.z[si] = make([]float64, len(g.from))
		for c := range g.z[si] {
			g.z[si][c] = math.NaN()
		}
	}
	for _, row := range r.Intervals {
		si := slices.Index(g.stages, row.Stage)
		c, ok := idx[row.From]
		if si >= 0 && ok && !row.Closed && row.Staff.Mean > 0 && finite(row.Utilisation.Mean) {
			g.z[si][c] = row.Utilisation.Mean * 100
		}
	}
	pal := reversed(palette.Heat(12, 1)) // pale when idle, red when busy
	hm := plotter.NewHeatMap(g, pal)
	hm.Min, hm.Max = 0, 100
	hm.NaN = color.Gray{240}
	p := newPlot(s.Name+": staff utilisation by stage and hour (pale 0% to red 100%)", "time of day", "")
	p.Add(hm)
	p.X.Tick.Marker = clockTicks{}
	var ticks []plot.Tick
	for i, st := range g.stages {
		ticks = append(ticks, plot.Tick{Value: float64(i), Label: st})
	}
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	return p, nil
}

// SweepPoint is one grid point of a sweep: the varied value and a KPI.
type SweepPoint struct {
	X float64
	Y sim.Estimate
}

// StaffingCurve draws a KPI against a swept value (staff level) with
// confidence intervals and, when hasTarget, the target as a dashed line.
func StaffingCurve(title, xLabel, yLabel string, pts []SweepPoint, target float64, hasTarget bool) (*plot.Plot, error) {
	var xs, ys, hw []float64
	for _, pt := range pts {
		if finite(pt.Y.Mean) {
			xs, ys, hw = append(xs, pt.X), append(ys, pt.Y.Mean), append(hw, nan0(pt.Y.HalfWidth))
		}
	}
	if len(xs) == 0 {
		return nil, ErrNoData
	}
	p := newPlot(title, xLabel, yLabel)
	band(p, xs, ys, hw, Palette(0))
	l, err := line(xs, ys, Palette(0))
	if err != nil {
		return nil, err
	}
	p.Add(l)
	d := xyErr{make(plotter.XYs, len(xs)), make(plotter.YErrors, len(xs))}
	for i := range xs {
		d.XYs[i] = plotter.XY{X: xs[i], Y: ys[i]}
		d.YErrors[i].Low, d.YErrors[i].High = hw[i], hw[i]
	}
	eb, _ := plotter.NewYErrorBars(d)
	eb.Color = Palette(0)
	p.Add(eb)
	sc, _ := plotter.NewScatter(d.XYs)
	sc.Color = Palette(0)
	p.Add(sc)
	if hasTarget {
		t, _ := plotter.NewLine(plotter.XYs{{X: xs[0], Y: target}, {X: xs[len(xs)-1], Y: target}})
		t.Color = Palette(5)
		t.Dashes = []vg.Length{vg.Points(6), vg.Points(4)}
		p.Add(t)
		p.Legend.Add(fmt.Sprintf("target %g", target), t)
	}
	return p, nil
}

// Forest draws the paired differences of a comparison: each KPI's
// difference with its confidence interval against zero; differences that
// cannot be told from noise are grey.
func Forest(title string, diffs []sim.Diff) (*plot.Plot, error) {
	if len(diffs) == 0 {
		return nil, ErrNoData
	}
	p := newPlot(title, "difference from the baseline (scenario - baseline)", "")
	var ticks []plot.Tick
	row := 0
	for i := len(diffs) - 1; i >= 0; i-- {
		d := diffs[i]
		if !finite(d.Mean) {
			continue
		}
		y := float64(row)
		c := Palette(0)
		if !d.Distinguishable {
			c = color.Gray{160}
		}
		hw := nan0(d.HalfWidth)
		whisker, _ := plotter.NewLine(plotter.XYs{{X: d.Mean - hw, Y: y}, {X: d.Mean + hw, Y: y}})
		whisker.Color = c
		whisker.Width = vg.Points(1.5)
		p.Add(whisker)
		dot, _ := plotter.NewScatter(plotter.XYs{{X: d.Mean, Y: y}})
		dot.Color = c
		dot.Shape = draw.CircleGlyph{}
		p.Add(dot)
		_, u := unitLabel(d.Unit)
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

// DemandReputation draws, over the simulated days, the arrivals per day
// and the displayed reputation (stars), each scenario a line: two tiles
// with a shared day axis, since they have different units.
func DemandReputation(sc []Scenario) (demand, reputation *plot.Plot, err error) {
	demand = newPlot("arrivals per open day", "day", "customers per day")
	reputation = newPlot("displayed reputation", "day", "stars")
	drawn := false
	for i, s := range sc {
		rows := s.Results.DayRows
		if len(rows) < 2 {
			continue
		}
		// Arrivals on open days only: a closed weekend is no drop in demand.
		var xs, xo, a, ah, rp, rh []float64
		for _, d := range rows {
			xs = append(xs, float64(d.Day+1))
			rp, rh = append(rp, d.Reputation.Mean), append(rh, nan0(d.Reputation.HalfWidth))
			if d.Open {
				xo = append(xo, float64(d.Day+1))
				a, ah = append(a, d.Arrivals.Mean), append(ah, nan0(d.Arrivals.HalfWidth))
			}
		}
		for _, t := range []struct {
			p          *plot.Plot
			xs, ys, hw []float64
		}{{demand, xo, a, ah}, {reputation, xs, rp, rh}} {
			if len(t.xs) == 0 {
				continue
			}
			band(t.p, t.xs, t.ys, t.hw, Palette(i))
			l, err := line(t.xs, t.ys, Palette(i))
			if err != nil {
				return nil, nil, err
			}
			t.p.Add(l)
			t.p.Legend.Add(s.Name, l)
		}
		drawn = true
	}
	if !drawn {
		return nil, nil, ErrNoData
	}
	reputation.Y.Min, reputation.Y.Max = math.Max(1, reputation.Y.Min-0.2), math.Min(5, reputation.Y.Max+0.2)
	headroom(demand)
	headroom(reputation)
	return demand, reputation, nil
}

// FrontierPoint is a scenario's cost and score (NPS, say) for CostFrontier.
type FrontierPoint struct {
	Name        string
	Cost, Score sim.Estimate
	Chosen      bool
}

// CostFrontier draws score against cost per scenario with confidence
// bars, the efficient frontier (no other scenario is cheaper and better)
// as a line, and the chosen scenario labelled.
func CostFrontier(pts []FrontierPoint, costLabel, scoreLabel string) (*plot.Plot, error) {
	var ok []FrontierPoint
	for _, p := range pts {
		if finite(p.Cost.Mean) && finite(p.Score.Mean) {
			ok = append(ok, p)
		}
	}
	if len(ok) == 0 {
		return nil, ErrNoData
	}
	p := newPlot(scoreLabel+" against cost", costLabel, scoreLabel)
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
		l.Color = Palette(2)
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
		s.Color = Palette(i)
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
				labels.TextStyle[i].Font = font.From(plot.DefaultFont, vg.Points(10))
			}
			p.Add(labels)
		}
	}
	return p, nil
}

// WaitDistribution draws a stage's waits per scenario: the median, 90th,
// 95th and 99th percentiles on a vertical line and the mean as a diamond.
func WaitDistribution(sc []Scenario, stage string) (*plot.Plot, error) {
	p := newPlot(stage+": distribution of waits", "", "wait (min)")
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
		l.Color = Palette(i)
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

type reversedPalette []color.Color

func (r reversedPalette) Colors() []color.Color { return r }

func reversed(p palette.Palette) palette.Palette {
	c := slices.Clone(p.Colors())
	slices.Reverse(c)
	return reversedPalette(c)
}
