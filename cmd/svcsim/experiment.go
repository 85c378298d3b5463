package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
	"golang.org/x/term"
)

// An experiment runs several scenarios with one master seed and one number
// of replications, so that replication i of every scenario sees the same
// customers wherever the scenarios allow (common random numbers): compare,
// batch, sweep and staff are all experiments.

// point is one scenario of an experiment and, once run, its results.
type point struct {
	Scenario *scenarios.Scenario
	Name     string            // unique within the experiment
	File     string            // the file it came from
	Params   map[string]string // sweep parameters, in Experiment.Params order
	Results  *sim.Results
	Err      error // why it did not run (invalid, interrupted)
	// seed, when set, is the point's master seed instead of the
	// experiment's: a batch runs each file with its own.
	seed *uint64
	// assumptions, when set, replace Scenario.Describe() (a merged
	// part carries them, not the scenario file).
	assumptions []string
	// missing are the replications a partial merge lacks; Results are
	// over the others.
	missing []int
}

// seedOr is the point's master seed: its own, else the experiment's.
func (p *point) seedOr(experiment uint64) uint64 {
	if p.seed != nil {
		return *p.seed
	}
	return experiment
}

// describe is the point's scenario in plain words.
func (p *point) describe() []string {
	if p.assumptions != nil {
		return p.assumptions
	}
	return p.Scenario.Describe()
}

// runSettings are the flags every experiment shares.
type runSettings struct {
	fs           *pflag.FlagSet
	replications int
	seed         uint64
	jobs         int
	days         int
	maxInSystem  int
	allowIdle    bool
	quiet        bool
	out          string
	outputs      outputs
	shard        shardSpec
	// finished, when set, is called with each point runPoints completes
	// and the model it ran (batch keeps a checkpoint for --resume).
	finished func(p *point, m *sim.Model)
}

func (s *runSettings) register(fs *pflag.FlagSet) {
	s.fs = fs
	fs.IntVarP(&s.replications, "replications", "r", 0, fmt.Sprintf("run `N` replications of every scenario (1-%d; default: the first scenario's, else %d)", sim.MaxReplications, sim.DefaultReplications))
	fs.Uint64Var(&s.seed, "seed", 0, fmt.Sprintf("master random seed `N` (0 is a seed like any other), for every scenario (default: the scenario's seed: field, else %d)", defaultSeed))
	fs.IntVarP(&s.jobs, "jobs", "j", 0, fmt.Sprintf("run replications on `N` workers (1-%d; default: the CPUs this task may use, see docs/cluster.md); results do not depend on it", maxJobs))
	fs.IntVar(&s.days, "days", 0, fmt.Sprintf("simulate `N` days (1-%d) instead of each scenario's days", sim.MaxDays))
	fs.IntVar(&s.maxInSystem, "max-in-system", sim.DefaultMaxInSystem, fmt.Sprintf("a run stops with an error when `N` customers (1-%d) are in the system at once: the load exceeds capacity", maxInSystemHi))
	fs.BoolVarP(&s.quiet, "quiet", "q", false, "print no warnings and no progress on stderr")
	fs.BoolVar(&s.allowIdle, "allow-idle", false, "accept scenarios open on no day, or with a stage customers reach that never has staff (what-if runs)")
}

// loadOptions are the options scenario files are read with.
func (s *runSettings) loadOptions() scenarios.Options {
	return scenarios.Options{AllowIdle: s.allowIdle}
}

func (s *runSettings) check(fs *pflag.FlagSet, cmd string) error {
	if err := s.outputs.check(cmd, s.out); err != nil {
		return err
	}
	if err := s.shard.resolve(cmd); err != nil {
		return err
	}
	if s.shard.n > 0 && s.out == "" {
		return usageErrorf("%s: a shard writes a part file: give --out DIR", cmd)
	}
	if s.shard.n > 0 && (s.outputs.charts || s.outputs.report) {
		return usageErrorf("%s: draw charts and the report after 'svcsim merge', not per shard", cmd)
	}
	return s.checkRanges(fs, cmd)
}

