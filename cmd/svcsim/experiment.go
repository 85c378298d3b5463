package main

import (
	"cmp"
	"context"
	"fmt"
	"io"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/jobarray"
	"github.com/svcsim/svcsim/progress"
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// An experiment runs several scenarios with one master seed and one number
// of replications, so that replication i of every scenario sees the same
// customers wherever the scenarios allow (common random numbers): compare,
// batch, sweep and staff are all experiments.

// runSettings are the flags every experiment shares.
type runSettings struct {
	fs           *pflag.FlagSet
	replications int
	seed         uint64
	jobs         int
	days         int
	maxInSystem  int
	allowIdle    bool
	quiet        bool
	out          string
	format       string
	formats      []string // the values --format takes
	outputs      outputs
	shard        shardSpec
}

// loadOptions are the options scenario files are read with.
func (s *runSettings) loadOptions() scenarios.Options {
	return scenarios.Options{AllowIdle: s.allowIdle}
}

func (s *runSettings) check(fs *pflag.FlagSet, cmd string) error {
	if err := s.outputs.check(cmd, s.out); err != nil {
		return err
	}
	if err := s.shard.resolve(cmd); err != nil {
		return err
	}
	if s.shard.n > 0 && s.out == "" {
		return usageErrorf("%s: a shard writes a part file: give --out DIR", cmd)
	}
	if s.shard.n > 0 && s.outputs.any() {
		return usageErrorf("%s: draw charts, the report and the workbook after 'svcsim merge', not per shard", cmd)
	}
	return s.checkRanges(fs, cmd)
}

// checkRanges checks the numeric flags against their documented ranges.
func (s *runSettings) checkRanges(fs *pflag.FlagSet, cmd string) error {
	if err := checkRanges(fs, cmd); err != nil {
		return err
	}
	s.jobs = cmp.Or(s.jobs, jobarray.CPUs())
	return nil
}

// checkRanges checks the flags every simulating command has against
// their documented ranges.
func checkRanges(fs *pflag.FlagSet, cmd string) error {
	for _, f := range []struct {
		name   string
		lo, hi int
	}{{"replications", 1, sim.MaxReplications}, {"jobs", 1, maxJobs}, {"days", 1, sim.MaxDays}, {"max-in-system", 1, maxInSystemHi}} {
		if err := checkIntFlag(fs, cmd, f.name, f.lo, f.hi); err != nil {
			return err
		}
	}
	return nil
}

// options returns the run options of an experiment whose first scenario
// is first: its replications and seed unless the flags give them.
func (s *runSettings) options(first *scenarios.Scenario) experiment.Options {
	opt := experiment.Options{Options: sim.Options{Replications: s.replications, Seed: s.seedFor(first), Workers: s.jobs},
		Days: s.days, MaxInSystem: s.maxInSystem, Version: version()}
	if opt.Replications == 0 {
		opt.Replications = cmp.Or(first.Replications, sim.DefaultReplications)
	}
	return opt
}

// seedFor is the master seed to run sc with: --seed when given (0
// included), else the scenario's own seed: (0 included), else
// defaultSeed.
func (s *runSettings) seedFor(sc *scenarios.Scenario) uint64 {
	return scenarioSeed(s.fs != nil && s.fs.Changed("seed"), s.seed, sc)
}

// scenarioSeed is the seed rule of every command: a seed given on the
// command line, else the scenario's, else defaultSeed.
func scenarioSeed(flagGiven bool, flag uint64, sc *scenarios.Scenario) uint64 {
	switch {
	case flagGiven:
		return flag
	case sc != nil && sc.SeedSet:
		return sc.Seed
	}
	return defaultSeed
}

// prepare makes the --out directory, when given, before anything runs,
// so that an experiment fails early rather than after simulating.
func (s *runSettings) prepare() (*resultset.Dir, error) {
	if s.out == "" {
		return nil, nil
	}
	dir, err := resultset.Prepare(s.out)
	if err != nil {
		return nil, fmt.Errorf("--out: %w", err)
	}
	return dir, nil
}

// write writes the experiment's folder into dir, when there is one, with
// its charts and report when asked.
func (s *runSettings) write(ctx context.Context, dir *resultset.Dir, command string, params []string, pts []*experiment.Point, opt experiment.Options, stdout, stderr io.Writer) error {
	if dir == nil {
		return nil
	}
	if err := writeExperiment(ctx, dir, command, params, pts, opt); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return nil
	}
	return s.outputs.write(ctx, s.out, stdout, stderr)
}

// runPoints runs the points with experiment.Run, showing progress on
// stderr unless --quiet.
func runPoints(ctx context.Context, pts []*experiment.Point, s *runSettings, opt experiment.Options, stderr io.Writer) {
	bar := progress.New(stderr, len(pts)*opt.Replications, s.quiet)
	defer bar.Finish()
	opt.Progress = bar.Update
	experiment.Run(ctx, pts, opt)
}

// writeExperiment writes the tidy outputs of an experiment into dir, all
// together (see resultset.Experiment.Files).
func writeExperiment(ctx context.Context, dir *resultset.Dir, command string, params []string, pts []*experiment.Point, opt experiment.Options) error {
	files, err := experiment.ResultSet(version(), command, params, pts, opt).Files()
	if err != nil {
		return err
	}
	if err := dir.Write(context.WithoutCancel(ctx), files...); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	return nil
}
