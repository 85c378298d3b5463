// Package erlang computes steady-state queueing results: Erlang B and C
// (M/M/c), Erlang A (M/M/c with exponential patience), Pollaczek–Khinchine
// (M/G/1), open tandem networks of M/M/c stations, and the smallest staff
// meeting a service-level target. svcsim's tests check the simulator
// against them, and the staffing search starts from them.
//
// Use one time unit throughout: rates per unit, times in units. Invalid
// input (a rate <= 0, fewer than one server) gives NaN rather than a
// panic; an unstable queue has an infinite mean wait.
//
// Sources: Gross, Shortle, Thompson & Harris, Fundamentals of Queueing
// Theory (M/M/c, M/G/1, Jackson networks); Garnett, Mandelbaum & Reiman
// (2002) and Mandelbaum & Zeltyn (2005), "The Palm/Erlang-A queue, with
// applications to call centers" (Erlang A).
package erlang

import (
	"math"
)

func bad(xs ...float64) bool {
	for _, x := range xs {
		if !(x > 0) || math.IsInf(x, 1) {
			return true
		}
	}
	return false
}

// ErlangB is the blocking probability of c servers with offered load a
// (erlangs), by the stable recursion B(k) = a B(k-1) / (k + a B(k-1)).
func ErlangB(c int, a float64) float64 {
	if c < 0 || !(a >= 0) {
		return math.NaN()
	}
	b := 1.0
	for k := 1; k <= c; k++ {
		b = a * b / (float64(k) + a*b)
	}
	return b
}

// ErlangC is the probability that an arrival waits in M/M/c with offered
// load a: C = c B / (c - a (1 - B)); 1 when a >= c.
func ErlangC(c int, a float64) float64 {
	if c < 1 || !(a >= 0) {
		return math.NaN()
	}
	if a >= float64(c) {
		return 1
	}
	b := ErlangB(c, a)
	return float64(c) * b / (float64(c) - a*(1-b))
}

// MMC is an M/M/c queue: Poisson arrivals at rate Lambda, C servers each
// serving at rate Mu, first come first served, no abandonment.
type MMC struct {
	Lambda, Mu float64
	C          int
}

func (q MMC) invalid() bool { return bad(q.Lambda, q.Mu) || q.C < 1 }

// Rho is the utilisation Lambda / (C Mu).
func (q MMC) Rho() float64 {
	if q.invalid() {
		return math.NaN()
	}
	return q.Lambda / (float64(q.C) * q.Mu)
}

// Stable reports whether Rho < 1.
func (q MMC) Stable() bool { return q.Rho() < 1 }

// PWait is the Erlang C probability of waiting.
func (q MMC) PWait() float64 {
	if q.invalid() {
		return math.NaN()
	}
	return ErlangC(q.C, q.Lambda/q.Mu)
}

// Wq is the mean wait in queue, C(c, a) / (c Mu - Lambda).
func (q MMC) Wq() float64 {
	switch {
	case q.invalid():
		return math.NaN()
	case !q.Stable():
		return math.Inf(1)
	}
	return q.PWait() / (float64(q.C)*q.Mu - q.Lambda)
}

// Lq is the mean number waiting, Lambda Wq (Little's law).
func (q MMC) Lq() float64 { return q.Lambda * q.Wq() }

// PWaitGT is P(W > t) = C(c, a) exp(-(c Mu - Lambda) t).
func (q MMC) PWaitGT(t float64) float64 {
	switch {
	case q.invalid() || t < 0:
		return math.NaN()
	case !q.Stable():
		return 1
	}
	return q.PWait() * math.Exp(-(float64(q.C)*q.Mu-q.Lambda)*t)
}

// ServiceLevel is P(W <= t).
func (q MMC) ServiceLevel(t float64) float64 { return 1 - q.PWaitGT(t) }

// WaitQuantile is the p-quantile of the wait: 0 when at least a share p
// of arrivals do not wait, else ln(C / (1-p)) / (c Mu - Lambda).
func (q MMC) WaitQuantile(p float64) float64 {
	switch {
	case q.invalid() || !(p >= 0 && p < 1):
		return math.NaN()
	case !q.Stable():
		return math.Inf(1)
	}
	pw := q.PWait()
	if p <= 1-pw {
		return 0
	}
	return math.Log(pw/(1-p)) / (float64(q.C)*q.Mu - q.Lambda)
}

// MMCA is the Erlang A (Palm) queue M/M/c+M: as MMC, with each waiting
// customer abandoning at rate Theta (exponential patience with mean
// 1/Theta). It is stable for any load when Theta > 0.
type MMCA struct {
	Lambda, Mu float64
	C          int
	Theta      float64
}

// chain holds the measures of the birth-death chain of an MMCA.
type chain struct {
	pWait, pAbandon, wait, waitServed, lq float64
}

