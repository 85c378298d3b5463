package main

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"math"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/internal/buildinfo"
	"github.com/svcsim/svcsim/internal/cmdline"
	"github.com/svcsim/svcsim/internal/simflags"
	"github.com/svcsim/svcsim/sim"
	"github.com/svcsim/svcsim/tables"
)

// compareCommand is 'svcsim compare': several scenarios run with common
// random numbers, reported side by side with paired differences.
type compareCommand struct {
	fs        *pflag.FlagSet
	set       simflags.Settings
	precision string
	kpis      []string
	maxReps   int
	variants  bool
	wide      bool
}

func newCompareCommand(fs *pflag.FlagSet) cmdline.Runner {
	c := &compareCommand{fs: fs}
	c.set.Register(c.fs, true)
	c.set.RegisterFormat(c.fs, "the comparison", "table", "csv", "json")
	c.fs.StringVar(&c.set.Out, "out", "", "also write replications.csv, summary.csv, intervals.csv, results.json and manifest.json into `DIR`")
	c.fs.StringVar(&c.precision, "precision", "", "add replications until the --kpi KPIs' relative half-widths are at most `P` (e.g. 5%)")
	c.fs.StringArrayVar(&c.kpis, "kpi", nil, "a `KPI` for --precision (repeatable; default: every stage's mean wait)")
	cmdline.IntVar(c.fs, &c.maxReps, "max-replications", "", 500, 2, sim.MaxReplications, fmt.Sprintf("with --precision, stop at `N` replications (2-%d)", sim.MaxReplications))
	c.fs.BoolVar(&c.variants, "variants", false, "with several SCENARIOs, compare their variants too")
	c.fs.BoolVar(&c.wide, "wide", false, "table: show each scenario's own value beside its difference from the baseline")
	c.set.Outputs.Register(c.fs)
	c.set.Shard.Register(c.fs)
	return c
}

func (c *compareCommand) Run(ctx context.Context, stdout, stderr io.Writer) (err error) {
	target, err := c.check()
	if err != nil {
		return err
	}
	pts, err := c.points(ctx)
	if err != nil {
		return err
	}
	if err := simflags.CheckKPIs("compare", pts[0].Scenario.Model, c.kpis); err != nil {
		return err
	}
	j, err := c.set.Job(experiment.CommandLine("compare", c.fs.Args(), nil), nil, pts, pts[0].Scenario)
	if err != nil {
		return err
	}
	defer simflags.Tidy(j)
	if sharded, err := c.set.Run(ctx, j, stderr); sharded || err != nil {
		return err
	}
	if err := experiment.Failed(pts); err != nil {
		if ctx.Err() != nil {
			j.Write(ctx)
		}
		return cmp.Or(experiment.FirstError(pts), err)
	}
	if c.precision != "" {
		if err := c.extend(ctx, pts, j.Options, target, stderr); err != nil {
			return err
		}
	}
	var out bytes.Buffer
	if err := tables.CompareAs(&out, c.set.Format, pts, c.wide, buildinfo.Version()); err != nil {
		return err
	}
	j.Options.Replications = len(pts[0].Results.Reps)
	if err := c.set.Write(ctx, j, stderr); err != nil {
		return err
	}
	if j.Dir != nil && ctx.Err() != nil && c.set.Outputs.Any() {
		return errInterrupted // before drawing them
	}
	_, err = stdout.Write(out.Bytes())
	return err
}

// check checks the flags and returns the --precision target (+Inf
// without it).
func (c *compareCommand) check() (float64, error) {
	if err := c.set.Check("compare"); err != nil {
		return 0, err
	}
	if err := c.set.CheckFormat("compare"); err != nil {
		return 0, err
	}
	if err := cmdline.OnlyWith(c.fs, c.precision != "", "without --precision", "max-replications", "kpi"); err != nil {
		return 0, err
	}
	if err := cmdline.OnlyWith(c.fs, c.set.Format == "table", "with --format "+c.set.Format+": it widens the table", "wide"); err != nil {
		return 0, err
	}
	if c.precision != "" && c.set.Sharded() {
		// How many replications --precision needs depends on all of them,
		// which no shard sees.
		return 0, cmdline.Usagef("compare: --precision does not go with sharding (--shard, --shards, --plan): a shard cannot tell when all replications are precise enough; give a fixed -r N instead")
	}
	target := math.Inf(1)
	if c.precision != "" {
		v, err := experiment.ParsePrecision(c.precision)
		if err != nil {
			return 0, cmdline.Usagef("compare: --precision must be a share like 5%% or 0.05 (got %q)", c.precision)
		}
		target = v
	}
	return target, nil
}

// points are the scenarios compared.
func (c *compareCommand) points(ctx context.Context) ([]*experiment.Point, error) {
	var pts []*experiment.Point
	for _, arg := range c.fs.Args() {
		sc, err := c.set.Resolve(ctx, arg)
		if err != nil {
			return nil, err
		}
		pts = append(pts, experiment.Points(sc.Source, experiment.Compared(sc, c.fs.NArg(), c.variants)...)...)
	}
	if err := experiment.Distinct(pts); err != nil {
		return nil, cmdline.Usagef("compare: %v", err)
	}
	experiment.UniqueNames(pts)
	if len(pts) < 2 {
		return nil, cmdline.Usagef("compare: %s has no variants; give a second scenario to compare with", c.fs.Arg(0))
	}
	return pts, nil
}

// extend adds replications until the --kpi KPIs meet --precision.
func (c *compareCommand) extend(ctx context.Context, pts []*experiment.Point, opt experiment.Options, target float64, stderr io.Writer) error {
	p, err := experiment.ExtendToPrecision(ctx, pts, opt, c.kpis, target, c.maxReps)
	switch {
	case err != nil:
		return err
	case c.set.Quiet:
	case p.Reached:
		fmt.Fprintf(stderr, "svcsim: precision %.3g%% reached with %d replications\n", p.Worst*100, p.Replications)
	default:
		fmt.Fprintf(stderr, "warning: stopped at --max-replications %d with a relative half-width of %.3g%% (target %.3g%%)\n", p.Replications, p.Worst*100, target*100)
	}
	return nil
}
