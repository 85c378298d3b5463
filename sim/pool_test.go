package sim

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/svcsim/svcsim/erlang"
)

// poolRef is one case of testdata/pools.json (see testdata/README.md).
type poolRef struct {
	Lambda       []float64 `json:"lambda"`
	Mu           float64   `json:"mu"`
	C            int       `json:"c"`
	PWait        float64   `json:"p_wait"`
	FCFSWait     float64   `json:"fcfs_wait"`
	PriorityWait []float64 `json:"priority_wait"`
}

func poolRefs(t *testing.T) []poolRef {
	t.Helper()
	b, err := os.ReadFile("testdata/pools.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct{ Cases []poolRef }
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	// Package erlang must agree with the recorded values: the file is the
	// source, erlang the implementation under test elsewhere.
	for _, c := range f.Cases {
		tot := c.Lambda[0] + c.Lambda[1]
		if w := (erlang.MMC{Lambda: tot, Mu: c.Mu, C: c.C}).Wq(); math.Abs(w-c.FCFSWait) > 1e-12*c.FCFSWait {
			t.Fatalf("erlang.MMC Wq %.15g; pools.json %.15g", w, c.FCFSWait)
		}
		q := erlang.PriorityMMC{Lambda: c.Lambda, Mu: c.Mu, C: c.C}
		for k, want := range c.PriorityWait {
			if w := q.Wq(k); math.Abs(w-want) > 1e-12*want {
				t.Fatalf("erlang.PriorityMMC Wq(%d) %.15g; pools.json %.15g", k, w, want)
			}
		}
	}
	return f.Cases
}

// pooledModel has two channels at rates lam[0] and lam[1], each visiting
// its own stage ("a", "b") with exponential service at rate mu, and no
// staff of their own: one pool of c serves both under rule.
func pooledModel(lam []float64, mu float64, c int, rule PoolRule, days int, warmup float64) *Model {
	stage := func(name string) Stage {
		return Stage{Name: name, Service: Exponential{M: 1 / mu}, Target: 1}
	}
	return &Model{
		Name:     "pooled",
		Days:     days,
		Warmup:   warmup,
		Interval: 60,
		Open:     allWeek(),
		Channels: []Channel{
			{Name: "ca", Rates: allDay(lam[0]), Route: []Step{{Stage: 0, Prob: 1}}},
			{Name: "cb", Rates: allDay(lam[1]), Route: []Step{{Stage: 1, Prob: 1}}},
		},
		Stages: []Stage{stage("a"), stage("b")},
		Pools: []Pool{{Name: "desk", Staff: allDay(float64(c)), Rule: rule,
			Serves: []PoolStage{{Stage: 0, Speed: 1}, {Stage: 1, Speed: 1}}}},
	}
}

// TestPoolTheory checks a pool of c serving two stages with the same
// exponential service rate: longest waiting first is one first come,
// first served M/M/c queue of the pooled arrivals (Erlang C), so each
// stage's mean wait is its Wq; a fixed priority order is a non-preemptive
// two-class priority M/M/c queue (Cobham's formula per class). Both
// satisfy Little's law per stage (L = lambda W on the simulated queue)
// and the pool's utilisation is the offered load over c. Under either rule
// the rate-weighted wait over the stages is the M/M/c wait (conservation).
func TestPoolTheory(t *testing.T) {
	if testing.Short() {
		t.Skip("long statistical test")
	}
	refs := poolRefs(t)
	for i, ref := range refs {
		for _, rule := range []PoolRule{PoolLongestWaiting, PoolPriority} {
			t.Run(fmt.Sprintf("%v/lambda=%v/c=%d", rule, ref.Lambda, ref.C), func(t *testing.T) {
				if i > 0 {
					skipLong(t)
				}
				tot := ref.Lambda[0] + ref.Lambda[1]
				rho := tot / (float64(ref.C) * ref.Mu)
				// As TestErlangC: the wait's variance grows like
				// 1/(1-rho)^2; the last class under priority sees the
				// heaviest traffic.
				days, warm := daysFor(theoryReps*2e3/((1-rho)*(1-rho)), tot)
				m := pooledModel(ref.Lambda, ref.Mu, ref.C, rule, days, warm)
				r := runTheory(t, m, uint64(1600+10*i+int(rule)))
				for si, name := range []string{"a", "b"} {
					want := ref.FCFSWait
					if rule == PoolPriority {
						want = ref.PriorityWait[si]
					}
					agree(t, name+" mean wait", r.KPI(name+".wait.mean").Values, want, 0.05, 0.005/ref.Mu)
					agree(t, name+" Little's law L - lambda W", perRep(r, si, func(st *StageStats, meas float64) float64 {
						return st.QueueArea/meas - float64(st.Arrived)/meas*st.WaitSum/float64(st.Served)
					}), 0, 0, 0.01*math.Max(ref.FCFSWait*tot, 0.1))
				}
				agree(t, "pool utilisation", r.KPI("desk.utilisation").Values, rho, 0.01, 0)
				// Conservation: with equal service rates the rate-weighted
				// mean wait does not depend on the (non-preemptive)
				// order of service (Kleinrock).
				w := make([]float64, len(r.Reps))
				for i := range r.Reps {
					a, b := &r.Reps[i].Stages[0], &r.Reps[i].Stages[1]
					w[i] = (a.WaitSum + b.WaitSum) / float64(a.Served+b.Served)
				}
				agree(t, "mean wait over both stages", w, ref.FCFSWait, 0.05, 0.005/ref.Mu)
			})
		}
	}
}

// workdayPools is a working day with a pool beside own staff: booking has
// one of its own and draws on a cross-trained pool of two, which also
// serves follow-up (with a reserve of one for booking, a slower speed and
// a fix rate below one) and a back office open before the business; the
// pool keeps to its shifts, stays on at closing to empty booking's queue,
// and costs money.
func workdayPools(days int) *Model {
	var open [7]Window
	weekdays := func(segs ...Segment) [7][]Segment {
		var w [7][]Segment
		for d := time.Monday; d <= time.Friday; d++ {
			w[d] = segs
		}
		return w
	}
	for d := time.Monday; d <= time.Friday; d++ {
		open[d] = Window{From: 8 * 60, To: 17 * 60}
	}
	return &Model{
		Name:     "workday-pools",
		Days:     days,
		Interval: 30,
		Open:     open,
		StartDay: time.Monday,
		Channels: []Channel{
			{Name: "phone", Rates: weekdays(Segment{From: 8 * 60, To: 17 * 60, Value: 0.9}),
				Route: []Step{{Stage: 0, Prob: 1}, {Stage: 1, Prob: 0.5}}},
		},
		Stages: []Stage{
			{Name: "booking", Service: Exponential{M: 2}, Target: 1, Patience: Exponential{M: 5},
				Retry:  Retry{Prob: 0.3, Delay: Exponential{M: 20}},
				Groups: []Group{{Name: "staff", Speed: 1, Cost: 20, Staff: weekdays(Segment{From: 8 * 60, To: 17 * 60, Value: 1})}}},
			{Name: "followup", Service: Exponential{M: 3}, Target: 60, Delay: Exponential{M: 30}, AtClose: CarryOver,
				Rework: Rework{To: 1}},
		},
		Pools: []Pool{{Name: "desk", Cost: 25, OvertimeCost: 40, Rule: PoolPriority,
			Staff:  weekdays(Segment{From: 7 * 60, To: 12 * 60, Value: 2}, Segment{From: 12 * 60, To: 16*60 + 45, Value: 1}),
			Serves: []PoolStage{{Stage: 0, Speed: 1, Reserve: 1}, {Stage: 1, Speed: 0.8, FixRate: 0.9}}}},
	}
}

// TestPoolAccounts runs a working day with pools under both rules and
// checks every replication's accounts, stage and pool (CheckAccounts and
// the stages' conservation), and that the pool's cost, overtime and
// time-of-day rows are there.
func TestPoolAccounts(t *testing.T) {
	for _, rule := range []PoolRule{PoolPriority, PoolLongestWaiting} {
		t.Run(rule.String(), func(t *testing.T) {
			m := workdayPools(14)
			m.Pools[0].Rule = rule
			r, err := Run(context.Background(), m, Options{Replications: 4, Seed: 3, Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			for i := range r.Reps {
				rep := &r.Reps[i]
				checkConservation(t, m, rep)
				if err := rep.CheckShape(m); err != nil {
					t.Error(err)
				}
				if err := rep.CheckAccounts(m); err != nil {
					t.Error(err)
				}
				ps := &rep.Pools[0]
				if ps.Stages[0].Completed == 0 || ps.Stages[1].Completed == 0 || ps.Stages[1].Reworks == 0 {
					t.Errorf("rep %d: pool completed %d booking, %d follow-up (%d reworks); want some of each", i,
						ps.Stages[0].Completed, ps.Stages[1].Completed, ps.Stages[1].Reworks)
				}
			}
			for _, name := range []string{"desk.utilisation", "desk.time.booking", "desk.time.followup", "desk.free_hours",
				"desk.overtime", "desk.completed", "desk.cost", "cost.per_day", "cost.per_week"} {
				if k := r.KPI(name); k == nil || !(k.Mean >= 0) {
					t.Errorf("KPI %s missing or undefined: %+v", name, k)
				}
			}
			// Cost: the stages' and the pool's add up to the total.
			total := r.KPI("booking.cost").Mean + r.KPI("followup.cost").Mean + r.KPI("desk.cost").Mean
			if got := r.KPI("cost.per_day").Mean; math.Abs(got-total) > 1e-9*total {
				t.Errorf("cost.per_day %g != stages + pool %g", got, total)
			}
			// The pool's schedule costs 2×5 h + 4.75 h at 25 a day at
			// least; overtime only adds.
			if got := r.KPI("desk.cost").Mean; got < 14.75*25-1e-9 {
				t.Errorf("desk.cost %g below the schedule's %g", got, 14.75*25)
			}
			if len(r.PoolIntervals) == 0 || r.PoolIntervals[0].Pool != "desk" {
				t.Errorf("no pool time-of-day rows: %+v", r.PoolIntervals)
			}
		})
	}
}

// TestPoolReserve checks the reserve: with a pool of two keeping one free
// for booking, follow-up is served by at most one member at a time.
func TestPoolReserve(t *testing.T) {
	m := workdayPools(5)
	m.Stages[0].Groups = nil // booking relies on the pool alone
	e := newEngine(m, 1, 0)
	most := 0
	e.onEvent = func(float64) {
		n := 0
		for i := range e.cust {
			c := &e.cust[i]
			if c.where == inService && c.stage == 1 && c.group < 0 {
				n++
			}
		}
		most = max(most, n)
	}
	if err := e.run(); err != nil {
		t.Fatal(err)
	}
	if most != 1 {
		t.Errorf("at most %d follow-up customers in service at once; want 1 (reserve of one for booking in a pool of two)", most)
	}
	if err := e.rep.CheckAccounts(m); err != nil {
		t.Error(err)
	}
}

// TestPoolValidate checks the engine's guards on pools.
func TestPoolValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(m *Model)
	}{
		{"unknown stage", func(m *Model) { m.Pools[0].Serves[0].Stage = 5 }},
		{"stage twice", func(m *Model) { m.Pools[0].Serves[1].Stage = 0 }},
		{"zero speed", func(m *Model) { m.Pools[0].Serves[0].Speed = 0 }},
		{"reserve as large as the pool", func(m *Model) { m.Pools[0].Serves[0].Reserve = 2 }},
		{"negative reserve", func(m *Model) { m.Pools[0].Serves[0].Reserve = -1 }},
		{"name of a stage", func(m *Model) { m.Pools[0].Name = "a" }},
		{"no stages", func(m *Model) { m.Pools[0].Serves = nil }},
		{"too many staff", func(m *Model) { m.Pools[0].Staff = allDay(MaxPoolStaff + 1) }},
		{"fractional staff", func(m *Model) { m.Pools[0].Staff = allDay(1.5) }},
		{"unknown rule", func(m *Model) { m.Pools[0].Rule = 7 }},
		{"stage without staff or pool", func(m *Model) { m.Pools[0].Serves = m.Pools[0].Serves[:1] }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := pooledModel([]float64{0.5, 0.5}, 1, 2, PoolPriority, 1, 0)
			tc.edit(m)
			if err := m.Validate(); err == nil {
				t.Errorf("Validate accepted it")
			} else {
				t.Log(err)
			}
		})
	}
	if err := pooledModel([]float64{0.5, 0.5}, 1, 2, PoolPriority, 1, 0).Validate(); err != nil {
		t.Errorf("valid model: %v", err)
	}
}

