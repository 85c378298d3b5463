package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/internal/buildinfo"
	"github.com/svcsim/svcsim/internal/cmdline"
	"github.com/svcsim/svcsim/progress"
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/scenarios"
)

// Sharding splits an experiment's work units — one replication of one
// scenario — over machines: unit u (scenario-major: scenario s,
// replication r is u = s × replications + r) goes to shard u mod n. Each
// shard writes a part file with its units' raw statistics and every
// scenario's model; 'svcsim merge' checks that every unit is present once
// and writes the same files as a run on one machine.

// runShard runs this shard's units of j's points, on its Workers
// goroutines, and writes its part file into its folder.
func runShard(ctx context.Context, j *experiment.Job, s *runSettings, stderr io.Writer) error {
	sh, opt := s.shard, j.Options
	if err := experiment.CheckPlan(sh.planned, sh.plan, j.Points, opt); err != nil {
		return cmdline.Usagef("%v", err)
	}
	var bar *progress.Bar
	opt.Progress = func(name string, n int) { bar.Update(name, n) }
	w := experiment.NewShard(j.Points, opt, sh.i, sh.n, j.Command, j.Params)
	if !s.quiet {
		fmt.Fprintf(stderr, "svcsim: shard %d of %d: %d of %d work units on %d worker(s)\n",
			sh.i, sh.n, w.Units(), len(j.Points)*opt.Replications, w.Workers())
	}
	bar = progress.New(stderr, w.Units(), s.quiet)
	defer bar.Finish()
	return w.RunInto(ctx, j.Dir)
}

// experimentCommand is the part of a command line that names the work,
// without where it goes (--out) or which shard runs it, so that a merged
// manifest equals an unsharded one.
func experimentCommand(name string, args []string, vary []string) string {
	parts := append([]string{name}, args...)
	for _, v := range vary {
		parts = append(parts, "--vary", v)
	}
	return strings.Join(parts, " ")
}

// mergeCommand is 'svcsim merge': part files into one result directory.
type mergeCommand struct {
	fs      *pflag.FlagSet
	out     string
	plan    string
	partial bool
	outputs outputs
}

func newMergeCommand(fs *pflag.FlagSet) cmdline.Runner {
	c := &mergeCommand{fs: fs}
	c.fs.StringVar(&c.out, "out", "", "write the merged results into `DIR` (required)")
	c.fs.StringVar(&c.plan, "plan", "", "check the parts against the plan `FILE` that 'svcsim plan --write' wrote, and name the missing ones")
	c.fs.BoolVar(&c.partial, "partial", false, "merge the parts there are, and report the work units that are missing")
	c.outputs.register(c.fs)
	return c
}

func (c *mergeCommand) Run(ctx context.Context, stdout, stderr io.Writer) error {
	if c.out == "" {
		return cmdline.Usagef("merge: give --out DIR and the part files")
	}
	if err := c.outputs.check("merge", c.out); err != nil {
		return err
	}
	if c.partial && c.outputs.any() {
		return cmdline.Usagef("merge: --partial draws no charts and writes no report or workbook: they would show incomplete results as final")
	}
	var plan *experiment.Plan
	if c.plan != "" {
		var err error
		if plan, err = experiment.ReadPlan(c.plan); err != nil {
			return cmdline.Usagef("merge: --plan: %v", err)
		}
	}
	m, err := experiment.MergeFiles(ctx, c.fs.Args(), plan, c.plan, buildinfo.Version(), c.partial)
	if ie, ok := errors.AsType[*experiment.InputError](err); ok {
		return cmdline.Usagef("merge: %v", ie.Err)
	}
	if err == errInterrupted {
		return err
	}
	if err != nil {
		return fmt.Errorf("merge: %w", err)
	}
	dir, err := resultset.Prepare(c.out)
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	if err := m.Job(buildinfo.Version(), dir).Write(ctx); err != nil {
		return err
	}
	if err := c.outputs.write(ctx, c.out, stdout, stderr); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "merged %d parts (%d scenarios × %d replications) into %s\n", len(m.Parts), len(m.Points), m.Parts[0].Replications, filepath.Clean(c.out))
	lines, err := m.Shortfall()
	for _, l := range lines {
		fmt.Fprintln(stdout, l)
	}
	return err
}

// planCommand is 'svcsim plan': the size of an experiment, to size a job
// array.
type planCommand struct {
	fs     *pflag.FlagSet
	set    runSettings
	vary   []string
	shards int
	write  string
}

func newPlanCommand(fs *pflag.FlagSet) cmdline.Runner {
	c := &planCommand{fs: fs}
	c.set.register(c.fs, true)
	c.fs.StringArrayVar(&c.vary, "vary", nil, "as for sweep: `PATH=VALUES` (repeatable)")
	cmdline.IntVar(c.fs, &c.shards, "shards", "", 0, 1, maxShards, fmt.Sprintf("split the work into `N` shards (1-%d) and say how to submit them", maxShards))
	c.fs.StringVar(&c.write, "write", "", "with --shards, write the plan to `FILE` for the shards' --plan and merge's --plan")
	return c
}

