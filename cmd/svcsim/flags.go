package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/sim"
)

// Ranges of the numeric flags, documented in each flag's help and checked
// by parseFlags before anything is allocated.
const (
	maxJobs       = 1024
	maxShards     = experiment.MaxShards
	maxInSystemHi = 100_000_000 // about 20 GB of customer records
	maxStaffHi    = 100000
	maxEvalsHi    = 100000
	maxRoundsHi   = 1000
)

// newFlags returns a flag set for command name that reports errors instead
// of printing them and has a -h/--help flag.
func newFlags(name string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.SortFlags = false
	fs.BoolP("help", "h", false, "show this help")
	return fs
}

// intValue is an int flag read in base 10 only (pflag's own int flags
// read 010 as octal 8 and take 0x10) and checked against [lo, hi] as it
// is set.
type intValue struct {
	p      *int
	lo, hi int
}

func (v *intValue) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < v.lo || n > v.hi || strings.HasPrefix(s, "+") {
		return fmt.Errorf("must be a whole number from %d to %d (got %q)", v.lo, v.hi, s)
	}
	*v.p = n
	return nil
}

func (v *intValue) String() string { return strconv.Itoa(*v.p) }
func (v *intValue) Type() string   { return "int" }

// intFlag defines an int flag whose value, when given, must be a whole
// number in [lo, hi].
func intFlag(fs *pflag.FlagSet, p *int, name, short string, value, lo, hi int, usage string) {
	*p = value
	fs.VarP(&intValue{p, lo, hi}, name, short, usage)
}

// seedValue is --seed: any uint64, in base 10.
type seedValue struct{ p *uint64 }

func (v seedValue) Set(s string) error {
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return fmt.Errorf("must be a whole number from 0 to %d (got %q)", uint64(math.MaxUint64), s)
	}
	*v.p = n
	return nil
}

func (v seedValue) String() string { return strconv.FormatUint(*v.p, 10) }
func (v seedValue) Type() string   { return "uint64" }

// valueError is the usage error of a flag value pflag refused: what the
// flag takes, without Go's parsing errors.
func valueError(cmd string, e *pflag.InvalidValueError) error {
	f := e.GetFlag()
	why := fmt.Sprint(errors.Unwrap(e))
	switch f.Value.Type() {
	case "float64":
		why = fmt.Sprintf("must be a number (got %q)", e.GetValue())
	case "bool":
		why = fmt.Sprintf("must be true or false (got %q)", e.GetValue())
	case "duration":
		why = fmt.Sprintf("must be a duration like 90s, 5m or 1h30m (got %q)", e.GetValue())
	}
	return usageErrorf("%s: --%s %s", cmd, f.Name, why)
}

// parseFlags parses args into fs. It returns help = true when -h or
// --help was given. A string flag given as ” (an unset shell variable, a
// stray quote) is a mistake: it would otherwise read as the flag left out
// (--pool ” staffed the stages, --out ” wrote nothing, both without a
// word); so is one whose value is another flag (--out --charts made a
// folder called --charts).
func parseFlags(fs *pflag.FlagSet, args []string) (help bool, err error) {
	given := map[string]bool{}
	err = fs.ParseAll(args, func(f *pflag.Flag, value string) error {
		// A flag given twice would keep only its last value, silently.
		if t := f.Value.Type(); given[f.Name] && t != "stringArray" && t != "stringSlice" {
			return fmt.Errorf("--%s is given twice; give it once", f.Name)
		}
		given[f.Name] = true
		return fs.Set(f.Name, value)
	})
	if err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return true, nil
		}
		if ive, ok := errors.AsType[*pflag.InvalidValueError](err); ok {
			return false, valueError(fs.Name(), ive)
		}
		return false, usageErrorf("%s: %v (see 'svcsim %s --help')", fs.Name(), err, fs.Name())
	}
	if h, _ := fs.GetBool("help"); h {
		return true, nil
	}
	var empty []string
	fs.Visit(func(f *pflag.Flag) {
		var values []string
		switch f.Value.Type() {
		case "string":
			values = []string{f.Value.String()}
		case "stringArray":
			values, _ = fs.GetStringArray(f.Name)
		}
		for _, v := range values {
			switch {
			case v == "":
				empty = append(empty, "--"+f.Name)
			case err == nil && isFlag(fs, v):
				err = usageErrorf("%s: --%s: %q is a flag, not a value; give --%s a value (a path that starts with - can be written ./%s)", fs.Name(), f.Name, v, f.Name, v)
			}
		}
	})
	if len(empty) > 0 {
		return false, usageErrorf("%s: %s: empty value (got \"\"); valid: a value, or leave the flag out for its default (see 'svcsim %s --help')", fs.Name(), strings.Join(empty, ", "), fs.Name())
	}
	return false, err
}

