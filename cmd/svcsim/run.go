package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"time"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/internal/buildinfo"
	"github.com/svcsim/svcsim/internal/cmdline"
	"github.com/svcsim/svcsim/internal/simflags"
	"github.com/svcsim/svcsim/progress"
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
	"github.com/svcsim/svcsim/tables"
)

// runCommand is 'svcsim run': simulate a scenario and report its KPIs.
type runCommand struct {
	fs        *pflag.FlagSet
	set       simflags.Settings
	intervals bool
	byWeekday bool
	stats     bool
}

func newRunCommand(fs *pflag.FlagSet) cmdline.Runner {
	c := &runCommand{fs: fs, set: simflags.Settings{Writes: simflags.RunFiles}}
	c.set.Register(c.fs, false)
	c.set.RegisterFormat(c.fs, "results to stdout", "table", "json", "csv")
	c.fs.StringVar(&c.set.Out, "out", "", "also write summary.json, summary.csv and intervals.csv into `DIR` (created if missing)")
	c.fs.BoolVar(&c.byWeekday, "by-weekday", false, "table: a time-of-day table per stage and weekday, where the open weekdays differ in hours, demand or staffing (implies --intervals)")
	c.fs.BoolVar(&c.intervals, "intervals", false, "table: add each stage's time-of-day table; csv: write intervals instead of the summary")
	c.fs.BoolVar(&c.stats, "stats", false, "print the simulation's elapsed time, events and customers per second on stderr (even with --quiet)")
	c.set.Outputs.Register(c.fs)
	return c
}

func (c *runCommand) Run(ctx context.Context, stdout, stderr io.Writer) (err error) {
	if err := c.check(); err != nil {
		return err
	}
	sc, err := c.set.Resolve(ctx, c.fs.Arg(0))
	if err != nil {
		return err
	}
	if sc.Model, err = c.set.Model(sc); err != nil {
		return err
	}
	// Make the output directory now, so that a run does not fail only
	// after simulating; it goes again if the run fails.
	var dir *resultset.Dir
	if c.set.Out != "" {
		if dir, err = resultset.Prepare(c.set.Out); err != nil {
			return fmt.Errorf("--out: %w", err)
		}
		defer func() {
			if err != nil {
				dir.Discard()
			}
		}()
	}
	rep, err := c.simulate(ctx, sc, stderr)
	if err != nil {
		return err
	}
	var out bytes.Buffer
	if err := tables.RunAs(&out, c.set.Format, rep, c.intervals, c.byWeekday); err != nil {
		return err
	}
	if dir != nil {
		files, err := rep.Files()
		if err != nil {
			return err
		}
		if err := c.set.WriteResults(ctx, files, stderr); err != nil {
			return err
		}
	}
	_, err = stdout.Write(out.Bytes())
	return err
}

func (c *runCommand) check() error {
	if err := c.set.CheckFormat("run"); err != nil {
		return err
	}
	if err := cmdline.OnlyWith(c.fs, c.set.Format != "json", "with --format json, which holds every interval already", "intervals"); err != nil {
		return err
	}
	if err := cmdline.OnlyWith(c.fs, c.set.Format == "table", "with --format "+c.set.Format+": it splits the time-of-day tables", "by-weekday"); err != nil {
		return err
	}
	return c.set.Outputs.Check("run", c.set.Out)
}

// simulate runs sc, its model with --days and --max-in-system applied,
// with its warnings and progress on stderr unless --quiet, and returns
// the run's summary.
func (c *runCommand) simulate(ctx context.Context, sc *scenarios.Scenario, stderr io.Writer) (*resultset.Summary, error) {
	m, opt := sc.Model, c.set.Options(sc).Options
	warnings := append(append([]string(nil), sc.Warnings...), sim.LoadWarnings(m)...)
	c.set.Warn(stderr, "", warnings)
	if !c.set.Quiet {
		for _, n := range sc.Notes {
			fmt.Fprintf(stderr, "note: %s\n", n)
		}
		var end func()
		opt.Progress, end = progress.Start(stderr, m.Name, opt.Replications)
		defer end()
	}
	start := time.Now()
	res, err := sim.Run(ctx, m, opt)
	if ctx.Err() != nil {
		return nil, errInterrupted
	}
	if err != nil {
		return nil, err
	}
	if c.stats {
		fmt.Fprintln(stderr, res.Speed(time.Since(start), opt.Workers))
	}
	end := res.EndWarnings()
	c.set.Warn(stderr, "", end)
	return experiment.Summary(buildinfo.Version(), sc, append(warnings, end...), res), nil
}
