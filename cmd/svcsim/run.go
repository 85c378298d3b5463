package main

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// defaultSeed is the master seed when neither the scenario nor --seed sets
// one.
const defaultSeed = 1

// runCommand is 'svcsim run': simulate a scenario and report its KPIs.
type runCommand struct {
	fs           *pflag.FlagSet
	days         int
	replications int
	seed         uint64
	jobs         int
	maxInSystem  int
	format       string
	out          string
	intervals    bool
	byWeekday    bool
	quiet        bool
	stats        bool
	outputs      outputs
}

func newRunCommand() *runCommand {
	c := &runCommand{fs: newFlags("run")}
	c.fs.IntVar(&c.days, "days", 0, fmt.Sprintf("simulate `N` days (1-%d) instead of the scenario's days (the warm-up stays as it is)", sim.MaxDays))
	c.fs.IntVarP(&c.replications, "replications", "r", 0, fmt.Sprintf("run `N` independent replications (1-%d; default: the scenario's, else %d)", sim.MaxReplications, sim.DefaultReplications))
	c.fs.Uint64Var(&c.seed, "seed", 0, fmt.Sprintf("master random seed `N` (0 is a seed like any other; default: the scenario's seed: field, else %d)", defaultSeed))
	c.fs.IntVarP(&c.jobs, "jobs", "j", 0, fmt.Sprintf("run replications on `N` workers (1-%d; default: the CPUs this task may use, see docs/cluster.md); results do not depend on it", maxJobs))
	c.fs.IntVar(&c.maxInSystem, "max-in-system", sim.DefaultMaxInSystem, fmt.Sprintf("stop with an error when `N` customers (1-%d) are in the system at once: the load exceeds capacity", maxInSystemHi))
	c.fs.StringVar(&c.format, "format", "table", "write results to stdout as `table`, json or csv")
	c.fs.StringVar(&c.out, "out", "", "also write summary.json, summary.csv and intervals.csv into `DIR` (created if missing)")
	c.fs.BoolVar(&c.byWeekday, "by-weekday", false, "table: a time-of-day table per stage and weekday, where the open weekdays differ in hours, demand or staffing (implies --intervals)")
	c.fs.BoolVar(&c.intervals, "intervals", false, "table: add each stage's time-of-day table; csv: write intervals instead of the summary")
	c.fs.BoolVarP(&c.quiet, "quiet", "q", false, "print no warnings and no progress on stderr")
	c.fs.BoolVar(&c.stats, "stats", false, "print the simulation's elapsed time, events and customers per second on stderr (even with --quiet)")
	c.outputs.register(c.fs)
	return c
}

func (c *runCommand) usage(w io.Writer) {
	fmt.Fprintf(w, `Usage: svcsim run [flags] [SCENARIO]

Run simulates SCENARIO, a scenario file or the name of a built-in scenario
(see 'svcsim scenarios'; default %s), for a number of independent
replications and reports each stage's waits, service level, queue and staff
use, and the whole journey's, as mean ± half-width of the confidence interval.

Warnings about the scenario, such as a stage whose offered load meets its
capacity while customers never give up, go to stderr before the run, with
progress while it runs. Ctrl-C stops the run; nothing is written then.

Flags:
%s
Example:
  # The clinic over four weeks with 20 replications; keep the files for a
  # spreadsheet and print the hourly table too.
  svcsim run clinic --days 28 -r 20 --intervals --out results/clinic

  # Your own scenario, as JSON for a script.
  svcsim run my-clinic.yaml --format json > run.json
`, scenarios.DefaultBuiltin, flagUsages(c.fs))
}

