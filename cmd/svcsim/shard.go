package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/gob"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/resultset"
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
func runShard(ctx context.Context, dir *resultset.Dir, sh shardSpec, command string, params []string, pts []*point, s *runSettings, opt sim.Options, stderr io.Writer) error {
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
	return dir.Write(context.WithoutCancel(ctx), resultset.File{Name: partName(sh.i, sh.n), Data: b.Bytes()})
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
		if ctx.Err() != nil {
			return errInterrupted
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return usageErrorf("merge: %v", err)
		}
		p, err := decodePart(b)
		if err != nil {
			return usageErrorf("merge: %s is not a part file written by svcsim --shard: %v", f, err)
		}
		parts = append(parts, p)
	}
	first := parts[0]
	reps, have, err := checkParts(files, parts, c.partial)
	if err != nil {
		return err
	}
	present := map[int]bool{}
	for _, p := range parts {
		present[p.Shard] = true
	}
	var missing []string
	for i := range first.Of {
		if !present[i] {
			missing = append(missing, strconv.Itoa(i))
		}
	}
	if plan != nil && (plan.Shards != first.Of || plan.Seed != first.Seed || plan.Replications != first.Replications) {
		return usageErrorf("merge: %s is not from --plan %s: %d shards, seed %d, %d replications; want %d, %d, %d",
			files[0], c.plan, first.Of, first.Seed, first.Replications, plan.Shards, plan.Seed, plan.Replications)
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
	dir, err := resultset.Prepare(c.out)
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	if err := writeExperiment(ctx, dir, first.Command, first.Params, pts, opt); err != nil {
		return err
	}
	if err := c.outputs.write(ctx, c.out, stdout, stderr); err != nil {
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

// decodeGob decodes b into v. encoding/gob is not hardened against
// adversarial input (its documentation says so) and can panic on a
// crafted file, so a panic while decoding is a decoding error here.
func decodeGob(b []byte, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("malformed data (%v)", r)
		}
	}()
	return gob.NewDecoder(bytes.NewReader(b)).Decode(v)
}

func decodePart(b []byte) (part, error) {
	var p part
	err := decodeGob(b, &p)
	return p, err
}

