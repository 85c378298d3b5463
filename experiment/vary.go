package experiment

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// ParseVary reads a sweep's parameters, each "PATH=VALUES" with VALUES as
// Values reads them, into the paths and their values. A path given twice
// is an error, and so is a value given twice for a path, in any notation
// of the same number or duration (2 and 02, 90s and 1m30s): it would run
// the same grid points twice. A grid of more than MaxGridPoints combinations is
// ErrGridTooLarge.
func ParseVary(vary []string) (params []string, values [][]string, err error) {
	for _, v := range vary {
		path, spec, ok := strings.Cut(v, "=")
		if !ok || path == "" || spec == "" {
			return nil, nil, fmt.Errorf("%q: write PATH=VALUES, e.g. stages.booking.staff=2..6", v)
		}
		vals, err := Values(spec)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %v", path, err)
		}
		if err := distinct(vals); err != nil {
			return nil, nil, fmt.Errorf("%s: %v", path, err)
		}
		if slices.Contains(params, path) {
			return nil, nil, fmt.Errorf("%s: varied twice; give each path once, with all its values (%s=%s,...)", path, path, strings.Join(values[slices.Index(params, path)], ","))
		}
		params = append(params, path)
		values = append(values, vals)
	}
	if _, err := GridSize(values); err != nil {
		return nil, nil, err
	}
	return params, values, nil
}

// distinct returns an error naming the first value of vals that repeats
// an earlier one (see scenarios.ValueKey).
func distinct(vals []string) error {
	seen := make(map[string]string, len(vals))
	for _, v := range vals {
		k := scenarios.ValueKey(v)
		first, dup := seen[k]
		switch {
		case dup && first == v:
			return fmt.Errorf("%s is given twice; give each value once", v)
		case dup:
			return fmt.Errorf("%s is the same value as %s; give each value once", v, first)
		}
		seen[k] = v
	}
	return nil
}

// SweepKPIs are the KPIs a sweep shows by default: each stage's mean wait
// and service level, then NPS and the cost per day when r has them.
func SweepKPIs(r *sim.Results) []string {
	var kpis []string
	for _, st := range r.Stages {
		kpis = append(kpis, st+".wait.mean", st+".service_level")
	}
	for _, k := range []string{"nps", "cost.per_day"} {
		if r.KPI(k) != nil {
			kpis = append(kpis, k)
		}
	}
	return kpis
}

// PrecisionKPIs are the KPIs ExtendToPrecision watches by default: every
// stage's mean wait.
func PrecisionKPIs(r *sim.Results) []string {
	var kpis []string
	for _, st := range r.Stages {
		kpis = append(kpis, st+".wait.mean")
	}
	return kpis
}

// CheckKPIs refuses KPI names, as a command's --kpi flags give them,
// that m's results will not have or that repeat an earlier one (a table
// would show the column twice): known before anything runs. It names
// every such KPI, with examples of valid names; nil when all are fine.
// It costs one summary of an empty run of m.
func CheckKPIs(m *sim.Model, kpis []string) error {
	if len(kpis) == 0 {
		return nil
	}
	names := sim.KPINames(m)
	var problems []string
	seen := map[string]bool{}
	for _, k := range kpis {
		switch {
		case seen[k]:
			problems = append(problems, fmt.Sprintf("KPI given twice (got %q again); valid: each KPI once", k))
		case !slices.Contains(names, k):
			problems = append(problems, fmt.Sprintf("no such KPI (got %q); valid: one of the scenario's %d KPIs, such as %s ('svcsim run --format csv' lists them)", k, len(names), strings.Join(kpiExamples(names, k), ", ")))
		}
		seen[k] = true
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
}

// kpiExamples are up to three of names for a message about the unknown
// KPI k: those of k's stage (its first dotted part) when there are any,
// else the first names.
func kpiExamples(names []string, k string) []string {
	stage, _, _ := strings.Cut(k, ".")
	var out []string
	for _, n := range names {
		if strings.HasPrefix(n, stage+".") {
			out = append(out, n)
		}
	}
	if len(out) == 0 {
		out = names
	}
	return out[:min(3, len(out))]
}

// ParsePrecision reads a relative precision target for
// ExtendToPrecision: a share "0.05" or a percentage "5%", strictly
// between 0 and 1.
func ParsePrecision(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	if strings.HasSuffix(s, "%") {
		v /= 100
	}
	if err != nil || !(v > 0 && v < 1) {
		return 0, fmt.Errorf("%q is not a share like 5%% or 0.05", s)
	}
	return v, nil
}
