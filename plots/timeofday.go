package plots

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/svcsim/svcsim/sim"
	"gonum.org/v1/plot"
)

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
func (sty *Style) ByTimeOfDay(sc []Scenario, stage, measure string) (*plot.Plot, error) {
	ms, ok := measures[measure]
	if !ok {
		return nil, fmt.Errorf("plots: unknown measure %q (valid: %s)", measure, strings.Join(Measures(), ", "))
	}
	p := sty.newPlot(fmt.Sprintf("%s: %s by time of day", stage, ms.label), "time of day", fmt.Sprintf("%s (%s)", ms.label, ms.unit))
	p.X.Tick.Marker = clockTicks{}
	drawn := false
	for i, s := range sc {
		xs, ys, hw := series(s.Results, stage, ms.scale, ms.get)
		if len(xs) == 0 {
			continue
		}
		if err := band(p, xs, ys, hw, sty.Color(i)); err != nil {
			return nil, err
		}
		l, err := line(xs, ys, sty.Color(i))
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
