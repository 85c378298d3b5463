package main

import (
	"fmt"
	"math/big"
)

// mmc holds the M/M/c quantities, from the stationary distribution
// pi_n = pi_0 a^n/n! (n <= c), pi_c rho^(n-c) (n >= c) summed directly
// rather than by the Erlang B recursion.
type mmc struct {
	b, pWait, wq, lq, gap *big.Float
}

// solveMMC needs lam < c mu.
func solveMMC(lam, mu *big.Float, c int) mmc {
	a := quo(lam, mu)
	rho := quo(a, integer(c))
	below, term := num(0), num(1) // sum_{k<c} a^k/k!, then a^c/c!
	for k := range c {
		below = add(below, term)
		term = quo(mul(term, a), integer(k+1))
	}
	idle := sub(num(1), rho)
	if idle.Sign() <= 0 {
		panic(fmt.Sprintf("refgen: M/M/%d with load %g has no steady state", c, f64(a)))
	}
	tail := quo(term, idle) // sum_{n>=c} a^c/c! rho^(n-c)
	z := add(below, tail)
	var q mmc
	q.b = quo(term, add(below, term))
	q.pWait = quo(tail, z)
	// sum_{n>=c} (n-c) pi_n = pi_c rho/(1-rho)^2, independent of Little's law.
	q.lq = quo(mul(quo(term, z), rho), mul(idle, idle))
	q.gap = sub(mul(integer(c), mu), lam)
	// Given that it waits, the wait is exponential with rate c mu - lam.
	q.wq = quo(q.pWait, q.gap)
	return q
}

// pWaitGT is P(W > t) = P(W > 0) e^(-(c mu - lam) t).
func (q mmc) pWaitGT(t *big.Float) *big.Float {
	return mul(q.pWait, exp(neg(mul(q.gap, t))))
}

// quantile is the smallest w with P(W <= w) >= p.
func (q mmc) quantile(p float64) *big.Float {
	miss := sub(num(1), num(p))
	if q.pWait.Cmp(miss) <= 0 {
		return num(0)
	}
	return quo(log(quo(q.pWait, miss)), q.gap)
}

// palm is the M/M/c+M (Erlang A) queue as its birth-death chain: births
// at rate lam, deaths at min(n, c) mu + max(n - c, 0) theta in state n.
// pi holds the stationary probabilities, truncated where the rest of the
// mass is below eps. None of the Mandelbaum–Zeltyn closed forms (the
// incomplete gamma function A(x, y)) is used.
type palm struct {
	lam, mu, theta *big.Float
	c              int
	pi             []*big.Float
}

func newPalm(lam, mu, theta float64, c int) *palm {
	q := &palm{lam: num(lam), mu: num(mu), theta: num(theta), c: c}
	death := func(n int) *big.Float {
		if n <= c {
			return mul(integer(n), q.mu)
		}
		return add(mul(integer(c), q.mu), mul(integer(n-c), q.theta))
	}
	p := []*big.Float{num(1)}
	z := num(1)
	for n := 1; ; n++ {
		p = append(p, quo(mul(p[n-1], q.lam), death(n)))
		z = add(z, p[n])
		// Past the mode the ratios lam/death fall, so the rest is below
		// p_n r/(1-r) with r the next ratio.
		if r := quo(q.lam, death(n+1)); n > c && less(r, num(1)) &&
			less(quo(mul(p[n], r), sub(num(1), r)), mul(eps, z)) {
			break
		}
	}
	for i := range p {
		p[i] = quo(p[i], z)
	}
	q.pi = p
	return q
}

func (q *palm) pWait() *big.Float {
	s := num(0)
	for _, p := range q.pi[q.c:] {
		s = add(s, p)
	}
	return s
}

func (q *palm) lq() *big.Float {
	s := num(0)
	for k, p := range q.pi[q.c:] {
		s = add(s, mul(integer(k), p))
	}
	return s
}

// pAbandon is theta Lq / lam: the queue loses theta per waiting customer
// per unit time, out of lam arrivals.
func (q *palm) pAbandon() *big.Float { return quo(mul(q.theta, q.lq()), q.lam) }

