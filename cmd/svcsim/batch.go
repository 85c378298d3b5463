package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/internal/cmdline"
	"github.com/svcsim/svcsim/scenarios"
)

// batchCommand is 'svcsim batch': every scenario of many files, into one
// tidy output directory.
type batchCommand struct {
	fs     *pflag.FlagSet
	set    runSettings
	resume bool
}

func newBatchCommand(fs *pflag.FlagSet) cmdline.Runner {
	c := &batchCommand{fs: fs}
	c.set.register(c.fs, true)
	c.fs.StringVar(&c.set.out, "out", "", "write replications.csv, summary.csv, intervals.csv, results.json and manifest.json into `DIR` (required)")
	c.set.outputs.register(c.fs)
	c.set.shard.register(c.fs)
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
	j, err := c.set.job(experimentCommand("batch", c.fs.Args(), nil), nil, pts, first)
	if err != nil {
		return err
	}
	defer tidy(j)
	if c.resume {
		kept, err := c.set.resume(ctx, pts, j.Options, stderr)
		if err != nil {
			return err
		}
		if !c.set.quiet {
			fmt.Fprintf(stderr, "resume: kept %d of %d scenarios from %s\n", kept, len(pts), c.set.out)
		}
	}
	j.Checkpoints = true
	if sharded, err := c.set.run(ctx, j, stderr); sharded || err != nil {
		return err
	}
	if err := c.set.write(ctx, j, stdout, stderr); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d of %d scenarios ran; results in %s\n", j.Done(), len(pts), c.set.out)
	return experiment.Failed(pts)
}

func (c *batchCommand) check() error {
	if err := c.set.check("batch"); err != nil {
		return err
	}
	switch {
	case c.set.out == "":
		return cmdline.Usagef("batch: --out DIR is required (see 'svcsim batch --help')")
	case c.resume && c.set.shard.n > 0:
		return cmdline.Usagef("batch: --resume runs a whole batch again; a shard that stopped simply runs again")
	}
	return nil
}

// points are the scenarios of files with their variants, each with its
// own seed; a file that does not load is reported on stderr and becomes a
// failed point. first is the first valid scenario; none is an error.
func (c *batchCommand) points(ctx context.Context, files []string, stderr io.Writer) (pts []*experiment.Point, first *scenarios.Scenario, err error) {
	pts, first, invalid, err := experiment.LoadFiles(ctx, files, c.set.loadOptions(), c.set.seedFor, func(f string, sc *scenarios.Scenario, err error) {
		switch {
		case err != nil:
			printLoadError(stderr, f, err)
		case !c.set.quiet:
			for _, w := range sc.Warnings {
				fmt.Fprintf(stderr, "warning: %s: %s\n", f, w)
			}
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

// resume keeps the results of the points whose checkpoints in --out match
// their inputs and returns how many it kept.
func (s *runSettings) resume(ctx context.Context, pts []*experiment.Point, opt experiment.Options, stderr io.Writer) (int, error) {
	kept, err := experiment.Resume(ctx, s.out, pts, opt, func(path string, p *experiment.Point, why string) {
		if !s.quiet {
			fmt.Fprintf(stderr, "warning: --resume: %s (%s): %s; running it again\n", path, p.Name, why)
		}
	})
	if err != nil && err != errInterrupted {
		return kept, fmt.Errorf("--resume: %w", err)
	}
	return kept, err
}
