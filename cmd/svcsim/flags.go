package main

import (
	"fmt"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/internal/cmdline"
	"github.com/svcsim/svcsim/sim"
)

// Ranges of the numeric flags, documented in each flag's help and checked
// by parseFlags before anything is allocated.
const (
	maxJobs   = 1024
	maxShards = experiment.MaxShards
	// maxInSystemHi bounds --max-in-system: a customer in the system,
	// with its events and queue entry, takes about 400 bytes, so the
	// bound is about 4 GB per worker. At 100,000,000 (the earlier bound)
	// a run that reached it died out of memory with a stack dump.
	maxInSystemHi = 10_000_000
	maxStaffHi    = 100000
	maxEvalsHi    = 100000
	maxRoundsHi   = 1000
)

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
	cmdline.IntVar(fs, &s.replications, "replications", "r", 0, 1, sim.MaxReplications, help(
		fmt.Sprintf("run `N` independent replications (1-%d; default: the scenario's, else %d)", sim.MaxReplications, sim.DefaultReplications),
		fmt.Sprintf("run `N` replications of every scenario (1-%d; default: the first scenario's, else %d)", sim.MaxReplications, sim.DefaultReplications)))
	cmdline.Uint64Var(fs, &s.seed, "seed", help(
		fmt.Sprintf("master random seed `N` (0 is a seed like any other; default: the scenario's seed: field, else %d)", experiment.DefaultSeed),
		fmt.Sprintf("master random seed `N` (0 is a seed like any other), for every scenario (default: the scenario's seed: field, else %d)", experiment.DefaultSeed)))
	cmdline.IntVar(fs, &s.jobs, "jobs", "j", 0, 1, maxJobs,
		fmt.Sprintf("run replications on `N` workers (1-%d; default: the CPUs this task may use, see docs/cluster.md); results do not depend on it", maxJobs))
	cmdline.IntVar(fs, &s.days, "days", "", 0, 1, sim.MaxDays, help(
		fmt.Sprintf("simulate `N` days (1-%d) instead of the scenario's days (the warm-up stays as it is)", sim.MaxDays),
		fmt.Sprintf("simulate `N` days (1-%d) instead of each scenario's days", sim.MaxDays)))
	cmdline.IntVar(fs, &s.maxInSystem, "max-in-system", "", sim.DefaultMaxInSystem, 1, maxInSystemHi, help(
		fmt.Sprintf("stop with an error when `N` customers (1-%d; about 400 bytes each, per worker) are in the system at once: the load exceeds capacity", maxInSystemHi),
		fmt.Sprintf("a run stops with an error when `N` customers (1-%d; about 400 bytes each, per worker) are in the system at once: the load exceeds capacity", maxInSystemHi)))
	fs.BoolVarP(&s.quiet, "quiet", "q", false, "print no warnings and no progress on stderr")
	fs.BoolVar(&s.allowIdle, "allow-idle", false, help(
		"accept a scenario open on no day, or with a stage customers reach that never has staff (what-if runs)",
		"accept scenarios open on no day, or with a stage customers reach that never has staff (what-if runs)"))
}

// registerFormat defines --format: writing what in one of formats, the
// first the default.
func (s *runSettings) registerFormat(fs *pflag.FlagSet, what string, formats ...string) {
	s.formats = formats
	fs.StringVar(&s.format, "format", formats[0], fmt.Sprintf("write %s as `FORMAT`: %s (default), %s", what, formats[0], cmdline.OrList(formats[1:])))
}

// checkFormat checks --format against the formats registerFormat gave.
func (s *runSettings) checkFormat(cmd string) error {
	for _, f := range s.formats {
		if s.format == f {
			return nil
		}
	}
	return cmdline.Usagef("%s: --format must be %s (got %q)", cmd, cmdline.OrList(s.formats), s.format)
}
