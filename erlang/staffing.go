package erlang

import "math"

// smallest returns the smallest c in [from, to] with ok(c), or 0 if there
// is none. The measures searched improve as c grows, so the first c found
// is the minimum and every smaller c fails.
func smallest(from, to int, ok func(c int) bool) int {
	for c := max(from, 1); c <= to; c++ {
		if ok(c) {
			return c
		}
	}
	return 0
}

// ceiling bounds every staffing search: enough servers for any target
// short of certainty (Erlang C needs about a + 8 sqrt(a) servers to push
// P(W > 0) below 1e-15, and a + 8 sqrt(a) <= 2a + 1000).
func ceiling(a float64) int { return 2*int(math.Ceil(a)) + 1000 }

// tooBig reports whether the offered load a is too large for the search:
// c must stay well inside an int, and the search would take hours.
func tooBig(a float64) bool { return !(a < 1e9) }

// StaffForServiceLevel is the smallest number of servers c for which the
// M/M/c queue is stable and its service level MMC.ServiceLevel(t) =
// P(W <= t) is at least sl. It returns 0 when no c qualifies (sl >= 1)
// or the input is invalid (a rate not finite and > 0, t < 0, sl NaN, an
// offered load lambda/mu of 1e9 or more). It tries c upwards from the
// smallest stable one: about sqrt(lambda/mu) values of O(c) each.
func StaffForServiceLevel(lambda, mu, t, sl float64) int {
	if !rate(lambda) || !rate(mu) || !(t >= 0) || !(sl < 1) || tooBig(lambda/mu) {
		return 0
	}
	a := lambda / mu
	return smallest(int(a)+1, ceiling(a), func(c int) bool {
		return MMC{Lambda: lambda, Mu: mu, C: c}.ServiceLevel(t) >= sl
	})
}

// StaffForServiceLevelA is the smallest c whose Erlang A service level
// MMCA.ServiceLevel(t) — the share of all arrivals answered within t,
// abandonments counting as failures — is at least sl, for customers with
// exponential patience of mean 1/theta. With theta == 0 it is
// StaffForServiceLevel. It returns 0 when no c qualifies or the input is
// invalid. Since only a share c mu/lambda of arrivals can be served, the
// search starts from c = sl lambda/mu.
func StaffForServiceLevelA(lambda, mu, theta, t, sl float64) int {
	if theta == 0 {
		return StaffForServiceLevel(lambda, mu, t, sl)
	}
	if !rate(lambda) || !rate(mu) || !rate(theta) || !(t >= 0) || !(sl < 1) || tooBig(lambda/mu) {
		return 0
	}
	a := lambda / mu
	return smallest(int(max(sl, 0)*a), ceiling(a), func(c int) bool {
		return MMCA{Lambda: lambda, Mu: mu, C: c, Theta: theta}.ServiceLevel(t) >= sl
	})
}

// StaffForWait is the smallest c for which the M/M/c queue is stable and
// its mean wait MMC.Wq is at most wq. It returns 0 when the input is
// invalid (a rate not finite and > 0, wq <= 0 or NaN). Like
// StaffForServiceLevel it tries c upwards from the smallest stable one.
func StaffForWait(lambda, mu, wq float64) int {
	if !rate(lambda) || !rate(mu) || !(wq > 0) || tooBig(lambda/mu) {
		return 0
	}
	a := lambda / mu
	return smallest(int(a)+1, ceiling(a), func(c int) bool {
		return MMC{Lambda: lambda, Mu: mu, C: c}.Wq() <= wq
	})
}
