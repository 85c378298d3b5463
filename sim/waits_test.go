package sim

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/svcsim/svcsim/erlang"
)

// checkWaitBreakdowns fails t unless stage's per-channel and per-class
// breakdowns in rep account for every customer once, add up to the stage's
// totals, and show no customers of channels that cannot reach the stage.
func checkWaitBreakdowns(t *testing.T, m *Model, rep *Replication) {
	t.Helper()
	for si := range rep.Stages {
		st := &rep.Stages[si]
		name := m.Stages[si].Name
		for _, b := range []struct {
			kind  string
			n     int
			parts []WaitStats
		}{{"channel", len(m.Channels), st.ByChannel}, {"class", len(m.Classes), st.ByClass}} {
			if b.n < 2 {
				if b.parts != nil {
					t.Errorf("rep %d stage %s: a %s breakdown with %d %ss", rep.Index, name, b.kind, b.n, b.kind)
				}
				continue
			}
			if len(b.parts) != b.n {
				t.Errorf("rep %d stage %s: %d %s entries for %d %ss", rep.Index, name, len(b.parts), b.kind, b.n, b.kind)
				continue
			}
			var sum WaitStats
			for i, ws := range b.parts {
				if got := ws.Served + ws.Abandoned + ws.Balked + ws.SentAway + ws.InQueueEnd; got != ws.Arrived {
					t.Errorf("rep %d stage %s %s %d: arrived %d != served %d + abandoned %d + balked %d + sent away %d + waiting %d",
						rep.Index, name, b.kind, i, ws.Arrived, ws.Served, ws.Abandoned, ws.Balked, ws.SentAway, ws.InQueueEnd)
				}
				sum.Arrived += ws.Arrived
				sum.Served += ws.Served
				sum.Abandoned += ws.Abandoned
				sum.Balked += ws.Balked
				sum.SentAway += ws.SentAway
				sum.InQueueEnd += ws.InQueueEnd
				sum.WithinTarget += ws.WithinTarget
				sum.WaitSum += ws.WaitSum
				sum.LostWaitSum += ws.LostWaitSum
			}
			want := WaitStats{st.Arrived, st.Served, st.Abandoned, st.Balked, st.SentAway, st.InQueueEnd, st.WithinTarget, st.WaitSum,
				st.AbandonWaitSum + st.SentAwayWait}
			if sum.Arrived != want.Arrived || sum.Served != want.Served || sum.Abandoned != want.Abandoned || sum.Balked != want.Balked ||
				sum.SentAway != want.SentAway || sum.InQueueEnd != want.InQueueEnd || sum.WithinTarget != want.WithinTarget ||
				!near(sum.WaitSum, want.WaitSum, 1e-9) || !near(sum.LostWaitSum, want.LostWaitSum, 1e-9) {
				t.Errorf("rep %d stage %s: %s parts add up to %+v, stage totals %+v", rep.Index, name, b.kind, sum, want)
			}
		}
		if st.ByChannel != nil {
			for ci, on := range visitors(m, si) {
				if !on && st.ByChannel[ci].Arrived != 0 {
					t.Errorf("rep %d stage %s: %d arrivals of channel %s, whose route does not reach it",
						rep.Index, name, st.ByChannel[ci].Arrived, m.Channels[ci].Name)
				}
			}
		}
	}
}

// checkOutcomeKPIs fails t unless, in every replication, each stage's
// arrivals per day are the sum of its outcome KPIs per day, served is
// completed plus still in service, and the mean wait of all arrivals is
// the total wait over the customers with an outcome.
func checkOutcomeKPIs(t *testing.T, m *Model, r *Results) {
	t.Helper()
	for si, s := range m.Stages {
		val := func(name string, i int) float64 {
			k := r.KPI(s.Name + "." + name)
			if k == nil {
				return 0 // a part the stage cannot have
			}
			return k.Values[i]
		}
		for i := range r.Reps {
			parts := 0.0
			for _, p := range []string{"served", "abandoned", "balked", "sent_away", "waiting_end"} {
				parts += val("outcome."+p, i)
			}
			if a := val("arrivals", i); !near(parts, a, 1e-12) {
				t.Errorf("rep %d stage %s: outcomes add up to %.15g/day, arrivals %.15g/day", i, s.Name, parts, a)
			}
			if sv, c := val("outcome.served", i), val("throughput", i)+val("outcome.in_service_end", i); !near(sv, c, 1e-12) {
				t.Errorf("rep %d stage %s: served %.15g/day, completed + still in service %.15g/day", i, s.Name, sv, c)
			}
			st := &r.Reps[i].Stages[si]
			if offered := st.Arrived - st.InQueueEnd; offered > 0 {
				want := (st.WaitSum + st.AbandonWaitSum + st.SentAwayWait) / float64(offered)
				if got := val("wait.mean_all", i); !near(got, want, 1e-12) {
					t.Errorf("rep %d stage %s: wait.mean_all %g, by hand %g", i, s.Name, got, want)
				}
			}
		}
	}
	for _, name := range []string{"outcome.abandoned", "outcome.balked", "outcome.sent_away"} {
		for _, s := range m.Stages {
			k := r.KPI(s.Name + "." + name)
			can := map[string]bool{"outcome.abandoned": s.Patience != nil, "outcome.balked": s.BalkAt > 0, "outcome.sent_away": s.AtClose == SendAway}[name]
			if (k != nil) != can {
				t.Errorf("stage %s: %s reported = %v, but the stage can have it = %v", s.Name, name, k != nil, can)
			}
		}
	}
}

