package sim

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"reflect"
	"testing"
)

// withSatisfaction adds the default satisfaction model to dayModel's
// booking → service → follow-up process.
func withSatisfaction(m *Model) *Model {
	s := DefaultSatisfaction()
	s.Waits = []WaitTouchpoint{
		{Name: "booking_wait", Stage: 0, Weight: 0.10, Tolerance: 1, Steepness: 2, Perception: 1.36},
		{Name: "service_wait", Stage: 1, Weight: 0.15, Tolerance: 15, Steepness: 2, Perception: 1},
		{Name: "followup_delay", Stage: 2, Weight: 0.15, Tolerance: 48 * 60, Steepness: 2, Perception: 1},
	}
	s.Quality = &QualityTouchpoint{Name: "service_quality", Stage: 1, Weight: 0.5, GroupQuality: []float64{0.95, 0.85}, FailedFixPenalty: 0.5}
	s.Incidents = []Incident{{Name: "billing_dispute", Stage: 1, Prob: 0.05, Penalty: 3, Handler: 2, Priority: 5, Target: 4 * 60, RecoveryShare: 0.5}}
	s.Revenue = 80
	m.Satisfaction = &s
	return m
}

// TestWaitScoreAgainstTheory: the mean wait score of a stationary M/M/c
// stage matches its exact expectation (testdata/wait_score.json).
func TestWaitScoreAgainstTheory(t *testing.T) {
	if testing.Short() {
		t.Skip("long statistical test")
	}
	b, err := os.ReadFile("testdata/wait_score.json")
	if err != nil {
		t.Fatal(err)
	}
	var rows []struct {
		Lam, Mu                          float64
		C                                int
		Tolerance, Steepness, Perception float64
		Expected                         float64 `json:"expected_score"`
	}
	if err := json.Unmarshal(b, &rows); err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		t.Run(fmt.Sprintf("c=%d/lam=%g/T=%g", row.C, row.Lam, row.Tolerance), func(t *testing.T) {
			rho := row.Lam / (float64(row.C) * row.Mu)
			// The run grows like 1/(1-rho)^2: above 0.8 it is a long case.
			if rho > 0.8 {
				skipLong(t)
			}
			days, warm := daysFor(theoryReps*2e3/((1-rho)*(1-rho)), row.Lam)
			m := mmc(row.Lam, row.Mu, row.C, days, warm)
			s := DefaultSatisfaction()
			s.Reputation.DemandPerStar = 0 // stationary demand
			s.Waits = []WaitTouchpoint{{Name: "wait", Stage: 0, Weight: 1, Tolerance: row.Tolerance, Steepness: row.Steepness, Perception: row.Perception}}
			m.Satisfaction = &s
			r := runTheory(t, m, uint64(500+i))
			scores := make([]float64, len(r.Reps))
			for j, rep := range r.Reps {
				// One touchpoint of weight 1: each customer loses 10(1-q).
				scores[j] = 1 - rep.Sat.LostPoints[0]/(10*float64(rep.Sat.Rated))
			}
			agree(t, "mean wait score", scores, row.Expected, 0.02, 0.002)
		})
	}
}

