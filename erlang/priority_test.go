package erlang

import (
	"fmt"
	"math"
	"testing"
)

// TestPriorityMM1 checks Cobham's formula with one server against the
// M/M/1 non-preemptive priority closed form, W_k = rho/mu / ((1 -
// s_{k-1})(1 - s_k)) with rho the total utilisation (Kleinrock, Queueing
// Systems vol. 2, eq. 3.31 with E[S^2] = 2/mu^2).
func TestPriorityMM1(t *testing.T) {
	for _, tc := range []struct {
		name   string
		lambda []float64
		mu     float64
	}{
		{"two classes", []float64{0.3, 0.4}, 1},
		{"three classes", []float64{0.1, 0.2, 0.5}, 2},
		{"one class is M/M/1", []float64{0.8}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := PriorityMMC{Lambda: tc.lambda, Mu: tc.mu, C: 1}
			rho, s := 0.0, 0.0
			for _, l := range tc.lambda {
				rho += l / tc.mu
			}
			for k, l := range tc.lambda {
				want := rho / tc.mu / ((1 - s) * (1 - s - l/tc.mu))
				s += l / tc.mu
				if got := q.Wq(k); math.Abs(got-want) > 1e-12*want {
					t.Errorf("Wq(%d) = %.15g; want %.15g", k, got, want)
				}
			}
		})
	}
}

// TestPriorityConservation checks Kleinrock's conservation law: with a
// common service rate the rate-weighted mean wait does not depend on the
// order of service, so it equals the M/M/c (Erlang C) wait of the pooled
// arrivals.
func TestPriorityConservation(t *testing.T) {
	for _, tc := range []struct {
		lambda []float64
		mu     float64
		c      int
	}{
		{[]float64{1, 1.5}, 1, 3},
		{[]float64{4, 4}, 0.5, 20},
		{[]float64{0.2, 3, 5}, 1, 10},
		{[]float64{0.5}, 1, 1},
	} {
		t.Run(fmt.Sprint(tc.lambda, tc.c), func(t *testing.T) {
			q := PriorityMMC{Lambda: tc.lambda, Mu: tc.mu, C: tc.c}
			want := MMC{Lambda: q.total(), Mu: tc.mu, C: tc.c}.Wq()
			if got := q.Wait(); math.Abs(got-want) > 1e-12*want {
				t.Errorf("Wait() = %.15g; M/M/c Wq = %.15g", got, want)
			}
			if len(tc.lambda) > 1 && !(q.Wq(0) < want && q.Wq(len(tc.lambda)-1) > want) {
				t.Errorf("first class waits %g, last %g: not either side of FCFS %g", q.Wq(0), q.Wq(len(tc.lambda)-1), want)
			}
		})
	}
}

// TestPriorityEdges checks the overloaded and invalid cases.
func TestPriorityEdges(t *testing.T) {
	q := PriorityMMC{Lambda: []float64{0.5, 0.7}, Mu: 1, C: 1}
	if w := q.Wq(0); math.IsInf(w, 0) || math.IsNaN(w) {
		t.Errorf("class 0 of an overloaded queue: Wq = %g; want finite (it alone is stable)", w)
	}
	if w := q.Wq(1); !math.IsInf(w, 1) {
		t.Errorf("class 1 of an overloaded queue: Wq = %g; want +Inf", w)
	}
	for _, bad := range []PriorityMMC{{Mu: 1, C: 1}, {Lambda: []float64{1}, Mu: 0, C: 1}, {Lambda: []float64{-1}, Mu: 1, C: 1}, {Lambda: []float64{1}, Mu: 1, C: 0}} {
		if w := bad.Wq(0); !math.IsNaN(w) {
			t.Errorf("%+v: Wq(0) = %g; want NaN", bad, w)
		}
	}
	if w := q.Wq(2); !math.IsNaN(w) {
		t.Errorf("class out of range: Wq = %g; want NaN", w)
	}
}