// TestOutcomesAddUp: arrivals = served + abandoned + balked + sent away +
// still waiting, exactly, in every replication of models with every way
// of leaving a stage, in the raw counts, the per-channel and per-class
// breakdowns and the KPIs.
func TestOutcomesAddUp(t *testing.T) {
	overloaded := mmc(12, 1, 10, 1, 0) // queue still growing at the end
	overloaded.Classes = []Class{{Name: "a", Share: 0.5}, {Name: "b", Share: 0.5, Priority: 1}}
	balky := dayModel(3)
	balky.Stages[0].BalkAt = 3
	// Appointments (capacity 2 a slot, 09:00-12:00) and walk-ins who give
	// up, open 08:00-18:00 with the queue carried over to the next day.
	clinic := bookModel(6, 5*MinutesPerDay)
	for d := range clinic.Open {
		clinic.Open[d] = Window{From: 480, To: 1080}
	}
	clinic.Channels[0].Rates = allDay(0.02)
	clinic.Channels = append(clinic.Channels, Channel{Name: "walk-in", Rates: allDay(0.01), Route: []Step{{Stage: 0, Prob: 1}}})
	s := &clinic.Stages[0]
	for d := range s.Groups[0].Staff {
		s.Groups[0].Staff[d] = []Segment{{From: 540, To: 720, Value: 3}}
	}
	s.Patience = Exponential{M: 30}
	s.Book.WalkInShare = 0.3
	s.Book.NoShow = 0.1
	s.AtClose = CarryOver
	tests := []struct {
		name string
		m    *Model
		// the parts stage 0 must see in at least one replication, so
		// the identity is tested with them present (a send-away, say,
		// happens in about three replications of four)
		need func(st *StageStats) bool
	}{
		{"working week", dayModel(7), func(st *StageStats) bool { return st.Abandoned > 0 && st.Retries > 0 }},
		{"abandon, balk, retry, send away", balky, func(st *StageStats) bool {
			return st.Abandoned > 0 && st.Balked > 0 && st.SentAway > 0 && st.Retries > 0
		}},
		{"overloaded at the end", overloaded, func(st *StageStats) bool { return st.InQueueEnd > 0 && st.InServiceEnd > 0 }},
		{"appointments and walk-ins, carried over", clinic, func(st *StageStats) bool {
			return st.Abandoned > 0 && st.Book.Started > 0 && st.ByChannel[1].Served > 0
		}},
	}
	for seed := range uint64(6) {
		tests = append(tests, struct {
			name string
			m    *Model
			need func(st *StageStats) bool
		}{fmt.Sprintf("random %d", seed), randomModel(rand.New(rand.NewPCG(seed, 99))), func(*StageStats) bool { return true }})
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Run(context.Background(), tt.m, Options{Replications: 4, Seed: uint64(500 + i)})
			if err != nil {
				t.Fatal(err)
			}
			exercised := false
			for ri := range r.Reps {
				checkConservation(t, tt.m, &r.Reps[ri])
				exercised = exercised || tt.need(&r.Reps[ri].Stages[0])
			}
			if !exercised {
				t.Errorf("no replication exercises what the model is for: %+v", r.Reps[0].Stages[0])
			}
			checkOutcomeKPIs(t, tt.m, r)
		})
	}
}

