package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/internal/buildinfo"
	"github.com/svcsim/svcsim/internal/cmdline"
	"github.com/svcsim/svcsim/internal/simflags"
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/scenarios"
)

// planCommand is 'svcsim plan': the size of an experiment, to size a job
// array.
type planCommand struct {
	fs     *pflag.FlagSet
	set    simflags.Settings
	vary   []string
	shards int
	write  string
}

func newPlanCommand(fs *pflag.FlagSet) cmdline.Runner {
	c := &planCommand{fs: fs}
	c.set.Register(c.fs, true)
	c.fs.StringArrayVar(&c.vary, "vary", nil, "as for sweep: `PATH=VALUES` (repeatable)")
	cmdline.IntVar(c.fs, &c.shards, "shards", "", 0, 1, experiment.MaxShards, fmt.Sprintf("split the work into `N` shards (1-%d) and say how to submit them", experiment.MaxShards))
	c.fs.StringVar(&c.write, "write", "", "with --shards, write the plan to `FILE` for the shards' --plan and merge's --plan")
	return c
}

func (c *planCommand) Run(ctx context.Context, stdout, stderr io.Writer) error {
	if c.write != "" && c.shards == 0 {
		return cmdline.Usagef("plan: --write needs --shards N: the plan says how many shards there are")
	}
	if c.write != "" {
		if err := resultset.CheckFile(c.write); err != nil {
			return fmt.Errorf("--write %s: %w", c.write, err)
		}
		if err := experiment.CheckPlanTarget(c.write); err != nil {
			return cmdline.Usagef("plan: --write %v", err)
		}
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
	opt := c.set.Options(first)
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
	sc, err := c.set.Resolve(ctx, c.fs.Arg(0))
	if err != nil {
		return nil, 0, err
	}
	params, values, err := simflags.Vary("plan", c.vary)
	if err != nil {
		return nil, 0, err
	}
	if err := experiment.CheckGrid(sc, params, values); err != nil {
		return nil, 0, simflags.GridError("plan", err)
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
	pts, first, invalid, err := experiment.LoadFiles(ctx, files, c.set.LoadOptions(), c.set.SeedFor, func(f string, _ *scenarios.Scenario, err error) {
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