// servedIfAhead is the probability that a waiting customer with i-1
// customers ahead of it is served: it and those ahead leave the queue at
// rate c mu + j theta with j of them left, and it abandons at theta, so
// the product of (c mu + j theta)/(c mu + (j+1) theta) over j < i
// telescopes to c mu / (c mu + i theta).
func (q *palm) servedIfAhead(i int) *big.Float {
	cmu := mul(integer(q.c), q.mu)
	return quo(cmu, add(cmu, mul(integer(i), q.theta)))
}

// checkAbandon compares theta Lq / lam with the arrival-side sum over the
// state an arrival finds (PASTA) of its chance to abandon: two
// derivations of P(Ab) that must agree to the working precision.
func (q *palm) checkAbandon() error {
	ab := num(0)
	for k, p := range q.pi[q.c:] {
		ab = add(ab, mul(p, sub(num(1), q.servedIfAhead(k+1))))
	}
	if d := abs(sub(ab, q.pAbandon())); less(mul(num(1e10), eps), d) {
		return fmt.Errorf("refgen: Erlang A lam=%g c=%d theta=%g: P(Ab) by rate balance and by arrivals differ by %g",
			f64(q.lam), q.c, f64(q.theta), f64(d))
	}
	return nil
}

// waitServed is E[W | served] by Little's law on the customers who will
// be served: in a state with k waiting, the one in position i will be
// with probability servedIfAhead(i), so their mean number in queue is
// L = sum_k pi_(c+k) sum_(i<=k) servedIfAhead(i), and they arrive at rate
// lam (1 - P(Ab)).
func (q *palm) waitServed() *big.Float {
	l, cum := num(0), num(0)
	for k, p := range q.pi[q.c:] {
		if k > 0 {
			cum = add(cum, q.servedIfAhead(k))
		}
		l = add(l, mul(p, cum))
	}
	return quo(l, mul(q.lam, sub(num(1), q.pAbandon())))
}

// serviceLevel is P(W <= t, served) over all arrivals. An arrival that
// finds a server free is served at once. One that finds k waiting (PASTA)
// is a walk down k, ..., 0 ahead, leaving j ahead at rate c mu + j theta
// (the last step being its own service) and abandoning at rate theta; the
// chance that it is served by t is computed by uniformization at rate
// Lambda = c mu + (K+1) theta (K the largest k kept): a Poisson(Lambda t)
// number of steps of the embedded chain, whose n-step absorption
// probabilities g_n follow g_(n+1)(j) = (c mu + j theta)/Lambda g_n(j-1) +
// (K-j) theta/Lambda g_n(j), g(-1) = 1. All terms are positive.
func (q *palm) serviceLevel(t float64) *big.Float {
	sl := sub(num(1), q.pWait())
	if t == 0 {
		return sl
	}
	ahead := q.pi[q.c:]
	kmax := len(ahead) - 1
	cmu := mul(integer(q.c), q.mu)
	rate := add(cmu, mul(integer(kmax+1), q.theta))
	down := make([]*big.Float, kmax+1)
	stay := make([]*big.Float, kmax+1)
	g := make([]*big.Float, kmax+1)
	for j := range g {
		down[j] = quo(add(cmu, mul(integer(j), q.theta)), rate)
		stay[j] = quo(mul(integer(kmax-j), q.theta), rate)
		g[j] = num(0)
	}
	lt := mul(rate, num(t))
	w := exp(neg(lt)) // Poisson(lt) probability of n steps
	served := num(0)  // sum_n w_n sum_k pi_(c+k) g_n(k)
	one, s, tmp := num(1), num(0), num(0)
	for n := 0; ; n++ {
		if n > 0 {
			w.Mul(w, lt)
			w.Quo(w, tmp.SetInt64(int64(n)))
			for j := kmax; j >= 0; j-- {
				prev := one
				if j > 0 {
					prev = g[j-1]
				}
				tmp.Mul(down[j], prev)
				g[j].Mul(stay[j], g[j])
				g[j].Add(g[j], tmp)
			}
			s.SetInt64(0)
			for k, p := range ahead {
				tmp.Mul(p, g[k])
				s.Add(s, tmp)
			}
			served.Add(served, tmp.Mul(w, s))
		}
		// Once the Poisson terms fall, the remaining mass is below
		// w r/(1-r), r = lt/(n+1); g <= 1 bounds what it can add.
		if r := quo(lt, integer(n+1)); less(r, one) && less(quo(mul(w, r), sub(one, r)), eps) {
			break
		}
	}
	return add(sl, served)
}
