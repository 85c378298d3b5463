package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
	"github.com/svcsim/svcsim/tables"
)

// batchCommand is 'svcsim batch': every scenario of many files, into one
// tidy output directory.
type batchCommand struct {
	fs     *pflag.FlagSet
	set    runSettings
	resume bool
}

func newBatchCommand() *batchCommand {
	c := &batchCommand{fs: newFlags("batch")}
	c.set.register(c.fs)
	c.fs.StringVar(&c.set.out, "out", "", "write replications.csv, summary.csv, intervals.csv, results.json and manifest.json into `DIR` (required)")
	c.set.outputs.register(c.fs)
	c.set.shard.register(c.fs)
	c.fs.BoolVar(&c.resume, "resume", false, "keep the results of scenarios an earlier batch into DIR finished with the same inputs (svcsim build, file SHA-256, seed, replications, --days, --max-in-system) and run the rest")
	return c
}

func (c *batchCommand) usage(w io.Writer) {
	fmt.Fprintf(w, helpText("batch"), defaultSeed, flagUsages(c.fs))
}

func (c *batchCommand) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if help, err := parseFlags(c.fs, args, c.usage, stdout); help || err != nil {
		return err
	}
	if err := c.check(); err != nil {
		return err
	}
	files, err := expandPaths(c.fs.Args())
	if err != nil {
		return err
	}
	pts, first, err := c.points(ctx, files, stderr)
	if err != nil {
		return err
	}
	dir, err := c.set.prepare()
	if err != nil {
		return err
	}
	opt := c.set.options(first)
	command := experimentCommand("batch", c.fs.Args(), nil)
	if c.set.shard.n > 0 {
		return runShard(ctx, dir, c.set.shard, command, nil, pts, &c.set, opt, stderr)
	}
	if c.resume {
		kept, err := c.set.resume(ctx, pts, opt, stderr)
		if err != nil {
			return err
		}
		if !c.set.quiet {
			fmt.Fprintf(stderr, "resume: kept %d of %d scenarios from %s\n", kept, len(pts), c.set.out)
		}
	}
	var saveErr error
	opt.Finished = func(p *experiment.Point, m *sim.Model) {
		if err := saveCheckpoint(dir, p, opt); err != nil && saveErr == nil {
			saveErr = fmt.Errorf("--out: checkpoint for %s: %w", p.Name, err)
		}
	}
	runPoints(ctx, pts, &c.set, opt, stderr)
	if saveErr != nil {
		return saveErr
	}
	if err := c.set.write(ctx, dir, command, nil, pts, opt, stdout, stderr); err != nil {
		return err
	}
	done := 0
	for _, p := range pts {
		if p.Results != nil {
			done++
		}
	}
	fmt.Fprintf(stdout, "%d of %d scenarios ran; results in %s\n", done, len(pts), c.set.out)
	return experiment.Failed(pts)
}

func (c *batchCommand) check() error {
	if err := c.set.check(c.fs, "batch"); err != nil {
		return err
	}
	switch {
	case c.set.out == "":
		return usageErrorf("batch: --out DIR is required (see 'svcsim batch --help')")
	case c.fs.NArg() == 0:
		return usageErrorf("batch: give scenario files, directories or glob patterns")
	case c.resume && c.set.shard.n > 0:
		return usageErrorf("batch: --resume runs a whole batch again; a shard that stopped simply runs again")
	}
	return nil
}

// points are the scenarios of files with their variants, each with its
// own seed; a file that does not load is reported on stderr and becomes a
// failed point. first is the first valid scenario; none is an error.
func (c *batchCommand) points(ctx context.Context, files []string, stderr io.Writer) (pts []*experiment.Point, first *scenarios.Scenario, err error) {
	invalid := 0
	for _, f := range files {
		sc, err := loadScenario(ctx, f, c.set.loadOptions())
		if err == errInterrupted {
			return nil, nil, err
		}
		if err != nil {
			invalid++
			printLoadError(stderr, f, err)
			pts = append(pts, &experiment.Point{Scenario: &scenarios.Scenario{Model: nil}, Name: f, File: f, Err: fmt.Errorf("invalid scenario file")})
			continue
		}
		if !c.set.quiet {
			for _, w := range sc.Warnings {
				fmt.Fprintf(stderr, "warning: %s: %s\n", f, w)
			}
		}
		first = cmp.Or(first, sc)
		for _, s := range sc.All() {
			seed := c.set.seedFor(s)
			pts = append(pts, &experiment.Point{Scenario: s, Name: s.Name(), File: f, Seed: &seed})
		}
	}
	experiment.UniqueNames(pts)
	if first == nil {
		return nil, nil, &invalidError{invalid: invalid, total: len(files)}
	}
	return pts, first, nil
}

