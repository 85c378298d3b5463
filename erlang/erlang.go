package erlang

import (
	"math"

	"gonum.org/v1/gonum/mathext"
)

// rate reports whether v is a usable rate or mean: finite and > 0.
func rate(v float64) bool { return v > 0 && !math.IsInf(v, 1) }

// ErlangB is the blocking probability of the M/M/c/c loss system with c
// servers and offered load a = lambda/mu erlangs, computed by the
// recursion B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)), which never forms
// a^c or c! (Gross et al., M/M/c/c). It costs O(c). ErlangB(c, 0) is 0;
// c < 1 or a negative or non-finite load gives NaN.
func ErlangB(c int, a float64) float64 {
	if c < 1 || !(a >= 0) || math.IsInf(a, 1) {
		return math.NaN()
	}
	b := 1.0
	for k := 1; k <= c; k++ {
		b = a * b / (float64(k) + a*b)
	}
	return b
}

// ErlangC is the probability that an arrival waits in the M/M/c queue with
// c servers and offered load a = lambda/mu erlangs:
//
//	C(c, a) = c B(c, a) / (c - a (1 - B(c, a)))
//
// (Gross et al., M/M/c). It is 1 when a >= c, where the queue has no
// steady state and every arrival waits. It costs O(c); invalid input
// gives NaN as for ErlangB.
func ErlangC(c int, a float64) float64 {
	b := ErlangB(c, a)
	switch {
	case math.IsNaN(b):
		return b
	case a >= float64(c):
		return 1
	}
	return float64(c) * b / (float64(c) - a*(1-b))
}

// MMC is the M/M/c (Erlang C) queue: Poisson arrivals at rate Lambda, C
// servers each working at rate Mu (exponential service), first come first
// served, unlimited waiting room, no abandonment. Its methods cost O(C)
// and give NaN when a rate is not finite and > 0 or C < 1.
type MMC struct {
	Lambda, Mu float64
	C          int
}

func (q MMC) valid() bool { return rate(q.Lambda) && rate(q.Mu) && q.C >= 1 }

// gap is the rate C Mu - Lambda at which the wait of a waiting customer
// decays.
func (q MMC) gap() float64 { return float64(q.C)*q.Mu - q.Lambda }

// Rho is the utilisation rho = Lambda / (C Mu).
func (q MMC) Rho() float64 {
	if !q.valid() {
		return math.NaN()
	}
	return q.Lambda / (float64(q.C) * q.Mu)
}

// Stable reports whether the queue has a steady state, rho < 1. It is
// false for invalid input.
func (q MMC) Stable() bool { return q.Rho() < 1 }

// PWait is the Erlang C probability that an arrival waits,
// C(C, Lambda/Mu); 1 when the queue is unstable.
func (q MMC) PWait() float64 {
	if !q.valid() {
		return math.NaN()
	}
	return ErlangC(q.C, q.Lambda/q.Mu)
}

// Wq is the mean wait in queue, Wq = C(c, a) / (c Mu - Lambda) (Gross et
// al., M/M/c); +Inf when the queue is unstable.
func (q MMC) Wq() float64 {
	switch {
	case !q.valid():
		return math.NaN()
	case !q.Stable():
		return math.Inf(1)
	}
	return q.PWait() / q.gap()
}

// Lq is the mean number waiting, Lq = Lambda Wq (Little's law); +Inf when
// the queue is unstable.
func (q MMC) Lq() float64 { return q.Lambda * q.Wq() }

// PWaitGT is the probability that an arrival waits longer than t,
// P(W > t) = C(c, a) exp(-(c Mu - Lambda) t): given that it waits, the wait
// is exponential with rate c Mu - Lambda (Gross et al., M/M/c). It is 1
// when the queue is unstable and NaN for t < 0.
func (q MMC) PWaitGT(t float64) float64 {
	switch {
	case !q.valid() || !(t >= 0):
		return math.NaN()
	case !q.Stable():
		return 1
	}
	return q.PWait() * math.Exp(-q.gap()*t)
}