// solve computes the stationary distribution of the chain (truncated where
// the remaining mass is below 1e-20) and the customer-average measures of
// an arrival that finds n in the system.
func (q MMCA) solve() (chain, bool) {
	if bad(q.Lambda, q.Mu, q.Theta) || q.C < 1 {
		return chain{}, false
	}
	c, lam, mu, th := q.C, q.Lambda, q.Mu, q.Theta
	cmu := float64(c) * mu
	logw := make([]float64, 1, c+64)
	for n := 1; n <= c; n++ {
		logw = append(logw, logw[n-1]+math.Log(lam)-math.Log(float64(n)*mu))
	}
	logmax := maxOf(logw)
	const ltol = -46.0517 // ln 1e-20
	for k := 1; k < 50_000_000; k++ {
		logw = append(logw, logw[len(logw)-1]+math.Log(lam)-math.Log(cmu+float64(k)*th))
		logmax = math.Max(logmax, logw[len(logw)-1])
		r := lam / (cmu + float64(k+1)*th)
		if r < 1 && logw[len(logw)-1]-logmax+math.Log(r/(1-r)) < ltol {
			break
		}
	}
	z := 0.0
	for _, v := range logw {
		z += math.Exp(v - logmax)
	}
	var ch chain
	var ews, h float64
	for n, v := range logw {
		pn := math.Exp(v-logmax) / z
		if n < c {
			continue
		}
		k := float64(n - c) // customers already waiting
		r := cmu + (k+1)*th // exit rate of the tagged customer's last stage
		h += 1 / r
		ch.pWait += pn
		ch.pAbandon += pn * (k + 1) * th / r
		ch.wait += pn * (k + 1) / r
		ews += pn * cmu / r * h
		ch.lq += k * pn
	}
	ch.waitServed = ews / (1 - ch.pAbandon)
	return ch, true
}

func maxOf(xs []float64) float64 {
	m := math.Inf(-1)
	for _, x := range xs {
		m = math.Max(m, x)
	}
	return m
}

func (q MMCA) measure(f func(chain) float64) float64 {
	if q.Theta == 0 && !bad(q.Lambda, q.Mu) && q.C >= 1 {
		mmc := MMC{q.Lambda, q.Mu, q.C}
		ch := chain{pWait: mmc.PWait(), wait: mmc.Wq(), waitServed: mmc.Wq(), lq: mmc.Lq()}
		return f(ch)
	}
	ch, ok := q.solve()
	if !ok {
		return math.NaN()
	}
	return f(ch)
}

// PWait is the probability that an arrival finds every server busy.
func (q MMCA) PWait() float64 { return q.measure(func(c chain) float64 { return c.pWait }) }

// PAbandon is the share of arrivals who abandon.
func (q MMCA) PAbandon() float64 { return q.measure(func(c chain) float64 { return c.pAbandon }) }

// Wq is the mean wait of all arrivals, served or abandoned (an abandoning
// customer's wait is the time to abandonment); Theta Lq = Lambda PAbandon.
func (q MMCA) Wq() float64 { return q.measure(func(c chain) float64 { return c.wait }) }

// WaitServed is the mean wait of the customers who are served.
func (q MMCA) WaitServed() float64 { return q.measure(func(c chain) float64 { return c.waitServed }) }

// Lq is the mean number waiting, Lambda Wq.
func (q MMCA) Lq() float64 { return q.measure(func(c chain) float64 { return c.lq }) }

// ServiceLevel is the share of all arrivals ("offered") who are served
// after waiting at most t: abandoned customers count as failures, whenever
// they left. It follows Mandelbaum & Zeltyn (2005): with x = c Mu/Theta,
// y = Lambda/Theta and A(x, y) = x e^y y^-x gamma(x, y),
//
//	P(V > t) = pi_c x e^{y - y e^{-Theta t} - x Theta t} gamma(x, y e^{-Theta t}) (y e^{-Theta t})^{-x} e^{y e^{-Theta t}}
//	P(served, W > t) = P(V > t) / rho (1 - 1/A(x, y e^{-Theta t}))
//
// where V is the offered wait (the wait of a customer with infinite
// patience) and pi_c = P(W > 0) / A(x, y).
func (q MMCA) ServiceLevel(t float64) float64 {
	if t < 0 {
		return math.NaN()
	}
	if q.Theta == 0 {
		return MMC{q.Lambda, q.Mu, q.C}.ServiceLevel(t)
	}
	ch, ok := q.solve()
	if !ok {
		return math.NaN()
	}
	c, lam, mu, th := float64(q.C), q.Lambda, q.Mu, q.Theta
	rho := lam / (c * mu)
	x, y := c*mu/th, lam/th
	logA := math.Log(x) + logGammaScaled(x, y)
	logPiC := math.Log(ch.pWait) - logA
	yt := y * math.Exp(-th*t)
	gt := logGammaScaled(x, yt)
	pv := math.Exp(logPiC + math.Log(x) + gt + (y - yt) - x*th*t)
	logAt := math.Log(x) + gt
	servedLate := pv / rho * -math.Expm1(-logAt)
	sl := (1 - ch.pAbandon) - servedLate
	return math.Min(math.Max(sl, 0), 1)
}

