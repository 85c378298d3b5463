package plots

import (
	"math"

	"github.com/svcsim/svcsim/sim"
)

// The pools in the utilisation heat map: a row per pool (labelled "pool
// NAME") below the stages', from the results' pool time-of-day rows.

// poolOpen reports whether a pool's time-of-day row enters the heat map:
// pooled over the weekdays, staffed, with a utilisation.
func poolOpen(row *sim.PoolIntervalRow) bool {
	return row.Weekday == "" && row.Staff.Mean > 0 && finite(row.Utilisation.Mean)
}

// poolSpan widens [lo, hi], the starts of the first and last intervals
// the heat map shows, to the pools' staffed intervals.
func poolSpan(r *sim.Results, lo, hi float64) (float64, float64) {
	for i := range r.PoolIntervals {
		if row := &r.PoolIntervals[i]; poolOpen(row) {
			lo, hi = math.Min(lo, row.From), math.Max(hi, row.From)
		}
	}
	return lo, hi
}

// addPools adds a row per pool to g, whose columns start at lo.
func addPools(g *grid, r *sim.Results, lo float64) {
	for _, pool := range r.Pools {
		z, hw := make([]float64, len(g.from)), make([]float64, len(g.from))
		for c := range z {
			z[c] = math.NaN()
		}
		for i := range r.PoolIntervals {
			row := &r.PoolIntervals[i]
			c := int(math.Round((row.From - lo) / r.Interval))
			if row.Pool == pool && c >= 0 && c < len(g.from) && poolOpen(row) {
				z[c], hw[c] = row.Utilisation.Mean*100, nan0(row.Utilisation.HalfWidth)*100
			}
		}
		g.stages = append(g.stages, "pool "+pool)
		g.z, g.hw, g.unstaffed = append(g.z, z), append(g.hw, hw), append(g.unstaffed, make([]bool, len(z)))
	}
}
