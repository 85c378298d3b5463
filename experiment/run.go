package experiment

import (
	"context"
	"fmt"

	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/sim"
)

// Options are the settings every point of an experiment runs with.
type Options struct {
	// Replications, Seed and Workers as for sim.Run; Seed is the
	// experiment's master seed (a Point may have its own). Progress is
	// not used: see Progress below.
	sim.Options
	// Days, when > 0, replaces every scenario's number of days.
	Days int
	// MaxInSystem, when > 0, replaces every scenario's bound on the
	// customers in the system at once.
	MaxInSystem int
	// Version is the svcsim build, recorded in parts and checkpoints so
	// that they are merged and resumed only by the same build.
	Version string
	// Progress, when set, is told of replications as they finish: n
	// replications of the point named name (0 when it starts; name is ""
	// for points that are skipped). It is called from one goroutine at a
	// time.
	Progress func(name string, n int)
	// Finished, when set, is called with each point Run completes and the
	// model it ran (a batch keeps a Checkpoint of it).
	Finished func(p *Point, m *sim.Model)
}

// Model returns the model p runs: its scenario's with the Days and
// MaxInSystem overrides (see Apply). A model open during none of the
// time it measures is a *sim.IdleError unless the scenario was read with
// scenarios.Options.AllowIdle (see sim.Model.Idle): the check needs the
// final number of days, so it is made here, not when the file is read.
func (o *Options) Model(p *Point) (*sim.Model, error) {
	m, err := o.Apply(p.Scenario.Model)
	if err != nil {
		return nil, err
	}
	if e := m.Idle(); e != nil && !m.AllowIdle {
		return nil, e
	}
	return m, nil
}

// Apply returns a copy of m with the Days and MaxInSystem overrides. Days
// that leave no time after m's warm-up are a *DaysError.
func (o *Options) Apply(m *sim.Model) (*sim.Model, error) {
	cp := *m
	if o.Days > 0 {
		if cp.Warmup >= float64(o.Days)*sim.MinutesPerDay {
			return nil, &DaysError{Days: o.Days, Warmup: cp.Warmup}
		}
		cp.Days = o.Days
	}
	if o.MaxInSystem > 0 {
		cp.MaxInSystem = o.MaxInSystem
	}
	return &cp, nil
}

// DaysError is a Days override that leaves no time after a scenario's
// warm-up: a mistake in the input, not in the run.
type DaysError struct {
	Days   int
	Warmup float64 // minutes
}

func (e *DaysError) Error() string {
	least := int(e.Warmup/sim.MinutesPerDay) + 1
	return fmt.Sprintf("--days %d leaves no time after the warm-up of %s; valid: --days %d or more, or the scenario's own days",
		e.Days, figures.Duration(e.Warmup), least)
}

func (o *Options) progress(name string, n int) {
	if o.Progress != nil {
		o.Progress(name, n)
	}
}

// Run runs every point that has no error and no results yet, in order,
// each with its replications in parallel on o.Workers goroutines. It
// stops at the first cancellation, leaving the rest with ErrInterrupted;
// other failures are recorded on the point and the rest still run.
func Run(ctx context.Context, pts []*Point, o Options) {
	for _, p := range pts {
		if p.Err != nil || p.Results != nil { // failed, or kept by Resume
			o.progress("", o.Replications)
			continue
		}
		if ctx.Err() != nil {
			p.Err = ErrInterrupted
			continue
		}
		m, err := o.Model(p)
		if err != nil {
			p.Err = err
			o.progress("", o.Replications)
			continue
		}
		so := o.Options
		so.Seed = p.SeedOr(o.Seed)
		name := p.Name
		o.progress(name, 0)
		so.Progress = func(int, int) { o.progress(name, 1) }
		p.Results, p.Err = sim.Run(ctx, m, so)
		if ctx.Err() != nil {
			p.Results, p.Err = nil, ErrInterrupted
		}
		if p.Err == nil && o.Finished != nil {
			o.Finished(p, m)
		}
	}
}