// FuzzEnginePools runs random valid models with pools added (serving
// random stages, some of which lose their own staff, under either rule,
// with speeds, fix rates and reserves) and checks the stages' and pools'
// accounts, determinism and that no run panics.
func FuzzEnginePools(f *testing.F) {
	for s := range uint64(8) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, seed uint64) {
		r := rand.New(rand.NewPCG(seed, 16))
		m := randomModel(r)
		for pi := range 1 + r.IntN(2) {
			p := Pool{Name: fmt.Sprintf("pool%d", pi), Rule: PoolRule(r.IntN(2)), Cost: float64(r.IntN(30))}
			for d := range p.Staff {
				p.Staff[d] = []Segment{{From: 0, To: float64(60 * (6 + r.IntN(18))), Value: float64(1 + r.IntN(4))}}
			}
			most := p.MaxStaff()
			for si := range m.Stages {
				if m.Stages[si].Book != nil || r.IntN(3) == 0 {
					continue
				}
				ps := PoolStage{Stage: si, Speed: 0.5 + r.Float64()}
				if r.IntN(3) == 0 {
					ps.FixRate = 0.5 + r.Float64()*0.5
				}
				if r.IntN(3) == 0 && most > 1 {
					ps.Reserve = r.IntN(most)
				}
				if r.IntN(3) == 0 {
					m.Stages[si].Groups = nil // the pools alone
					m.Stages[si].Assign = AssignFastest
				}
				p.Serves = append(p.Serves, ps)
			}
			if len(p.Serves) > 0 {
				m.Pools = append(m.Pools, p)
			}
		}
		if err := m.Validate(); err != nil {
			t.Skipf("random model invalid: %v", err) // a stage left with neither staff nor pool
		}
		a, err := Replicate(context.Background(), m, seed, 0)
		if err != nil {
			t.Fatal(err)
		}
		checkConservation(t, m, &a)
		if err := a.CheckAccounts(m); err != nil {
			t.Fatal(err)
		}
		b, err := Replicate(context.Background(), m, seed, 0)
		if err != nil {
			t.Fatal(err)
		}
		ja, _ := json.Marshal(summarise(m, []Replication{a}, seed, 0.95))
		jb, _ := json.Marshal(summarise(m, []Replication{b}, seed, 0.95))
		if string(ja) != string(jb) {
			t.Fatal("same model and seed gave different results")
		}
	})
}

