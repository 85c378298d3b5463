package simflags

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/internal/buildinfo"
	"github.com/svcsim/svcsim/internal/cmdline"
	"github.com/svcsim/svcsim/jobarray"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// Ranges of the shared numeric flags, documented in each flag's help and
// checked as the flags are parsed, before anything is allocated.
const (
	MaxJobs = 1024
	// MaxInSystem bounds --max-in-system: a customer in the system, with
	// its events and queue entry, takes about 400 bytes, so the bound is
	// about 4 GB per worker. At 100,000,000 (an earlier bound) a run
	// that reached it died out of memory with a stack dump.
	MaxInSystem = 10_000_000
)

// Settings are the flags every simulating command shares. An experiment
// runs several scenarios with one master seed and one number of
// replications, so that replication i of every scenario sees the same
// customers wherever the scenarios allow (common random numbers).
type Settings struct {
	fs           *pflag.FlagSet
	Replications int
	seed         uint64
	jobs         int
	Days         int
	MaxInSystem  int
	allowIdle    bool
	Quiet        bool
	// Out is the --out folder, which each command defines with its own
	// help; "" for none.
	Out     string
	Format  string
	formats []string // the values --format takes
	Outputs Outputs
	Shard   Shard
	// Writes are the result-set files the command writes into --out
	// (RunFiles, RotaFiles): Resolve refuses, before any work, an --out
	// where one of them would replace a file svcsim did not write or one
	// the command reads. Job checks an experiment's own.
	Writes []string
	inputs []string // the files Resolve read
}

// The result-set files a command writes into --out.
var (
	RunFiles        = []string{"summary.json", "summary.csv", "intervals.csv", "pool_intervals.csv"}
	RotaFiles       = append(RunFiles[:len(RunFiles):len(RunFiles)], "roster.csv", "shifts.csv", "scenario.yaml")
	experimentFiles = []string{"replications.csv", "summary.csv", "intervals.csv", "pool_intervals.csv", "results.json", "manifest.json"}
)

// Register defines the flags every simulating command has on fs, with
// the help of a command of several scenarios (compare, batch, sweep,
// staff, rota, plan) when many.
func (s *Settings) Register(fs *pflag.FlagSet, many bool) {
	s.fs = fs
	help := func(one, several string) string {
		if many {
			return several
		}
		return one
	}
	cmdline.IntVar(fs, &s.Replications, "replications", "r", 0, 1, sim.MaxReplications, help(
		fmt.Sprintf("run `N` independent replications (1-%d; default: the scenario's, else %d)", sim.MaxReplications, sim.DefaultReplications),
		fmt.Sprintf("run `N` replications of every scenario (1-%d; default: the first scenario's, else %d)", sim.MaxReplications, sim.DefaultReplications)))
	cmdline.Uint64Var(fs, &s.seed, "seed", help(
		fmt.Sprintf("master random seed `N` (0 is a seed like any other; default: the scenario's seed: field, else %d)", experiment.DefaultSeed),
		fmt.Sprintf("master random seed `N` (0 is a seed like any other), for every scenario (default: the scenario's seed: field, else %d)", experiment.DefaultSeed)))
	cmdline.IntVar(fs, &s.jobs, "jobs", "j", 0, 1, MaxJobs,
		fmt.Sprintf("run replications on `N` workers (1-%d; default: the CPUs this task may use, see docs/cluster.md); results do not depend on it", MaxJobs))
	cmdline.IntVar(fs, &s.Days, "days", "", 0, 1, sim.MaxDays, help(
		fmt.Sprintf("simulate `N` days (1-%d) instead of the scenario's days (the warm-up stays as it is)", sim.MaxDays),
		fmt.Sprintf("simulate `N` days (1-%d) instead of each scenario's days", sim.MaxDays)))
	cmdline.IntVar(fs, &s.MaxInSystem, "max-in-system", "", sim.DefaultMaxInSystem, 1, MaxInSystem, help(
		fmt.Sprintf("stop with an error when `N` customers (1-%d; about 400 bytes each, per worker) are in the system at once: the load exceeds capacity", MaxInSystem),
		fmt.Sprintf("a run stops with an error when `N` customers (1-%d; about 400 bytes each, per worker) are in the system at once: the load exceeds capacity", MaxInSystem)))
	fs.BoolVarP(&s.Quiet, "quiet", "q", false, "print no warnings and no progress on stderr")
	fs.BoolVar(&s.allowIdle, "allow-idle", false, help(
		"accept a scenario open on no day the run measures, or with a stage customers reach that never has staff (what-if runs)",
		"accept scenarios open on no day the run measures, or with a stage customers reach that never has staff (what-if runs)"))
}

// RegisterFormat defines --format: writing what in one of formats, the
// first the default.
func (s *Settings) RegisterFormat(fs *pflag.FlagSet, what string, formats ...string) {
	s.formats = formats
	cmdline.EnumVar(fs, &s.Format, "format", formats[0], formats, fmt.Sprintf("write %s as `FORMAT`: %s (default), %s", what, formats[0], cmdline.OrList(formats[1:])))
}

// CheckFormat checks --format against the formats RegisterFormat gave
// (the flag refuses others as it is set; this guards a Format set in
// code).
func (s *Settings) CheckFormat(cmd string) error {
	for _, f := range s.formats {
		if s.Format == f {
			return nil
		}
	}
	return cmdline.Usagef("%s: --format: unknown format (got %q); valid: %s", cmd, s.Format, strings.Join(s.formats, ", "))
}

// LoadOptions are the options scenario files are read with.
func (s *Settings) LoadOptions() scenarios.Options {
	return scenarios.Options{AllowIdle: s.allowIdle}
}

// Check checks the combinations of the shared flags of command cmd and
// reads the shard flags.
func (s *Settings) Check(cmd string) error {
	if err := s.Outputs.Check(cmd, s.Out); err != nil {
		return err
	}
	if err := s.Shard.resolve(cmd); err != nil {
		return err
	}
	if s.Sharded() && s.Out == "" {
		return cmdline.Usagef("%s: a shard writes a part file: give --out DIR", cmd)
	}
	if s.Sharded() && s.Outputs.Any() {
		return cmdline.Usagef("%s: draw charts, the report and the workbook after 'svcsim merge', not per shard", cmd)
	}
	return nil
}

// Sharded reports whether this command runs one shard of the work; Check
// first.
func (s *Settings) Sharded() bool { return s.Shard.n > 0 }

// Options returns the run options of an experiment whose first scenario
// is first: its replications and seed unless the flags give them.
func (s *Settings) Options(first *scenarios.Scenario) experiment.Options {
	return experiment.Options{Options: sim.Options{Replications: cmp.Or(s.Replications, experiment.ReplicationsOf(first)),
		Seed: s.SeedFor(first), Workers: cmp.Or(s.jobs, jobarray.CPUs())},
		Days: s.Days, MaxInSystem: s.MaxInSystem, Version: buildinfo.Version()}
}

// SeedFor is the master seed to run sc with: --seed when given (0
// included), else the scenario's (experiment.SeedOf).
func (s *Settings) SeedFor(sc *scenarios.Scenario) uint64 {
	if s.fs != nil && s.fs.Changed("seed") {
		return s.seed
	}
	return experiment.SeedOf(sc)
}
