package erlang

import "math"

// PriorityMMC is the non-preemptive priority M/M/c queue: classes of
// Poisson arrivals at rates Lambda[k] (class 0 first), C servers each
// working at rate Mu for every class (exponential service), first come
// first served within a class, and a service once begun is never
// interrupted. Its methods cost O(C + classes) and give NaN when a rate is
// not finite and > 0 or C < 1.
type PriorityMMC struct {
	Lambda []float64
	Mu     float64
	C      int
}

func (q PriorityMMC) total() float64 {
	s := 0.0
	for _, l := range q.Lambda {
		s += l
	}
	return s
}

func (q PriorityMMC) valid() bool {
	if len(q.Lambda) == 0 || !rate(q.Mu) || q.C < 1 {
		return false
	}
	for _, l := range q.Lambda {
		if !rate(l) {
			return false
		}
	}
	return true
}

// Wq is the mean wait in queue of class k, Cobham's formula for c
// servers with a common exponential service rate:
//
//	W_k = C(c, a) / (c Mu (1 - s_{k-1}) (1 - s_k)),  s_k = sum_{i<=k} Lambda_i / (c Mu),
//
// where C(c, a) is the Erlang C probability of waiting for the total load
// a = sum Lambda / Mu: an arrival that finds every server busy waits a
// mean 1/(c Mu) for the first to free, and behind it the work of higher
// classes (Cobham 1954, "Priority assignment in waiting line problems",
// Operations Research 2(1):70-76; Gross, Shortle, Thompson & Harris,
// Fundamentals of Queueing Theory, 4th ed., section 3.4.1). It is +Inf
// when s_k >= 1 and NaN for an invalid queue or k out of range.
func (q PriorityMMC) Wq(k int) float64 {
	if !q.valid() || k < 0 || k >= len(q.Lambda) {
		return math.NaN()
	}
	cmu := float64(q.C) * q.Mu
	before := 0.0
	for _, l := range q.Lambda[:k] {
		before += l / cmu
	}
	upto := before + q.Lambda[k]/cmu
	if upto >= 1 {
		return math.Inf(1)
	}
	return ErlangC(q.C, q.total()/q.Mu) / (cmu * (1 - before) * (1 - upto))
}

// Wait is the mean wait in queue over all classes, weighted by their
// arrival rates. With a common service rate it equals the first come,
// first served M/M/c wait (Kleinrock's conservation law).
func (q PriorityMMC) Wait() float64 {
	if !q.valid() {
		return math.NaN()
	}
	s := 0.0
	for k, l := range q.Lambda {
		s += l * q.Wq(k)
	}
	return s / q.total()
}