// TestPoolPriorityAcrossTheRoute: a member who finishes a customer at the
// first stage takes the next customer waiting there, not the same
// customer arriving at the second stage. Five customers arrive at once
// at A; one member serves A before B: all of A's, then all of B's.
func TestPoolPriorityAcrossTheRoute(t *testing.T) {
	stage := func(name string) Stage { return Stage{Name: name, Service: Deterministic{V: 1}, Target: 1} }
	m := &Model{
		Name: "route", Days: 1, Interval: 60, Open: allWeek(),
		Channels: []Channel{{Name: "in", Route: []Step{{Stage: 0, Prob: 1}, {Stage: 1, Prob: 1}}}},
		Stages:   []Stage{stage("A"), stage("B")},
		Pools: []Pool{{Name: "desk", Staff: allDay(1), Rule: PoolPriority,
			Serves: []PoolStage{{Stage: 0, Speed: 1}, {Stage: 1, Speed: 1}}}},
	}
	for range 5 {
		m.Trace = append(m.Trace, Arrival{T: 60, Channel: 0, Class: -1})
	}
	for _, rule := range []PoolRule{PoolPriority, PoolLongestWaiting} {
		m.Pools[0].Rule = rule
		e := newEngine(m, 1, 0)
		bad := 0
		e.onEvent = func(float64) {
			for i := range e.cust {
				if c := &e.cust[i]; c.where == inService && c.stage == 1 && e.stages[0].nq > 0 {
					bad++
				}
			}
		}
		if err := e.run(); err != nil {
			t.Fatal(err)
		}
		if bad > 0 {
			t.Errorf("%v: %d events saw a customer served at B while A had customers waiting", rule, bad)
		}
		if got := e.rep.Stages[1].WaitSum; got != 5*4 {
			t.Errorf("%v: B's customers waited %g min in all; want 20 (each waits for the rest of A's, then B's before it)", rule, got)
		}
	}
}

