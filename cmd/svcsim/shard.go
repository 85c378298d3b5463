package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/gob"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// Sharding splits an experiment's work units — one replication of one
// scenario — over machines: unit u (scenario-major: scenario s,
// replication r is u = s × replications + r) goes to shard u mod n. Each
// shard writes a part file with its units' raw statistics and every
// scenario's model; 'svcsim merge' checks that every unit is present once
// and writes the same files as a run on one machine.

// part is one shard's output.
type part struct {
	Version      string
	Command      string
	Params       []string
	Seed         uint64
	Replications int
	Shard, Of    int
	Points       []partPoint
	Units        []partUnit
}

type partPoint struct {
	Name, File, Variant, SHA256, Currency string
	Params                                map[string]string
	Assumptions                           []string
	Model                                 *sim.Model
	Err                                   string
	// Seed is the point's master seed when it has its own (a batch
	// file's); nil means the part's Seed.
	Seed *uint64
}

type partUnit struct {
	Point, Rep int
	Stats      sim.Replication
}

func init() {
	for _, d := range []sim.Dist{sim.Exponential{}, sim.LogNormal{}, sim.Gamma{}, sim.Erlang{}, sim.Triangular{},
		sim.Uniform{}, sim.Deterministic{}, sim.Empirical{}, sim.Normal{}} {
		gob.Register(d)
	}
}

// runShard runs this shard's units of pts, on opt.Workers goroutines, and
// writes its part file into dir.
func runShard(ctx context.Context, dir *outDir, sh shardSpec, command string, params []string, pts []*point, s *runSettings, opt sim.Options, stderr io.Writer) error {
	valid := 0
	for _, pt := range pts {
		if pt.Err == nil {
			valid++
		}
	}
	if err := sh.checkPlan(valid, opt); err != nil {
		return err
	}
	p := part{Version: version(), Command: command, Params: params, Seed: opt.Seed, Replications: opt.Replications, Shard: sh.i, Of: sh.n}
	type unit struct {
		point, rep int
		model      *sim.Model
	}
	var work []unit
	for pi, pt := range pts {
		pp := partPoint{Name: pt.Name, File: pt.File, Params: pt.Params, Seed: pt.seed}
		if pt.Err != nil {
			pp.Err = pt.Err.Error()
			p.Points = append(p.Points, pp)
			continue
		}
		m, err := s.model(pt)
		if err != nil {
			pp.Err = err.Error()
			p.Points = append(p.Points, pp)
			continue
		}
		pp.Model, pp.Variant, pp.SHA256, pp.Currency, pp.Assumptions = m, pt.Scenario.Variant, pt.Scenario.Hash, pt.Scenario.Currency, pt.Scenario.Describe()
		p.Points = append(p.Points, pp)
		for r := range opt.Replications {
			if (pi*opt.Replications+r)%sh.n == sh.i {
				work = append(work, unit{pi, r, m})
			}
		}
	}
	workers := min(cmp.Or(opt.Workers, defaultJobs()), max(len(work), 1))
	if !s.quiet {
		fmt.Fprintf(stderr, "svcsim: shard %d of %d: %d of %d work units on %d worker(s)\n",
			sh.i, sh.n, len(work), len(pts)*opt.Replications, workers)
	}
	bar := newBatchProgress(stderr, len(work), s.quiet)
	defer bar.finish()
	step := bar.replication(fmt.Sprintf("shard %d of %d", sh.i, sh.n))
	reps := make([]sim.Replication, len(work))
	errs := make([]error, len(work))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for k := range next {
				u := work[k]
				reps[k], errs[k] = sim.Replicate(ctx, u.model, pts[u.point].seedOr(opt.Seed), u.rep)
				step(0, 0)
			}
		})
	}
