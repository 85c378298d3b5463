package staffing

import (
	"fmt"
	"math"

	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// Target is a target on a KPI, "KPI OP VALUE", as the scenario files'
// alerts read (see scenarios.ParseThreshold).
type Target struct {
	Text string // as given
	sim.Threshold
}

// ParseTarget reads text, checks that m reports its KPI and puts the
// limit in the KPI's unit: "consultation.lead.p90 <= 12h" holds a limit
// of 0.5 (days), "booking.service_level >= 80%" one of 0.8.
func ParseTarget(text string, m *sim.Model) (Target, error) {
	th, err := scenarios.ParseThreshold(text)
	if err == nil {
		th, err = sim.ResolveTarget(m, th)
	}
	return Target{text, th}, err
}

// Met reports whether k meets the target with confidence: the whole
// confidence interval is on the right side of the limit (an undefined
// half-width counts as 0; an undefined value never meets it). The
// interval is cut to the values k's unit can take: with few replications
// a share's interval can reach below 0%, and 'service_level >= 0%' is
// met all the same.
func (t Target) Met(k *sim.KPI) bool {
	if !known(k) {
		return false
	}
	hw := k.HalfWidth
	if math.IsNaN(hw) {
		hw = 0
	}
	lo, hi := k.Mean-hw, k.Mean+hw
	if min, max, ok := sim.UnitRange(k.Unit); ok {
		lo, hi = math.Max(lo, min), math.Min(hi, max)
	}
	if t.Above { // KPI > limit, or >= limit when Inclusive
		return lo > t.Limit || t.Inclusive && lo == t.Limit
	}
	return hi < t.Limit || t.Inclusive && hi == t.Limit
}

// known reports whether k has a value to hold a target against. A KPI
// no customer reached (NaN, shown n/a) has none, so it meets no target:
// Met says so over the whole run, and the per-interval checks (see
// Problem.intervalFailures) count a target whose whole-run KPI is not
// known as failing, though no single interval has a value to fail.
func known(k *sim.KPI) bool { return k != nil && !math.IsNaN(k.Mean) }

// Shortfall is how far k's mean is from meeting the target, relative to
// the limit: positive when it falls short, infinite when undefined.
func (t Target) Shortfall(k *sim.KPI) float64 {
	if !known(k) {
		return math.Inf(1)
	}
	gap := k.Mean - t.Limit
	if t.Above {
		gap = -gap
	}
	return gap / math.Max(math.Abs(t.Limit), 1e-9)
}

// NotMet is "TARGET not met[ WHERE]: VALUE ± HW UNIT".
func (t Target) NotMet(e sim.Estimate, u sim.Unit, where string) string {
	if where != "" {
		where = " " + where
	}
	return fmt.Sprintf("%s not met%s: %s", t.Text, where, figures.Estimate(e, u))
}

// ParseTargets parses texts as ParseTarget does, stopping at the first
// that is wrong.
func ParseTargets(texts []string, m *sim.Model) ([]Target, error) {
	var out []Target
	for _, text := range texts {
		t, err := ParseTarget(text, m)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}
