package plots

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"github.com/svcsim/svcsim/sim"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

var (
	staffColor  = color.Gray{70}
	onDutyColor = color.Gray{150}
)

// QueueAndStaff draws a stage's mean queue length and its staff over the
// day, per scenario (the plan under discussion as well as the baseline) a
// queue panel over a staff panel, each on its own scale shared by the
// scenarios: a queue of 0.1 customer stays readable beside 4 staff, and
// 2 staff beside a queue of 40. The queue is drawn as steps in the
// scenario's colour with its confidence interval, the scheduled staff as
// grey steps and, where it differs, the staff actually on duty (finishing
// customers past the end of a shift) dashed. Closed intervals are gaps.
func (sty *Style) QueueAndStaff(sc []Scenario, stage string) (*Chart, error) {
	ch := &Chart{Title: sty.wf("%s: queue and staff by time of day", stage)}
	d := queueData(sc, stage)
	one := len(sc) == 1
	for i, s := range sc {
		if len(d.queue[i]) == 0 {
			continue
		}
		sty.queuePanels(ch, d, i, s.Name, one)
	}
	if len(ch.Panels) == 0 {
		return nil, ErrNoData
	}
	for _, p := range ch.Panels[:len(ch.Panels)-1] {
		p.X.Label.Text = ""
	}
	return ch, nil
}

// queueSeries are a queue chart's intervals per scenario and the ranges
// the scenarios share.
type queueSeries struct {
	queue, staff, duty [][]interval
	hiQ, hiS           float64
	xmin, xmax         float64
	showDuty           bool // staff on duty differs from staff scheduled somewhere
}

// queueData collects the queue, scheduled staff and staff on duty of
// stage in each of sc.
func queueData(sc []Scenario, stage string) queueSeries {
	queue := make([][]interval, len(sc))
	staff := make([][]interval, len(sc))
	duty := make([][]interval, len(sc))
	hiQ, hiS := 0.0, 0.0
	xmin, xmax := math.Inf(1), math.Inf(-1)
	showDuty := false
	for i, s := range sc {
		queue[i] = scaled(intervals(s.Results, stage, measures["queue"].get), 1, 0, math.Inf(1))
		staff[i] = intervals(s.Results, stage, measures["staff"].get)
		duty[i] = intervals(s.Results, stage, func(r *sim.IntervalRow) sim.Estimate { return r.OnDuty })
		for _, iv := range queue[i] {
			hiQ = math.Max(hiQ, iv.hi)
			xmin, xmax = math.Min(xmin, iv.from), math.Max(xmax, iv.to)
		}
		for j, iv := range staff[i] {
			staff[i][j].lo, staff[i][j].hi = iv.y, iv.y
			hiS = math.Max(hiS, iv.y)
			xmin, xmax = math.Min(xmin, iv.from), math.Max(xmax, iv.to)
		}
		for j, iv := range duty[i] {
			duty[i][j].lo, duty[i][j].hi = iv.y, iv.y
			hiS = math.Max(hiS, iv.y)
			if j < len(staff[i]) && staff[i][j].from == iv.from && iv.y > staff[i][j].y+0.05 {
				showDuty = true
			}
		}
	}
	return queueSeries{queue, staff, duty, hiQ, hiS, xmin, xmax, showDuty}
}

// queuePanels adds scenario i's queue panel and staff panel to ch, the
// legend with the first.
func (sty *Style) queuePanels(ch *Chart, d queueSeries, i int, name string, one bool) {
	queue, staff, duty := d.queue, d.staff, d.duty
	q := sty.newPlot(name, "", sty.w("queue"))
	if one {
		q.Title.Text = ""
	}
	// The staff panel below names the times.
	q.X.Tick.Marker = unlabelled{clockTicks{}}
	st := sty.newPlot("", sty.w("time of day"), sty.w("staff"))
	st.X.Tick.Marker = clockTicks{}
	st.Y.Tick.Marker = headcountTicks{}
	if d.showDuty {
		if l := steps(st, duty[i], onDutyColor, vg.Points(1.2), false); l != nil {
			l.Dashes = []vg.Length{vg.Points(2), vg.Points(2)}
			if len(ch.Panels) == 0 {
				ch.addLegend(sty.w("staff on duty"), l)
			}
		}
	}
	if l := steps(st, staff[i], staffColor, vg.Points(1.4), false); l != nil && len(ch.Panels) == 0 {
		ch.addLegend(sty.w("staff scheduled"), l)
	}
	l := steps(q, queue[i], sty.Color(i), vg.Points(1.8), true)
	if len(ch.Panels) == 0 {
		ch.addLegend(sty.w("mean queue length")+":", box{color.White})
	}
	ch.addLegend(name, l)
	pi := len(ch.Panels)
	for _, iv := range queue[i] {
		ch.addTip(pi, iv.from, iv.to, iv.y, iv.y, fmt.Sprintf("%s, %s–%s: %s %s", name, clock(iv.from), clock(iv.to),
			sty.w("mean queue length"), estimate(iv.y, (iv.hi-iv.lo)/2, sty.w("customers"))))
	}
	for _, iv := range staff[i] {
		ch.addTip(pi+1, iv.from, iv.to, iv.y, iv.y, fmt.Sprintf("%s, %s–%s: %s %s", name, clock(iv.from), clock(iv.to),
			sty.w("staff scheduled"), trim(iv.y, 0)))
	}
	for _, p := range []*plot.Plot{q, st} {
		p.X.Min, p.X.Max = d.xmin, d.xmax
	}
	yRange(q, 0, d.hiQ, 0, math.Inf(1))
	yRange(st, 0, d.hiS, 0, math.Inf(1))
	ch.Panels = append(ch.Panels, q, st)
	if one {
		ch.Heights = []float64{0.7, 0.42}
	} else {
		ch.Heights = append(ch.Heights, 0.42, 0.3)
	}
}

// unlabelled is a Ticker's ticks without their labels: a panel whose
// times the panel below it names.
type unlabelled struct{ plot.Ticker }

func (u unlabelled) Ticks(min, max float64) []plot.Tick {
	t := u.Ticker.Ticks(min, max)
	for i := range t {
		t[i].Label = ""
	}
	return t
}

// headcountTicks labels a staff axis at whole numbers of people, at most
// four labels above 0, so that a short panel stays legible.
type headcountTicks struct{}

func (headcountTicks) Ticks(lo, hi float64) []plot.Tick {
	step := 1.0
	for _, m := range []float64{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000} {
		step = m
		if hi/m <= 4.5 {
			break
		}
	}
	var out []plot.Tick
	for v := math.Ceil(lo/step) * step; v <= hi+1e-9; v += step {
		out = append(out, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', 0, 64)})
	}
	return out
}