feed:
	for k := range work {
		select {
		case next <- k:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if ctx.Err() != nil {
		return errInterrupted
	}
	for k, u := range work {
		if errs[k] != nil {
			return fmt.Errorf("%s, replication %d: %w", pts[u.point].Name, u.rep, errs[k])
		}
		p.Units = append(p.Units, partUnit{u.point, u.rep, reps[k]})
	}
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(p); err != nil {
		return err
	}
	return dir.write(context.WithoutCancel(ctx), []string{partName(sh.i, sh.n)}, [][]byte{b.Bytes()})
}

// experimentCommand is the part of a command line that names the work,
// without where it goes (--out) or which shard runs it, so that a merged
// manifest equals an unsharded one.
func experimentCommand(name string, args []string, vary []string) string {
	parts := append([]string{name}, args...)
	for _, v := range vary {
		parts = append(parts, "--vary", v)
	}
	return strings.Join(parts, " ")
}

// mergeCommand is 'svcsim merge': part files into one result directory.
type mergeCommand struct {
	fs      *pflag.FlagSet
	out     string
	plan    string
	partial bool
	outputs outputs
}

func newMergeCommand() *mergeCommand {
	c := &mergeCommand{fs: newFlags("merge")}
	c.fs.StringVar(&c.out, "out", "", "write the merged results into `DIR` (required)")
	c.fs.StringVar(&c.plan, "plan", "", "check the parts against the plan `FILE` that 'svcsim plan --write' wrote, and name the missing ones")
	c.fs.BoolVar(&c.partial, "partial", false, "merge the parts there are, and report the work units that are missing")
	c.outputs.register(c.fs)
	return c
}

func (c *mergeCommand) usage(w io.Writer) {
	fmt.Fprintf(w, `Usage: svcsim merge --out DIR PART|DIR|GLOB...

Merge combines the part files that 'batch', 'sweep' or 'compare' wrote
with --shard I/N on several machines into the files one machine would
have written (replications.csv, summary.csv, intervals.csv, results.json,
manifest.json), byte for byte. It checks that the parts come from the same
experiment and that every work unit is present exactly once. A directory
stands for every part file below it.

With --partial, merge writes what the parts there are hold: each scenario
is summarised over the replications present (summary.csv's n says how
many), manifest.json marks the incomplete scenarios with the replications
they lack, and the missing work units are listed. Re-run the missing
shards alone and merge again for the complete results.

Flags:
%s
Example:
  svcsim merge --out results/all shards/part-*-of-8.gob
  svcsim merge --out results/all --plan shards/plan.json shards/
  svcsim merge --out results/so-far --partial shards/
`, flagUsages(c.fs))
}

func (c *mergeCommand) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if help, err := parseFlags(c.fs, args, c.usage, stdout); help || err != nil {
		return err
	}
	if c.out == "" {
		return usageErrorf("merge: give --out DIR and the part files")
	}
	if err := c.outputs.check("merge", c.out); err != nil {
		return err
	}
	if c.partial && (c.outputs.charts || c.outputs.report) {
		return usageErrorf("merge: --partial draws no charts and writes no report: they would show incomplete results as final")
	}
	var plan *shardPlan
	if c.plan != "" {
		var err error
		if plan, err = readPlan(c.plan); err != nil {
			return usageErrorf("merge: --plan: %v", err)
		}
	}
	files, empty, err := partFiles(c.fs.Args())
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return nothingToMerge(c.fs.Args(), empty, plan, c.plan)
	}
	var parts []part
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return usageErrorf("merge: %v", err)
		}
		var p part
		if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&p); err != nil {
			return usageErrorf("merge: %s is not a part file written by svcsim --shard: %v", f, err)
		}
		parts = append(parts, p)
	}
	first := parts[0]
	seen := map[int]string{}
	for i, p := range parts {
		f := files[i]
		if p.Command != first.Command || p.Seed != first.Seed || p.Replications != first.Replications || p.Of != first.Of || len(p.Points) != len(first.Points) {
			return usageErrorf("merge: %s is from a different experiment (%s, seed %d, %d replications, %d shards) than %s (%s, seed %d, %d, %d)",
				f, p.Command, p.Seed, p.Replications, p.Of, files[0], first.Command, first.Seed, first.Replications, first.Of)
		}
		if prev, dup := seen[p.Shard]; dup {
			return usageErrorf("merge: %s and %s are both shard %d", prev, f, p.Shard)
		}
		seen[p.Shard] = f
	}
	if plan != nil && (plan.Shards != first.Of || plan.Seed != first.Seed || plan.Replications != first.Replications) {
		return usageErrorf("merge: %s is not from --plan %s: %d shards, seed %d, %d replications; want %d, %d, %d",
			files[0], c.plan, first.Of, first.Seed, first.Replications, plan.Shards, plan.Seed, plan.Replications)
	}
	var missing []string
	for i := range first.Of {
		if _, ok := seen[i]; !ok {
			missing = append(missing, strconv.Itoa(i))
		}
	}
	if len(missing) > 0 && !c.partial {
		return usageErrorf("merge: shard(s) %s of %d missing (no %s): re-run them alone (Slurm: sbatch --array=%s; or --shard %s/%d), or merge what there is with --partial",
			strings.Join(missing, ", "), first.Of, partName(atoi(missing[0]), first.Of), strings.Join(missing, ","), missing[0], first.Of)
	}
	reps := make([][]sim.Replication, len(first.Points))
	have := make([][]bool, len(first.Points))
	for i := range reps {
		reps[i] = make([]sim.Replication, first.Replications)
		have[i] = make([]bool, first.Replications)
	}
	for _, p := range parts {
		for _, u := range p.Units {
			if u.Point >= len(reps) || u.Rep >= first.Replications || have[u.Point][u.Rep] {
				return fmt.Errorf("merge: work unit %d/%d appears twice or is out of range", u.Point, u.Rep)
			}
			reps[u.Point][u.Rep], have[u.Point][u.Rep] = u.Stats, true
		}
	}
	opt := sim.Options{Seed: first.Seed, Replications: first.Replications}
	var pts []*point
	var names []string
	var lacking [][]int
	lost, broken := 0, false
	for i, pp := range first.Points {
		pt := &point{Name: pp.Name, File: pp.File, Params: pp.Params, seed: pp.Seed}
		pt.Scenario = &scenarios.Scenario{Model: pp.Model, Variant: pp.Variant, Hash: pp.SHA256, Currency: pp.Currency}
		pt.assumptions = pp.Assumptions
		names = append(names, pp.Name)
		var gaps []int
		switch {
		case pp.Err != "":
			pt.Err = fmt.Errorf("%s", pp.Err)
			broken = true
		case slices.Contains(have[i], false) && !c.partial:
			return fmt.Errorf("merge: %s is missing replication %d", pp.Name, slices.Index(have[i], false))
		case slices.Contains(have[i], false):
			var present []sim.Replication
			for r, ok := range have[i] {
				if ok {
					present = append(present, reps[i][r])
				} else {
					gaps = append(gaps, r)
				}
			}
			pt.missing, lost = gaps, lost+len(gaps)
			if len(present) == 0 {
				pt.Err = fmt.Errorf("partial merge: no replication of this scenario is in the parts")
			} else {
				pt.Results = sim.Summarise(pp.Model, present, first.Seed, 0.95)
			}
		default:
			pt.Results = sim.Summarise(pp.Model, reps[i], pt.seedOr(first.Seed), 0.95)
		}
		lacking = append(lacking, gaps)
		pts = append(pts, pt)
	}
	dir, err := prepareOutDir(c.out)
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	if err := writeExperiment(ctx, dir, first.Command, first.Params, pts, opt); err != nil {
		return err
	}
	if err := c.outputs.write(c.out, stdout, stderr); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "merged %d parts (%d scenarios × %d replications) into %s\n", len(parts), len(pts), first.Replications, filepath.Clean(c.out))
	if lost > 0 {
		fmt.Fprintf(stdout, "partial: shard(s) %s of %d missing, %d of %d work units; each scenario is summarised over the replications present:\n",
			strings.Join(missing, ", "), first.Of, lost, len(pts)*first.Replications)
		for _, l := range missingUnits(names, lacking) {
			fmt.Fprintln(stdout, l)
		}
		if !broken {
			return nil
		}
	}
	return failed(pts)
}

