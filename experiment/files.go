package experiment

import (
	"cmp"
	"context"
	"errors"

	"github.com/svcsim/svcsim/scenarios"
)

// InputError is input an experiment cannot use — scenario paths that name
// nothing, part or plan files that are missing, unreadable or of another
// experiment — as opposed to a failure while running: the caller's
// mistake, to be fixed and run again.
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// LoadFiles loads scenario files as the points of a batch: every scenario
// of each file with its variants, in order, each with the seed that seed
// gives it. A file that does not load becomes a failed point; loaded,
// when set, is told of each file with its scenario or its load error. It
// returns the points (with unique names), the first scenario that loaded
// (nil when none did) and how many files did not load. An interruption
// returns ErrInterrupted.
func LoadFiles(ctx context.Context, files []string, opt scenarios.Options, seed func(*scenarios.Scenario) uint64,
	loaded func(file string, sc *scenarios.Scenario, err error)) (pts []*Point, first *scenarios.Scenario, invalid int, err error) {
	for _, f := range files {
		sc, err := scenarios.LoadContext(ctx, f, opt)
		if err != nil && ctx.Err() != nil {
			return nil, nil, 0, ErrInterrupted
		}
		if loaded != nil {
			loaded(f, sc, err)
		}
		if err != nil {
			invalid++
			pts = append(pts, &Point{Scenario: &scenarios.Scenario{Model: nil}, Name: f, File: f, Err: errors.New("invalid scenario file")})
			continue
		}
		first = cmp.Or(first, sc)
		for _, s := range sc.All() {
			sd := seed(s)
			pts = append(pts, &Point{Scenario: s, Name: s.Name(), File: f, Seed: &sd})
		}
	}
	UniqueNames(pts)
	return pts, first, invalid, nil
}