// logGammaScaled is G(x, y) = ln(gamma(x, y) e^y y^-x), gamma the lower
// incomplete gamma function: by its series when y < x+1, else by the
// Legendre continued fraction of the upper function (modified Lentz), as
// in Numerical Recipes' gser and gcf.
func logGammaScaled(x, y float64) float64 {
	const fpmin = 1e-300
	if y <= 0 {
		return -math.Log(x)
	}
	if y < x+1 {
		term := 1 / x
		s, ap := term, x
		for range 10_000_000 {
			ap++
			term *= y / ap
			s += term
			if term < s*1e-17 {
				break
			}
		}
		return math.Log(s)
	}
	b := y + 1 - x
	cc, d := 1/fpmin, 1/b
	h := d
	for i := 1; i < 10_000_000; i++ {
		an := -float64(i) * (float64(i) - x)
		b += 2
		d = an*d + b
		if math.Abs(d) < fpmin {
			d = fpmin
		}
		cc = b + an/cc
		if math.Abs(cc) < fpmin {
			cc = fpmin
		}
		d = 1 / d
		delta := d * cc
		h *= delta
		if math.Abs(delta-1) < 1e-16 {
			break
		}
	}
	lgx, _ := math.Lgamma(x)
	logQ := -y + x*math.Log(y) - lgx + math.Log(h)
	return lgx + math.Log1p(-math.Exp(logQ)) + y - x*math.Log(y)
}

// PKWait is the M/G/1 mean wait in queue by Pollaczek–Khinchine:
// Lambda E[S^2] / (2 (1 - rho)) with E[S^2] = (1 + scv) mean^2, scv the
// squared coefficient of variation of the service time. +Inf when
// rho = Lambda mean >= 1.
func PKWait(lambda, mean, scv float64) float64 {
	if bad(lambda, mean) || !(scv >= 0) {
		return math.NaN()
	}
	rho := lambda * mean
	if rho >= 1 {
		return math.Inf(1)
	}
	return lambda * (1 + scv) * mean * mean / (2 * (1 - rho))
}

// MD1Wait is the M/D/1 mean wait: PKWait with scv = 0.
func MD1Wait(lambda, mean float64) float64 { return PKWait(lambda, mean, 0) }

// Station is an M/M/c station of an open network: Visits is the mean
// number of visits per customer (a routing probability for a stage only
// some customers reach).
type Station struct {
	Mu     float64
	C      int
	Visits float64
}

// Tandem solves an open Jackson network of M/M/c stations fed by Poisson
// arrivals at rate lambda: station i sees Poisson arrivals at rate
// lambda Visits_i, so per[i] is its Erlang C mean wait per visit, and the
// mean time in the network is sum_i Visits_i (Wq_i + 1/Mu_i).
func Tandem(lambda float64, st []Station) (sojourn float64, per []float64) {
	per = make([]float64, len(st))
	for i, s := range st {
		if !(s.Visits >= 0) {
			return math.NaN(), per
		}
		if s.Visits == 0 {
			continue
		}
		per[i] = MMC{Lambda: lambda * s.Visits, Mu: s.Mu, C: s.C}.Wq()
		sojourn += s.Visits * (per[i] + 1/s.Mu)
	}
	return sojourn, per
}

// search returns the smallest c >= from with ok(c), trying up to a bound
// far beyond any real staffing level; 0 if none.
func search(from int, ok func(c int) bool) int {
	for c := max(from, 1); c <= from+100_000; c++ {
		if ok(c) {
			return c
		}
	}
	return 0
}

// StaffForServiceLevel is the smallest c whose M/M/c service level
// P(W <= t) is at least sl (0 when sl >= 1 or the input is invalid).
func StaffForServiceLevel(lambda, mu, t, sl float64) int {
	if bad(lambda, mu) || !(sl < 1) || t < 0 {
		return 0
	}
	return search(int(lambda/mu)+1, func(c int) bool { return MMC{lambda, mu, c}.ServiceLevel(t) >= sl })
}

// StaffForServiceLevelA is StaffForServiceLevel for Erlang A, with the
// service level of all offered customers (MMCA.ServiceLevel).
func StaffForServiceLevelA(lambda, mu, theta, t, sl float64) int {
	if bad(lambda, mu) || !(theta >= 0) || !(sl < 1) || t < 0 {
		return 0
	}
	return search(1, func(c int) bool { return MMCA{lambda, mu, c, theta}.ServiceLevel(t) >= sl })
}

// StaffForWait is the smallest c whose M/M/c mean wait is at most wq.
func StaffForWait(lambda, mu, wq float64) int {
	if bad(lambda, mu) || !(wq >= 0) {
		return 0
	}
	return search(int(lambda/mu)+1, func(c int) bool { return MMC{lambda, mu, c}.Wq() <= wq })
}