// TestWaitsOnATrace: one server taking 8 minutes a customer; customers at
// 1, 2 and 10 minutes wait 0, 7 and 7 minutes; every figure is exact.
func TestWaitsOnATrace(t *testing.T) {
	m := mmc(0, 1, 1, 1, 0)
	m.Stages[0].Service = Deterministic{V: 10}
	m.Stages[0].Groups[0].Speed = 1.25
	m.Stages[0].Target = 1
	m.Stages[0].Targets = []float64{0, 7, 6.999}
	for _, at := range []float64{1, 2, 10} {
		m.Trace = append(m.Trace, Arrival{T: at, Channel: 0, Class: -1})
	}
	r, err := Run(context.Background(), m, Options{Replications: 1})
	if err != nil {
		t.Fatal(err)
	}
	// At speed 1.25 a service takes 8 minutes: the customer at 2 starts
	// at 9 (wait 7), the one at 10 at 17 (wait 7).
	for _, c := range []struct {
		name, label string
		want        float64
	}{
		{"queue.wait.mean", "mean wait (served)", 14.0 / 3},
		{"queue.wait.mean_all", "mean wait (all arrivals)", 14.0 / 3},
		{"queue.handle.mean", "mean handling time (completed services)", 8},
		{"queue.service_level", "served within 1m", 1.0 / 3},
		{"queue.service_level(0m)", "served without waiting", 1.0 / 3},
		{"queue.service_level(7m)", "served within 7m", 1}, // a wait of exactly 7 is within 7
		{"queue.service_level(6.999m)", "served within 6.999m", 1.0 / 3},
		{"queue.outcome.served", "arrivals served (started service)", 3},
		{"queue.outcome.waiting_end", "arrivals still waiting at the end", 0},
		{"queue.throughput", "completed service", 3},
	} {
		k := r.KPI(c.name)
		if k == nil {
			t.Errorf("%s missing", c.name)
			continue
		}
		if math.Abs(k.Mean-c.want) > 1e-6 || k.Label != c.label {
			t.Errorf("%s = %g %q; want %g %q", c.name, k.Mean, k.Label, c.want, c.label)
		}
	}
}

// TestWaitAllErlangA checks the mean wait over all arrivals (abandoners
// until they leave) on M/M/c+M against Erlang A's E[W] for all customers
// (erlang.MMCA.Wq), and Little's law Lq = λ·E[W] on the simulated
// outputs. Tolerances are the estimates' 99.9% half-widths (see agree).
func TestWaitAllErlangA(t *testing.T) {
	if testing.Short() {
		t.Skip("long statistical test")
	}
	for i, p := range []struct {
		c          int
		lam, theta float64
		long       bool // run only with -tags long
	}{{10, 9, 0.5, true}, {10, 12, 1, false}, {1, 1.2, 0.2, false}} {
		t.Run(fmt.Sprintf("c=%d/lam=%g/theta=%g", p.c, p.lam, p.theta), func(t *testing.T) {
			if p.long {
				skipLong(t)
			}
			const mu = 1.0
			q := erlang.MMCA{Lambda: p.lam, Mu: mu, C: p.c, Theta: p.theta}
			days, warm := daysFor(theoryReps*3e4, p.lam)
			m := mmc(p.lam, mu, p.c, days, warm)
			m.Stages[0].Patience = Exponential{M: 1 / p.theta}
			r := runTheory(t, m, uint64(600+i))
			checkOutcomeKPIs(t, m, r)
			agree(t, "mean wait, all arrivals", r.KPI("queue.wait.mean_all").Values, q.Wq(), 0.05, 0.005/mu)
			agree(t, "mean wait, served", r.KPI("queue.wait.mean").Values, q.WaitServed(), 0.05, 0.005/mu)
			agree(t, "handling time", r.KPI("queue.handle.mean").Values, 1/mu, 0.01, 0)
			// Little's law holds on the sample path exactly when nobody is
			// queued at the warm-up or at the end: TestLittleSamplePath.
		})
	}
}

// TestZeroTarget: the service level at 0 on M/M/c is the share served
// without waiting, 1 − C(c, a) (Erlang C), within the 99.9% half-width.
func TestZeroTarget(t *testing.T) {
	if testing.Short() {
		t.Skip("long statistical test")
	}
	for i, p := range []mmcPoint{{c: 1, rho: 0.5}, {c: 5, rho: 0.8}} {
		t.Run(fmt.Sprintf("c=%d/rho=%g", p.c, p.rho), func(t *testing.T) {
			lam := p.rho * float64(p.c)
			q := erlang.MMC{Lambda: lam, Mu: 1, C: p.c}
			days, warm := daysFor(theoryReps*2e3/((1-p.rho)*(1-p.rho)), lam)
			m := mmc(lam, 1, p.c, days, warm)
			m.Stages[0].Targets = []float64{0}
			r := runTheory(t, m, uint64(700+i))
			k := r.KPI("queue.service_level(0m)")
			if k == nil || k.Label != "served without waiting" {
				t.Fatalf("service level at 0: %+v", k)
			}
			agree(t, "served without waiting", k.Values, 1-q.PWait(), 0.02, 0.005)
		})
	}
}

