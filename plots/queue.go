package plots

import (
	"fmt"
	"image/color"
	"math"

	"github.com/svcsim/svcsim/sim"
	"gonum.org/v1/plot/vg"
)

var (
	staffColor  = color.Gray{70}
	onDutyColor = color.Gray{150}
)

// QueueAndStaff draws a stage's mean queue length and its staff over the
// day, a panel per scenario (the plan under discussion as well as the
// baseline) on one scale: the queue as steps in the scenario's colour with
// its confidence interval, the scheduled staff as grey steps and, where it
// differs, the staff actually on duty (finishing customers past the end of
// a shift) dashed. Closed intervals are gaps.
func (sty *Style) QueueAndStaff(sc []Scenario, stage string) (*Chart, error) {
	ch := &Chart{Title: sty.wf("%s: queue and staff by time of day", stage)}
	queue := make([][]interval, len(sc))
	staff := make([][]interval, len(sc))
	duty := make([][]interval, len(sc))
	hi := 0.0
	xmin, xmax := math.Inf(1), math.Inf(-1)
	showDuty := false
	for i, s := range sc {
		queue[i] = scaled(intervals(s.Results, stage, measures["queue"].get), 1, 0, math.Inf(1))
		staff[i] = intervals(s.Results, stage, measures["staff"].get)
		duty[i] = intervals(s.Results, stage, func(r *sim.IntervalRow) sim.Estimate { return r.OnDuty })
		for _, set := range [][]interval{queue[i], staff[i]} {
			for _, iv := range set {
				hi = math.Max(hi, iv.hi)
				xmin, xmax = math.Min(xmin, iv.from), math.Max(xmax, iv.to)
			}
		}
		for j, iv := range duty[i] {
			duty[i][j].lo, duty[i][j].hi = iv.y, iv.y
			hi = math.Max(hi, iv.y)
			if j < len(staff[i]) && staff[i][j].from == iv.from && iv.y > staff[i][j].y+0.05 {
				showDuty = true
			}
		}
	}
	for i, s := range sc {
		if len(queue[i]) == 0 {
			continue
		}
		p := sty.newPlot(s.Name, sty.w("time of day"), sty.w("people or customers"))
		p.X.Tick.Marker = clockTicks{}
		var st, du = staff[i], duty[i]
		for j := range st {
			st[j].lo, st[j].hi = st[j].y, st[j].y
		}
		if showDuty {
			if l := steps(p, du, onDutyColor, vg.Points(1.2), false); l != nil {
				l.Dashes = []vg.Length{vg.Points(2), vg.Points(2)}
				if len(ch.Panels) == 0 {
					ch.addLegend(sty.w("staff on duty"), l)
				}
			}
		}
		if l := steps(p, st, staffColor, vg.Points(1.4), false); l != nil && len(ch.Panels) == 0 {
			ch.addLegend(sty.w("staff scheduled"), l)
		}
		l := steps(p, queue[i], sty.Color(i), vg.Points(1.8), true)
		if len(ch.Panels) == 0 {
			ch.addLegend(sty.w("mean queue length")+":", box{color.White})
		}
		ch.addLegend(s.Name, l)
		pi := len(ch.Panels)
		for _, iv := range queue[i] {
			ch.addTip(pi, iv.from, iv.to, iv.y, iv.y, fmt.Sprintf("%s, %s–%s: %s %s", s.Name, clock(iv.from), clock(iv.to),
				sty.w("mean queue length"), estimate(iv.y, (iv.hi-iv.lo)/2, sty.w("customers"))))
		}
		for _, iv := range st {
			ch.addTip(pi, iv.from, iv.to, iv.y, iv.y, fmt.Sprintf("%s, %s–%s: %s %s", s.Name, clock(iv.from), clock(iv.to),
				sty.w("staff scheduled"), trim(iv.y, 0)))
		}
		p.X.Min, p.X.Max = xmin, xmax
		yRange(p, 0, hi, 0, math.Inf(1))
		ch.Panels = append(ch.Panels, p)
		ch.Heights = append(ch.Heights, 0.6)
	}
	if len(ch.Panels) == 0 {
		return nil, ErrNoData
	}
	if len(ch.Panels) == 1 {
		ch.Heights = nil
	} else {
		for _, p := range ch.Panels[:len(ch.Panels)-1] {
			p.X.Label.Text = ""
		}
	}
	return ch, nil
}