func (c *runCommand) run(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	if help, err := parseFlags(c.fs, args, c.usage, stdout); help || err != nil {
		return err
	}
	if c.fs.NArg() > 1 {
		return usageErrorf("run: expected at most one scenario, got %d (%s)", c.fs.NArg(), strings.Join(c.fs.Args(), " "))
	}
	switch c.format {
	case "table", "json", "csv":
	default:
		return usageErrorf("run: --format must be table, json or csv (got %q)", c.format)
	}
	for _, f := range []struct {
		name   string
		lo, hi int
	}{{"replications", 1, sim.MaxReplications}, {"jobs", 1, maxJobs}, {"days", 1, sim.MaxDays}, {"max-in-system", 1, maxInSystemHi}} {
		if err := checkIntFlag(c.fs, "run", f.name, f.lo, f.hi); err != nil {
			return err
		}
	}
	if err := c.outputs.check("run", c.out); err != nil {
		return err
	}

	sc, err := resolveScenario(c.fs.Arg(0))
	if err != nil {
		return err
	}
	m := sc.Model
	if c.fs.Changed("days") {
		if m.Warmup >= float64(c.days)*sim.MinutesPerDay {
			return usageErrorf("run: --days %d leaves no time after the scenario's warm-up of %s", c.days, duration(m.Warmup))
		}
		m.Days = c.days
	}
	m.MaxInSystem = c.maxInSystem
	opt := sim.Options{Replications: c.replications, Seed: c.seed, Workers: cmp.Or(c.jobs, defaultJobs())}
	if !c.fs.Changed("replications") {
		opt.Replications = cmp.Or(sc.Replications, sim.DefaultReplications)
	}
	opt.Seed = scenarioSeed(c.fs.Changed("seed"), c.seed, sc)

	// Make the output directory now, so that a run does not fail only
	// after simulating; it goes again if the run fails.
	var dir *outDir
	if c.out != "" {
		if dir, err = prepareOutDir(c.out); err != nil {
			return fmt.Errorf("--out: %w", err)
		}
		defer func() {
			if err != nil {
				dir.discard()
			}
		}()
	}

	warnings := append(append([]string(nil), sc.Warnings...), sim.LoadWarnings(m)...)
	if !c.quiet {
		for _, w := range warnings {
			fmt.Fprintf(stderr, "warning: %s\n", w)
		}
		for _, n := range sc.Notes {
			fmt.Fprintf(stderr, "note: %s\n", n)
		}
		p := newProgress(stderr, m.Name)
		opt.Progress = p.update
		defer p.finish()
	}

	start := time.Now()
	res, err := sim.Run(ctx, m, opt)
	if ctx.Err() != nil {
		return errInterrupted
	}
	if err != nil {
		return err
	}
	if c.stats {
		writeRunStats(stderr, res, time.Since(start), opt.Workers)
	}
	rep := &report{
		Version:     version(),
		Scenario:    scenarioRef{Name: m.Name, Source: sc.Source, SHA256: sc.Hash},
		Warnings:    warnings,
		Assumptions: sc.Describe(),
		Currency:    sc.Currency,
		Results:     res,
	}

	var out bytes.Buffer
	switch {
	case c.format == "json":
		err = writeJSON(&out, rep)
	case c.format == "csv" && c.intervals:
		err = writeIntervalsCSV(&out, res)
	case c.format == "csv":
		err = writeSummaryCSV(&out, res)
	default:
		err = writeTable(&out, res, c.intervals, c.byWeekday, sc.Currency)
	}
	if err != nil {
		return err
	}
	if dir != nil {
		if err := writeOut(ctx, dir, rep); err != nil {
			return err
		}
		if err := c.outputs.write(c.out, stdout, stderr); err != nil {
			return err
		}
	}
	_, err = stdout.Write(out.Bytes())
	return err
}

// writeOut writes summary.json, summary.csv and intervals.csv into dir, all
// or none of them.
func writeOut(ctx context.Context, dir *outDir, rep *report) error {
	names := []string{"summary.json", "summary.csv", "intervals.csv"}
	writers := []func(io.Writer) error{
		func(w io.Writer) error { return writeJSON(w, rep) },
		func(w io.Writer) error { return writeSummaryCSV(w, rep.Results) },
		func(w io.Writer) error { return writeIntervalsCSV(w, rep.Results) },
	}
	contents := make([][]byte, len(names))
	for i, write := range writers {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			return err
		}
		contents[i] = b.Bytes()
	}
	if err := dir.write(ctx, names, contents); err != nil {
		if ctx.Err() != nil {
			return errInterrupted
		}
		return fmt.Errorf("--out: %w", err)
	}
	return nil
}

// resolveScenario loads arg: an existing file, else a built-in scenario of
// that name; "" is the default built-in.
func resolveScenario(arg string) (*scenarios.Scenario, error) {
	if arg == "" {
		return scenarios.Builtin(scenarios.DefaultBuiltin)
	}
	if _, err := os.Stat(arg); !errors.Is(err, fs.ErrNotExist) {
		return scenarios.Load(arg)
	}
	for _, b := range scenarios.Builtins() {
		if b.Name == arg {
			return scenarios.Builtin(arg)
		}
	}
	return nil, usageErrorf("%s: no such file, and no built-in scenario of that name (built-ins: %s)", arg, builtinNames())
}

func builtinNames() string {
	var names []string
	for _, b := range scenarios.Builtins() {
		names = append(names, b.Name)
	}
	return strings.Join(names, ", ")
}

// writeRunStats writes the speed of a run to w: the wall-clock time of the
// simulation (summaries included, reading the scenario and writing the
// results not), the events processed and the customers simulated (first
// arrivals after the warm-up, as journey.customers counts them) per
// second, over every replication.
func writeRunStats(w io.Writer, res *sim.Results, elapsed time.Duration, workers int) {
	var customers int64
	for i := range res.Reps {
		customers += res.Reps[i].Journey.Started
	}
	sec := elapsed.Seconds()
	plural := func(n int, what string) string {
		if n == 1 {
			return "1 " + what
		}
		return fmt.Sprintf("%d %ss", n, what)
	}
	fmt.Fprintf(w, "stats: %s on %s in %.3f s: %d events (%.2f M/s), %d customers (%.2f M/s)\n",
		plural(len(res.Reps), "replication"), plural(min(workers, len(res.Reps)), "worker"), sec,
		res.Events, float64(res.Events)/sec/1e6, customers, float64(customers)/sec/1e6)
}
