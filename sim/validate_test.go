package sim

import (
	"context"
	"math"
	"testing"
)

// Validation against queueing theory. Each check compares a simulated
// estimate with its analytical value; the tolerance is the estimate's own
// confidence half-width at testConfidence, from independent replications
// with fixed seeds. A check also demands power: the half-width must be
// small (see precise), so a wrong engine cannot pass by being noisy.
//
// The default suite runs, for every formula, cases that take a few
// seconds; `go test -tags long` adds the long cases (heavy traffic, many
// servers, every service-time distribution), and `go test -tags fullgrid`
// adds those and the full Erlang C grid (c from 1 to 50, utilisation 0.5
// to 0.95). The tolerances are the same with or without the tags.

// testConfidence is the confidence level of the tolerances. With a few
// hundred checks, 99.9% keeps the chance that a correct engine fails any
// check small; the seeds are fixed, so a run that passes always passes.
const testConfidence = 0.999

// skipLong skips a long statistical case unless -tags long (or fullgrid)
// selects the long cases.
func skipLong(t *testing.T) {
	t.Helper()
	if !longCases {
		t.Skip("long statistical case: go test -tags long")
	}
}

// theoryReps is the number of replications per model.
const theoryReps = 10

// runTheory simulates m with theoryReps replications and checks the
// accounting identities on every one.
func runTheory(t *testing.T, m *Model, seed uint64) *Results {
	t.Helper()
	r, err := Run(context.Background(), m, Options{Replications: theoryReps, Seed: seed, Confidence: testConfidence})
	if err != nil {
		t.Fatal(err)
	}
	for i := range r.Reps {
		checkConservation(t, m, &r.Reps[i])
	}
	return r
}

// agree checks that the mean of the per-replication values agrees with
// want within the half-width, and that the half-width is at most the
// larger of rel×|want| and abs (the check's power).
func agree(t *testing.T, what string, vals []float64, want, rel, abs float64) {
	t.Helper()
	e := estimate(vals, testConfidence)
	tol := e.HalfWidth
	switch {
	case e.N < 2:
		t.Errorf("%s: only %d defined replications", what, e.N)
	case tol == 0 && math.Abs(e.Mean-want) <= 1e-6:
		// Every replication gave the same value: an event too rare to
		// happen in the run (P(W > t) = 3e-11, say) was never seen.
		t.Logf("%s: simulated %.5g in every replication, theory %.5g", what, e.Mean, want)
	case math.Abs(e.Mean-want) > tol:
		t.Errorf("%s: simulated %.5g ± %.2g, theory %.5g (off by %.1f half-widths)",
			what, e.Mean, tol, want, math.Abs(e.Mean-want)/tol)
	case tol > math.Max(rel*math.Abs(want), abs):
		t.Errorf("%s: half-width %.2g too wide to test %.5g (want <= %.2g): run longer",
			what, tol, want, math.Max(rel*math.Abs(want), abs))
	default:
		t.Logf("%s: simulated %.5g ± %.2g, theory %.5g", what, e.Mean, tol, want)
	}
}

// perRep applies f to each replication's statistics of stage si.
func perRep(r *Results, si int, f func(st *StageStats, measured float64) float64) []float64 {
	v := make([]float64, len(r.Reps))
	for i := range r.Reps {
		v[i] = f(&r.Reps[i].Stages[si], r.Reps[i].Measured)
	}
	return v
}

// daysFor returns whole days giving about n customers at rate lam, and a
// warm-up of 5% of the run.
func daysFor(n, lam float64) (days int, warmup float64) {
	days = int(math.Ceil(n / (lam * MinutesPerDay)))
	return days, 0.05 * float64(days) * MinutesPerDay
}
