package plots

import (
	"math"

	"gonum.org/v1/plot"
)

// DemandReputation draws, over the simulated days, the arrivals per day
// and the displayed reputation (stars), each scenario a line: two tiles
// with a shared day axis, since they have different units.
func (sty *Style) DemandReputation(sc []Scenario) (demand, reputation *plot.Plot, err error) {
	demand = sty.newPlot("arrivals per open day", "day", "customers per day")
	reputation = sty.newPlot("displayed reputation", "day", "stars")
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
			band(t.p, t.xs, t.ys, t.hw, sty.Color(i))
			l, err := line(t.xs, t.ys, sty.Color(i))
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
