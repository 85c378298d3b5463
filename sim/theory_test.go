package sim

import (
	"fmt"
	"math"
	"testing"

	"github.com/svcsim/svcsim/erlang"
)

type mmcPoint struct {
	c    int
	rho  float64
	long bool // run only with -tags long
}

// erlangCPoints is the grid of M/M/c checks.
func erlangCPoints() []mmcPoint {
	if fullGrid {
		var pts []mmcPoint
		for _, c := range []int{1, 2, 3, 5, 8, 10, 15, 20, 30, 40, 50} {
			for _, rho := range []float64{0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95} {
				pts = append(pts, mmcPoint{c: c, rho: rho})
			}
		}
		return pts
	}
	// One and several servers at moderate load by default; heavy traffic
	// and many servers are the long cases.
	return []mmcPoint{{1, 0.5, false}, {1, 0.9, true}, {2, 0.8, false}, {5, 0.95, true},
		{10, 0.9, true}, {20, 0.7, false}, {50, 0.95, true}, {50, 0.5, true}}
}

// TestErlangC checks M/M/c mean wait, P(W > t), mean queue length,
// utilisation and the 90th percentile wait against Erlang C, and Little's
// law on the simulated outputs.
func TestErlangC(t *testing.T) {
	if testing.Short() {
		t.Skip("long statistical test")
	}
	for i, p := range erlangCPoints() {
		t.Run(fmt.Sprintf("c=%d/rho=%g", p.c, p.rho), func(t *testing.T) {
			if p.long {
				skipLong(t)
			}
			const mu = 1.0
			lam := p.rho * float64(p.c) * mu
			q := erlang.MMC{Lambda: lam, Mu: mu, C: p.c}
			// The wait's variance grows like 1/(1-rho)^2, and its
			// relative variance like 1/P(wait) when few customers wait:
			// scale the run by both (at most 20 times: below P(wait) = 1%
			// the waits are too small for the relative tolerances to bind).
			scale := 1 / math.Min(1, math.Max(4*q.PWait(), 0.05))
			// The full grid's light loads and small waits need longer
			// runs to reach its relative tolerances.
			base := 2e3
			if fullGrid {
				base = 2e4
			}
			days, warm := daysFor(theoryReps*base*scale/((1-p.rho)*(1-p.rho)), lam)
			m := mmc(lam, mu, p.c, days, warm)
			target := 0.5 / mu
			m.Stages[0].Target = target
			m.Stages[0].Targets = []float64{2 / mu}
			r := runTheory(t, m, uint64(100+i))

			agree(t, "mean wait", r.KPI("queue.wait.mean").Values, q.Wq(), 0.05, 0.005/mu)
			agree(t, "P(W > t)", perRep(r, 0, func(st *StageStats, _ float64) float64 {
				return 1 - float64(st.WithinTarget)/float64(st.Served)
			}), q.PWaitGT(target), 0.05, 0.005)
			// A wait above two service times can be too rare to see
			// (P = 1e-5 at low load): check it where it happens.
			if sl := q.ServiceLevel(2 / mu); sl < 0.999 {
				agree(t, "service level within 2 service times", r.KPI("queue.service_level(2m)").Values, sl, 0.02, 0.005)
			}
			agree(t, "mean queue length", r.KPI("queue.queue.mean").Values, q.Lq(), 0.05, 0.005*float64(p.c))
			agree(t, "utilisation", r.KPI("queue.utilisation").Values, p.rho, 0.01, 0)
			// The 90th percentile comes from a histogram with three
			// significant digits: allow its resolution on top.
			if want := q.WaitQuantile(0.9); want > 0.05 {
				agree(t, "90th percentile wait", r.KPI("queue.wait.p90").Values, want, 0.05, 0.005/mu)
			}
			// Little's law on the simulator's own outputs: L = lambda W
			// replication by replication, up to edge effects.
			agree(t, "Little's law L - lambda W", perRep(r, 0, func(st *StageStats, meas float64) float64 {
				return st.QueueArea/meas - float64(st.Arrived)/meas*st.WaitSum/float64(st.Served)
			}), 0, 0, 0.01*math.Max(q.Lq(), 0.1))
		})
	}
}

