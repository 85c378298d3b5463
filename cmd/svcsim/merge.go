package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/internal/buildinfo"
	"github.com/svcsim/svcsim/internal/cmdline"
	"github.com/svcsim/svcsim/internal/simflags"
	"github.com/svcsim/svcsim/resultset"
)

// mergeCommand is 'svcsim merge': part files into one result directory.
type mergeCommand struct {
	fs      *pflag.FlagSet
	out     string
	plan    string
	partial bool
	outputs simflags.Outputs
}

func newMergeCommand(fs *pflag.FlagSet) cmdline.Runner {
	c := &mergeCommand{fs: fs}
	c.fs.StringVar(&c.out, "out", "", "write the merged results into `DIR` (required)")
	c.fs.StringVar(&c.plan, "plan", "", "check the parts against the plan `FILE` that 'svcsim plan --write' wrote, and name the missing ones")
	c.fs.BoolVar(&c.partial, "partial", false, "merge the parts there are, and report the work units that are missing")
	c.outputs.Register(c.fs)
	return c
}

func (c *mergeCommand) Run(ctx context.Context, stdout, stderr io.Writer) error {
	if c.out == "" {
		return cmdline.Usagef("merge: give --out DIR and the part files")
	}
	if err := c.outputs.Check("merge", c.out); err != nil {
		return err
	}
	if c.partial && c.outputs.Any() {
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
	if err := c.outputs.Write(ctx, c.out, stderr); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "merged %d parts (%d scenarios × %d replications) into %s\n", len(m.Parts), len(m.Points), m.Parts[0].Replications, filepath.Clean(c.out))
	lines, err := m.Shortfall()
	for _, l := range lines {
		fmt.Fprintln(stdout, l)
	}
	return err
}
