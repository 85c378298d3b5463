package plots

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
)

// DemandReputation draws, over the simulated days (Results.DayRows, the
// warm-up included), the arrivals per open day and the displayed
// reputation (stars, on its whole 1–5 scale), each day's value as a step
// over the day, every scenario in its colour, on one panel or, where the
// lines would hide each other, a panel per scenario with the baseline
// repeated in grey. Days are numbered from 0, as in the results, and
// labelled with their weekday. Closed days are gaps: a closed weekend is
// no drop in demand.
func (sty *Style) DemandReputation(sc []Scenario) (demand, reputation *Chart, err error) {
	arr := make([][]interval, len(sc))
	rep := make([][]interval, len(sc))
	drawn := false
	weekdays := map[int]string{}
	for i, s := range sc {
		rows := s.Results.DayRows
		if len(rows) < 2 {
			continue
		}
		for _, d := range rows {
			x := float64(d.Day)
			if _, ok := weekdays[d.Day]; !ok && d.Weekday != "" {
				weekdays[d.Day] = sty.w(strings.ToUpper(d.Weekday[:1]) + d.Weekday[1:])
			}
			if e := d.Reputation; finite(e.Mean) {
				hw := nan0(e.HalfWidth)
				rep[i] = append(rep[i], interval{x, x + 1, e.Mean, e.Mean - hw, e.Mean + hw})
			}
			if e := d.Arrivals; d.Open && finite(e.Mean) {
				hw := nan0(e.HalfWidth)
				arr[i] = append(arr[i], interval{x, x + 1, e.Mean, e.Mean - hw, e.Mean + hw})
			}
		}
		drawn = true
	}
	if !drawn {
		return nil, nil, ErrNoData
	}
	days := xAxis{sty.w("day"), dayTicks(weekdays), func(a, _ float64) string {
		if w, ok := weekdays[int(a)]; ok {
			return fmt.Sprintf("%s %g (%s)", sty.w("day"), a, w)
		}
		return fmt.Sprintf("%s %g", sty.w("day"), a)
	}}
	demand = sty.stepChart(sty.w("arrivals per open day"), sty.w("customers per day"), days, sc, arr, 1, math.Inf(1), nil, sty.w("customers"))
	reputation = sty.stepChart(sty.w("displayed reputation"), sty.w("stars"), days, sc, rep, 1, 5, nil, sty.w("stars"))
	for _, p := range reputation.Panels {
		p.Y.Min, p.Y.Max = 1, 5
		p.Y.Tick.Marker = plot.ConstantTicks([]plot.Tick{{Value: 1, Label: "1"}, {Value: 1.5}, {Value: 2, Label: "2"}, {Value: 2.5},
			{Value: 3, Label: "3"}, {Value: 3.5}, {Value: 4, Label: "4"}, {Value: 4.5}, {Value: 5, Label: "5"}})
	}
	return demand, reputation, nil
}

// dayTicks labels a day axis, day d drawn over [d, d+1), at the middle of
// the days: every day, or every week for runs of two weeks and more, so
// that each label falls on the same weekday, which it names under the
// day's number where known.
type dayTicks map[int]string

func (w dayTicks) Ticks(lo, hi float64) []plot.Tick {
	step := 1
	if hi-lo > 14 {
		for _, m := range []int{7, 14, 28, 56, 91, 182, 364} {
			if step = m; (hi-lo)/float64(m) <= 10 {
				break
			}
		}
	}
	var out []plot.Tick
	for d := int(math.Ceil(lo)); float64(d)+0.5 <= hi; d++ {
		t := plot.Tick{Value: float64(d) + 0.5}
		if d%step == 0 {
			t.Label = strconv.Itoa(d)
			if wd, ok := w[d]; ok {
				t.Label += "\n" + wd
			}
		} else if step > 7 && d%7 != 0 {
			continue // a tick a week
		}
		out = append(out, t)
	}
	return out
}
