package plots

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"

	"github.com/svcsim/svcsim/sim"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// measure is a per-interval series ByTimeOfDay can draw: its title, its
// unit (minutes are shown in hours or days when long, see
// sim.Unit.Display) and how to read it from a row.
type measure struct {
	title string
	unit  sim.Unit
	get   func(r *sim.IntervalRow) sim.Estimate
}

var measures = map[string]measure{
	"wait":          {"mean wait of served customers", sim.Minutes, func(r *sim.IntervalRow) sim.Estimate { return r.Wait }},
	"service_level": {"service level", sim.Share, func(r *sim.IntervalRow) sim.Estimate { return r.ServiceLevel }},
	"utilisation":   {"utilisation", sim.Share, func(r *sim.IntervalRow) sim.Estimate { return r.Utilisation }},
	"arrivals":      {"arrivals", "per hour", func(r *sim.IntervalRow) sim.Estimate { return r.Arrivals }},
	"queue":         {"mean queue length", "customers", func(r *sim.IntervalRow) sim.Estimate { return r.Queue }},
	"staff":         {"staff scheduled", "people", func(r *sim.IntervalRow) sim.Estimate { return r.Staff }},
}

// kpiOf is the KPI whose targets apply to a measure's chart.
var kpiOf = map[string]string{"wait": "wait.mean", "service_level": "service_level", "utilisation": "utilisation"}

