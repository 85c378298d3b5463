package workbench

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
	"github.com/svcsim/svcsim/staffing"
)

// Limits bound the work one request may ask for.
type Limits struct {
	MaxDays, MaxReplications int
	// MaxDayReplications bounds days × replications of one scenario.
	MaxDayReplications int
	MaxTime            time.Duration // of one run or staffing search
	// Running runs at once; Queued more wait for a slot, the rest are
	// told the server is busy.
	Running, Queued int
}

// DefaultLimits are the limits of 'svcsim serve'.
func DefaultLimits() Limits {
	return Limits{MaxDays: 366, MaxReplications: 100, MaxDayReplications: 3660, MaxTime: time.Minute, Running: 2, Queued: 4}
}

// Settings are a run's length and seed.
type Settings struct {
	Days         int    `json:"days"`
	Replications int    `json:"replications"`
	Seed         uint64 `json:"seed,string"`
}

// defaults are the settings of d's file: its days, replications and seed
// (the command line's defaults where it sets none), as 'svcsim compare'
// runs it.
func (d *Doc) defaults() Settings {
	return Settings{Days: d.Scenario.Model.Days, Replications: experiment.ReplicationsOf(d.Scenario), Seed: experiment.SeedOf(d.Scenario)}
}

// check checks s against l.
func (l Limits) check(s Settings) error {
	var errs []error
	if s.Days < 1 || s.Days > l.MaxDays {
		errs = append(errs, fmt.Errorf("days: from 1 to %d (got %d)", l.MaxDays, s.Days))
	}
	if s.Replications < 2 || s.Replications > l.MaxReplications {
		errs = append(errs, fmt.Errorf("replications: from 2 to %d (got %d)", l.MaxReplications, s.Replications))
	}
	if errs == nil && s.Days*s.Replications > l.MaxDayReplications {
		errs = append(errs, fmt.Errorf("days × replications: at most %d (got %d × %d)", l.MaxDayReplications, s.Days, s.Replications))
	}
	return errors.Join(errs...)
}

// errBusy is a request refused because the worker pool is full.
var errBusy = errors.New("busy: other runs are in progress; try again in a moment")

// pool is a bounded worker pool: Running slots and a queue of Queued.
type pool struct {
	slots, queue chan struct{}
}

func newPool(l Limits) *pool {
	return &pool{slots: make(chan struct{}, max(l.Running, 1)), queue: make(chan struct{}, max(l.Queued, 0)+max(l.Running, 1))}
}

// acquire waits for a slot; it fails at once with errBusy when the queue
// is full, or with ctx's error.
func (p *pool) acquire(ctx context.Context) (release func(), err error) {
	select {
	case p.queue <- struct{}{}:
	default:
		return nil, errBusy
	}
	select {
	case p.slots <- struct{}{}:
		return func() { <-p.slots; <-p.queue }, nil
	case <-ctx.Done():
		<-p.queue
		return nil, ctx.Err()
	}
}

// Outcome is a run: the file's scenario and, when the page changed
// anything, the changed one, with their paired differences.
type Outcome struct {
	ID       int
	Doc      *Doc
	Settings Settings
	Points   []*experiment.Point // the base, then the change if any
	Diffs    []sim.Diff          // of the change from the base
	Variant  string              // the change as a variants: item
	Took     time.Duration
}

// Changed is the changed scenario's point, nil when nothing changed.
func (o *Outcome) Changed() *experiment.Point {
	if len(o.Points) < 2 {
		return nil
	}
	return o.Points[1]
}

// WhatIf is the name the changed scenario runs under until it is saved.
const WhatIf = "what-if"