// TestErlangA checks M/M/c+M (exponential patience) abandonment, waits
// and service level against Erlang A, including an overloaded queue that
// only abandonment keeps finite.
func TestErlangA(t *testing.T) {
	if testing.Short() {
		t.Skip("long statistical test")
	}
	for i, p := range []struct {
		c             int
		lam, theta, t float64
		n             float64 // customers per replication
		long          bool    // run only with -tags long
	}{
		{10, 9, 0.5, 0.5, 2e5, true},
		// The default case: overloaded, held finite only by abandonment.
		{10, 12, 1, 0.25, 2e5, false},
		{1, 1.2, 0.2, 1, 2e5, true},
		// Heavy traffic with many servers: the service level varies
		// more, so the run is longer.
		{50, 52, 0.1, 0.1, 1.2e6, true},
	} {
		t.Run(fmt.Sprintf("c=%d/lam=%g/theta=%g", p.c, p.lam, p.theta), func(t *testing.T) {
			if p.long {
				skipLong(t)
			}
			const mu = 1.0
			q := erlang.MMCA{Lambda: p.lam, Mu: mu, C: p.c, Theta: p.theta}
			days, warm := daysFor(theoryReps*p.n, p.lam)
			m := mmc(p.lam, mu, p.c, days, warm)
			m.Stages[0].Patience = Exponential{M: 1 / p.theta}
			m.Stages[0].Target = p.t
			r := runTheory(t, m, uint64(200+i))

			agree(t, "P(abandon)", r.KPI("queue.abandonment").Values, q.PAbandon(), 0.05, 0.002)
			agree(t, "mean wait, all customers", perRep(r, 0, func(st *StageStats, _ float64) float64 {
				return (st.WaitSum + st.AbandonWaitSum) / float64(st.Served+st.Abandoned)
			}), q.Wq(), 0.05, 0.005/mu)
			agree(t, "mean wait, served", r.KPI("queue.wait.mean").Values, q.WaitServed(), 0.05, 0.005/mu)
			agree(t, "service level (answered within t / offered)", r.KPI("queue.service_level").Values,
				q.ServiceLevel(p.t), 0.02, 0.005)
			agree(t, "mean queue length", r.KPI("queue.queue.mean").Values, q.Lq(), 0.05, 0.01)
		})
	}
}

// TestPollaczekKhinchine checks the M/G/1 mean wait for every service-time
// distribution the model offers; M/D/1 is the deterministic case.
func TestPollaczekKhinchine(t *testing.T) {
	if testing.Short() {
		t.Skip("long statistical test")
	}
	const lam = 0.8
	for i, d := range []Dist{
		Deterministic{V: 1},
		Exponential{M: 1},
		LogNormal{M: 1, SD: 2},
		Gamma{M: 1, SD: 0.5},
		Erlang{K: 3, M: 1},
		Triangular{Min: 0.2, Mode: 0.8, Max: 2},
		Uniform{Min: 0.5, Max: 1.5},
		Empirical{Values: []float64{0.25, 0.5, 1, 2.25}},
	} {
		t.Run(d.String(), func(t *testing.T) {
			// By default the constant (M/D/1) and two low-variance
			// distributions, the quickest to estimate; every
			// distribution with -tags long.
			switch d.(type) {
			case Deterministic, Gamma, Uniform:
			default:
				skipLong(t)
			}
			mean, scv := d.Mean(), d.Var()/(d.Mean()*d.Mean())
			want := erlang.PKWait(lam, mean, scv)
			if _, ok := d.(Deterministic); ok {
				if md1 := erlang.MD1Wait(lam, mean); math.Abs(md1-want) > 1e-12 {
					t.Fatalf("M/D/1 %g and P-K with scv 0 %g disagree", md1, want)
				}
			}
			rho := lam * mean
			days, warm := daysFor(theoryReps*2e3*(1+scv)/((1-rho)*(1-rho)), lam)
			m := mmc(lam, 1, 1, days, warm)
			m.Stages[0].Service = d
			r := runTheory(t, m, uint64(300+i))
			agree(t, "mean wait", r.KPI("queue.wait.mean").Values, want, 0.05, 0.005)
			agree(t, "utilisation", r.KPI("queue.utilisation").Values, rho, 0.01, 0)
		})
	}
}

// TestTandem checks a booking → service → follow-up (40%) network of
// M/M/c stations against the sum of the stations' sojourn times (Jackson).
func TestTandem(t *testing.T) {
	if testing.Short() {
		t.Skip("long statistical test")
	}
	const lam = 9.0
	m := threeStage(0)
	m.Days, m.Warmup = daysFor(theoryReps*2e5, lam)
	stations := []erlang.Station{{Mu: 1, C: 10, Visits: 1}, {Mu: 0.5, C: 20, Visits: 1}, {Mu: 0.5, C: 9, Visits: 0.4}}
	m.Stages[0].Patience = nil // Jackson networks have no abandonment
	want, _ := erlang.Tandem(lam, stations)
	r := runTheory(t, m, 400)
	agree(t, "mean time in the process", r.KPI("journey.time.mean").Values, want, 0.02, 0.01)
	for si, st := range stations {
		q := erlang.MMC{Lambda: lam * st.Visits, Mu: st.Mu, C: st.C}
		name := m.Stages[si].Name
		agree(t, name+" mean wait", r.KPI(name+".wait.mean").Values, q.Wq(), 0.05, 0.01)
	}
}
