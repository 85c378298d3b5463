package scenarios

import (
	"errors"
	"fmt"
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

// parseDist reads a distribution: a bare duration (deterministic) or
// KIND(ARGS), see distKinds.
func (d *decoder) parseDist(s string, allowNormal bool) (sim.Dist, error) {
	open := strings.IndexByte(s, '(')
	if open < 0 {
		v, err := parseDuration(s)
		if err != nil {
			return nil, fmt.Errorf("%q is not a distribution; valid: one of %s, or a duration such as 90s, 4m, 1.5h", s, strings.Join(distKinds, ", "))
		}
		return sim.Deterministic{V: v}, nil
	}
	if !strings.HasSuffix(s, ")") {
		return nil, fmt.Errorf("%q: missing ')'; inside {...} or [...] a comma ends the value, so quote it: \"lognormal(8m, 4m)\"", s)
	}
	c := distCall{s: s, kind: strings.ToLower(strings.TrimSpace(s[:open]))}
	for a := range strings.SplitSeq(s[open+1:len(s)-1], ",") {
		c.args = append(c.args, strings.TrimSpace(a))
	}
	if form, ok := durationDists[c.kind]; ok {
		if err := c.want(form.n, form.usage); err != nil {
			return nil, err
		}
		v, err := c.durs()
		if err != nil {
			return nil, err
		}
		return form.make(v), nil
	}
	switch c.kind {
	case "erlang":
		return c.erlang()
	case "normal":
		if !allowNormal {
			return nil, fmt.Errorf("%q: a normal distribution can be negative, so it is only allowed for punctuality; use lognormal or gamma for durations", s)
		}
		return c.normal()
	case "empirical":
		if len(c.args) == 2 && strings.HasSuffix(strings.ToLower(c.args[0]), ".csv") {
			vals, err := d.data.column(c.args[0], c.args[1])
			if err != nil {
				return nil, err
			}
			return sim.Empirical{Values: vals}, nil
		}
		v, err := c.durs()
		if err != nil {
			return nil, err
		}
		return sim.Empirical{Values: v}, nil
	}
	return nil, fmt.Errorf("%q: unknown distribution %q; valid: one of %s", s, c.kind, strings.Join(distKinds, ", "))
}

// distForm is a distribution whose arguments are n durations.
type distForm struct {
	n     int
	usage string
	make  func(v []float64) sim.Dist
}

// durationDists are the distributions of durations only, by the names a
// file may give them.
var durationDists = map[string]distForm{
	"exponential":   {1, "exponential(MEAN)", func(v []float64) sim.Dist { return sim.Exponential{M: v[0]} }},
	"exp":           {1, "exponential(MEAN)", func(v []float64) sim.Dist { return sim.Exponential{M: v[0]} }},
	"lognormal":     {2, "lognormal(MEAN, SD)", func(v []float64) sim.Dist { return sim.LogNormal{M: v[0], SD: v[1]} }},
	"gamma":         {2, "gamma(MEAN, SD)", func(v []float64) sim.Dist { return sim.Gamma{M: v[0], SD: v[1]} }},
	"triangular":    {3, "triangular(MIN, MODE, MAX)", func(v []float64) sim.Dist { return sim.Triangular{Min: v[0], Mode: v[1], Max: v[2]} }},
	"uniform":       {2, "uniform(MIN, MAX)", func(v []float64) sim.Dist { return sim.Uniform{Min: v[0], Max: v[1]} }},
	"deterministic": {1, "deterministic(VALUE)", func(v []float64) sim.Dist { return sim.Deterministic{V: v[0]} }},
	"fixed":         {1, "deterministic(VALUE)", func(v []float64) sim.Dist { return sim.Deterministic{V: v[0]} }},
	"constant":      {1, "deterministic(VALUE)", func(v []float64) sim.Dist { return sim.Deterministic{V: v[0]} }},
}

// distCall is a distribution as written, KIND(ARGS), split up.
type distCall struct {
	s, kind string
	args    []string
}

// want checks that the call has k arguments, as form shows.
func (c *distCall) want(k int, form string) error {
	if len(c.args) != k {
		return fmt.Errorf("%q: %s takes %d value(s) (got %d); valid: %s", c.s, c.kind, k, len(c.args), form)
	}
	return nil
}

// durs reads every argument as a duration (minutes).
func (c *distCall) durs() ([]float64, error) {
	out := make([]float64, len(c.args))
	for i, a := range c.args {
		v, err := parseDuration(a)
		if err != nil {
			return nil, fmt.Errorf("in %q: %v", c.s, err)
		}
		out[i] = v
	}
	return out, nil
}

// maxErlangPhases bounds erlang's K: with a million phases the service
// time is its mean to within 0.1%, so more would only hide a typo.
const maxErlangPhases = 1000000

// erlang reads erlang(K, MEAN).
func (c *distCall) erlang() (sim.Dist, error) {
	if err := c.want(2, "erlang(K, MEAN), K a whole number of phases"); err != nil {
		return nil, err
	}
	k, err := wholeIn(c.args[0], 1, maxErlangPhases)
	if re, ok := errors.AsType[*RangeError](err); ok {
		return nil, fmt.Errorf("%q: the number of phases K: %v", c.s, re)
	}
	if err != nil {
		return nil, fmt.Errorf("%q: the number of phases K must be a whole number (got %q); valid: 1\u2013%d", c.s, c.args[0], maxErlangPhases)
	}
	m, err := parseDuration(c.args[1])
	if err != nil {
		return nil, fmt.Errorf("in %q: %v", c.s, err)
	}
	return sim.Erlang{K: int(k), M: m}, nil
}

// normal reads normal(MEAN, SD), whose mean may be negative.
func (c *distCall) normal() (sim.Dist, error) {
	if err := c.want(2, "normal(MEAN, SD), MEAN may be negative (early)"); err != nil {
		return nil, err
	}
	mean, err := parseSignedDuration(c.args[0])
	if err != nil {
		return nil, fmt.Errorf("in %q: %v", c.s, err)
	}
	sd, err := parseDuration(c.args[1])
	if err != nil {
		return nil, fmt.Errorf("in %q: %v", c.s, err)
	}
	return sim.Normal{M: mean, SD: sd}, nil
}

// parseSignedDuration reads a duration that may be negative ("-5m").
func parseSignedDuration(s string) (float64, error) {
	if rest, ok := strings.CutPrefix(strings.TrimSpace(s), "-"); ok {
		v, err := parseDuration(rest)
		return -v, err
	}
	return parseDuration(s)
}