// run simulates d and its change e on common random numbers; progress
// is told of replications as they finish. The base's results are kept
// in cache for the next change.
func (w *Workbench) run(ctx context.Context, d *Doc, e Edit, s Settings, progress func(done, total int)) (*Outcome, error) {
	if err := d.check(e); err != nil {
		return nil, err
	}
	if err := w.limits.check(s); err != nil {
		return nil, err
	}
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, w.limits.MaxTime)
	defer cancel()
	scs := []*scenarios.Scenario{d.Scenario}
	o := &Outcome{Doc: d, Settings: s}
	if d.changed(e) {
		o.Variant = d.item(WhatIf, e)
		_, v, err := d.withVariant(w.fsys(d), WhatIf, e, true)
		if err != nil {
			return nil, err
		}
		scs = append(scs, v)
	}
	o.Points = experiment.Points(d.ID, scs...)
	o.Points[0].Name = d.Scenario.Name()
	if len(o.Points) > 1 {
		o.Points[1].Name = WhatIf
	}
	key := fmt.Sprintf("%s %d %d %d", d.Hash, s.Days, s.Replications, s.Seed)
	if r := w.baseline(key); r != nil {
		o.Points[0].Results = r
	}
	total := 0
	for _, p := range o.Points {
		if p.Results == nil {
			total += s.Replications
		}
	}
	done := 0
	opt := experiment.Options{Options: sim.Options{Replications: s.Replications, Seed: s.Seed}, Days: s.Days,
		Progress: func(name string, n int) {
			if n > 0 {
				done++
				if progress != nil {
					progress(done, total)
				}
			}
		}}
	experiment.Run(ctx, o.Points, opt)
	if err := experiment.Failed(o.Points); err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, fmt.Errorf("the run took longer than %s; ask for fewer days or replications", w.limits.MaxTime)
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, cmp.Or(experiment.FirstError(o.Points), err)
	}
	w.keepBaseline(key, o.Points[0].Results)
	if len(o.Points) > 1 {
		o.Diffs = experiment.Differences(o.Points)[1]
	}
	o.Took = time.Since(start)
	w.keep(o)
	return o, nil
}

// fsys is the file system d's data files are read from.
func (w *Workbench) fsys(d *Doc) fs.FS {
	if d.Builtin() || w.root == nil {
		return nil
	}
	return w.root.FS()
}

// set is the result set of o, for charts, the report and the workbook.
func (o *Outcome) set() *resultset.Set {
	s := &resultset.Set{Command: "svcsim serve: " + o.Doc.ID}
	opt := experiment.Options{Days: o.Settings.Days}
	for _, p := range o.Points {
		s.Scenarios = append(s.Scenarios, resultset.Scenario{Name: p.Name, Currency: p.Scenario.Currency,
			Assumptions: p.Describe(&opt), Source: p.File, SHA256: p.Scenario.Hash,
			Targets: resultset.Targets(p.Scenario.Model), Results: p.Results})
	}
	return s
}

// store keeps the last runs, for charts and downloads, and the base
// results of the last documents.
type store struct {
	mu    sync.Mutex
	next  int
	runs  []*Outcome
	bases []baseEntry
}

type baseEntry struct {
	key string
	r   *sim.Results
}

const keptRuns = 16

func (w *Workbench) keep(o *Outcome) {
	w.store.mu.Lock()
	defer w.store.mu.Unlock()
	w.store.next++
	o.ID = w.store.next
	w.store.runs = append(w.store.runs, o)
	if len(w.store.runs) > keptRuns {
		w.store.runs = w.store.runs[1:]
	}
}

func (w *Workbench) outcome(id int) *Outcome {
	w.store.mu.Lock()
	defer w.store.mu.Unlock()
	for _, o := range w.store.runs {
		if o.ID == id {
			return o
		}
	}
	return nil
}

func (w *Workbench) baseline(key string) *sim.Results {
	w.store.mu.Lock()
	defer w.store.mu.Unlock()
	for _, b := range w.store.bases {
		if b.key == key {
			return b.r
		}
	}
	return nil
}

func (w *Workbench) keepBaseline(key string, r *sim.Results) {
	w.store.mu.Lock()
	defer w.store.mu.Unlock()
	for _, b := range w.store.bases {
		if b.key == key {
			return
		}
	}
	w.store.bases = append(w.store.bases, baseEntry{key, r})
	if len(w.store.bases) > keptRuns {
		w.store.bases = w.store.bases[1:]
	}
}

// helpProblem is what the staffing help and the rota work on: the
// scenario as changed on the page, its model for the page's days, and
// the targets.
type helpProblem struct {
	sc      *scenarios.Scenario
	m       *sim.Model
	targets []staffing.Target
}