// TestSatisfactionWithoutFeedbackLeavesQueuesAlone: with no demand
// effect (beta = 0, no repeat share) and no incidents (whose complaints add
// work) the queues are exactly those of the same run without a
// satisfaction model, and the multiplier is exactly 1.
func TestSatisfactionWithoutFeedbackLeavesQueuesAlone(t *testing.T) {
	plain := dayModel(5)
	rated := withSatisfaction(dayModel(5))
	rated.Satisfaction.Reputation.DemandPerStar = 0
	rated.Satisfaction.Incidents = nil
	a, err := Run(context.Background(), plain, Options{Replications: 3, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Run(context.Background(), rated, Options{Replications: 3, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	for i := range a.Reps {
		if !reflect.DeepEqual(a.Reps[i].Stages, b.Reps[i].Stages) || a.Reps[i].Journey != b.Reps[i].Journey {
			t.Fatalf("rep %d: rating customers changed the queues", i)
		}
		for d, day := range b.Reps[i].Sat.Days {
			if day.Multiplier != 1 {
				t.Fatalf("rep %d day %d: multiplier %g with beta = 0", i, d, day.Multiplier)
			}
		}
	}
	if b.KPI("nps") == nil || b.KPI("lost_points.booking_wait") == nil || b.KPI("revenue.per_day") == nil {
		t.Fatal("satisfaction KPIs missing")
	}
}

func TestRatingsAddUp(t *testing.T) {
	m := withSatisfaction(dayModel(5))
	r, err := Run(context.Background(), m, Options{Replications: 4, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	for i := range r.Reps {
		rep := &r.Reps[i]
		checkConservation(t, m, rep)
		var n int64
		for _, k := range rep.Sat.Counts {
			n += k
		}
		// Every measured journey that ended was rated once.
		if n != rep.Sat.Rated || n != rep.Journey.Completed+rep.Journey.Lost {
			t.Errorf("rep %d: %d ratings, rated %d, journeys ended %d", i, n, rep.Sat.Rated, rep.Journey.Completed+rep.Journey.Lost)
		}
		p, q, d := r.KPI("promoters").Values[i], r.KPI("passives").Values[i], r.KPI("detractors").Values[i]
		if math.Abs(p+q+d-1) > 1e-12 {
			t.Errorf("rep %d: bands sum to %g", i, p+q+d)
		}
		if got := r.KPI("nps").Values[i]; math.Abs(got-100*(p-d)) > 1e-9 {
			t.Errorf("rep %d: NPS %g, bands give %g", i, got, 100*(p-d))
		}
		// The lost points explain the mean score before noise and
		// rounding: RatingMax minus the mean lost points.
		lost := 0.0
		for _, v := range rep.Sat.LostPoints {
			lost += v
		}
		if mean := m.Satisfaction.RatingMax - lost/float64(rep.Sat.Rated); mean < 0 || mean > 10 {
			t.Errorf("rep %d: mean score before noise %g", i, mean)
		}
	}
	inc := r.KPI("incidents.billing_dispute.rate")
	if math.Abs(inc.Mean-0.05) > 3*inc.HalfWidth+0.01 {
		t.Errorf("incident rate %v, want about 0.05", inc.Estimate)
	}
	if rec := r.KPI("incidents.billing_dispute.recovered"); !(rec.Mean > 0 && rec.Mean <= 1) {
		t.Errorf("recovered share %v", rec.Estimate)
	}
}

// TestMoreStaffNeverLowersTheRating: with common random numbers, one more
// person at any stage does not lower the expected mean rating.
func TestMoreStaffNeverLowersTheRating(t *testing.T) {
	base := withSatisfaction(dayModel(5))
	r0, err := Run(context.Background(), base, Options{Replications: 10, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	for si := range base.Stages {
		more := withSatisfaction(dayModel(5))
		g := &more.Stages[si].Groups[0]
		for d := range g.Staff {
			segs := append([]Segment(nil), g.Staff[d]...)
			for k := range segs {
				segs[k].Value++
			}
			g.Staff[d] = segs
		}
		r1, err := Run(context.Background(), more, Options{Replications: 10, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		diff := make([]float64, 10)
		for i := range diff {
			diff[i] = r1.KPI("rating.mean").Values[i] - r0.KPI("rating.mean").Values[i]
		}
		e := estimate(diff, 0.95)
		if e.Mean < -e.HalfWidth {
			t.Errorf("one more at %s: mean rating changes by %.3f ± %.3f", base.Stages[si].Name, e.Mean, e.HalfWidth)
		}
		t.Logf("one more at %s: mean rating %+.3f ± %.3f", base.Stages[si].Name, e.Mean, e.HalfWidth)
	}
}

// TestReputationMovesDemand: over six weeks, cutting service staff costs
// reputation and demand against the same business fully staffed (common
// random numbers), and a well-staffed business starting from a poor rating
// wins reputation and demand back.
func TestReputationMovesDemand(t *testing.T) {
	model := func(seniors float64, initial float64) *Model {
		m := withSatisfaction(dayModel(42))
		for d := range m.Stages[1].Groups[0].Staff {
			if len(m.Stages[1].Groups[0].Staff[d]) > 0 {
				m.Stages[1].Groups[0].Staff[d] = []Segment{{From: 480, To: 1080, Value: seniors}}
			}
		}
		r := &m.Satisfaction.Reputation
		r.DemandPerStar = math.Log(1.3)
		r.Memory = 50
		r.ReviewRate = 0.3
		r.Initial = initial
		return m
	}
	final := func(m *Model) (DayRow, *Results) {
		r, err := Run(context.Background(), m, Options{Replications: 8, Seed: 8})
		if err != nil {
			t.Fatal(err)
		}
		return r.DayRows[len(r.DayRows)-1], r
	}
	full, rf := final(model(10, 4))
	cut, rc := final(model(5, 4))
	// Paired by replication: the same customers arrive in both runs until
	// demand diverges.
	diff := make([]float64, len(rf.Reps))
	for i := range diff {
		diff[i] = rc.Reps[i].Sat.Days[41].Multiplier - rf.Reps[i].Sat.Days[41].Multiplier
	}
	if e := estimate(diff, 0.95); !(e.Mean+e.HalfWidth < 0) {
		t.Errorf("after six weeks: cut staffing %v stars, multiplier %v; full staffing %v stars, multiplier %v; difference %+.3f ± %.3f",
			cut.Reputation, cut.Multiplier, full.Reputation, full.Multiplier, e.Mean, e.HalfWidth)
	}
	back, _ := final(model(10, 3))
	if !(back.Reputation.Mean > 3.25 && back.Multiplier.Mean > 1) {
		t.Errorf("well staffed from 3 stars: after six weeks %v stars, multiplier %v", back.Reputation, back.Multiplier)
	}
}

func TestSatisfactionValidate(t *testing.T) {
	for name, f := range map[string]func(s *Satisfaction){
		"zero weights": func(s *Satisfaction) {
			s.Waits[0].Weight = 0
			s.Quality.Weight = 0
			s.Waits[1].Weight = 0
			s.Waits[2].Weight = 0
		},
		"bad tolerance":     func(s *Satisfaction) { s.Waits[0].Tolerance = 0 },
		"bad stage":         func(s *Satisfaction) { s.Waits[0].Stage = 7 },
		"group count":       func(s *Satisfaction) { s.Quality.GroupQuality = []float64{1} },
		"incident prob":     func(s *Satisfaction) { s.Incidents[0].Prob = 1.5 },
		"multiplier bounds": func(s *Satisfaction) { s.Reputation.MinMultiplier = 1.2 },
		"lag":               func(s *Satisfaction) { s.Reputation.Lag = 0 },
		"noise":             func(s *Satisfaction) { s.NoiseSD = -1 },
	} {
		m := withSatisfaction(dayModel(1))
		f(m.Satisfaction)
		if err := m.Validate(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if err := withSatisfaction(dayModel(1)).Validate(); err != nil {
		t.Errorf("valid model: %v", err)
	}
}

func BenchmarkThreeStageSatisfaction(b *testing.B) {
	m := threeStage(77)
	s := DefaultSatisfaction()
	s.Waits = []WaitTouchpoint{
		{Name: "booking_wait", Stage: 0, Weight: 0.1, Tolerance: 1, Steepness: 2, Perception: 1.36},
		{Name: "service_wait", Stage: 1, Weight: 0.15, Tolerance: 15, Steepness: 2, Perception: 1},
		{Name: "followup_delay", Stage: 2, Weight: 0.15, Tolerance: 2880, Steepness: 2, Perception: 1},
	}
	s.Quality = &QualityTouchpoint{Stage: 1, Weight: 0.5, GroupQuality: []float64{0.95}, FailedFixPenalty: 0.5}
	m.Satisfaction = &s
	benchModel(b, m)
}

func TestThresholds(t *testing.T) {
	m := withSatisfaction(dayModel(3))
	m.Thresholds = []Threshold{
		{KPI: "booking.wait.p90", Above: true, Limit: 0.5},
		{KPI: "service.utilisation", Above: true, Limit: 0.5, PerInterval: true},
		{KPI: "nps", Above: false, Limit: 100},
		{KPI: "service.wait.mean", Above: true, Limit: 1e9},
	}
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	r, err := Run(context.Background(), m, Options{Replications: 4, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	var overall, perInterval int
	for i, b := range r.Breaches {
		if i > 0 && b.Share > r.Breaches[i-1].Share {
			t.Errorf("breaches not sorted by share: %v", r.Breaches)
		}
		if b.KPI == "service.wait.mean" {
			t.Errorf("breach of an unreachable limit: %+v", b)
		}
		if b.From >= 0 {
			perInterval++
			if b.Stage != "service" || b.To-b.From != m.Interval {
				t.Errorf("bad interval breach %+v", b)
			}
		} else {
			overall++
		}
	}
	if overall != 2 || perInterval == 0 {
		t.Errorf("%d whole-run and %d interval breaches: %+v", overall, perInterval, r.Breaches)
	}
	for _, bad := range []Threshold{{KPI: "booking.wiat.p90"}, {KPI: "nps", PerInterval: true}, {KPI: "booking.wait.p90", PerInterval: true}} {
		m.Thresholds = []Threshold{bad}
		if err := m.Validate(); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
}

func TestCompareAndExtend(t *testing.T) {
	base := withSatisfaction(dayModel(3))
	for si := range base.Stages {
		for gi := range base.Stages[si].Groups {
			base.Stages[si].Groups[gi].Cost = 30
		}
	}
	more := withSatisfaction(dayModel(3))
	more.Stages = append([]Stage(nil), base.Stages...)
	g := base.Stages[0].Groups[0]
	g.Staff = [7][]Segment{}
	for d, segs := range base.Stages[0].Groups[0].Staff {
		for _, s := range segs {
			g.Staff[d] = append(g.Staff[d], Segment{From: s.From, To: s.To, Value: s.Value + 2})
		}
	}
	more.Stages[0].Groups = []Group{g}
	ctx := context.Background()
	rb, err := Run(ctx, base, Options{Replications: 6, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	ro, err := Run(ctx, more, Options{Replications: 6, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	diffs, err := Compare(rb, ro)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]Diff{}
	for _, d := range diffs {
		byName[d.Name] = d
	}
	if d := byName["booking.wait.mean"]; !d.Distinguishable || d.Mean >= 0 {
		t.Errorf("two more booking agents: wait difference %+v", d)
	}
	// Two agents for 10 hours a day at 30 an hour, give or take the
	// overtime finishing calls after closing (more agents, more calls in
	// progress at closing).
	if d := byName["booking.cost"]; math.Abs(d.Mean-600) > 10 {
		t.Errorf("booking cost difference %g, want 600 give or take a little overtime", d.Mean)
	}
	if d := byName["journey.customers"]; d.Mean != 0 || d.Distinguishable {
		t.Errorf("arrivals differ under common random numbers: %+v", d)
	}
	// Extending 6 replications to 9 equals running 9.
	ext, err := Extend(ctx, base, rb, 9, Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	r9, err := Run(ctx, base, Options{Replications: 9, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	a, err := json.Marshal(ext)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(r9)
	if err != nil {
		t.Fatal(err)
	}
	if string(a) != string(b) {
		t.Error("extended results differ from a run with as many replications")
	}
	if _, err := Compare(rb, r9); err == nil {
		t.Error("compared results with different replication counts")
	}
}
