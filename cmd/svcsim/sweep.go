package main

import (
	"cmp"
	"context"
	"io"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/internal/cmdline"
	"github.com/svcsim/svcsim/internal/simflags"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/tables"
)

// sweepCommand is 'svcsim sweep': a full-factorial grid over numeric
// fields of a scenario.
type sweepCommand struct {
	fs   *pflag.FlagSet
	set  simflags.Settings
	vary []string
	kpis []string
}

func newSweepCommand(fs *pflag.FlagSet) cmdline.Runner {
	c := &sweepCommand{fs: fs}
	c.set.Register(c.fs, true)
	c.fs.StringArrayVar(&c.vary, "vary", nil, "`PATH=VALUES` to vary: a range 2..6 or a list 2,4,8 (repeatable; the grid is every combination)")
	c.fs.StringArrayVar(&c.kpis, "kpi", nil, "a `KPI` to print per grid point (repeatable; default: each stage's mean wait and service level, and NPS)")
	c.fs.StringVar(&c.set.Out, "out", "", "write replications.csv, summary.csv, intervals.csv, results.json and manifest.json into `DIR`")
	c.set.Outputs.Register(c.fs)
	c.set.Shard.Register(c.fs)
	return c
}

func (c *sweepCommand) Run(ctx context.Context, stdout, stderr io.Writer) error {
	if err := c.set.Check("sweep"); err != nil {
		return err
	}
	if len(c.vary) == 0 {
		return cmdline.Usagef("sweep: give at least one --vary PATH=VALUES, e.g. --vary stages.booking.staff=2..6")
	}
	sc, err := c.set.Resolve(ctx, c.fs.Arg(0))
	if err != nil {
		return err
	}
	params, pts, err := c.points(sc)
	if err != nil {
		return err
	}
	if err := simflags.CheckKPIs("sweep", sc.Model, c.kpis); err != nil {
		return err
	}
	j, err := c.set.Job(experiment.CommandLine("sweep", c.fs.Args(), c.vary), params, pts, sc)
	if err != nil {
		return err
	}
	defer simflags.Tidy(j)
	if sharded, err := c.set.Run(ctx, j, stderr); sharded || err != nil {
		return err
	}
	if err := c.set.Write(ctx, j, stderr); err != nil {
		return err
	}
	if err := experiment.Failed(pts); err != nil {
		return cmp.Or(experiment.FirstError(pts), err)
	}
	return tables.Sweep(stdout, params, pts, c.kpis)
}

// points are the grid points of the --vary values.
func (c *sweepCommand) points(sc *scenarios.Scenario) (params []string, pts []*experiment.Point, err error) {
	params, values, err := simflags.Vary("sweep", c.vary)
	if err != nil {
		return nil, nil, err
	}
	pts, err = experiment.Sweep(sc, params, values)
	return params, pts, simflags.GridError("sweep", err)
}