// helpProblem checks the page's change and settings and reads the
// targets, one a line, for the stage example names in the error when
// none is given.
func (w *Workbench) helpProblem(d *Doc, e Edit, s Settings, targets []string, example string) (*helpProblem, error) {
	if err := d.check(e); err != nil {
		return nil, err
	}
	if err := w.limits.check(s); err != nil {
		return nil, err
	}
	sc := d.Scenario
	if d.changed(e) {
		_, v, err := d.withVariant(w.fsys(d), WhatIf, e, true)
		if err != nil {
			return nil, err
		}
		sc = v
	}
	m := *sc.Model
	m.Days = s.Days
	var ts []staffing.Target
	var errs []error
	for _, line := range targets {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		t, err := staffing.ParseTarget(line, &m)
		if err != nil {
			errs = append(errs, fmt.Errorf("targets: %w", err))
			continue
		}
		ts = append(ts, t)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if len(ts) == 0 {
		return nil, fmt.Errorf("targets: give at least one, such as %s.service_level >= 80%%", example)
	}
	return &helpProblem{sc: sc, m: &m, targets: ts}, nil
}

// staff runs the staffing search per interval for targets on d changed
// by e, and returns the grid filled with its answer and what it says.
func (w *Workbench) staff(ctx context.Context, d *Doc, e Edit, s Settings, targets []string, progress func(done, total int)) (Edit, string, error) {
	var names []string
	for _, r := range d.Grid.Rows {
		if r.Why == "" && r.Group == "" && !slices.Contains(names, r.Stage) {
			names = append(names, r.Stage)
		}
	}
	if len(names) == 0 {
		why := "staffing help changes the staff of stages with one staff schedule set in the file; this scenario has none"
		if d.Grid.Note != "" {
			why += ": " + d.Grid.Note
		}
		return e, "", errors.New(why)
	}
	hp, err := w.helpProblem(d, e, s, targets, names[0])
	if err != nil {
		return e, "", err
	}
	ctx, cancel := context.WithTimeout(ctx, w.limits.MaxTime)
	defer cancel()
	m, ts := hp.m, hp.targets
	// A stage no target constrains keeps its row: the search would only
	// cut it to the least staffing.
	held := staffing.Constrained(m, ts)
	var kept []string
	names = slices.DeleteFunc(names, func(name string) bool {
		i := slices.IndexFunc(m.Stages, func(s sim.Stage) bool { return s.Name == name })
		free := i >= 0 && !held[i]
		if free {
			kept = append(kept, name)
		}
		return free
	})
	if len(names) == 0 {
		return e, "", fmt.Errorf("no target constrains a stage the grid can change (%s); give a target on one of their KPIs, such as %s.service_level >= 80%%", strings.Join(kept, ", "), kept[0])
	}
	vary, err := staffing.Stages(m, names, ts)
	if err != nil {
		return e, "", err
	}
	p := staffing.NewProblem(m, vary, ts)
	evals := 0
	opt := staffing.Options{Options: sim.Options{Replications: s.Replications, Seed: s.Seed}, MaxEvaluations: 60, MaxTime: w.limits.MaxTime,
		Start: func(string, int) (func(int, int), func()) {
			evals++
			if progress != nil {
				progress(evals, 60)
			}
			return nil, func() {}
		}}
	res, err := staffing.ByInterval(ctx, p, opt)
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return e, "", fmt.Errorf("the staffing search took longer than %s; ask for fewer days or replications", w.limits.MaxTime)
		}
		return e, "", err
	}
	out := Edit{Demand: e.Demand}
	for i, r := range d.Grid.Rows {
		vals := append([]int(nil), e.Staff[i]...)
		if vi := slices.Index(names, r.Stage); r.Why == "" && r.Group == "" && vi >= 0 {
			for c := range vals {
				k := int((d.Grid.From + float64(c)*d.Grid.Step) / m.Interval)
				if vals[c] > 0 && p.Staffed(vi, k) {
					vals[c] = res.Staff[vi][k]
				}
			}
		}
		out.Staff = append(out.Staff, vals)
	}
	msg := fmt.Sprintf("the cheapest staffing per interval meeting every target with 95%% confidence, of %d simulated", res.Evaluations)
	if res.Unmet != "" {
		msg = fmt.Sprintf("no staffing met every target (%d simulated): %s", res.Evaluations, res.Unmet)
	} else if res.Cut != "" {
		msg += "; " + res.Cut
	}
	if len(res.LeftOut) > 0 {
		msg += fmt.Sprintf(". Left out, as the stage has no staff then: %s. %s", strings.Join(res.LeftOut, ", "), strings.Join(res.Notes, ". "))
	}
	if len(kept) > 0 {
		msg += fmt.Sprintf(". Kept as they were, as no target constrains them: %s (give a target on one of their KPIs to staff them too)", strings.Join(kept, ", "))
	}
	return out, msg, nil
}
