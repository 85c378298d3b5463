package experiment

import (
	"errors"
	"fmt"

	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// ErrInterrupted is a point's error, and Run's callers', when the context
// is cancelled before the point finishes.
var ErrInterrupted = errors.New("interrupted")

// Point is one scenario of an experiment and, once run, its results.
type Point struct {
	Scenario *scenarios.Scenario
	Name     string            // unique within the experiment
	File     string            // the file it came from
	Params   map[string]string // sweep parameters
	Results  *sim.Results
	Err      error // why it did not run (invalid, interrupted)
	// Seed, when set, is the point's master seed instead of the
	// experiment's: a batch runs each file with its own.
	Seed *uint64
	// Assumptions, when set, replace Scenario.Describe() (a merged part
	// carries them, not the scenario file).
	Assumptions []string
	// Missing are the replications a partial merge lacks; Results are
	// over the others.
	Missing []int
}

// SeedOr is the point's master seed: its own, else the experiment's.
func (p *Point) SeedOr(experiment uint64) uint64 {
	if p.Seed != nil {
		return *p.Seed
	}
	return experiment
}

// Describe is the point's scenario in plain words.
func (p *Point) Describe() []string {
	if p.Assumptions != nil {
		return p.Assumptions
	}
	return p.Scenario.Describe()
}

// Points returns a point per scenario, named by the scenarios, from file.
func Points(file string, scs ...*scenarios.Scenario) []*Point {
	out := make([]*Point, len(scs))
	for i, s := range scs {
		out[i] = &Point{Scenario: s, Name: s.Name(), File: file}
	}
	return out
}

// UniqueNames makes point names unique, adding the file where two
// scenarios share a name.
func UniqueNames(pts []*Point) {
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

// Failed summarises the points that did not run: ErrInterrupted if any
// was interrupted, else how many failed, else nil.
func Failed(pts []*Point) error {
	n, interrupted := 0, false
	for _, p := range pts {
		if p.Results == nil {
			n++
			interrupted = interrupted || p.Err == ErrInterrupted
		}
	}
	switch {
	case interrupted:
		return ErrInterrupted
	case n > 0:
		return fmt.Errorf("%d of %d scenarios did not run", n, len(pts))
	}
	return nil
}

// FirstError is the first point's error other than an interruption,
// prefixed with the point's name, or nil.
func FirstError(pts []*Point) error {
	for _, p := range pts {
		if p.Err != nil && p.Err != ErrInterrupted {
			return fmt.Errorf("%s: %w", p.Name, p.Err)
		}
	}
	return nil
}