// TestPoolWarnings: a pool whose stages' customers never abandon warns
// when their work meets its capacity, and not below it.
func TestPoolWarnings(t *testing.T) {
	for _, tc := range []struct {
		lam  float64
		want bool
	}{{0.8, false}, {1.1, true}} {
		m := pooledModel([]float64{tc.lam, tc.lam}, 1, 2, PoolPriority, 7, 0)
		w := LoadWarnings(m)
		got := len(w) == 1 && strings.Contains(w[0], `pool "desk": the work its stages leave to it`) && strings.Contains(w[0], "customers at a, b never abandon")
		if got != tc.want || !tc.want && len(w) > 0 {
			t.Errorf("lambda %g a stage, 2 staff: warnings %q; want a warning: %v", tc.lam, w, tc.want)
		}
	}
}

// TestReserveWarning checks the warning for reserves that leave part of a
// pool idle: with 3 staff, reserves of 2 and 1 split the pool, 2 and 2
// leave one person who can never work.
func TestReserveWarning(t *testing.T) {
	tests := []struct {
		name     string
		reserves []int
		want     string
	}{
		{"none", []int{0, 0}, ""},
		{"a split", []int{2, 1}, ""},
		{"one idle", []int{2, 2}, `pool "desk": its reserves add up to 4, more than its 3 staff, so at most 2 of them can ever be busy at once`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Pool{Name: "desk", Staff: allDay(3)}
			for i, r := range tt.reserves {
				p.Serves = append(p.Serves, PoolStage{Stage: i, Speed: 1, Reserve: r})
			}
			got := reserveWarning(&p)
			if tt.want == "" && got != "" || !strings.HasPrefix(got, tt.want) {
				t.Errorf("reserveWarning = %q; want %q", got, tt.want)
			}
		})
	}
}
