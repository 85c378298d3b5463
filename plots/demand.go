package plots

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
)

// DemandReputation draws, over the simulated days, the arrivals per open
// day and the displayed reputation (stars, on its whole 1–5 scale), each
// day's value as a step over the day, every scenario in its colour, on
// one panel or, where the lines would hide each other, a panel per
// scenario with the baseline repeated in grey. Closed days are gaps: a
// closed weekend is no drop in demand.
func (sty *Style) DemandReputation(sc []Scenario) (demand, reputation *Chart, err error) {
	arr := make([][]interval, len(sc))
	rep := make([][]interval, len(sc))
	drawn := false
	for i, s := range sc {
		rows := s.Results.DayRows
		if len(rows) < 2 {
			continue
		}
		for _, d := range rows {
			x := float64(d.Day + 1)
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
	days := xAxis{sty.w("day"), niceTicks{}, func(a, _ float64) string { return fmt.Sprintf("%s %g", sty.w("day"), a) }}
	demand = sty.stepChart(sty.w("arrivals per open day"), sty.w("customers per day"), days, sc, arr, 1, math.Inf(1), nil, sty.w("customers"))
	reputation = sty.stepChart(sty.w("displayed reputation"), sty.w("stars"), days, sc, rep, 1, 5, nil, sty.w("stars"))
	for _, p := range reputation.Panels {
		p.Y.Min, p.Y.Max = 1, 5
		p.Y.Tick.Marker = plot.ConstantTicks([]plot.Tick{{Value: 1, Label: "1"}, {Value: 1.5}, {Value: 2, Label: "2"}, {Value: 2.5},
			{Value: 3, Label: "3"}, {Value: 3.5}, {Value: 4, Label: "4"}, {Value: 4.5}, {Value: 5, Label: "5"}})
	}
	return demand, reputation, nil
}