// isFlag reports whether v names a flag of fs (--name or -x).
func isFlag(fs *pflag.FlagSet, v string) bool {
	name, ok := strings.CutPrefix(v, "--")
	if ok {
		name, _, _ = strings.Cut(name, "=")
		return fs.Lookup(name) != nil
	}
	return len(v) == 2 && v[0] == '-' && fs.ShorthandLookup(v[1:]) != nil
}

// register defines the flags every simulating command has, with the help
// of a command of several scenarios (compare, batch, sweep, staff, rota,
// plan) when many.
func (s *runSettings) register(fs *pflag.FlagSet, many bool) {
	s.fs = fs
	help := func(one, several string) string {
		if many {
			return several
		}
		return one
	}
	intFlag(fs, &s.replications, "replications", "r", 0, 1, sim.MaxReplications, help(
		fmt.Sprintf("run `N` independent replications (1-%d; default: the scenario's, else %d)", sim.MaxReplications, sim.DefaultReplications),
		fmt.Sprintf("run `N` replications of every scenario (1-%d; default: the first scenario's, else %d)", sim.MaxReplications, sim.DefaultReplications)))
	fs.Var(seedValue{&s.seed}, "seed", help(
		fmt.Sprintf("master random seed `N` (0 is a seed like any other; default: the scenario's seed: field, else %d)", experiment.DefaultSeed),
		fmt.Sprintf("master random seed `N` (0 is a seed like any other), for every scenario (default: the scenario's seed: field, else %d)", experiment.DefaultSeed)))
	intFlag(fs, &s.jobs, "jobs", "j", 0, 1, maxJobs,
		fmt.Sprintf("run replications on `N` workers (1-%d; default: the CPUs this task may use, see docs/cluster.md); results do not depend on it", maxJobs))
	intFlag(fs, &s.days, "days", "", 0, 1, sim.MaxDays, help(
		fmt.Sprintf("simulate `N` days (1-%d) instead of the scenario's days (the warm-up stays as it is)", sim.MaxDays),
		fmt.Sprintf("simulate `N` days (1-%d) instead of each scenario's days", sim.MaxDays)))
	intFlag(fs, &s.maxInSystem, "max-in-system", "", sim.DefaultMaxInSystem, 1, maxInSystemHi, help(
		fmt.Sprintf("stop with an error when `N` customers (1-%d) are in the system at once: the load exceeds capacity", maxInSystemHi),
		fmt.Sprintf("a run stops with an error when `N` customers (1-%d) are in the system at once: the load exceeds capacity", maxInSystemHi)))
	fs.BoolVarP(&s.quiet, "quiet", "q", false, "print no warnings and no progress on stderr")
	fs.BoolVar(&s.allowIdle, "allow-idle", false, help(
		"accept a scenario open on no day, or with a stage customers reach that never has staff (what-if runs)",
		"accept scenarios open on no day, or with a stage customers reach that never has staff (what-if runs)"))
}

// registerFormat defines --format: writing what in one of formats, the
// first the default.
func (s *runSettings) registerFormat(fs *pflag.FlagSet, what string, formats ...string) {
	s.formats = formats
	fs.StringVar(&s.format, "format", formats[0], fmt.Sprintf("write %s as `FORMAT`: %s (default), %s", what, formats[0], orList(formats[1:])))
}

// checkFormat checks --format against the formats registerFormat gave.
func (s *runSettings) checkFormat(cmd string) error {
	for _, f := range s.formats {
		if s.format == f {
			return nil
		}
	}
	return usageErrorf("%s: --format must be %s (got %q)", cmd, orList(s.formats), s.format)
}

// onlyWith refuses flags given where they would do nothing: any of names
// given while ok is false is a usage mistake, said with why.
func onlyWith(fs *pflag.FlagSet, ok bool, why string, names ...string) error {
	for _, n := range names {
		if !ok && fs.Changed(n) {
			return usageErrorf("%s: --%s does nothing %s", fs.Name(), n, why)
		}
	}
	return nil
}

// orList is "a, b or c".
func orList(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}
