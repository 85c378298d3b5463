package main

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/sim"
)

// sharedFlags are the flags every simulating command has, defined once:
// name, shorthand, and the help for a command of one scenario (run) and
// of several (compare, batch, sweep, staff, plan). register binds them to
// runSettings' fields, in this order.
var sharedFlags = []struct {
	name, short string
	one, many   string
}{
	{"replications", "r",
		fmt.Sprintf("run `N` independent replications (1-%d; default: the scenario's, else %d)", sim.MaxReplications, sim.DefaultReplications),
		fmt.Sprintf("run `N` replications of every scenario (1-%d; default: the first scenario's, else %d)", sim.MaxReplications, sim.DefaultReplications)},
	{"seed", "",
		fmt.Sprintf("master random seed `N` (0 is a seed like any other; default: the scenario's seed: field, else %d)", defaultSeed),
		fmt.Sprintf("master random seed `N` (0 is a seed like any other), for every scenario (default: the scenario's seed: field, else %d)", defaultSeed)},
	{"jobs", "j",
		fmt.Sprintf("run replications on `N` workers (1-%d; default: the CPUs this task may use, see docs/cluster.md); results do not depend on it", maxJobs), ""},
	{"days", "",
		fmt.Sprintf("simulate `N` days (1-%d) instead of the scenario's days (the warm-up stays as it is)", sim.MaxDays),
		fmt.Sprintf("simulate `N` days (1-%d) instead of each scenario's days", sim.MaxDays)},
	{"max-in-system", "",
		fmt.Sprintf("stop with an error when `N` customers (1-%d) are in the system at once: the load exceeds capacity", maxInSystemHi),
		fmt.Sprintf("a run stops with an error when `N` customers (1-%d) are in the system at once: the load exceeds capacity", maxInSystemHi)},
	{"quiet", "q", "print no warnings and no progress on stderr", ""},
	{"allow-idle", "",
		"accept a scenario open on no day, or with a stage customers reach that never has staff (what-if runs)",
		"accept scenarios open on no day, or with a stage customers reach that never has staff (what-if runs)"},
}

// register defines the shared flags on fs, with the help of a command of
// several scenarios when many (see sharedFlags).
func (s *runSettings) register(fs *pflag.FlagSet, many bool) {
	s.fs = fs
	for _, f := range sharedFlags {
		usage := f.one
		if many && f.many != "" {
			usage = f.many
		}
		switch f.name {
		case "replications":
			fs.IntVarP(&s.replications, f.name, f.short, 0, usage)
		case "seed":
			fs.Uint64Var(&s.seed, f.name, 0, usage)
		case "jobs":
			fs.IntVarP(&s.jobs, f.name, f.short, 0, usage)
		case "days":
			fs.IntVar(&s.days, f.name, 0, usage)
		case "max-in-system":
			fs.IntVar(&s.maxInSystem, f.name, sim.DefaultMaxInSystem, usage)
		case "quiet":
			fs.BoolVarP(&s.quiet, f.name, f.short, false, usage)
		case "allow-idle":
			fs.BoolVar(&s.allowIdle, f.name, false, usage)
		}
	}
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