// checkRanges checks the numeric flags against their documented ranges.
func (s *runSettings) checkRanges(fs *pflag.FlagSet, cmd string) error {
	for _, f := range []struct {
		name   string
		lo, hi int
	}{{"replications", 1, sim.MaxReplications}, {"jobs", 1, maxJobs}, {"days", 1, sim.MaxDays}, {"max-in-system", 1, maxInSystemHi}} {
		if err := checkIntFlag(fs, cmd, f.name, f.lo, f.hi); err != nil {
			return err
		}
	}
	s.jobs = cmp.Or(s.jobs, defaultJobs())
	return nil
}

// options returns the run options of an experiment whose first scenario
// is first: its replications and seed unless the flags give them.
func (s *runSettings) options(first *scenarios.Scenario) sim.Options {
	opt := sim.Options{Replications: s.replications, Seed: s.seedFor(first), Workers: s.jobs}
	if opt.Replications == 0 {
		opt.Replications = cmp.Or(first.Replications, sim.DefaultReplications)
	}
	return opt
}

// seedFor is the master seed to run sc with: --seed when given (0
// included), else the scenario's own seed: (0 included), else
// defaultSeed.
func (s *runSettings) seedFor(sc *scenarios.Scenario) uint64 {
	return scenarioSeed(s.fs != nil && s.fs.Changed("seed"), s.seed, sc)
}

// scenarioSeed is the seed rule of every command: a seed given on the
// command line, else the scenario's, else defaultSeed.
func scenarioSeed(flagGiven bool, flag uint64, sc *scenarios.Scenario) uint64 {
	switch {
	case flagGiven:
		return flag
	case sc != nil && sc.SeedSet:
		return sc.Seed
	}
	return defaultSeed
}

// model returns the model of p with the --days override.
func (s *runSettings) model(p *point) (*sim.Model, error) {
	m := *p.Scenario.Model
	if s.days > 0 {
		if m.Warmup >= float64(s.days)*sim.MinutesPerDay {
			return nil, fmt.Errorf("--days %d leaves no time after the warm-up of %s", s.days, figures.Duration(m.Warmup))
		}
		m.Days = s.days
	}
	if s.maxInSystem > 0 {
		m.MaxInSystem = s.maxInSystem
	}
	return &m, nil
}

// runPoints runs every point that has no error yet, in order, each with
// its replications in parallel. It stops at the first cancellation,
// leaving the rest marked interrupted; other failures are recorded on the
// point and the rest still run.
func runPoints(ctx context.Context, pts []*point, s *runSettings, opt sim.Options, stderr io.Writer) {
	bar := newBatchProgress(stderr, len(pts)*opt.Replications, s.quiet)
	defer bar.finish()
	for _, p := range pts {
		if p.Err != nil || p.Results != nil { // failed, or kept by --resume
			bar.skip(opt.Replications)
			continue
		}
		if ctx.Err() != nil {
			p.Err = errInterrupted
			continue
		}
		m, err := s.model(p)
		if err != nil {
			p.Err = err
			bar.skip(opt.Replications)
			continue
		}
		o := opt
		o.Seed = p.seedOr(opt.Seed)
		o.Progress = bar.replication(p.Name)
		p.Results, p.Err = sim.Run(ctx, m, o)
		if ctx.Err() != nil {
			p.Results, p.Err = nil, errInterrupted
		}
		if p.Err == nil && s.finished != nil {
			s.finished(p, m)
		}
	}
}

// batchProgress shows replications done over a whole experiment: an mpb
// bar with an ETA on a terminal, a plain line every progressEvery
// elsewhere (CI logs, cluster job output), nothing with --quiet.
type batchProgress struct {
	mu    sync.Mutex
	w     io.Writer
	p     *mpb.Progress
	bar   *mpb.Bar
	total int
	done  int
	name  string
	start time.Time
	last  time.Time
	quiet bool
}