// Measures lists the names ByTimeOfDay accepts.
func Measures() []string {
	var out []string
	for k := range measures {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// intervals returns a stage's open intervals (pooled over weekdays) with
// a value for get, in minutes or the KPI's unit (scale 1). Closed
// intervals are left out, never drawn as 0.
func intervals(r *sim.Results, stage string, get func(*sim.IntervalRow) sim.Estimate) []interval {
	var out []interval
	for i := range r.Intervals {
		row := &r.Intervals[i]
		if row.Stage != stage || row.Weekday != "" || row.Closed || !(row.Staff.Mean > 0 || row.Arrivals.Mean > 0) {
			continue
		}
		e := get(row)
		if !finite(e.Mean) {
			continue
		}
		hw := nan0(e.HalfWidth)
		out = append(out, interval{from: row.From, to: row.To, y: e.Mean, lo: e.Mean - hw, hi: e.Mean + hw})
	}
	slices.SortFunc(out, func(a, b interval) int { return int(math.Copysign(1, a.from-b.from)) })
	return out
}

// scaled multiplies a series by scale and clips its confidence intervals
// to floor..ceil: a wait's interval never runs below 0, a share's never
// above 100%.
func scaled(ivs []interval, scale, floor, ceil float64) []interval {
	out := make([]interval, len(ivs))
	for i, iv := range ivs {
		out[i] = interval{iv.from, iv.to, iv.y * scale, math.Max(floor, iv.lo*scale), math.Min(ceil, iv.hi*scale)}
	}
	return out
}

// pileUp reports whether the series would hide each other drawn on one
// panel: more than three, or two whose mean distance is under 4% of the
// y span.
func pileUp(series [][]interval, span float64) bool {
	if len(series) > 3 {
		return true
	}
	for a := range series {
		for b := a + 1; b < len(series); b++ {
			d, n := 0.0, 0
			for _, x := range series[a] {
				for _, y := range series[b] {
					if x.from == y.from {
						d += math.Abs(x.y - y.y)
						n++
					}
				}
			}
			if n > 0 && d/float64(n) < 0.04*span {
				return true
			}
		}
	}
	return false
}

func clock(m float64) string { return fmt.Sprintf("%02d:%02d", int(m)/60, int(m)%60) }

// ByTimeOfDay draws a measure (see Measures) of a stage over the day:
// each interval's mean as a step over the interval with its confidence
// interval shaded, every scenario in its colour, on one panel or, where
// the lines would hide each other, a panel per scenario (the baseline
// repeated in grey). Closed intervals are gaps. Waits start at 0 and are
// in hours or days when long; shares run from 0 to 100%. The stage's
// target wait and the alerts on the measure are dashed lines.
func (sty *Style) ByTimeOfDay(sc []Scenario, stage, measure string) (*Chart, error) {
	ms, ok := measures[measure]
	if !ok {
		return nil, fmt.Errorf("plots: unknown measure %q (valid: %s)", measure, strings.Join(Measures(), ", "))
	}
	raw := make([][]interval, len(sc))
	magnitude := 0.0
	drawn := false
	for i, s := range sc {
		raw[i] = intervals(s.Results, stage, ms.get)
		for _, iv := range raw[i] {
			magnitude = math.Max(magnitude, iv.y)
		}
		drawn = drawn || len(raw[i]) > 0
	}
	if !drawn {
		return nil, ErrNoData
	}
	title := sty.w(ms.title)
	if measure == "service_level" {
		if k := sc[0].Results.KPI(stage + ".service_level"); k != nil {
			title += " (" + sty.label(k.Label) + ")"
		}
	}
	scale, u := ms.unit.Display("", magnitude)
	var targets []Target
	if k, ok := kpiOf[measure]; ok {
		// Limits on each interval and target waits; a limit on the whole
		// run's figure is no limit on an interval's.
		for _, t := range sc[0].targets(stage + "." + k) {
			if t.PerInterval || t.isTargetWait() {
				targets = append(targets, t)
			}
		}
	}
	ceil := math.Inf(1)
	if ms.unit == sim.Share {
		ceil = 100
	}
	clockAxis := xAxis{sty.w("time of day"), clockTicks{}, func(a, b float64) string { return clock(a) + "–" + clock(b) }}
	return sty.stepChart(sty.wf("%s: %s by time of day", stage, title), sty.unitWord(u), clockAxis, sc, raw, scale, ceil, targets, u), nil
}

// xAxis is the x axis of a step chart: its label, ticks and how a tooltip
// names an interval.
type xAxis struct {
	label string
	ticks plot.Ticker
	span  func(from, to float64) string
}

// stepChart draws series of intervals (in the measure's unit; scale turns
// them into the displayed unit u, clipped to 0..ceil) of each scenario, as
// ByTimeOfDay describes.
func (sty *Style) stepChart(title, yLabel string, x xAxis, sc []Scenario, raw [][]interval, scale, ceil float64, targets []Target, u string) *Chart {
	series := make([][]interval, len(raw))
	lo, hi := 0.0, 0.0
	xmin, xmax := math.Inf(1), math.Inf(-1)
	for i := range raw {
		series[i] = scaled(raw[i], scale, 0, ceil)
		for _, iv := range series[i] {
			hi = math.Max(hi, iv.hi)
			xmin, xmax = math.Min(xmin, iv.from), math.Max(xmax, iv.to)
		}
	}
	for _, t := range targets {
		hi = math.Max(hi, t.Limit*scale)
	}
	ch := &Chart{Title: title}
	var who []int // the scenarios of each panel
	if pileUp(series, hi-lo) {
		for i := range series {
			if len(series[i]) > 0 {
				who = append(who, i)
			}
		}
	} else {
		who = []int{-1}
	}
	for pi, i := range who {
		p := sty.newPlot("", x.label, yLabel)
		p.X.Tick.Marker = x.ticks
		if len(who) > 1 {
			p.Title.Text = sc[i].Name
			if pi < len(who)-1 {
				p.X.Label.Text = ""
			}
			ch.Heights = append(ch.Heights, 0.6)
		}
		// The baseline in grey under each other scenario's panel.
		if len(who) > 1 && i > 0 && len(series[0]) > 0 {
			steps(p, series[0], color.Gray{150}, vg.Points(1), false)
		}
		for j := range series {
			if (i >= 0 && j != i) || len(series[j]) == 0 {
				continue
			}
			l := steps(p, series[j], sty.Color(j), vg.Points(1.8), true)
			if !slices.ContainsFunc(ch.Legend, func(e LegendEntry) bool { return e.Text == sc[j].Name }) {
				ch.addLegend(sc[j].Name, l)
			}
			for _, iv := range series[j] {
				ch.addTip(pi, iv.from, iv.to, iv.y, iv.y, fmt.Sprintf("%s, %s: %s", sc[j].Name, x.span(iv.from, iv.to),
					estimate(iv.y, (iv.hi-iv.lo)/2, sty.unitShort(u))))
			}
		}
		for _, t := range targets {
			p.Add(targetLine(t, t.Limit*scale))
		}
		p.X.Min, p.X.Max = xmin, xmax
		yRange(p, lo, hi, 0, ceil)
		ch.Panels = append(ch.Panels, p)
	}
	if len(who) > 1 && len(series[0]) > 0 {
		g := steps(sty.newPlot("", "", ""), series[0][:1], color.Gray{150}, vg.Points(1), false)
		ch.addLegend(sty.w("baseline")+" ("+sc[0].Name+")", g)
	}
	for _, t := range targets {
		ch.addLegend(sty.targetText(t, t.Limit*scale, u), targetLine(t, 0))
	}
	return ch
}
