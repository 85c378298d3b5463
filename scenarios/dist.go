package scenarios

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/sim"
	yaml "go.yaml.in/yaml/v4"
)

// distKinds lists the distributions a scenario can name, with their
// arguments, for error messages and docs/scenarios.md.
var distKinds = []string{
	"exponential(MEAN)", "lognormal(MEAN, SD)", "gamma(MEAN, SD)", "erlang(K, MEAN)",
	"triangular(MIN, MODE, MAX)", "uniform(MIN, MAX)", "deterministic(VALUE)",
	"empirical(V1, V2, ...)", "empirical(FILE.csv, COLUMN)",
}

// dist reads a distribution of durations such as "exponential(4m)" or
// "lognormal(8m, 3m)"; a bare duration is deterministic. allowNormal admits
// normal(MEAN, SD), whose values may be negative (punctuality).
func (d *decoder) dist(n *yaml.Node, path string, allowNormal bool) sim.Dist {
	s, ok := d.scalar(n, path)
	if !ok {
		return nil
	}
	dist, err := d.parseDist(s, allowNormal)
	if err != nil {
		d.errorf(n, path, "%v", err)
		return nil
	}
	if err := dist.Validate(); err != nil {
		d.errorf(n, path, "%s: %v", s, err)
		return nil
	}
	return dist
}

func (d *decoder) parseDist(s string, allowNormal bool) (sim.Dist, error) {
	open := strings.IndexByte(s, '(')
	if open < 0 {
		v, err := parseDuration(s)
		if err != nil {
			return nil, fmt.Errorf("%q is not a distribution; write one of %s (durations like 90s, 4m, 1.5h)", s, strings.Join(distKinds, ", "))
		}
		return sim.Deterministic{V: v}, nil
	}
	if !strings.HasSuffix(s, ")") {
		return nil, fmt.Errorf("%q: missing ')'; inside {...} or [...] a comma ends the value, so quote it: \"lognormal(8m, 4m)\"", s)
	}
	kind := strings.ToLower(strings.TrimSpace(s[:open]))
	var args []string
	for a := range strings.SplitSeq(s[open+1:len(s)-1], ",") {
		args = append(args, strings.TrimSpace(a))
	}
	want := func(k int, form string) error {
		if len(args) != k {
			return fmt.Errorf("%q: %s takes %d value(s): %s", s, kind, k, form)
		}
		return nil
	}
	durs := func() ([]float64, error) {
		out := make([]float64, len(args))
		for i, a := range args {
			v, err := parseDuration(a)
			if err != nil {
				return nil, fmt.Errorf("in %q: %v", s, err)
			}
			out[i] = v
		}
		return out, nil
	}
	switch kind {
	case "exponential", "exp":
		if err := want(1, "exponential(MEAN)"); err != nil {
			return nil, err
		}
		v, err := durs()
		if err != nil {
			return nil, err
		}
		return sim.Exponential{M: v[0]}, nil
	case "lognormal", "gamma":
		if err := want(2, kind+"(MEAN, SD)"); err != nil {
			return nil, err
		}
		v, err := durs()
		if err != nil {
			return nil, err
		}
		if kind == "gamma" {
			return sim.Gamma{M: v[0], SD: v[1]}, nil
		}
		return sim.LogNormal{M: v[0], SD: v[1]}, nil
	case "erlang":
		if err := want(2, "erlang(K, MEAN), K a whole number of phases"); err != nil {
			return nil, err
		}
		k, err := strconv.Atoi(args[0])
		if err != nil || k < 1 {
			return nil, fmt.Errorf("%q: the number of phases K must be a whole number >= 1", s)
		}
		m, err := parseDuration(args[1])
		if err != nil {
			return nil, fmt.Errorf("in %q: %v", s, err)
		}
		return sim.Erlang{K: k, M: m}, nil
	case "triangular":
		if err := want(3, "triangular(MIN, MODE, MAX)"); err != nil {
			return nil, err
		}
		v, err := durs()
		if err != nil {
			return nil, err
		}
		return sim.Triangular{Min: v[0], Mode: v[1], Max: v[2]}, nil
	case "uniform":
		if err := want(2, "uniform(MIN, MAX)"); err != nil {
			return nil, err
		}
		v, err := durs()
		if err != nil {
			return nil, err
		}
		return sim.Uniform{Min: v[0], Max: v[1]}, nil
	case "deterministic", "fixed", "constant":
		if err := want(1, "deterministic(VALUE)"); err != nil {
			return nil, err
		}
		v, err := durs()
		if err != nil {
			return nil, err
		}
		return sim.Deterministic{V: v[0]}, nil
	case "normal":
		if !allowNormal {
			return nil, fmt.Errorf("%q: a normal distribution can be negative, so it is only allowed for punctuality; use lognormal or gamma for durations", s)
		}
		if err := want(2, "normal(MEAN, SD), MEAN may be negative (early)"); err != nil {
			return nil, err
		}
		mean, err := parseSignedDuration(args[0])
		if err != nil {
			return nil, fmt.Errorf("in %q: %v", s, err)
		}
		sd, err := parseDuration(args[1])
		if err != nil {
			return nil, fmt.Errorf("in %q: %v", s, err)
		}
		return sim.Normal{M: mean, SD: sd}, nil
	case "empirical":
		if len(args) == 2 && strings.HasSuffix(strings.ToLower(args[0]), ".csv") {
			vals, err := d.data.column(args[0], args[1])
			if err != nil {
				return nil, err
			}
			return sim.Empirical{Values: vals}, nil
		}
		v, err := durs()
		if err != nil {
			return nil, err
		}
		return sim.Empirical{Values: v}, nil
	}
	return nil, fmt.Errorf("%q: unknown distribution %q; use one of %s", s, kind, strings.Join(distKinds, ", "))
}

func parseSignedDuration(s string) (float64, error) {
	if rest, ok := strings.CutPrefix(strings.TrimSpace(s), "-"); ok {
		v, err := parseDuration(rest)
		return -v, err
	}
	return parseDuration(s)
}