func newBatchProgress(w io.Writer, total int, quiet bool) *batchProgress {
	b := &batchProgress{w: w, total: total, start: time.Now(), last: time.Now(), quiet: quiet}
	// A terminal that reports no width (a bare pseudo-terminal) gets the
	// plain lines: mpb draws nothing there.
	if f, ok := w.(*os.File); ok && !quiet && term.IsTerminal(int(f.Fd())) && termWidth(f) > 0 {
		b.p = mpb.New(mpb.WithOutput(w), mpb.WithWidth(40))
		b.bar = b.p.AddBar(int64(total),
			mpb.PrependDecorators(decor.Any(func(decor.Statistics) string {
				b.mu.Lock()
				defer b.mu.Unlock()
				return b.name
			}, decor.WCSyncSpaceR), decor.CountersNoUnit("%d/%d replications", decor.WCSyncSpace)),
			mpb.AppendDecorators(decor.Percentage(decor.WCSyncSpace), decor.Name(" eta "), decor.AverageETA(decor.ET_STYLE_GO)),
		)
	}
	return b
}

// replication returns a sim.Options.Progress for the scenario name.
func (b *batchProgress) replication(name string) func(done, total int) {
	b.mu.Lock()
	b.name = name
	b.mu.Unlock()
	return func(int, int) { b.advance(1) }
}

func (b *batchProgress) skip(n int) { b.advance(n) }

func (b *batchProgress) advance(n int) {
	if b.quiet {
		return
	}
	if b.bar != nil {
		b.bar.IncrBy(n)
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.done += n
	if now := time.Now(); now.Sub(b.last) >= progressEvery && b.done < b.total {
		elapsed := now.Sub(b.start)
		eta := time.Duration(float64(elapsed) / float64(b.done) * float64(b.total-b.done))
		fmt.Fprintf(b.w, "svcsim: %d of %d replications done (%s: %s elapsed, about %s left)\n",
			b.done, b.total, b.name, elapsed.Round(time.Second), eta.Round(time.Second))
		b.last = now
	}
}

func (b *batchProgress) finish() {
	if b.p != nil {
		b.bar.Abort(false)
		b.p.Wait()
	}
}

// writeExperiment writes the tidy outputs of an experiment into dir, all
// together (see resultset.Experiment.Files).
func writeExperiment(ctx context.Context, dir *resultset.Dir, command string, params []string, pts []*point, opt sim.Options) error {
	x := resultset.Experiment{Version: version(), Command: command, Params: params, Seed: opt.Seed, Replications: opt.Replications}
	for _, p := range pts {
		e := resultset.Entry{Name: p.Name, Variant: p.Scenario.Variant, File: p.File, SHA256: p.Scenario.Hash, Params: p.Params,
			Currency: p.Scenario.Currency, Results: p.Results, Missing: p.missing}
		if p.Err != nil {
			e.Error = p.Err.Error()
		}
		if p.Results != nil {
			e.Assumptions = p.describe()
		}
		// A file that could not be read has no seed.
		if p.Scenario.Model != nil {
			seed := p.seedOr(opt.Seed)
			e.Seed = &seed
		}
		x.Entries = append(x.Entries, e)
	}
	files, err := x.Files()
	if err != nil {
		return err
	}
	if err := dir.Write(context.WithoutCancel(ctx), files...); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	return nil
}

// failed summarises the points that did not run, for the exit status.
func failed(pts []*point) error {
	n, interrupted := 0, false
	for _, p := range pts {
		if p.Results == nil {
			n++
			interrupted = interrupted || p.Err == errInterrupted
		}
	}
	switch {
	case interrupted:
		return errInterrupted
	case n > 0:
		return fmt.Errorf("%d of %d scenarios did not run", n, len(pts))
	}
	return nil
}

func termWidth(f *os.File) int {
	w, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return w
}
