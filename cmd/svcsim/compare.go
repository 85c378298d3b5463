package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/sim"
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
}

func newCompareCommand() *compareCommand {
	c := &compareCommand{fs: newFlags("compare")}
	c.set.register(c.fs)
	c.fs.StringVar(&c.format, "format", "table", "write the comparison as `table`, csv or json")
	c.fs.StringVar(&c.set.out, "out", "", "also write replications.csv, summary.csv, intervals.csv, results.json and manifest.json into `DIR`")
	c.fs.StringVar(&c.precision, "precision", "", "add replications until the --kpi KPIs' relative half-widths are at most `P` (e.g. 5%)")
	c.fs.StringArrayVar(&c.kpis, "kpi", nil, "a KPI for --precision (repeatable; default: every stage's mean wait)")
	c.fs.IntVar(&c.maxReps, "max-replications", 500, fmt.Sprintf("with --precision, stop at `N` replications (2-%d)", sim.MaxReplications))
	c.set.outputs.register(c.fs)
	c.set.shard.register(c.fs)
	return c
}

func (c *compareCommand) usage(w io.Writer) {
	fmt.Fprintf(w, `Usage: svcsim compare [flags] SCENARIO [SCENARIO...]

Compare runs every SCENARIO (a file or a built-in; a file's variants count
as scenarios of their own) with the same seed and replications, so that
replication i of each sees the same customers wherever the scenarios
allow (common random numbers). It reports every KPI of the first scenario,
the baseline, beside each other scenario's value and the paired difference
with its 95%% confidence interval; "~" marks a difference that cannot be
told from noise.

Flags:
%s
Example:
  svcsim compare clinic                      # the clinic and its variants
  svcsim compare today.yaml plan-b.yaml --precision 5%% --kpi booking.wait.mean
`, flagUsages(c.fs))
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
	var pts []*point
	for _, arg := range c.fs.Args() {
		sc, err := resolveScenario(ctx, arg, c.set.loadOptions())
		if err != nil {
			return err
		}
		for _, s := range sc.All() {
			pts = append(pts, &point{Scenario: s, Name: s.Name(), File: sc.Source})
		}
	}
	uniqueNames(pts)
	if len(pts) < 2 {
		return usageErrorf("compare: %s has no variants; give a second scenario to compare with", c.fs.Arg(0))
	}
	var dir *outDir
	if c.set.out != "" {
		if dir, err = prepareOutDir(c.set.out); err != nil {
			return fmt.Errorf("--out: %w", err)
		}
	}
	opt := c.set.options(pts[0].Scenario)
	command := experimentCommand("compare", c.fs.Args(), nil)
	if c.set.shard.n > 0 {
		return runShard(ctx, dir, c.set.shard, command, nil, pts, &c.set, opt, stderr)
	}
	runPoints(ctx, pts, &c.set, opt, stderr)
	if err := failed(pts); err != nil {
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
		if err := extendToPrecision(ctx, pts, &c.set, opt, kpis, target, c.maxReps, stderr); err != nil {
			return err
		}
	}
	var out bytes.Buffer
	switch c.format {
	case "csv":
		err = writeCompareCSV(&out, pts)
	case "json":
		err = writeCompareJSON(&out, pts)
	default:
		err = writeCompareTable(&out, pts)
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

// uniqueNames makes point names unique, adding the file where two
// scenarios share a name.
func uniqueNames(pts []*point) {
	seen := map[string]int{}
	for _, p := range pts {
		seen[p.Name]++
	}
	for _, p := range pts {
		if seen[p.Name] > 1 {
			p.Name = p.Name + " (" + p.File + ")"
		}
	}
}

// extendToPrecision adds replications to every point until each KPI's
// relative half-width is at most target in every scenario, or maxReps.
func extendToPrecision(ctx context.Context, pts []*point, s *runSettings, opt sim.Options, kpis []string, target float64, maxReps int, stderr io.Writer) error {
	for {
		n := len(pts[0].Results.Reps)
		worst := 0.0
		for _, p := range pts {
			for _, k := range kpis {
				if kp := p.Results.KPI(k); kp != nil && kp.Mean != 0 && !math.IsNaN(kp.Mean) {
					worst = math.Max(worst, kp.RelativeHalfWidth())
				}
			}
		}
		if worst <= target {
			if !s.quiet {
				fmt.Fprintf(stderr, "svcsim: precision %.3g%% reached with %d replications\n", worst*100, n)
			}
			return nil
		}
		if n >= maxReps {
			if !s.quiet {
				fmt.Fprintf(stderr, "warning: stopped at --max-replications %d with a relative half-width of %.3g%% (target %.3g%%)\n", n, worst*100, target*100)
			}
			return nil
		}
		// The half-width shrinks like 1/sqrt(n).
		next := int(math.Ceil(float64(n) * math.Min(4, 1.1*(worst/target)*(worst/target))))
		next = min(max(next, n+2), maxReps)
		for _, p := range pts {
			m, err := s.model(p)
			if err != nil {
				return err
			}
			o := opt
			o.Progress = nil
			r, err := sim.Extend(ctx, m, p.Results, next, o)
			if ctx.Err() != nil {
				return errInterrupted
			}
			if err != nil {
				return err
			}
			p.Results = r
		}
	}
}

// diffs returns the paired differences of each point against the first.
func diffs(pts []*point) [][]sim.Diff {
	out := make([][]sim.Diff, len(pts))
	for i, p := range pts[1:] {
		d, err := sim.Compare(pts[0].Results, p.Results)
		if err == nil {
			out[i+1] = d
		}
	}
	return out
}

func writeCompareTable(w io.Writer, pts []*point) error {
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	base := pts[0].Results
	fmt.Fprintf(tw, "baseline\t%s\n", pts[0].Name)
	for i, p := range pts[1:] {
		fmt.Fprintf(tw, "scenario %d\t%s\n", i+2, p.Name)
	}
	fmt.Fprintf(tw, "replications\t%d, seed %d, common random numbers\n", len(base.Reps), base.Seed)
	fmt.Fprintf(tw, "differences\tscenario - baseline, paired, ± 95%% half-width; ~ = not distinguishable from noise\n")
	ds := diffs(pts)
	currency := pts[0].Scenario.Currency
	group := ""
	for _, k := range base.KPIs {
		if k.Group != group {
			group = k.Group
			fmt.Fprintf(tw, "\n%s\t%s", group, "baseline")
			for i := range pts[1:] {
				fmt.Fprintf(tw, "\tscenario %d\tdifference", i+2)
			}
			fmt.Fprintln(tw)
		}
		scale, unit := display(k.Unit)
		if currency != "" {
			unit = strings.Replace(unit, "money", currency, 1)
		}
		v, pm := formatPM(k.Mean*scale, k.HalfWidth*scale)
		fmt.Fprintf(tw, "  %s (%s)\t%s", k.Label, unit, joinPM(v, pm))
		for i, p := range pts[1:] {
			o := p.Results.KPI(k.Name)
			var d *sim.Diff
			for j := range ds[i+1] {
				if ds[i+1][j].Name == k.Name {
					d = &ds[i+1][j]
				}
			}
			if o == nil || d == nil {
				fmt.Fprintf(tw, "\t\t")
				continue
			}
			ov, opm := formatPM(o.Mean*scale, o.HalfWidth*scale)
			dv, dpm := formatPM(d.Mean*scale, d.HalfWidth*scale)
			if dv != "n/a" && d.Mean > 0 {
				dv = "+" + dv
			}
			mark := ""
			if !d.Distinguishable && dv != "n/a" {
				mark = " ~"
			}
			fmt.Fprintf(tw, "\t%s\t%s%s", joinPM(ov, opm), joinPM(dv, dpm), mark)
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := w.Write(trimLines(buf.Bytes()))
	return err
}

func joinPM(v, pm string) string {
	if pm == "" {
		return v
	}
	return v + " ± " + pm
}

func writeCompareCSV(w io.Writer, pts []*point) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"scenario", "kpi", "stage", "label", "unit", "mean", "half_width", "n", "diff", "diff_half_width", "distinguishable"})
	ds := diffs(pts)
	for i, p := range pts {
		for _, k := range p.Results.KPIs {
			rec := []string{p.Name, k.Name, k.Stage, k.Label, string(k.Unit), number(k.Mean), number(k.HalfWidth), strconv.Itoa(k.N), "", "", ""}
			for _, d := range ds[i] {
				if d.Name == k.Name {
					rec[8], rec[9], rec[10] = number(d.Mean), number(d.HalfWidth), strconv.FormatBool(d.Distinguishable)
				}
			}
			cw.Write(rec)
		}
	}
	cw.Flush()
	return cw.Error()
}

func writeCompareJSON(w io.Writer, pts []*point) error {
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
		Version   string  `json:"svcsim_version"`
		Baseline  string  `json:"baseline"`
		Scenarios []entry `json:"scenarios"`
	}{Version: version(), Baseline: pts[0].Name}
	ds := diffs(pts)
	for i, p := range pts {
		e := entry{Name: p.Name, Results: p.Results}
		for _, d := range ds[i] {
			e.Diffs = append(e.Diffs, diff{d.Name, d.Unit, d.Estimate, d.Distinguishable})
		}
		doc.Scenarios = append(doc.Scenarios, e)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}