// checkParts checks part files (named by files) read from disk — they are
// untrusted input — and returns each point's replications in order. It
// checks that every part comes from this build of svcsim and from the same
// experiment (command, seed, replications, shard count, scenario files by
// their SHA-256), that every index is in range and every unit appears
// exactly once, and that each replication has its model's shape. Counts
// are checked before anything is allocated for them, so memory stays
// proportional to the parts' size.
//
// With partial, shards may be missing; have says which units are present.
func checkParts(files []string, parts []part, partial bool) (reps [][]sim.Replication, have [][]bool, err error) {
	first := parts[0]
	for i, p := range parts {
		f := files[i]
		if p.Version != version() {
			return nil, nil, usageErrorf("merge: %s was written by svcsim %s; this is svcsim %s: merge with the build that ran the shards", f, p.Version, version())
		}
		switch {
		case p.Of < 1 || p.Of > maxShards:
			return nil, nil, usageErrorf("merge: %s: shard count %d is outside 1-%d", f, p.Of, maxShards)
		case p.Shard < 0 || p.Shard >= p.Of:
			return nil, nil, usageErrorf("merge: %s: shard %d is outside 0-%d", f, p.Shard, p.Of-1)
		case p.Replications < 1 || p.Replications > sim.MaxReplications:
			return nil, nil, usageErrorf("merge: %s: %d replications is outside 1-%d", f, p.Replications, sim.MaxReplications)
		}
		if p.Command != first.Command || p.Seed != first.Seed || p.Replications != first.Replications || p.Of != first.Of || len(p.Points) != len(first.Points) || !slices.Equal(p.Params, first.Params) {
			return nil, nil, usageErrorf("merge: %s is from a different experiment (%s, seed %d, %d replications, %d shards) than %s (%s, seed %d, %d, %d)",
				f, p.Command, p.Seed, p.Replications, p.Of, files[0], first.Command, first.Seed, first.Replications, first.Of)
		}
		for j, pp := range p.Points {
			fp := first.Points[j]
			if pp.Name != fp.Name || pp.File != fp.File || pp.Variant != fp.Variant || !maps.Equal(pp.Params, fp.Params) {
				return nil, nil, usageErrorf("merge: %s: scenario %d is %q, but in %s it is %q", f, j, pp.Name, files[0], fp.Name)
			}
			if pp.SHA256 != fp.SHA256 {
				return nil, nil, usageErrorf("merge: %s: %s (%s) has SHA-256 %.12s, but %s ran it with %.12s: the scenario file changed between shards", f, pp.Name, pp.File, pp.SHA256, files[0], fp.SHA256)
			}
			if (pp.Err == "") != (fp.Err == "") {
				return nil, nil, usageErrorf("merge: %s: %s failed in one part and not in the other (%s)", f, pp.Name, files[0])
			}
			if pp.Err != "" || i > 0 {
				continue
			}
			if pp.Model == nil {
				return nil, nil, usageErrorf("merge: %s: %s has no model", f, pp.Name)
			}
			if err := pp.Model.Validate(); err != nil {
				return nil, nil, usageErrorf("merge: %s: %s: %v", f, pp.Name, err)
			}
		}
	}
	seen := make([]string, first.Of)
	for i, p := range parts {
		if seen[p.Shard] != "" {
			return nil, nil, usageErrorf("merge: %s and %s are both shard %d", seen[p.Shard], files[i], p.Shard)
		}
		seen[p.Shard] = files[i]
	}
	var missing []string
	for i, f := range seen {
		if f == "" {
			missing = append(missing, strconv.Itoa(i))
			if len(missing) == 10 {
				missing = append(missing, "...")
				break
			}
		}
	}
	if len(missing) > 0 && !partial {
		return nil, nil, usageErrorf("merge: shard(s) %s of %d missing (no %s): re-run them alone (Slurm: sbatch --array=%s; or --shard %s/%d), or merge what there is with --partial",
			strings.Join(missing, ", "), first.Of, partName(atoi(missing[0]), first.Of), strings.Join(missing, ","), missing[0], first.Of)
	}
	// Each part must hold exactly its shard's units: unit u = point ×
	// replications + replication goes to shard u mod n.
	R, n := first.Replications, first.Of
	below := func(k, i int) int { // units u < k with u mod n = i
		if k <= i {
			return 0
		}
		return (k-i-1)/n + 1
	}
	for i, p := range parts {
		want := 0
		for pi, pp := range first.Points {
			if pp.Err == "" {
				want += below((pi+1)*R, p.Shard) - below(pi*R, p.Shard)
			}
		}
		if len(p.Units) != want {
			return nil, nil, usageErrorf("merge: %s holds %d work units; shard %d of %d has %d", files[i], len(p.Units), p.Shard, n, want)
		}
	}
	reps = make([][]sim.Replication, len(first.Points))
	have = make([][]bool, len(first.Points))
	for i, pp := range first.Points {
		if pp.Err == "" {
			reps[i] = make([]sim.Replication, R)
			have[i] = make([]bool, R)
		}
	}
	for i, p := range parts {
		for _, u := range p.Units {
			switch {
			case u.Point < 0 || u.Point >= len(reps) || u.Rep < 0 || u.Rep >= R:
				return nil, nil, usageErrorf("merge: %s: work unit (scenario %d, replication %d) is out of range (%d scenarios × %d replications)", files[i], u.Point, u.Rep, len(reps), R)
			case reps[u.Point] == nil:
				return nil, nil, usageErrorf("merge: %s: work unit (scenario %d, replication %d) belongs to a scenario that failed", files[i], u.Point, u.Rep)
			case (u.Point*R+u.Rep)%n != p.Shard:
				return nil, nil, usageErrorf("merge: %s: work unit (scenario %d, replication %d) belongs to shard %d, not %d", files[i], u.Point, u.Rep, (u.Point*R+u.Rep)%n, p.Shard)
			case have[u.Point][u.Rep]:
				return nil, nil, usageErrorf("merge: %s: work unit (scenario %d, replication %d) appears twice", files[i], u.Point, u.Rep)
			case u.Stats.Index != u.Rep:
				return nil, nil, usageErrorf("merge: %s: work unit (scenario %d, replication %d) holds replication %d", files[i], u.Point, u.Rep, u.Stats.Index)
			}
			if err := u.Stats.CheckShape(first.Points[u.Point].Model); err != nil {
				return nil, nil, usageErrorf("merge: %s: work unit (scenario %d, replication %d): %v", files[i], u.Point, u.Rep, err)
			}
			reps[u.Point][u.Rep], have[u.Point][u.Rep] = u.Stats, true
		}
	}
	return reps, have, nil
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
	if err := c.set.checkRanges(c.fs, "plan"); err != nil {
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
		sc, err := resolveScenario(ctx, c.fs.Arg(0), c.set.loadOptions())
		if err != nil {
			return err
		}
		first, n = sc, 1
		var values [][]string
		for _, v := range c.vary {
			_, spec, _ := strings.Cut(v, "=")
			vals, err := expandValues(spec)
			if err != nil {
				return usageErrorf("plan: --vary %s: %v", v, err)
			}
			values = append(values, vals)
		}
		if err := checkGrid("plan", values); err != nil {
			return err
		}
		for _, v := range values {
			n *= len(v)
		}
	} else {
		for _, a := range c.fs.Args() {
			if sc, err := resolveScenario(ctx, a, c.set.loadOptions()); err == nil && !strings.ContainsAny(a, "*?[") {
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
				sc, err := loadScenario(ctx, f, c.set.loadOptions())
				if err == errInterrupted {
					return err
				}
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
	dir, err := resultset.Prepare(filepath.Dir(c.write))
	if err != nil {
		return fmt.Errorf("--write: %w", err)
	}
	if err := dir.Write(ctx, resultset.File{Name: filepath.Base(c.write), Data: append(b, '\n')}); err != nil {
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
