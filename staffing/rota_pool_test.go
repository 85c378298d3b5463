package staffing

import (
	"context"
	"slices"
	"testing"

	"github.com/svcsim/svcsim/rota"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// poolRotaTargets are the targets of testdata/reception_pool_rota.yaml:
// both stages the desk pool serves.
var poolRotaTargets = []string{"booking.service_level >= 80%", "follow_up.service_level >= 80%"}

// TestRotaPool solves the rota of a pool serving two stages (the
// reception built-in's cross-trained desk on shift patterns) with each
// solver, then simulates it again on two seeds the search never saw:
// both stages' service levels must hold with 95% confidence in every
// interval the pool is staffed. The cost must be within 2% of the LP
// bound with CBC and within 10% with the fallback.
func TestRotaPool(t *testing.T) {
	c := rotaCase{"reception pool", func(t *testing.T) *scenarios.Scenario { return mustLoad(t, "testdata/reception_pool_rota.yaml") }, 0, poolRotaTargets, 0.01}
	for _, kind := range []rota.SolverKind{rota.CBC, rota.Fallback} {
		t.Run(kind.String(), func(t *testing.T) {
			if testing.Short() && kind == rota.CBC {
				t.Skip("-short: CBC's rota takes seconds")
			}
			if kind == rota.CBC {
				needCBC(t)
			}
			sc, ts, res := solveRota(t, c, kind)
			if len(res.Stages) != 1 || res.Stages[0].Name != "desk" {
				t.Fatalf("rota of %v; want the pool desk", res.Stages)
			}
			if got := res.Model.Pools[0].MaxStaff(); got == 0 {
				t.Fatal("the rota's model has nobody in the pool")
			}
			for _, seed := range []uint64{424242, 9001} {
				checkPoolSeed(t, res.Model, ts, seed, sc.Replications)
			}
		})
	}
}

// checkPoolSeed simulates m on seed and checks each stage target in every
// interval the first pool is staffed.
func checkPoolSeed(t *testing.T, m *sim.Model, ts []Target, seed uint64, reps int) {
	t.Helper()
	out, err := sim.Run(context.Background(), m, sim.Options{Replications: reps, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	p := &Problem{Model: m, Targets: ts}
	staff := &sim.Group{Staff: m.Pools[0].Staff}
	for ti, tg := range ts {
		stage := tg.KPI[:len(tg.KPI)-len(".service_level")]
		for _, f := range p.stageFailures(out, stage, 0, ti) {
			if staffedAny(staff, m, f.Interval) {
				t.Errorf("seed %d: %s", seed, p.FailureText(out, f))
			}
		}
	}
}

// TestPoolNeed checks the pool's starting requirement: never below its
// reserves plus one while it is staffed, nothing while it is not, and
// the stages' own staff taken off headcount for headcount.
func TestPoolNeed(t *testing.T) {
	_, m, ts := rotaCase{"", func(t *testing.T) *scenarios.Scenario { return mustLoad(t, "testdata/reception_pool_rota.yaml") }, 0, poolRotaTargets, 0}.setup(t)
	base := poolNeed(m, 0, ts, 0.85)

	reserved := *m
	reserved.Pools = slices.Clone(m.Pools)
	reserved.Pools[0].Serves = slices.Clone(m.Pools[0].Serves)
	reserved.Pools[0].Serves[0].Reserve = 5 // booking: a floor of 6 everywhere
	withReserve := poolNeed(&reserved, 0, ts, 0.85)

	own := *m
	own.Stages = slices.Clone(m.Stages)
	own.Stages[0].Groups = []sim.Group{{Speed: 1, Staff: m.Pools[0].Staff}} // booking: 3 of its own
	withOwn := poolNeed(&own, 0, ts, 0.85)

	for k, n := range base {
		open := staffedAny(&sim.Group{Staff: m.Pools[0].Staff}, m, k)
		name := (&Problem{Model: m}).IntervalName(k)
		switch {
		case !open && (n != 0 || withReserve[k] != 0):
			t.Errorf("%s (closed): need %d, with reserve %d; want 0", name, n, withReserve[k])
		case open && n < 1:
			t.Errorf("%s: need %d; want at least 1", name, n)
		case open && withReserve[k] != max(n, 6):
			t.Errorf("%s: need with a reserve of 5 %d; want max(%d, 6)", name, withReserve[k], n)
		case open && withOwn[k] != max(n-3, 1):
			t.Errorf("%s: need with 3 own staff at booking %d; want max(%d-3, 1)", name, withOwn[k], n)
		}
	}
}