func (c *planCommand) Run(ctx context.Context, stdout, stderr io.Writer) error {
	if c.write != "" && c.shards == 0 {
		return cmdline.Usagef("plan: --write needs --shards N: the plan says how many shards there are")
	}
	if err := resultset.CheckFile(c.write); c.write != "" && err != nil {
		return fmt.Errorf("--write %s: %w", c.write, err)
	}
	if err := experiment.CheckPlanTarget(c.write); c.write != "" && err != nil {
		return cmdline.Usagef("plan: --write %v", err)
	}
	first, n, err := c.grid(ctx)
	if len(c.vary) == 0 {
		first, n, err = c.files(ctx, stderr)
	}
	if err != nil {
		return err
	}
	if first == nil {
		return cmdline.Usagef("plan: no valid scenario")
	}
	opt := c.set.options(first)
	plan := experiment.Plan{Version: buildinfo.Version(), Scenarios: n, Replications: opt.Replications, Seed: opt.Seed, WorkUnits: n * opt.Replications, Shards: c.shards}
	lines, warning := plan.Describe(c.write != "")
	for _, l := range lines {
		fmt.Fprintln(stdout, l)
	}
	if warning != "" {
		fmt.Fprintf(stderr, "warning: %s\n", warning)
	}
	if c.write == "" {
		return nil
	}
	return c.writePlan(ctx, plan, stdout)
}

// grid counts the points of a sweep's grid (none without --vary), from
// one scenario, as sweep takes, with the --vary paths and values checked
// as sweep checks them.
func (c *planCommand) grid(ctx context.Context) (first *scenarios.Scenario, n int, err error) {
	if len(c.vary) == 0 {
		return nil, 0, nil
	}
	if c.fs.NArg() != 1 {
		return nil, 0, cmdline.Usagef("plan: with --vary, give one scenario, as sweep takes (got %d: %s)", c.fs.NArg(), strings.Join(c.fs.Args()[:min(c.fs.NArg(), 4)], " "))
	}
	sc, err := resolveScenario(ctx, c.fs.Arg(0), c.set.loadOptions())
	if err != nil {
		return nil, 0, err
	}
	params, values, err := experiment.ParseVary(c.vary)
	if err != nil {
		return nil, 0, varyError("plan", err)
	}
	if err := experiment.CheckGrid(sc, params, values); err != nil {
		if _, ok := errors.AsType[*scenarios.PathError](err); ok {
			return nil, 0, cmdline.Usagef("plan: --vary %v", err)
		}
		return nil, 0, err
	}
	n, _ = experiment.GridSize(values)
	return sc, n, nil
}

// files counts the valid scenarios a batch of the same paths would run,
// read as batch reads them, warning of the invalid files.
func (c *planCommand) files(ctx context.Context, stderr io.Writer) (first *scenarios.Scenario, n int, err error) {
	files, err := scenarios.ExpandPaths(c.fs.Args())
	if err != nil {
		return nil, 0, cmdline.Usagef("plan: %v", err)
	}
	pts, first, invalid, err := experiment.LoadFiles(ctx, files, c.set.loadOptions(), c.set.seedFor, func(f string, _ *scenarios.Scenario, err error) {
		if err != nil {
			fmt.Fprintf(stderr, "warning: %s is invalid and would not run\n", f)
		}
	})
	if err != nil {
		return nil, 0, err
	}
	return first, len(pts) - invalid, nil
}

// writePlan writes p to --write.
func (c *planCommand) writePlan(ctx context.Context, p experiment.Plan, stdout io.Writer) error {
	if err := p.Write(ctx, c.write); err != nil {
		return fmt.Errorf("--write: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %s: give each shard --plan %s, then 'svcsim merge --plan %s' the parts\n", c.write, c.write, c.write)
	return nil
}

// A shard learns which shard it is from a job array's environment, but
// never how many shards there are: a Slurm array's size
// (SLURM_ARRAY_TASK_COUNT) is the size of this submission, which is 1
// when one failed index is resubmitted alone. The count comes from the
// plan file that 'svcsim plan --shards N --write FILE' wrote, or from an
// explicit --shards N.

// shardSpec is "--shard I/N", or "--shards N" or "--plan FILE" with the
// index from a scheduler's environment.
type shardSpec struct {
	fs    *pflag.FlagSet
	flag  string
	count int
	plan  string
	i, n  int
	// planned is the plan file's content when --plan was given.
	planned *experiment.Plan
}

func (s *shardSpec) register(fs *pflag.FlagSet) {
	s.fs = fs
	fs.StringVar(&s.flag, "shard", "", "run only shard `I/N` of the work (0-based), writing a part file for 'svcsim merge'")
	cmdline.IntVar(fs, &s.count, "shards", "", 0, 1, maxShards, fmt.Sprintf("run one shard of `N` (1-%d) in a job array (the plan's count, not the array's size): the index comes from JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID or AWS_BATCH_JOB_ARRAY_INDEX", maxShards))
	fs.StringVar(&s.plan, "plan", "", "run one shard of the plan `FILE` written by 'svcsim plan --write', with the index from the job array as for --shards")
}

// resolve sets i and n; n = 0 means no sharding.
func (s *shardSpec) resolve(cmd string) error {
	var err error
	s.i, s.n, s.planned, err = experiment.ShardSpec{Index: s.flag, Shards: s.count, Plan: s.plan}.Resolve()
	if err != nil {
		return cmdline.Usagef("%s: %v", cmd, err)
	}
	return nil
}