// expandPaths turns files, directories and glob patterns into a sorted
// list of scenario files without repeats.
func expandPaths(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		matches := []string{a}
		if strings.ContainsAny(a, "*?[") {
			m, err := filepath.Glob(a)
			if err != nil {
				return nil, usageErrorf("batch: bad pattern %q: %v", a, err)
			}
			if len(m) == 0 {
				return nil, usageErrorf("batch: %s matches no files", a)
			}
			matches = m
		}
		for _, p := range matches {
			info, err := os.Stat(p)
			if err != nil {
				return nil, usageErrorf("batch: %s: no such file or directory", p)
			}
			if !info.IsDir() {
				out = append(out, p)
				continue
			}
			n := len(out)
			filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml")) {
					out = append(out, path)
				}
				return nil
			})
			if len(out) == n {
				return nil, usageErrorf("batch: directory %s has no .yaml or .yml files", p)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// sweepCommand is 'svcsim sweep': a full-factorial grid over numeric
// fields of a scenario.
type sweepCommand struct {
	fs   *pflag.FlagSet
	set  runSettings
	vary []string
	kpis []string
}

func newSweepCommand() *sweepCommand {
	c := &sweepCommand{fs: newFlags("sweep")}
	c.set.register(c.fs)
	c.fs.StringArrayVar(&c.vary, "vary", nil, "`PATH=VALUES` to vary: a range 2..6 or a list 2,4,8 (repeatable; the grid is every combination)")
	c.fs.StringArrayVar(&c.kpis, "kpi", nil, "a KPI to print per grid point (repeatable; default: each stage's mean wait and service level, and NPS)")
	c.fs.StringVar(&c.set.out, "out", "", "write replications.csv, summary.csv, intervals.csv, results.json and manifest.json into `DIR`")
	c.set.outputs.register(c.fs)
	c.set.shard.register(c.fs)
	return c
}

func (c *sweepCommand) usage(w io.Writer) {
	fmt.Fprintf(w, helpText("sweep"), defaultSeed, flagUsages(c.fs))
}

func (c *sweepCommand) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if help, err := parseFlags(c.fs, args, c.usage, stdout); help || err != nil {
		return err
	}
	if err := c.set.check(c.fs, "sweep"); err != nil {
		return err
	}
	if c.fs.NArg() != 1 {
		return usageErrorf("sweep: give one scenario (got %d)", c.fs.NArg())
	}
	if len(c.vary) == 0 {
		return usageErrorf("sweep: give at least one --vary PATH=VALUES, e.g. --vary stages.booking.staff=2..6")
	}
	sc, err := resolveScenario(ctx, c.fs.Arg(0), c.set.loadOptions())
	if err != nil {
		return err
	}
	params, pts, err := c.points(sc)
	if err != nil {
		return err
	}
	dir, err := c.set.prepare()
	if err != nil {
		return err
	}
	opt := c.set.options(sc)
	command := experimentCommand("sweep", c.fs.Args(), c.vary)
	if c.set.shard.n > 0 {
		return runShard(ctx, dir, c.set.shard, command, params, pts, &c.set, opt, stderr)
	}
	runPoints(ctx, pts, &c.set, opt, stderr)
	if err := c.set.write(ctx, dir, command, params, pts, opt, stdout, stderr); err != nil {
		return err
	}
	if err := experiment.Failed(pts); err != nil {
		return cmp.Or(experiment.FirstError(pts), err)
	}
	return c.table(stdout, params, pts)
}

// points are the grid points of the --vary values.
func (c *sweepCommand) points(sc *scenarios.Scenario) (params []string, pts []*experiment.Point, err error) {
	var values [][]string
	for _, v := range c.vary {
		path, spec, ok := strings.Cut(v, "=")
		if !ok || path == "" || spec == "" {
			return nil, nil, usageErrorf("sweep: --vary %q: write PATH=VALUES, e.g. stages.booking.staff=2..6", v)
		}
		vals, err := experiment.Values(spec)
		if err != nil {
			return nil, nil, usageErrorf("sweep: --vary %s: %v", path, err)
		}
		params = append(params, path)
		values = append(values, vals)
	}
	if err := checkGrid("sweep", values); err != nil {
		return nil, nil, err
	}
	pts, err = experiment.Sweep(sc, params, values)
	if _, ok := errors.AsType[*scenarios.PathError](err); ok {
		return nil, nil, usageErrorf("sweep: --vary %v", err)
	}
	return params, pts, err
}

// table prints the --kpi KPIs per grid point.
func (c *sweepCommand) table(stdout io.Writer, params []string, pts []*experiment.Point) error {
	kpis := c.kpis
	if len(kpis) == 0 {
		for _, st := range pts[0].Results.Stages {
			kpis = append(kpis, st+".wait.mean", st+".service_level")
		}
		if pts[0].Results.KPI("nps") != nil {
			kpis = append(kpis, "nps")
		}
		if pts[0].Results.KPI("cost.per_day") != nil {
			kpis = append(kpis, "cost.per_day")
		}
	}
	for _, k := range kpis {
		if pts[0].Results.KPI(k) == nil {
			return usageErrorf("sweep: --kpi %s: no such KPI (see 'svcsim run --format csv')", k)
		}
	}
	return tables.Sweep(stdout, params, pts, kpis)
}

// checkGrid refuses a grid of more than experiment.MaxGridPoints
// combinations.
func checkGrid(cmd string, values [][]string) error {
	if _, err := experiment.GridSize(values); err != nil {
		return usageErrorf("%s: the --vary values make more than %d grid points; vary fewer values at a time", cmd, experiment.MaxGridPoints)
	}
	return nil
}