// ServiceLevel is the share of arrivals answered within t,
// P(W <= t) = 1 - PWaitGT(t); 0 when the queue is unstable.
func (q MMC) ServiceLevel(t float64) float64 { return 1 - q.PWaitGT(t) }

// WaitQuantile is the p-quantile of the wait, the smallest w with
// P(W <= w) >= p: 0 when PWait <= 1-p, else
// ln(C(c, a) / (1-p)) / (c Mu - Lambda). It is +Inf for p = 1 or an
// unstable queue and NaN for p outside [0, 1].
func (q MMC) WaitQuantile(p float64) float64 {
	switch {
	case !q.valid() || !(p >= 0 && p <= 1):
		return math.NaN()
	case !q.Stable():
		return math.Inf(1)
	}
	pw := q.PWait()
	if pw <= 1-p {
		return 0
	}
	return math.Log(pw/(1-p)) / q.gap()
}

// MMCA is the Erlang A (Palm) queue M/M/c+M: an MMC whose waiting
// customers each abandon at rate Theta, that is, have exponential patience
// with mean 1/Theta. With Theta > 0 it has a steady state at any load;
// Theta == 0 is the MMC queue (Erlang C), unstable or not.
//
// The methods give NaN when Lambda or Mu is not finite and > 0, C < 1, or
// Theta is negative or not finite. With x = C Mu/Theta they cost O(C)
// plus, when Lambda < C Mu, at most O(sqrt(x)) terms of a series (far
// fewer unless rho is near 1); WaitServed adds O((Lambda - C Mu)/Theta)
// terms for an overloaded queue.
//
// Notation (Mandelbaum & Zeltyn 2005): a = Lambda/Mu, rho = a/C,
// x = C Mu/Theta, y = Lambda/Theta, E1 = ErlangB(C, a), and
//
//	A(x, y) = x e^y y^-x gamma(x, y)
//
// with gamma the lower incomplete gamma function.
type MMCA struct {
	Lambda, Mu float64
	C          int
	Theta      float64
}

func (q MMCA) valid() bool {
	return rate(q.Lambda) && rate(q.Mu) && q.C >= 1 && q.Theta >= 0 && !math.IsInf(q.Theta, 1)
}

func (q MMCA) mmc() MMC { return MMC{Lambda: q.Lambda, Mu: q.Mu, C: q.C} }

// palm holds the quantities the Erlang A formulas share.
type palm struct {
	rho, x, y float64
	lnA       float64 // ln A(x, y)
	pWait     float64 // P(W > 0)
	pAbandon  float64 // P(Ab)
}

// solve evaluates the closed forms of Mandelbaum & Zeltyn (2005):
//
//	pi_c = E1 / (1 + (A(x, y) - 1) E1)    (probability that N = C)
//	P(W > 0) = A(x, y) pi_c
//	P(Ab | W > 0) = 1/(rho A(x, y)) + 1 - 1/rho
//
// It needs Theta > 0.
func (q MMCA) solve() palm {
	c := float64(q.C)
	p := palm{rho: q.Lambda / (c * q.Mu), x: c * q.Mu / q.Theta, y: q.Lambda / q.Theta}
	p.lnA = lnA(p.x, p.y)
	e1 := ErlangB(q.C, q.Lambda/q.Mu)
	// 1/P(W>0) = 1/(A E1) + 1 - 1/A, both terms >= 0; E1 may underflow to
	// 0 for many lightly loaded servers, giving P(W>0) = 0.
	invA := math.Exp(-p.lnA)
	p.pWait = 1 / (invA/e1 - math.Expm1(-p.lnA))
	var abIfWait float64
	if p.rho < 1 {
		// 1/(rho A) + 1 - 1/rho cancels catastrophically when A is close
		// to 1/(1-rho) (small Theta): use its series instead.
		abIfWait = abandonIfWait(p.x, p.y)
	} else {
		abIfWait = invA/p.rho + 1 - 1/p.rho
	}
	p.pAbandon = p.pWait * abIfWait
	return p
}

