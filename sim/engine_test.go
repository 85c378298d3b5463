package sim

import (
	"context"
	"encoding/json"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestEventsPopByTimeThenSchedulingOrder(t *testing.T) {
	var h eventList
	r := rand.New(rand.NewPCG(1, 2))
	type key struct {
		t   float64
		seq uint64
	}
	var want []key
	for i := range 5000 {
		// Few distinct times, so ties are common.
		tm := float64(r.IntN(50))
		// Both heaps: arrivals and the rest.
		h.push(tm, []eventKind{evArrival, evDeparture, evAbandon, evStaff}[r.IntN(4)], int32(i), 0)
		want = append(want, key{tm, uint64(i)})
	}
	slices.SortStableFunc(want, func(a, b key) int {
		switch {
		case a.t < b.t:
			return -1
		case a.t > b.t:
			return 1
		}
		return 0
	})
	for i, w := range want {
		ev := h.pop()
		if math.IsInf(ev.t, 1) {
			t.Fatalf("pop %d: empty", i)
		}
		if ev.t != w.t || ev.seq() != w.seq {
			t.Fatalf("pop %d: got (t %g, seq %d), want (t %g, seq %d)", i, ev.t, ev.seq(), w.t, w.seq)
		}
	}
	if ev := h.pop(); !math.IsInf(ev.t, 1) {
		t.Fatal("events left after the last")
	}
}

// checkConservation fails t unless every customer in rep is accounted for
// exactly once at every stage and over the journey, and the per-interval
// statistics add up to the stage totals.
func checkConservation(t *testing.T, m *Model, rep *Replication) {
	t.Helper()
	// The checks below loop over the stages: none would pass vacuously.
	if len(rep.Stages) != len(m.Stages) {
		t.Fatalf("rep %d has %d stages' statistics; the model has %d stages", rep.Index, len(rep.Stages), len(m.Stages))
	}
	for si, st := range rep.Stages {
		name := m.Stages[si].Name
		if got := st.Balked + st.Abandoned + st.SentAway + st.Served + st.InQueueEnd; got != st.Arrived {
			t.Errorf("rep %d stage %s: arrived %d != balked %d + abandoned %d + sent away %d + served %d + queued at end %d",
				rep.Index, name, st.Arrived, st.Balked, st.Abandoned, st.SentAway, st.Served, st.InQueueEnd)
		}
		if st.Served != st.Completed+st.InServiceEnd {
			t.Errorf("rep %d stage %s: served %d != completed %d + in service at end %d",
				rep.Index, name, st.Served, st.Completed, st.InServiceEnd)
		}
		var arr, served, within, ab, left int64
		var dur, qa, ba, pa float64
		for _, iv := range st.Intervals {
			arr += iv.Arrived
			served += iv.Served
			within += iv.WithinTarget
			ab += iv.Abandoned
			left += iv.Left
			dur += iv.Duration
			qa += iv.QueueArea
			ba += iv.BusyArea
			pa += iv.PresentArea
		}
		if left != st.Balked+st.SentAway {
			t.Errorf("rep %d stage %s: intervals count %d balked or sent away, totals %d", rep.Index, name, left, st.Balked+st.SentAway)
		}
		if arr != st.Arrived || served != st.Served || within != st.WithinTarget || ab != st.Abandoned {
			t.Errorf("rep %d stage %s: interval counts (arrived %d served %d within %d abandoned %d) differ from totals (%d %d %d %d)",
				rep.Index, name, arr, served, within, ab, st.Arrived, st.Served, st.WithinTarget, st.Abandoned)
		}
		if !near(dur, rep.Measured, 1e-9) || !near(qa, st.QueueArea, 1e-9) || !near(ba, st.BusyArea, 1e-9) || !near(pa, st.PresentArea, 1e-9) {
			t.Errorf("rep %d stage %s: interval integrals (duration %g queue %g busy %g present %g) differ from totals (%g %g %g %g)",
				rep.Index, name, dur, qa, ba, pa, rep.Measured, st.QueueArea, st.BusyArea, st.PresentArea)
		}
		if st.BusyArea > st.PresentArea*(1+1e-12)+1e-9 {
			t.Errorf("rep %d stage %s: busy %g staff-min exceeds present %g", rep.Index, name, st.BusyArea, st.PresentArea)
		}
		if st.WithinTarget > st.Served {
			t.Errorf("rep %d stage %s: %d within target of %d served", rep.Index, name, st.WithinTarget, st.Served)
		}
	}
	checkWaitBreakdowns(t, m, rep)
	if err := rep.checkPoolAccounts(m); err != nil {
		t.Error(err)
	}
	j := rep.Journey
	if j.Started != j.Completed+j.Lost+j.NoShows+j.InSystemEnd {
		t.Errorf("rep %d journey: started %d != completed %d + lost %d + no-shows %d + in system at end %d",
			rep.Index, j.Started, j.Completed, j.Lost, j.NoShows, j.InSystemEnd)
	}
}

func near(a, b, rel float64) bool {
	return math.Abs(a-b) <= rel*math.Max(math.Abs(a), math.Abs(b))+1e-9
}

// dayModel is a working day with every feature of the engine: two
// channels, two classes, booking with patience, balking and callbacks,
// service with two staff groups, rework and send-away at closing, and
// delayed follow-up carried over to the next day.
func dayModel(days int) *Model {
	var open [7]Window
	for d := time.Monday; d <= time.Friday; d++ {
		open[d] = Window{From: 8 * 60, To: 18 * 60}
	}
	weekdays := func(segs ...Segment) [7][]Segment {
		var w [7][]Segment
		for d := time.Monday; d <= time.Friday; d++ {
			w[d] = segs
		}
		return w
	}
	return &Model{
		Name:     "day",
		Days:     days,
		StartDay: time.Monday,
		Interval: 30,
		Open:     open,
		Classes:  []Class{{Name: "regular", Share: 0.9}, {Name: "priority", Share: 0.1, Priority: 1}},
		Channels: []Channel{
			{Name: "phone", Rates: weekdays(Segment{480, 720, 1.0}, Segment{720, 1080, 0.6}),
				Route: []Step{{Stage: 0, Prob: 1}, {Stage: 1, Prob: 1}, {Stage: 2, Prob: 0.4}}},
			{Name: "walk-in", Rates: weekdays(Segment{480, 1080, 0.2}),
				Route: []Step{{Stage: 1, Prob: 1}, {Stage: 2, Prob: 0.4}}},
		},
		Stages: []Stage{
			{
				Name: "booking", Service: LogNormal{M: 3, SD: 2}, Target: 2,
				Patience: Exponential{M: 3}, BalkAt: 12,
				Retry:   Retry{Prob: 0.5, Delay: Uniform{Min: 10, Max: 30}},
				AtClose: SendAway,
				Groups:  []Group{{Name: "agents", Speed: 1, Staff: weekdays(Segment{480, 720, 4}, Segment{720, 1080, 3})}},
			},
			{
				Name: "service", Service: Gamma{M: 12, SD: 6}, Target: 15,
				ServiceByClass: []Dist{nil, Triangular{Min: 10, Mode: 15, Max: 30}},
				Rework:         Rework{Prob: 0.05, To: 1},
				AtClose:        Serve,
				Groups: []Group{
					{Name: "senior", Speed: 1.25, Staff: weekdays(Segment{480, 1080, 10})},
					{Name: "junior", Speed: 0.8, Staff: weekdays(Segment{480, 1020, 6})},
				},
			},
			{
				Name: "follow-up", Service: Erlang{K: 3, M: 4}, Target: 2 * MinutesPerDay,
				Delay: Deterministic{V: MinutesPerDay}, AtClose: CarryOver,
				Groups: []Group{{Name: "staff", Speed: 1, Staff: weekdays(Segment{540, 1020, 3})}},
			},
		},
	}
}

func TestConservationAndLittleOnAWorkingWeek(t *testing.T) {
	m := dayModel(7)
	r, err := Run(context.Background(), m, Options{Replications: 4, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	for i := range r.Reps {
		rep := &r.Reps[i]
		checkConservation(t, m, rep)
		// Booking and service start each day empty and end it empty
		// (send-away and serve-at-close), so the area under the queue
		// length equals the sum of the waits exactly: Little's law on the
		// sample path.
		for si := range 2 {
			st := rep.Stages[si]
			waits := st.WaitSum + st.AbandonWaitSum + st.SentAwayWait
			if !near(st.QueueArea, waits, 1e-9) {
				t.Errorf("rep %d %s: queue area %g customer-min, sum of waits %g", i, m.Stages[si].Name, st.QueueArea, waits)
			}
			if st.InQueueEnd != 0 {
				t.Errorf("rep %d %s: %d still queued after closing", i, m.Stages[si].Name, st.InQueueEnd)
			}
		}
		if rep.Stages[0].Abandoned == 0 || rep.Stages[0].Retries == 0 || rep.Stages[1].Reworks == 0 || rep.Stages[2].Completed == 0 {
			t.Errorf("rep %d: the model does not exercise abandonment, retries, rework and follow-up: %+v", i, rep.Stages)
		}
	}
	if ot := r.KPI("service.overtime"); !(ot.Mean > 0) {
		t.Errorf("service overtime = %v, want > 0 (the queue at 18:00 is served)", ot.Estimate)
	}
	// Weekends are closed: nobody arrives on days 5 and 6.
	if v := r.KPI("journey.customers").Mean; !(v > 0) {
		t.Errorf("journey.customers = %g", v)
	}
}

// TestDeterministicWhateverTheWorkers: same seed, same bytes, for any
// number of worker goroutines.
func TestDeterministicWhateverTheWorkers(t *testing.T) {
	m := dayModel(3)
	var first []byte
	for _, w := range []int{1, 2, 5} {
		r, err := Run(context.Background(), m, Options{Replications: 6, Seed: 42, Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = b
		} else if string(b) != string(first) {
			t.Fatalf("results with %d workers differ from 1 worker", w)
		}
	}
	// A failed run would marshal as null and differ too: check the error.
	r, err := Run(context.Background(), m, Options{Replications: 6, Seed: 43})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) == string(first) {
		t.Fatal("a different seed gave identical results")
	}
}

// TestCommonRandomNumbers: two models that differ only in staffing see the
// same customers: the same arrivals, classes and booking patience draws.
func TestCommonRandomNumbers(t *testing.T) {
	a := dayModel(2)
	b := dayModel(2)
	b.Stages[1].Groups[1].Staff = a.Stages[1].Groups[0].Staff // more juniors all day
	ra, err := Run(context.Background(), a, Options{Replications: 3, Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	rb, err := Run(context.Background(), b, Options{Replications: 3, Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	for i := range ra.Reps {
		ja, jb := ra.Reps[i].Journey, rb.Reps[i].Journey
		if ja.Started != jb.Started {
			t.Errorf("rep %d: %d customers with one staffing, %d with the other", i, ja.Started, jb.Started)
		}
		// Booking is staffed identically and upstream of the change.
		if sa, sb := ra.Reps[i].Stages[0], rb.Reps[i].Stages[0]; sa.WaitSum != sb.WaitSum || sa.Abandoned != sb.Abandoned {
			t.Errorf("rep %d: booking differs although only service staffing changed", i)
		}
		if ra.Reps[i].Stages[1].WaitSum == rb.Reps[i].Stages[1].WaitSum {
			t.Errorf("rep %d: service waits identical although service staffing changed", i)
		}
	}
}

func TestCancelledContextStopsTheRun(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, mmc(9, 1, 10, 50, 0), Options{Replications: 4}); err != context.Canceled {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestSummaryCountsUndefinedValues(t *testing.T) {
	// Nobody arrives: waits are undefined, counts are zero.
	m := mmc(0, 1, 1, 1, 0)
	r, err := Run(context.Background(), m, Options{Replications: 3})
	if err != nil {
		t.Fatal(err)
	}
	if k := r.KPI("queue.wait.mean"); k.N != 0 || !math.IsNaN(k.Mean) {
		t.Errorf("wait with no customers = %+v, want undefined", k.Estimate)
	}
	if k := r.KPI("queue.arrivals"); k.Mean != 0 || k.N != 3 {
		t.Errorf("arrivals = %+v, want 0 from 3 replications", k.Estimate)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"mean":null`) {
		t.Errorf("undefined mean not written as null: %s", b[:200])
	}
	var back Results
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !math.IsNaN(back.KPI("queue.wait.mean").Mean) {
		t.Error("null did not read back as NaN")
	}
}

func TestStaffDropNeverInterruptsService(t *testing.T) {
	// One server on 0:00-1:00 only; a single 10-hour service starting at
	// once finishes at 10:00 and the run records 9 hours of overtime.
	m := mmc(0, 1, 1, 1, 0)
	m.Channels[0].Rates = allDay(0)
	for d := range m.Channels[0].Rates {
		m.Channels[0].Rates[d] = []Segment{{From: 0, To: 0.001, Value: 1e6}} // ~1000 arrivals in the first 0.06 s
	}
	m.Stages[0].Service = Deterministic{V: 600}
	m.Stages[0].Groups[0].Staff = allDay(0)
	for d := range m.Stages[0].Groups[0].Staff {
		m.Stages[0].Groups[0].Staff[d] = []Segment{{From: 0, To: 60, Value: 1}}
	}
	rep, err := Replicate(context.Background(), m, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	st := rep.Stages[0]
	if st.Completed != 1 {
		t.Fatalf("completed %d, want 1", st.Completed)
	}
	if !near(st.BusyArea, 600, 1e-9) || math.Abs(st.OvertimeArea-540) > 1e-3 {
		t.Errorf("busy %g staff-min (want 600), overtime %g (want 540)", st.BusyArea, st.OvertimeArea)
	}
	checkConservation(t, m, &rep)
}

func TestLoadWarnings(t *testing.T) {
	ok := mmc(9, 1, 10, 1, 0)
	if w := LoadWarnings(ok); len(w) != 0 {
		t.Errorf("M/M/10 at 90%%: unexpected warnings %q", w)
	}
	over := mmc(11, 1, 10, 1, 0)
	w := LoadWarnings(over)
	if len(w) != 1 || !strings.Contains(w[0], `"queue"`) || !strings.Contains(w[0], "without bound") {
		t.Errorf("M/M/10 at 110%%: warnings %q, want one about unbounded growth", w)
	}
	over.Stages[0].Patience = Exponential{M: 2}
	if w := LoadWarnings(over); len(w) != 0 {
		t.Errorf("with abandonment: unexpected warnings %q", w)
	}
	// A lunchtime gap in service staff on Wednesday only.
	m := dayModel(7)
	if w := LoadWarnings(m); len(w) != 0 {
		t.Fatalf("day model: unexpected warnings %q", w)
	}
	m.Stages[1].Groups[0].Staff[time.Wednesday] = []Segment{{480, 720, 10}, {720, 780, 0}, {780, 1080, 10}}
	w = LoadWarnings(m)
	if len(w) != 1 || !strings.Contains(w[0], `"service"`) || !strings.Contains(w[0], "Wed 12:00-13:00") {
		t.Errorf("warnings %q, want one about service on Wed 12:00-13:00", w)
	}
}

// FuzzEngine runs random valid models and checks the accounting
// identities, determinism and that no run panics.
func FuzzEngine(f *testing.F) {
	for s := range uint64(8) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, seed uint64) {
		m := randomModel(rand.New(rand.NewPCG(seed, 99)))
		if err := m.Validate(); err != nil {
			t.Fatalf("random model invalid: %v", err)
		}
		a, err := Replicate(context.Background(), m, seed, 0)
		if err != nil {
			t.Fatal(err)
		}
		checkConservation(t, m, &a)
		b, err := Replicate(context.Background(), m, seed, 0)
		if err != nil {
			t.Fatal(err)
		}
		ja, err := json.Marshal(summarise(m, []Replication{a}, seed, 0.95))
		if err != nil {
			t.Fatal(err)
		}
		jb, err := json.Marshal(summarise(m, []Replication{b}, seed, 0.95))
		if err != nil {
			t.Fatal(err)
		}
		if string(ja) != string(jb) {
			t.Fatal("same model and seed gave different results")
		}
	})
}

// randomDist draws a distribution of the given mean, of any kind.
func randomDist(r *rand.Rand, mean float64) Dist {
	switch r.IntN(8) {
	case 0:
		return LogNormal{M: mean, SD: mean * (0.2 + r.Float64())}
	case 1:
		return Gamma{M: mean, SD: mean * (0.2 + r.Float64())}
	case 2:
		return Erlang{K: 1 + r.IntN(4), M: mean}
	case 3:
		return Triangular{Min: 0, Mode: mean, Max: 2 * mean}
	case 4:
		return Uniform{Min: mean / 2, Max: mean * 1.5}
	case 5:
		return Deterministic{V: mean}
	case 6:
		return Empirical{Values: []float64{mean / 2, mean, mean * 1.5}}
	}
	return Exponential{M: mean}
}

// randomSegments draws a week of step functions up to maxV, whole
// numbers when whole.
func randomSegments(r *rand.Rand, maxV float64, whole bool) [7][]Segment {
	var w [7][]Segment
	for d := range w {
		t := 0.0
		for t < MinutesPerDay && r.IntN(5) > 0 {
			to := min(MinutesPerDay, t+float64(30*(1+r.IntN(16))))
			v := r.Float64() * maxV
			if whole {
				v = math.Round(v)
			}
			w[d] = append(w[d], Segment{From: t, To: to, Value: v})
			t = to
		}
	}
	return w
}

// randomModel draws a small valid model exercising any engine feature.
func randomModel(r *rand.Rand) *Model {
	dist := func(mean float64) Dist { return randomDist(r, mean) }
	segs := func(maxV float64, whole bool) [7][]Segment { return randomSegments(r, maxV, whole) }
	m := &Model{
		Name:     "random",
		Days:     1 + r.IntN(4),
		StartDay: time.Weekday(r.IntN(7)),
		Interval: []float64{15, 30, 60}[r.IntN(3)],
		// The invariants hold on a run that measures no opening hours
		// too; such a run is what AllowIdle allows.
		AllowIdle: true,
	}
	m.Warmup = r.Float64() * 0.5 * float64(m.Days) * MinutesPerDay
	defer func() {
		if r.IntN(4) == 0 { // replay a trace instead of Poisson arrivals
			t := 0.0
			for t < float64(m.Days)*MinutesPerDay && len(m.Trace) < 2000 {
				t += r.ExpFloat64() * 5
				m.Trace = append(m.Trace, Arrival{T: t, Channel: r.IntN(len(m.Channels)), Class: r.IntN(len(m.Classes)+1) - 1})
			}
		}
	}()
	for d := range m.Open {
		if r.IntN(6) > 0 {
			from := float64(r.IntN(12) * 60)
			m.Open[d] = Window{From: from, To: from + float64(60*(1+r.IntN(12)))}
		}
	}
	if r.IntN(2) == 0 {
		m.Classes = []Class{{Name: "a", Share: 0.7}, {Name: "b", Share: 0.3, Priority: r.IntN(3)}}
	}
	nStages := 1 + r.IntN(3)
	for i := range nStages {
		s := Stage{
			Name:    string(rune('A' + i)),
			Service: dist(1 + r.Float64()*10),
			Target:  1 + r.Float64()*10,
			AtClose: ClosePolicy(r.IntN(3)),
		}
		for g := range 1 + r.IntN(2) {
			s.Groups = append(s.Groups, Group{Name: string(rune('a' + g)), Speed: 0.5 + r.Float64(), Staff: segs(5, true)})
			if r.IntN(3) == 0 {
				s.Groups[g].FixRate = 0.5 + r.Float64()*0.5
			}
		}
		s.Assign = AssignRule(r.IntN(3))
		if r.IntN(2) == 0 {
			s.Patience = dist(1 + r.Float64()*5)
		}
		if r.IntN(3) == 0 {
			s.BalkAt = 1 + r.IntN(10)
		}
		if r.IntN(3) == 0 {
			s.Retry = Retry{Prob: r.Float64() * 0.9, Delay: dist(5)}
		}
		s.Rework.To = r.IntN(nStages)
		if r.IntN(3) == 0 {
			s.Rework = Rework{Prob: r.Float64() * 0.5, To: r.IntN(nStages)}
			if r.IntN(2) == 0 {
				s.Rework.Delay = dist(30)
			}
		}
		if r.IntN(3) == 0 {
			s.Delay = dist(60)
		}
		if r.IntN(3) == 0 {
			s.Book = &Book{Slot: []float64{15, 30, 60}[r.IntN(3)], MinLead: float64(r.IntN(3)) * 720, Horizon: 1440 * (1 + r.Float64()*5),
				WalkInShare: r.Float64() * 0.5, Overbook: r.Float64() * 0.2, NoShow: r.Float64() * 0.2, NoShowPerDay: r.Float64() * 0.02,
				Order: BookOrder(r.IntN(3)), LeadTarget: 2880}
			if r.IntN(2) == 0 {
				s.Book.Punctuality = Normal{M: -5, SD: 10}
			}
		}
		m.Stages = append(m.Stages, s)
	}
	for c := range 1 + r.IntN(2) {
		ch := Channel{Name: string(rune('p' + c)), Rates: segs(3, false)}
		for i := range nStages {
			if r.IntN(4) > 0 || len(ch.Route) == 0 && i == nStages-1 {
				ch.Route = append(ch.Route, Step{Stage: i, Prob: []float64{1, 1, 0.5, 0}[r.IntN(4)],
					ByAppointment: m.Stages[i].Book != nil && r.IntN(2) == 0})
			}
		}
		if r.IntN(3) == 0 {
			ch.Preferences = []Preference{{Share: 0.3, From: 720, To: 1080}, {Share: 0.2, Days: 1 << time.Saturday}}
		}
		if r.IntN(3) == 0 {
			ch.Retry = &Retry{Prob: 0.5, Delay: dist(20)}
		}
		m.Channels = append(m.Channels, ch)
	}
	return m
}
