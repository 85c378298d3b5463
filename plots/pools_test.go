package plots

import (
	"testing"

	"github.com/svcsim/svcsim/sim"
)

// TestUtilisationPools: a pool gets a row of its own below the stages',
// and a scenario whose stages have no staff of their own still has a
// heat map from its pool.
func TestUtilisationPools(t *testing.T) {
	est := func(v float64) sim.Estimate { return sim.Estimate{Mean: v, HalfWidth: 0.01, N: 3} }
	r := &sim.Results{Interval: 60, Stages: []string{"booking", "follow_up"}, Pools: []string{"desk"}}
	for k, u := range []float64{0.8, 0.6} {
		from := float64(8+k) * 60
		r.PoolIntervals = append(r.PoolIntervals, sim.PoolIntervalRow{Pool: "desk", From: from, To: from + 60,
			Utilisation: est(u), Staff: est(3), OnDuty: est(3), Busy: est(3 * u)})
	}
	g, ok := utilisation(r)
	if !ok {
		t.Fatal("no heat map for a scenario served by a pool")
	}
	if len(g.stages) != 3 || g.stages[2] != "pool desk" {
		t.Fatalf("rows %v; want the stages, then pool desk", g.stages)
	}
	if len(g.from) != 2 || g.z[2][0] != 80 || g.z[2][1] != 60 || finite(g.z[0][0]) {
		t.Errorf("columns %v, cells %v; want 08:00 and 09:00, the pool at 80 and 60, the stages blank", g.from, g.z)
	}
	if len(r.Stages) != 2 {
		t.Errorf("the results' stages changed: %v", r.Stages)
	}
}