// PWait is the probability that an arrival finds every server busy,
// P(W > 0) = A(x, y) E1 / (1 + (A(x, y) - 1) E1) (Mandelbaum & Zeltyn
// 2005).
func (q MMCA) PWait() float64 {
	switch {
	case !q.valid():
		return math.NaN()
	case q.Theta == 0:
		return q.mmc().PWait()
	}
	return q.solve().pWait
}

// PAbandon is the share of arrivals who abandon,
// P(Ab) = P(W > 0) (1/(rho A(x, y)) + 1 - 1/rho) (Mandelbaum & Zeltyn
// 2005); 0 when Theta == 0.
func (q MMCA) PAbandon() float64 {
	switch {
	case !q.valid():
		return math.NaN()
	case q.Theta == 0:
		return 0
	}
	return q.solve().pAbandon
}

// Wq is the mean wait of all arrivals, served or abandoned (an abandoning
// customer's wait is its time to abandonment): E[W] = P(Ab)/Theta, since
// the Theta Lq customers leaving the queue per unit time are the Lambda
// P(Ab) who abandon (Mandelbaum & Zeltyn 2005).
func (q MMCA) Wq() float64 {
	switch {
	case !q.valid():
		return math.NaN()
	case q.Theta == 0:
		return q.mmc().Wq()
	}
	return q.solve().pAbandon / q.Theta
}

// WaitServed is the mean wait of the customers who are served,
// E[W | Sr], from the birth-death chain of the queue. An arrival that
// finds every server busy and n customers waiting (probability
// pi_c y^n / ((x+1)...(x+n)), by PASTA) moves up the queue through n+1
// exponential stages, the j-th left at rate C Mu + (j+1) Theta; it is
// served with probability C Mu / (C Mu + (n+1) Theta), having then waited
// sum_{j=0..n} 1/(C Mu + (j+1) Theta) on average. WaitServed sums this
// over n: the closed form would need the derivative of A(x, y) in x,
// which no library provides. With Theta == 0 it is the
// Erlang C mean wait.
func (q MMCA) WaitServed() float64 {
	switch {
	case !q.valid():
		return math.NaN()
	case q.Theta == 0:
		return q.mmc().Wq()
	}
	p := q.solve()
	return p.pWait * servedWaitIfWait(p.x, p.y) / q.Theta / (1 - p.pAbandon)
}

// Lq is the mean number waiting, Lq = Lambda Wq (Little's law).
func (q MMCA) Lq() float64 { return q.Lambda * q.Wq() }

// ServiceLevel is the share of all arrivals ("offered" customers) who are
// served after waiting at most t, P(W <= t, Sr): customers who abandon
// count as failures whenever they leave, even before t. With V the offered
// wait (the wait of a customer with unlimited patience) and
// y_t = y e^(-Theta t), Mandelbaum & Zeltyn (2005) give
//
//	P(V > t) = pi_c A(x, y) gamma(x, y_t) / gamma(x, y)
//	         = pi_c A(x, y_t) e^(y - y_t - C Mu t)
//	P(W > t, Sr) = P(V > t) (1/rho) (1 - 1/A(x, y_t))
//
// and ServiceLevel(t) = 1 - P(Ab) - P(W > t, Sr). At t = 0 it is
// 1 - PWait; as t grows it tends to the served share 1 - P(Ab). With
// Theta == 0 it is MMC.ServiceLevel. t < 0 gives NaN.
func (q MMCA) ServiceLevel(t float64) float64 {
	switch {
	case !q.valid() || !(t >= 0):
		return math.NaN()
	case q.Theta == 0:
		return q.mmc().ServiceLevel(t)
	}
	p := q.solve()
	// y - y_t as y (1 - e^(-Theta t)): the difference of two large,
	// nearly equal numbers when Theta is small.
	dy := -p.y * math.Expm1(-q.Theta*t)
	lnAt := lnA(p.x, p.y-dy)
	pv := math.Exp(math.Log(p.pWait) - p.lnA + lnAt + dy - float64(q.C)*q.Mu*t)
	servedLate := pv / p.rho * -math.Expm1(-lnAt)
	// The difference of two probabilities: keep its rounding inside [0, 1].
	return min(max(1-p.pAbandon-servedLate, 0), 1)
}

