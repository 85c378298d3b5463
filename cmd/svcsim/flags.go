package main

import (
	"errors"
	"fmt"
	"io"
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

// rangeKey annotates an int flag with its valid range (see intFlag).
const rangeKey = "svcsim-range"

// intFlag defines an int flag whose value, when given, must lie in
// [lo, hi]; parseFlags checks it.
func intFlag(fs *pflag.FlagSet, p *int, name, short string, value, lo, hi int, usage string) {
	fs.IntVarP(p, name, short, value, usage)
	fs.SetAnnotation(name, rangeKey, []string{strconv.Itoa(lo), strconv.Itoa(hi)})
}

// parseFlags parses args into fs and checks the ranges of its int flags.
// It returns help = true when -h or --help was given. A string flag given
// as ” (an unset shell variable, a stray quote) is a mistake: it would
// otherwise read as the flag left out (--pool ” staffed the stages, --out
// ” wrote nothing, both without a word).
func parseFlags(fs *pflag.FlagSet, args []string) (help bool, err error) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return true, nil
		}
		return false, usageErrorf("%s: %v (see 'svcsim %s --help')", fs.Name(), err, fs.Name())
	}
	if h, _ := fs.GetBool("help"); h {
		return true, nil
	}
	var empty []string
	fs.Visit(func(f *pflag.Flag) {
		if f.Value.Type() == "string" && f.Value.String() == "" {
			empty = append(empty, "--"+f.Name)
		}
		if r := f.Annotations[rangeKey]; len(r) == 2 && err == nil {
			lo, _ := strconv.Atoi(r[0])
			hi, _ := strconv.Atoi(r[1])
			if v, _ := strconv.Atoi(f.Value.String()); v < lo || v > hi {
				err = usageErrorf("%s: --%s must be between %d and %d (got %d)", fs.Name(), f.Name, lo, hi, v)
			}
		}
	})
	if len(empty) > 0 {
		return false, usageErrorf("%s: %s: empty value (got \"\"); valid: a value, or leave the flag out for its default (see 'svcsim %s --help')", fs.Name(), strings.Join(empty, ", "), fs.Name())
	}
	return false, err
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
	fs.Uint64Var(&s.seed, "seed", 0, help(
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
	fs.StringVar(&s.format, "format", formats[0], fmt.Sprintf("write %s as `%s`, %s", what, formats[0], orList(formats[1:])))
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

// orList is "a, b or c".
func orList(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}
