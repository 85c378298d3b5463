package scenarios

import (
	"fmt"
	"strings"

	"github.com/svcsim/svcsim/sim"
	yaml "go.yaml.in/yaml/v4"
)

// alerts reads early-warning thresholds, each "KPI OP VALUE [per interval]"
// such as "booking.wait.p90 > 5m" or "nps < 20".
func (d *decoder) alerts(n *yaml.Node, m *sim.Model) []sim.Threshold {
	var (
		parsed []sim.Threshold
		at     []*yaml.Node
		paths  []string
	)
	for i, a := range d.list(n, "alerts") {
		path := fmt.Sprintf("alerts[%d]", i)
		s, ok := d.scalar(a, path)
		if !ok {
			continue
		}
		t, err := ParseThreshold(s)
		if err != nil {
			d.errorf(a, path, "%v", err)
			continue
		}
		parsed, at, paths = append(parsed, t), append(at, a), append(paths, path)
	}
	// Checked together: the model's KPI names are computed once, not per
	// alert. Each limit is kept in its KPI's unit ("> 2d" on a lead time
	// in days is 2, not 2880 minutes).
	var out []sim.Threshold
	resolved, errs := sim.ResolveThresholds(m, parsed)
	for i, err := range errs {
		if err != nil {
			d.errorf(at[i], paths[i], "%v", err)
			continue
		}
		out = append(out, resolved[i])
	}
	return out
}

// ParseThreshold reads "KPI OP VALUE [per interval]" with OP one of > >=
// < <=; VALUE may carry a duration unit or a % sign. The limit is as
// written (Given says in which unit: a duration in minutes, a percentage
// as a fraction); sim.ResolveThresholds puts it in its KPI's unit and
// refuses one that does not fit.
func ParseThreshold(s string) (sim.Threshold, error) {
	var t sim.Threshold
	rest := strings.TrimSpace(s)
	if r, ok := strings.CutSuffix(rest, "per interval"); ok {
		t.PerInterval, rest = true, strings.TrimSpace(r)
	}
	ops := []struct {
		op               string
		above, inclusive bool
	}{{">=", true, true}, {"<=", false, true}, {">", true, false}, {"<", false, false}}
	for _, o := range ops {
		kpi, val, ok := strings.Cut(rest, o.op)
		if !ok {
			continue
		}
		t.KPI, t.Above, t.Inclusive = strings.TrimSpace(kpi), o.above, o.inclusive
		val = strings.TrimSpace(val)
		t.Given = sim.Bare
		if strings.HasSuffix(val, "%") {
			t.Given = sim.Percent
		}
		v, err := parseNumber(val)
		if err != nil {
			if v, err = parseDuration(val); err != nil {
				return t, fmt.Errorf("%q: the limit %q is not a number; valid: a number, a share like 80%% or a duration like 2m", s, val)
			}
			t.Given = sim.Duration
		}
		t.Limit = v
		return t, nil
	}
	return t, fmt.Errorf("%q has no comparison; valid: KPI OP VALUE, e.g. \"booking.wait.p90 > 5m\" or \"nps < 20\" (OP one of >, >=, <, <=; add \"per interval\" to check every interval)", s)
}