// lnA is ln A(x, y) = ln(x e^y y^-x gamma(x, y)) for x > 0, y >= 0, with
// gamma the lower incomplete gamma function.
//
// For y < x+1 it sums the series
//
//	A(x, y) = sum_{n>=0} y^n / ((x+1)(x+2)...(x+n))
//
// (Abramowitz & Stegun 6.5.29), whose terms fall from the first: the
// regularised gamma(x, y)/Gamma(x) underflows there for large x, e.g. 1000
// lightly loaded servers with patient customers. Its terms are the
// relative probabilities of finding n customers waiting, given that every
// server is busy.
//
// For y >= x+1 (an overloaded queue) the series would need about y-x
// terms, so it uses gonum's regularised incomplete gamma function
// Q(x, y) = 1 - gamma(x, y)/Gamma(x) in
//
//	ln A = ln Gamma(x+1) + y - x ln y + ln(1 - Q(x, y))
//	     = ln sqrt(2 pi x) + stirling(x) + x (d - ln(1+d)) + ln(1 - Q(x, y))
//
// with d = (y-x)/x: written out, ln Gamma(x+1) and x ln y would cancel to
// a result far smaller than themselves, losing eps x ln x (1e-10 for
// x = 1e5).
func lnA(x, y float64) float64 {
	if y < x+1 {
		sum, term := 1.0, 1.0
		for n := 1.0; ; n++ {
			r := y / (x + n)
			term *= r
			sum += term
			// The rest is below term r/(1-r), as the ratios keep falling.
			if term*r < 1e-17*sum*(1-r) {
				return math.Log(sum)
			}
		}
	}
	d := (y - x) / x
	return 0.5*math.Log(2*math.Pi*x) + stirling(x) + x*(d-math.Log1p(d)) +
		math.Log1p(-mathext.GammaIncRegComp(x, y))
}

// stirling is the remainder of Stirling's formula,
// ln Gamma(x+1) - (x + 1/2) ln x + x - ln sqrt(2 pi), for x > 0. From 15 on
// it sums the asymptotic series (Abramowitz & Stegun 6.1.41) to the
// x^-9 term, leaving an error below 691/(360360 x^11) < 3e-16; below 15
// the direct difference loses little.
func stirling(x float64) float64 {
	if x < 15 {
		lg, _ := math.Lgamma(x + 1)
		return lg - (x+0.5)*math.Log(x) + x - 0.5*math.Log(2*math.Pi)
	}
	z := 1 / (x * x)
	return (1.0/12 - z*(1.0/360-z*(1.0/1260-z*(1.0/1680-z/1188)))) / x
}

// abandonIfWait is P(Ab | W > 0) for y < x+1. Writing t_n for the terms of
// lnA's series, rho A - (A - 1) = sum_n (y/x) t_n - t_{n+1}
// = (y/x) sum_n t_n (n+1)/(x+n+1), so
//
//	P(Ab | W > 0) = sum_n t_n (n+1)/(x+n+1) / sum_n t_n,
//
// a sum of positive terms: the chance (n+1) Theta / (C Mu + (n+1) Theta)
// that a customer who finds n waiting abandons, averaged over n.
func abandonIfWait(x, y float64) float64 {
	var sum, ab float64
	term := 1.0
	for n := 0.0; ; n++ {
		if n > 0 {
			term *= y / (x + n)
		}
		sum += term
		ab += term * (n + 1) / (x + n + 1)
		if r := y / (x + n + 1); term*r < 1e-17*sum*(1-r) {
			return ab / sum
		}
	}
}