// planCommand is 'svcsim plan': the size of an experiment, to size a job
// array.
type planCommand struct {
	fs     *pflag.FlagSet
	set    runSettings
	vary   []string
	shards int
	write  string
}

func newPlanCommand() *planCommand {
	c := &planCommand{fs: newFlags("plan")}
	c.set.register(c.fs)
	c.fs.StringArrayVar(&c.vary, "vary", nil, "as for sweep: `PATH=VALUES` (repeatable)")
	c.fs.IntVar(&c.shards, "shards", 0, "split the work into `N` shards and say how to submit them")
	c.fs.StringVar(&c.write, "write", "", "with --shards, write the plan to `FILE` for the shards' --plan and merge's --plan")
	return c
}

func (c *planCommand) usage(w io.Writer) {
	fmt.Fprintf(w, `Usage: svcsim plan [flags] PATH...          (the scenarios of a batch)
       svcsim plan [flags] SCENARIO --vary ...  (the grid of a sweep)

Plan prints how many scenarios and work units (one replication of one
scenario) an experiment has, and how to split it over a job array with
--shard or --shards. With --shards N --write FILE it writes the plan that
each shard reads with --plan FILE, so that the shard count never comes
from the size of a job array (a resubmitted index alone is an array of 1).

Flags:
%s
Example:
  svcsim plan branches/ -r 40
  svcsim plan clinic --vary stages.booking.staff=2..8
  svcsim plan clinic --vary stages.booking.staff=2..8 -r 40 --seed 7 --shards 4 --write parts/plan.json
`, flagUsages(c.fs))
}

