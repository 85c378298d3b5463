package sim

import (
	"context"
	"fmt"
	"runtime"
	"sync"
)

// Options control a Run.
type Options struct {
	// Replications is the number of independent replications (>= 1;
	// 0 means 10).
	Replications int
	// Seed is the master seed. Replication i uses streams derived from
	// (Seed, i) only, so results do not depend on Workers.
	Seed uint64
	// Workers is the number of goroutines running replications; 0 means
	// GOMAXPROCS.
	Workers int
	// Confidence is the level of the confidence intervals; 0 means 0.95.
	Confidence float64
	// Progress, when non-nil, is called after each replication finishes,
	// from one goroutine at a time, with the number done so far.
	Progress func(done, total int)
}

// DefaultReplications is the number of replications when Options leave it 0.
const DefaultReplications = 10

// MaxReplications bounds Options.Replications: Run keeps every
// replication's statistics, so the bound is checked before anything is
// allocated.
const MaxReplications = 100000

// Run simulates m for opt.Replications independent replications, in
// parallel, and summarises them. It returns ctx.Err() if ctx is cancelled
// before all replications finish, and an *IdleError, before simulating,
// for a model open during none of the time it measures (unless
// m.AllowIdle). The cost is linear in the number of
// events; memory is bounded by the customers in the system at once plus
// fixed-size histograms.
func Run(ctx context.Context, m *Model, opt Options) (*Results, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	if err := m.checkIdle(); err != nil {
		return nil, err
	}
	n := opt.Replications
	if n <= 0 {
		n = DefaultReplications
	}
	if n > MaxReplications {
		return nil, fmt.Errorf("sim: %d replications: at most %d", n, MaxReplications)
	}
	conf := opt.Confidence
	if conf <= 0 || conf >= 1 {
		conf = 0.95
	}
	reps, err := runReps(ctx, m, opt, 0, n)
	if err != nil {
		return nil, err
	}
	return summarise(m, reps, opt.Seed, conf), nil
}

// runReps runs replications [from, to) of m on opt.Workers goroutines and
// returns them in replication order.
func runReps(ctx context.Context, m *Model, opt Options, from, to int) ([]Replication, error) {
	n := to - from
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)

	reps := make([]Replication, n)
	errs := make([]error, n)
	next := make(chan int)
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		done int
	)
	for range workers {
		wg.Go(func() {
			for i := range next {
				reps[i], errs[i] = Replicate(ctx, m, opt.Seed, from+i)
				if opt.Progress != nil {
					mu.Lock()
					done++
					opt.Progress(done, n)
					mu.Unlock()
				}
			}
		})
	}
feed:
	for i := range n {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return reps, nil
}

// Replicate runs replication rep of m under the master seed and returns its
// raw statistics. m must be valid (see Model.Validate).
func Replicate(ctx context.Context, m *Model, seed uint64, rep int) (Replication, error) {
	e := newEngine(m, seed, rep)
	e.ctx = ctx
	e.rep.Index = rep
	if err := e.run(); err != nil {
		return Replication{}, err
	}
	return e.rep, nil
}

// Summarise turns replications of m (in replication order, from Replicate
// under seed) into Results, exactly as Run does: replications computed on
// different machines give the same Results as one Run.
func Summarise(m *Model, reps []Replication, seed uint64, conf float64) *Results {
	if conf <= 0 || conf >= 1 {
		conf = 0.95
	}
	return summarise(m, reps, seed, conf)
}