// servedWaitIfWait is Theta E[W 1{Sr} | W > 0]: the weights t_n of lnA's
// series times x/(x+n+1) sum_{j=0..n} 1/(x+j+1), summed until the
// remaining weight is below 1e-20 of the total. For an overloaded queue the weights rise until n ~ y-x, so
// the sums are rescaled to stay finite.
func servedWaitIfWait(x, y float64) float64 {
	var sum, w, h float64
	term := 1.0
	for n := 0.0; ; n++ {
		if n > 0 {
			term *= y / (x + n)
		}
		if term > 1e200 {
			sum, w, term = sum/term, w/term, 1
		}
		h += 1 / (x + n + 1)
		sum += term
		w += term * x / (x + n + 1) * h
		if r := y / (x + n + 1); r < 1 && term*r < 1e-20*sum*(1-r) {
			return w / sum
		}
	}
}

// PKWait is the mean wait in queue of the M/G/1 queue by the
// Pollaczek–Khinchine formula,
//
//	Wq = lambda E[S^2] / (2 (1 - rho)) = rho (1 + scv) mean / (2 (1 - rho)),
//
// with rho = lambda mean, E[S^2] = (1 + scv) mean^2 and scv the squared
// coefficient of variation of the service time (Gross et al., M/G/1). It
// is +Inf when rho >= 1 and NaN when lambda or mean is not finite and > 0
// or scv is negative or not finite.
func PKWait(lambda, mean, scv float64) float64 {
	if !rate(lambda) || !rate(mean) || !(scv >= 0) || math.IsInf(scv, 1) {
		return math.NaN()
	}
	rho := lambda * mean
	if rho >= 1 {
		return math.Inf(1)
	}
	return rho * (1 + scv) * mean / (2 * (1 - rho))
}

// MD1Wait is the M/D/1 mean wait in queue, PKWait with scv = 0:
// rho mean / (2 (1 - rho)), half the M/M/1 wait.
func MD1Wait(lambda, mean float64) float64 { return PKWait(lambda, mean, 0) }

// Station is an M/M/C station of an open network, serving at rate Mu per
// server. Visits is the expected number of visits per customer: 1 for a
// stage everyone passes once, a routing probability for a stage only some
// customers reach.
type Station struct {
	Mu     float64
	C      int
	Visits float64
}

// Tandem solves an open Jackson network of M/M/c stations fed by Poisson
// arrivals at rate lambda (Jackson 1957; Gross et al., Jackson networks).
// Station i behaves as an independent M/M/C queue with arrival rate
// lambda Visits_i, so per[i] is its Erlang C mean wait in queue per visit,
// and the mean time a customer spends in the network is
//
//	sojourn = sum_i Visits_i (Wq_i + 1/Mu_i).
//
// An unstable station has per[i] = +Inf, and then sojourn = +Inf. A
// station with Visits == 0 gets no traffic: per[i] = 0. Invalid input (a
// rate, C or Visits out of range) gives NaN for the station concerned and
// for sojourn. It costs O(sum_i C_i).
func Tandem(lambda float64, st []Station) (sojourn float64, per []float64) {
	per = make([]float64, len(st))
	if !rate(lambda) {
		for i := range per {
			per[i] = math.NaN()
		}
		return math.NaN(), per
	}
	for i, s := range st {
		switch {
		case !(s.Visits >= 0) || math.IsInf(s.Visits, 1):
			per[i] = math.NaN()
		case s.Visits == 0:
			continue
		default:
			per[i] = MMC{Lambda: lambda * s.Visits, Mu: s.Mu, C: s.C}.Wq()
		}
		sojourn += s.Visits * (per[i] + 1/s.Mu)
	}
	return sojourn, per
}