func (c *planCommand) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if help, err := parseFlags(c.fs, args, c.usage, stdout); help || err != nil {
		return err
	}
	if c.fs.NArg() == 0 {
		return usageErrorf("plan: give scenario files or directories, or a scenario and --vary")
	}
	if c.fs.Changed("shards") && c.shards < 1 {
		return usageErrorf("plan: --shards must be >= 1 (got %d)", c.shards)
	}
	if c.write != "" && c.shards == 0 {
		return usageErrorf("plan: --write needs --shards N: the plan says how many shards there are")
	}
	var first *scenarios.Scenario
	n := 0
	if len(c.vary) > 0 {
		sc, err := resolveScenario(c.fs.Arg(0))
		if err != nil {
			return err
		}
		first, n = sc, 1
		for _, v := range c.vary {
			_, spec, _ := strings.Cut(v, "=")
			vals, err := expandValues(spec)
			if err != nil {
				return usageErrorf("plan: --vary %s: %v", v, err)
			}
			n *= len(vals)
		}
	} else {
		for _, a := range c.fs.Args() {
			if sc, err := resolveScenario(a); err == nil && !strings.ContainsAny(a, "*?[") {
				if info, serr := os.Stat(a); serr != nil || !info.IsDir() {
					first = cmpOr(first, sc)
					n += len(sc.All())
					continue
				}
			}
			files, err := expandPaths([]string{a})
			if err != nil {
				return err
			}
			for _, f := range files {
				sc, err := scenarios.Load(f)
				if err != nil {
					fmt.Fprintf(stderr, "warning: %s is invalid and would not run\n", f)
					continue
				}
				first = cmpOr(first, sc)
				n += len(sc.All())
			}
		}
	}
	if first == nil {
		return usageErrorf("plan: no valid scenario")
	}
	opt := c.set.options(first)
	units := n * opt.Replications
	fmt.Fprintf(stdout, "%d scenarios × %d replications = %d work units\n", n, opt.Replications, units)
	if c.shards == 0 {
		fmt.Fprintf(stdout, "on N machines, run the same command with --shard I/N for I = 0..N-1 (each runs about %d/N units), then 'svcsim merge' the parts\n", units)
		return nil
	}
	k := c.shards
	fmt.Fprintf(stdout, "%d shards, 0..%d, of %d to %d work units each: a Slurm --array=0-%d, a Kubernetes Indexed Job of %d completions, or an AWS Batch array of size %d\n",
		k, k-1, units/k, (units+k-1)/k, k-1, k, k)
	if units < k {
		fmt.Fprintf(stderr, "warning: %d of the %d shards have no work unit\n", k-units, k)
	}
	if c.write == "" {
		fmt.Fprintf(stdout, "give each shard --shards %d (or write this plan with --write FILE and give --plan FILE), then 'svcsim merge' the parts\n", k)
		return nil
	}
	p := shardPlan{Version: version(), Scenarios: n, Replications: opt.Replications, Seed: opt.Seed, WorkUnits: units, Shards: k}
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	dir, err := prepareOutDir(filepath.Dir(c.write))
	if err != nil {
		return fmt.Errorf("--write: %w", err)
	}
	if err := dir.write(ctx, []string{filepath.Base(c.write)}, [][]byte{append(b, '\n')}); err != nil {
		return fmt.Errorf("--write: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %s: give each shard --plan %s, then 'svcsim merge --plan %s' the parts\n", c.write, c.write, c.write)
	return nil
}

func cmpOr(a, b *scenarios.Scenario) *scenarios.Scenario {
	if a != nil {
		return a
	}
	return b
}
