package cmdline

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
)

// validDuration is what a duration flag takes, for errors.
const validDuration = "a duration like 90s, 5m or 1h30m"

// durationValue is a time.Duration flag in time.ParseDuration's syntax,
// each unit at most once, checked against [lo, hi] as it is set. "-0s"
// is 0, as any other way of writing zero.
type durationValue struct {
	p      *time.Duration
	lo, hi time.Duration
}

func (v *durationValue) Set(s string) error {
	if u := repeatedUnit(s); u != "" {
		// time.ParseDuration adds them up: 1h1h is 2h, most likely a typo.
		return &valueErr{"repeats the unit " + strconv.Quote(u), s, validDuration + ", each unit once"}
	}
	d, err := time.ParseDuration(s)
	switch {
	case err != nil && durationSyntax(s):
		// Well formed but past time.Duration's 292 years.
		return &valueErr{"out of range", s, v.valid()}
	case err != nil:
		return &valueErr{"not a duration", s, validDuration}
	case d < v.lo || d > v.hi:
		return &valueErr{"out of range", s, v.valid()}
	}
	*v.p = d
	return nil
}

func (v *durationValue) valid() string {
	// The largest Duration's nanoseconds are noise in a message.
	return fmt.Sprintf("a duration from %s to %s", shortDuration(v.lo), shortDuration(v.hi.Truncate(time.Second)))
}

// shortDuration is d as Duration.String writes it without its trailing
// zero units: 8760h, not 8760h0m0s.
func shortDuration(d time.Duration) string {
	s := d.String()
	if t, ok := strings.CutSuffix(s, "m0s"); ok {
		s = t + "m"
	}
	if t, ok := strings.CutSuffix(s, "h0m"); ok {
		s = t + "h"
	}
	return s
}

func (v *durationValue) String() string { return v.p.String() }
func (v *durationValue) Type() string   { return "duration" }

// DurationVar defines a duration flag whose value, when given, is read
// by time.ParseDuration ("90s", "1h30m") with each unit at most once, and
// must be in [lo, hi]; say in usage what 0 means, if lo is 0.
func DurationVar(fs *pflag.FlagSet, p *time.Duration, name string, value, lo, hi time.Duration, usage string) {
	*p = value
	fs.Var(&durationValue{p, lo, hi}, name, usage)
	if value == 0 {
		// As for pflag's own durations, help shows no "(default 0s)".
		fs.Lookup(name).DefValue = "0"
	}
}

// durationUnits are time.ParseDuration's units, longest first so that
// "ms" is not read as "m".
var durationUnits = []string{"ns", "us", "µs", "μs", "ms", "h", "m", "s"}

// scanDuration splits s, in time.ParseDuration's syntax without its
// sign, into its units; ok is false when s is not in that syntax.
func scanDuration(s string) (units []string, ok bool) {
	s = strings.TrimLeft(s, "+-")
	if s == "0" {
		return nil, true
	}
	if s == "" {
		return nil, false
	}
	for s != "" {
		i := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
		if i < 0 || s[:i] == "" || s[:i] == "." || strings.Count(s[:i], ".") > 1 {
			return nil, false
		}
		s = s[i:]
		found := false
		for _, u := range durationUnits {
			if rest, ok := strings.CutPrefix(s, u); ok {
				units, s, found = append(units, u), rest, true
				break
			}
		}
		if !found {
			return nil, false
		}
	}
	return units, true
}

// durationSyntax reports whether s is a duration in time.ParseDuration's
// syntax, whatever its size.
func durationSyntax(s string) bool {
	_, ok := scanDuration(s)
	return ok
}

// repeatedUnit is the first unit s gives twice ("h" in "1h1h"), or "".
// µs and μs (micro sign and Greek mu) and us are one unit.
func repeatedUnit(s string) string {
	units, _ := scanDuration(s)
	seen := map[string]bool{}
	for _, u := range units {
		k := u
		if k == "µs" || k == "μs" {
			k = "us"
		}
		if seen[k] {
			return u
		}
		seen[k] = true
	}
	return ""
}