// TestIdenticalChannelsAgree: two channels (and two classes) with the same
// rates and service at one M/M/c+M stage see the same waits, within the
// 99.9% half-width of their per-replication difference; and the stage's
// figures are the arrival-weighted mixture of theirs.
func TestIdenticalChannelsAgree(t *testing.T) {
	m := mmc(4.5, 1, 10, 1, 0)
	m.Days, m.Warmup = daysFor(theoryReps*2e4, 9)
	m.Channels = append(m.Channels, m.Channels[0])
	m.Channels[1].Name = "other"
	m.Classes = []Class{{Name: "a", Share: 0.5}, {Name: "b", Share: 0.5}}
	m.Stages[0].Patience = Exponential{M: 2}
	r := runTheory(t, m, 800)
	checkOutcomeKPIs(t, m, r)
	for _, pair := range [][2]string{{"channel.in.", "channel.other."}, {"class.a.", "class.b."}} {
		for _, kpi := range []string{"wait.mean", "wait.mean_all", "service_level", "abandonment"} {
			a, b := r.KPI(pair[0]+"queue."+kpi), r.KPI(pair[1]+"queue."+kpi)
			if a == nil || b == nil {
				t.Fatalf("%squeue.%s or %squeue.%s missing", pair[0], kpi, pair[1], kpi)
			}
			diff := make([]float64, len(a.Values))
			for i := range diff {
				diff[i] = a.Values[i] - b.Values[i]
			}
			all := r.KPI("queue." + kpi).Mean
			agree(t, pair[0]+kpi+" - "+pair[1]+kpi, diff, 0, 0, 0.05*all)
		}
	}
}

func TestWithinLabel(t *testing.T) {
	for _, c := range []struct {
		t    float64
		want string
	}{{0, "served without waiting"}, {1.0 / 3, "served within 20s"}, {5, "served within 5m"}} {
		if got := withinLabel(c.t); got != c.want {
			t.Errorf("withinLabel(%g) = %q; want %q", c.t, got, c.want)
		}
	}
}

// TestTargetsValidate: a 0 threshold is valid (served without waiting);
// negative, NaN and infinite ones are not.
func TestTargetsValidate(t *testing.T) {
	for _, c := range []struct {
		targets []float64
		ok      bool
	}{
		{[]float64{0}, true},
		{[]float64{0, 0.5, 60}, true},
		{[]float64{-1e-9}, false},
		{[]float64{math.NaN()}, false},
		{[]float64{math.Inf(1)}, false},
	} {
		m := mmc(1, 1, 2, 1, 0)
		m.Stages[0].Targets = c.targets
		if err := m.Validate(); (err == nil) != c.ok {
			t.Errorf("targets %v: Validate() = %v; want ok = %v", c.targets, err, c.ok)
		}
	}
}

// TestLittleSamplePath: with no warm-up and the queue empty at the end
// (the business closes and sends its queue away before midnight), the
// queue-length integral equals the sum of every customer's wait — served,
// abandoned or sent away — exactly, up to floating-point rounding, in
// every replication (Little's law on the sample path, Stidham 1974).
func TestLittleSamplePath(t *testing.T) {
	m := mmc(12, 1, 10, 3, 0)
	for d := range m.Open {
		m.Open[d] = Window{From: 8 * 60, To: 20 * 60}
	}
	m.Stages[0].Patience = Exponential{M: 1}
	m.Stages[0].AtClose = SendAway
	r, err := Run(context.Background(), m, Options{Replications: 4, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	for _, rep := range r.Reps {
		st := &rep.Stages[0]
		if st.InQueueEnd != 0 || st.Abandoned == 0 || st.SentAway == 0 {
			t.Fatalf("replication %d: queued at end %d, abandoned %d, sent away %d: the test needs an empty queue at the end and both ways out", rep.Index, st.InQueueEnd, st.Abandoned, st.SentAway)
		}
		waits := st.WaitSum + st.AbandonWaitSum + st.SentAwayWait
		if math.Abs(st.QueueArea-waits) > 1e-9*waits {
			t.Errorf("replication %d: queue-length integral %.12g != sum of waits %.12g", rep.Index, st.QueueArea, waits)
		}
	}
}

// TestTraceAtMinusZero wants a trace whose first arrivals are at -0 (a
// file may hold "-0", which validation passes as >= 0) to run as one at
// +0: -0's bits would order it after every other event (see beforeBit),
// so traceTime makes it +0 before it is scheduled.
func TestTraceAtMinusZero(t *testing.T) {
	if math.Signbit(traceTime(math.Copysign(0, -1))) {
		t.Fatal("traceTime(-0) is -0; want +0")
	}
	run := func(first float64) []byte {
		m := mmc(0, 1, 1, 2, 0)
		for _, at := range []float64{first, first, 0.5, 1} {
			m.Trace = append(m.Trace, Arrival{T: at, Channel: 0, Class: -1})
		}
		r, err := Run(context.Background(), m, Options{Replications: 1})
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	if minus, plus := run(math.Copysign(0, -1)), run(0); !bytes.Equal(minus, plus) {
		t.Errorf("a trace starting at -0 gives other results than one at +0")
	}
}
