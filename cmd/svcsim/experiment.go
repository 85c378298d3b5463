package main

import (
	"cmp"
	"context"
	"fmt"
	"io"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/internal/buildinfo"
	"github.com/svcsim/svcsim/internal/cmdline"
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

func (s *runSettings) check(cmd string) error {
	if err := s.outputs.check(cmd, s.out); err != nil {
		return err
	}
	if err := s.shard.resolve(cmd); err != nil {
		return err
	}
	if s.shard.n > 0 && s.out == "" {
		return cmdline.Usagef("%s: a shard writes a part file: give --out DIR", cmd)
	}
	if s.shard.n > 0 && s.outputs.any() {
		return cmdline.Usagef("%s: draw charts, the report and the workbook after 'svcsim merge', not per shard", cmd)
	}
	return nil
}

// options returns the run options of an experiment whose first scenario
// is first: its replications and seed unless the flags give them.
func (s *runSettings) options(first *scenarios.Scenario) experiment.Options {
	return experiment.Options{Options: sim.Options{Replications: cmp.Or(s.replications, experiment.ReplicationsOf(first)),
		Seed: s.seedFor(first), Workers: cmp.Or(s.jobs, jobarray.CPUs())},
		Days: s.days, MaxInSystem: s.maxInSystem, Version: buildinfo.Version()}
}

// seedFor is the master seed to run sc with: --seed when given (0
// included), else the scenario's (experiment.SeedOf).
func (s *runSettings) seedFor(sc *scenarios.Scenario) uint64 {
	if s.fs != nil && s.fs.Changed("seed") {
		return s.seed
	}
	return experiment.SeedOf(sc)
}

// job prepares the experiment command over pts, whose first valid
// scenario is first: its options, and its --out folder, made now so that
// an experiment fails early rather than after simulating.
func (s *runSettings) job(command string, params []string, pts []*experiment.Point, first *scenarios.Scenario) (*experiment.Job, error) {
	j := &experiment.Job{Points: pts, Options: s.options(first), Command: command, Params: params, Version: buildinfo.Version()}
	if s.out != "" {
		dir, err := resultset.Prepare(s.out)
		if err != nil {
			return nil, fmt.Errorf("--out: %w", err)
		}
		j.Dir = dir
	}
	return j, nil
}

// run runs j with progress on stderr unless --quiet; with --shard, only
// this shard's units, into a part file (sharded: nothing more to do).
func (s *runSettings) run(ctx context.Context, j *experiment.Job, stderr io.Writer) (sharded bool, err error) {
	if s.shard.n > 0 {
		return true, runShard(ctx, j, s, stderr)
	}
	bar := progress.New(stderr, len(j.Points)*j.Options.Replications, s.quiet)
	j.Options.Progress = bar.Update
	err = j.Run(ctx)
	bar.Finish()
	j.Options.Progress = nil
	for _, p := range j.Points {
		if p.Results != nil && !s.quiet {
			for _, w := range p.Results.EndWarnings() {
				fmt.Fprintf(stderr, "warning: %s: %s\n", p.Name, w)
			}
		}
	}
	return false, err
}

// write writes j's folder, when it has one, with its charts, report and
// workbook when asked.
func (s *runSettings) write(ctx context.Context, j *experiment.Job, stdout, stderr io.Writer) error {
	if j.Dir == nil {
		return nil
	}
	if err := j.Write(ctx); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return nil
	}
	return s.outputs.write(ctx, s.out, stdout, stderr)
}

// tidy removes j's folder again if the command made it and it is still
// empty: a command that failed before writing leaves nothing behind.
func tidy(j *experiment.Job) {
	if j.Dir != nil {
		j.Dir.Discard()
	}
}

// checkKPIs refuses --kpi names that m's results have no KPI for, before
// anything runs.
func checkKPIs(cmd string, m *sim.Model, kpis []string) error {
	if k := experiment.UnknownKPI(m, kpis); k != "" {
		return cmdline.Usagef("%s: --kpi %s: no such KPI (see 'svcsim run --format csv' for the names)", cmd, k)
	}
	return nil
}
