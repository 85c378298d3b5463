package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/sim"
	"github.com/svcsim/svcsim/tables"
)

// compareCommand is 'svcsim compare': several scenarios run with common
// random numbers, reported side by side with paired differences.
type compareCommand struct {
	fs        *pflag.FlagSet
	set       runSettings
	format    string
	precision string
	kpis      []string
	maxReps   int
	variants  bool
	wide      bool
}

func newCompareCommand() *compareCommand {
	c := &compareCommand{fs: newFlags("compare")}
	c.set.register(c.fs)
	c.fs.StringVar(&c.format, "format", "table", "write the comparison as `table`, csv or json")
	c.fs.StringVar(&c.set.out, "out", "", "also write replications.csv, summary.csv, intervals.csv, results.json and manifest.json into `DIR`")
	c.fs.StringVar(&c.precision, "precision", "", "add replications until the --kpi KPIs' relative half-widths are at most `P` (e.g. 5%)")
	c.fs.StringArrayVar(&c.kpis, "kpi", nil, "a KPI for --precision (repeatable; default: every stage's mean wait)")
	c.fs.IntVar(&c.maxReps, "max-replications", 500, fmt.Sprintf("with --precision, stop at `N` replications (2-%d)", sim.MaxReplications))
	c.fs.BoolVar(&c.variants, "variants", false, "with several SCENARIOs, compare their variants too")
	c.fs.BoolVar(&c.wide, "wide", false, "table: show each scenario's own value beside its difference from the baseline")
	c.set.outputs.register(c.fs)
	c.set.shard.register(c.fs)
	return c
}

func (c *compareCommand) usage(w io.Writer) {
	fmt.Fprintf(w, helpText("compare"), defaultSeed, flagUsages(c.fs))
}

func (c *compareCommand) run(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	if help, err := parseFlags(c.fs, args, c.usage, stdout); help || err != nil {
		return err
	}
	if err := c.set.check(c.fs, "compare"); err != nil {
		return err
	}
	if err := checkIntFlag(c.fs, "compare", "max-replications", 2, sim.MaxReplications); err != nil {
		return err
	}
	if !slices.Contains([]string{"table", "csv", "json"}, c.format) {
		return usageErrorf("compare: --format must be table, csv or json (got %q)", c.format)
	}
	target := math.Inf(1)
	if c.precision != "" {
		v, perr := strconv.ParseFloat(strings.TrimSuffix(c.precision, "%"), 64)
		if strings.HasSuffix(c.precision, "%") {
			v /= 100
		}
		if perr != nil || !(v > 0 && v < 1) {
			return usageErrorf("compare: --precision must be a share like 5%% or 0.05 (got %q)", c.precision)
		}
		target = v
	}
	if c.fs.NArg() == 0 {
		return usageErrorf("compare: give at least one scenario (a file with variants, or two files)")
	}
	var pts []*experiment.Point
	for _, arg := range c.fs.Args() {
		sc, err := resolveScenario(ctx, arg, c.set.loadOptions())
		if err != nil {
			return err
		}
		for _, s := range experiment.Compared(sc, c.fs.NArg(), c.variants) {
			pts = append(pts, &experiment.Point{Scenario: s, Name: s.Name(), File: sc.Source})
		}
	}
	experiment.UniqueNames(pts)
	if len(pts) < 2 {
		return usageErrorf("compare: %s has no variants; give a second scenario to compare with", c.fs.Arg(0))
	}
	var dir *resultset.Dir
	if c.set.out != "" {
		if dir, err = resultset.Prepare(c.set.out); err != nil {
			return fmt.Errorf("--out: %w", err)
		}
	}
	opt := c.set.options(pts[0].Scenario)
	command := experimentCommand("compare", c.fs.Args(), nil)
	if c.set.shard.n > 0 {
		return runShard(ctx, dir, c.set.shard, command, nil, pts, &c.set, opt, stderr)
	}
	runPoints(ctx, pts, &c.set, opt, stderr)
	if err := experiment.Failed(pts); err != nil {
		if dir != nil && ctx.Err() != nil {
			writeExperiment(ctx, dir, command, nil, pts, opt)
		}
		for _, p := range pts {
			if p.Err != nil && p.Err != errInterrupted {
				return fmt.Errorf("%s: %w", p.Name, p.Err)
			}
		}
		return err
	}
	if c.precision != "" {
		kpis := c.kpis
		if len(kpis) == 0 {
			for _, st := range pts[0].Results.Stages {
				kpis = append(kpis, st+".wait.mean")
			}
		}
		for _, k := range kpis {
			if pts[0].Results.KPI(k) == nil {
				return usageErrorf("compare: --kpi %s: no such KPI (see 'svcsim run --format csv')", k)
			}
		}
		p, err := experiment.ExtendToPrecision(ctx, pts, opt, kpis, target, c.maxReps)
		if err != nil {
			return err
		}
		switch {
		case c.set.quiet:
		case p.Reached:
			fmt.Fprintf(stderr, "svcsim: precision %.3g%% reached with %d replications\n", p.Worst*100, p.Replications)
		default:
			fmt.Fprintf(stderr, "warning: stopped at --max-replications %d with a relative half-width of %.3g%% (target %.3g%%)\n", p.Replications, p.Worst*100, target*100)
		}
	}
	var out bytes.Buffer
	switch c.format {
	case "csv":
		err = tables.CompareCSV(&out, pts)
	case "json":
		err = writeCompareJSON(&out, pts)
	default:
		err = tables.Compare(&out, pts, c.wide)
	}
	if err != nil {
		return err
	}
	if dir != nil {
		opt.Replications = len(pts[0].Results.Reps)
		if err := writeExperiment(ctx, dir, command, nil, pts, opt); err != nil {
			return err
		}
		if err := c.set.outputs.write(ctx, c.set.out, stdout, stderr); err != nil {
			return err
		}
	}
	_, err = stdout.Write(out.Bytes())
	return err
}

func writeCompareJSON(w io.Writer, pts []*experiment.Point) error {
	// sim.Diff embeds an Estimate, whose MarshalJSON would hide the other
	// fields: spell them out.
	type diff struct {
		KPI             string       `json:"kpi"`
		Unit            sim.Unit     `json:"unit"`
		Diff            sim.Estimate `json:"difference"`
		Distinguishable bool         `json:"distinguishable"`
	}
	type entry struct {
		Name    string       `json:"name"`
		Results *sim.Results `json:"results"`
		Diffs   []diff       `json:"differences,omitempty"`
	}
	doc := struct {
		Version   string   `json:"svcsim_version"`
		Baseline  string   `json:"baseline"`
		Notes     []string `json:"notes,omitempty"`
		Scenarios []entry  `json:"scenarios"`
	}{Version: version(), Baseline: pts[0].Name, Notes: experiment.BottleneckNotes(pts)}
	ds := experiment.Differences(pts)
	for i, p := range pts {
		e := entry{Name: p.Name, Results: p.Results}
		for _, d := range ds[i] {
			e.Diffs = append(e.Diffs, diff{d.Name, d.Unit, d.Estimate, d.Distinguishable})
		}
		doc.Scenarios = append(doc.Scenarios, e)
	}
	return resultset.WriteJSON(w, doc)
}
