package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/internal/cmdline"
	"github.com/svcsim/svcsim/internal/simflags"
	"github.com/svcsim/svcsim/scenarios"
)

// batchCommand is 'svcsim batch': every scenario of many files, into one
// tidy output directory.
type batchCommand struct {
	fs     *pflag.FlagSet
	set    simflags.Settings
	resume bool
}

func newBatchCommand(fs *pflag.FlagSet) cmdline.Runner {
	c := &batchCommand{fs: fs}
	c.set.Register(c.fs, true)
	c.fs.StringVar(&c.set.Out, "out", "", "write replications.csv, summary.csv, intervals.csv, results.json and manifest.json into `DIR` (required)")
	c.set.Outputs.Register(c.fs)
	c.set.Shard.Register(c.fs)
	c.fs.BoolVar(&c.resume, "resume", false, "keep the results of scenarios an earlier batch into DIR finished with the same inputs (svcsim build, file SHA-256, seed, replications, --days, --max-in-system) and run the rest")
	return c
}

func (c *batchCommand) Run(ctx context.Context, stdout, stderr io.Writer) error {
	if err := c.check(); err != nil {
		return err
	}
	files, err := scenarios.ExpandPaths(c.fs.Args())
	if err != nil {
		return cmdline.Usagef("batch: %v", err)
	}
	pts, first, err := c.points(ctx, files, stderr)
	if err != nil {
		return err
	}
	j, err := c.set.Job(experiment.CommandLine("batch", c.fs.Args(), nil), nil, pts, first)
	if err != nil {
		return err
	}
	defer simflags.Tidy(j)
	if c.resume {
		kept, err := c.set.Resume(ctx, pts, j.Options, stderr)
		if err != nil {
			return err
		}
		if !c.set.Quiet {
			fmt.Fprintf(stderr, "resume: kept %d of %d scenarios from %s\n", kept, len(pts), c.set.Out)
		}
	}
	j.Checkpoints = true
	if sharded, err := c.set.Run(ctx, j, stderr); sharded || err != nil {
		return err
	}
	if err := c.set.Write(ctx, j, stderr); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d of %d scenarios ran; results in %s\n", j.Done(), len(pts), c.set.Out)
	return experiment.Failed(pts)
}

func (c *batchCommand) check() error {
	if err := c.set.Check("batch"); err != nil {
		return err
	}
	switch {
	case c.set.Out == "":
		return cmdline.Usagef("batch: --out DIR is required (see 'svcsim batch --help')")
	case c.resume && c.set.Sharded():
		return cmdline.Usagef("batch: --resume runs a whole batch again; a shard that stopped simply runs again")
	}
	return nil
}

// points are the scenarios of files with their variants, each with its
// own seed; a file that does not load is reported on stderr and becomes a
// failed point. first is the first valid scenario; none is an error.
func (c *batchCommand) points(ctx context.Context, files []string, stderr io.Writer) (pts []*experiment.Point, first *scenarios.Scenario, err error) {
	pts, first, invalid, err := experiment.LoadFiles(ctx, files, c.set.LoadOptions(), c.set.SeedFor, func(f string, sc *scenarios.Scenario, err error) {
		switch {
		case err != nil:
			simflags.PrintLoadError(stderr, f, err)
		default:
			c.set.Warn(stderr, f+": ", sc.Warnings)
		}
	})
	if err != nil {
		return nil, nil, err
	}
	if first == nil {
		return nil, nil, &invalidError{invalid: invalid, total: len(files)}
	}
	return pts, first, nil
}
