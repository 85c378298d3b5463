package staffing

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/svcsim/svcsim/sim"
)

// ErrInterrupted is returned when the context is cancelled during a
// search.
var ErrInterrupted = errors.New("interrupted")

// Options are a search's settings.
type Options struct {
	// Replications, Seed and Workers of every staffing simulated, as for
	// sim.Run; the same seed for all, so that they are compared on
	// common random numbers. Progress is set by the search (see Start).
	sim.Options
	MaxStaff       int           // never more than this on a stage (in an interval); default 200
	MaxEvaluations int           // simulate at most this many staffings; default 200
	MaxTime        time.Duration // stop after simulating this long; 0: no limit
	// Log, when set, is told of each staffing simulated, in words.
	Log func(msg string)
	// Start, when set, is called before each staffing is simulated with
	// its description; it returns the progress function of its
	// replications (as sim.Options.Progress) and a function to call when
	// the simulation ends.
	Start func(name string, replications int) (progress func(done, total int), end func())
}

// budgetError says which budget of the search ran out.
type budgetError struct{ budget string }

func (e *budgetError) Error() string { return "the budget " + e.budget + " ran out" }

// search simulates the staffings a search tries, each once, within its
// budgets.
type search struct {
	p     *Problem
	o     Options
	ctx   context.Context // cancelled on an interruption
	timed context.Context // ctx with the MaxTime deadline
	stop  context.CancelFunc
	evals map[string]*sim.Results
	// full holds the staffings whose simulation reached the model's
	// MaxInSystem (see overloaded).
	full     map[string]*sim.CapacityError
	lastFull *sim.CapacityError // of the last staffing that reached it
	fullName string             // that staffing, in words
	done     int                // staffings simulated
}

// searchable refuses, before anything is simulated, a model open during
// none of the time its runs measure (see sim.Model.Idle): every target
// would be judged on n/a figures, so no staffing could meet them, and
// sim.Model.AllowIdle does not change that. A model that fails its own
// validation passes here, for sim.Run to report.
func searchable(m *sim.Model) error {
	if m.Validate() != nil {
		return nil
	}
	if e := m.Idle(); e != nil {
		e.Search = true
		return e
	}
	return nil
}

func newSearch(ctx context.Context, p *Problem, o Options) *search {
	if o.MaxStaff <= 0 {
		o.MaxStaff = 200
	}
	if o.MaxEvaluations <= 0 {
		o.MaxEvaluations = 200
	}
	s := &search{p: p, o: o, ctx: ctx, evals: map[string]*sim.Results{}, full: map[string]*sim.CapacityError{}}
	s.timed, s.stop = ctx, func() {}
	if o.MaxTime > 0 {
		s.timed, s.stop = context.WithTimeout(ctx, o.MaxTime)
	}
	return s
}

// evaluate simulates model m (the staffing key, described by label), or
// returns its results from an earlier call. It logs each new staffing
// with verdict's words on its results. It returns a *budgetError when
// MaxEvaluations or MaxTime does not allow it, and a
// *sim.CapacityError when the staffing reached the model's MaxInSystem
// (see overloaded).
func (s *search) evaluate(key, label string, m *sim.Model, verdict func(*sim.Results) string) (*sim.Results, error) {
	if r, ok := s.evals[key]; ok {
		return r, nil
	}
	if ce, ok := s.full[key]; ok {
		return nil, ce
	}
	if s.done >= s.o.MaxEvaluations {
		return nil, &budgetError{fmt.Sprintf("--max-evaluations %d", s.o.MaxEvaluations)}
	}
	timeUp := &budgetError{fmt.Sprintf("--max-time %s", s.o.MaxTime)}
	if s.timed.Err() != nil && s.ctx.Err() == nil {
		return nil, timeUp
	}
	o := s.o.Options
	end := func() {}
	if s.o.Start != nil {
		o.Progress, end = s.o.Start(fmt.Sprintf("staffing %d of at most %d: %s", s.done+1, s.o.MaxEvaluations, label), o.Replications)
	}
	r, err := sim.Run(s.timed, m, o)
	end()
	switch {
	case s.ctx.Err() != nil:
		return nil, ErrInterrupted
	case s.timed.Err() != nil:
		return nil, timeUp
	}
	if ce, ok := errors.AsType[*sim.CapacityError](err); ok {
		// Too few staff for the load: the staffing fails its targets,
		// and a larger one may not.
		s.done++
		s.full[key], s.lastFull, s.fullName = ce, ce, label
		if s.o.Log != nil {
			s.o.Log(fmt.Sprintf("staffing %d (%s): %s", s.done, label, overloadText(ce)))
		}
		return nil, ce
	}
	if err != nil {
		return nil, err
	}
	s.done++
	s.evals[key] = r
	if s.o.Log != nil {
		s.o.Log(fmt.Sprintf("staffing %d (%s): %s", s.done, label, verdict(r)))
	}
	return r, nil
}

// stallRaises is how many people added in a row without moving the
// failing KPI end the search: with common random numbers every extra
// person who serves anyone changes the KPI a little, so an unchanged
// value means staffing does not reach what fails.
const stallRaises = 3

// stallTracker notices a KPI that adding staff no longer changes.
type stallTracker map[string][]float64

// same records v for spot and reports whether the last stallRaises+1
// values recorded for it are the same (to 1e-9 relative).
func (st stallTracker) same(spot string, v float64) bool {
	vs := append(st[spot], v)
	st[spot] = vs
	if len(vs) <= stallRaises {
		return false
	}
	ref := vs[len(vs)-1-stallRaises]
	for _, x := range vs[len(vs)-stallRaises:] {
		if !(math.Abs(x-ref) <= 1e-9*math.Max(math.Abs(ref), 1e-9)) && !(math.IsNaN(x) && math.IsNaN(ref)) {
			return false
		}
	}
	return true
}

// capped lowers each of the Erlang starting headcounts start (of the
// units where names; "at booking", "in pool floor") to maxStaff, so that
// the search never simulates above --max-staff, and says which it lowered
// ("" if none).
func capped(start []int, where []string, maxStaff int) ([]int, string) {
	n := slices.Clone(start)
	var over []string
	for i := range n {
		if n[i] > maxStaff {
			over = append(over, fmt.Sprintf("about %d %s", n[i], where[i]))
			n[i] = maxStaff
		}
	}
	if len(over) == 0 {
		return n, ""
	}
	return n, fmt.Sprintf("the Erlang requirement is %s for the targets; --max-staff %d allows at most %d", strings.Join(over, ", "), maxStaff, maxStaff)
}

// overloaded reports whether err is a staffing that reached the model's
// MaxInSystem: the queues grow without end, so it meets no target.
func overloaded(err error) (*sim.CapacityError, bool) {
	return errors.AsType[*sim.CapacityError](err)
}

// overloadText is a staffing that reached the bound, in words for the
// search log.
func overloadText(ce *sim.CapacityError) string {
	// The minute truncated, as sim.CapacityError writes it.
	day := int(ce.At / sim.MinutesPerDay)
	tod := int(ce.At - float64(day)*sim.MinutesPerDay)
	return fmt.Sprintf("%d customers in the system at once (the bound) on day %d at %02d:%02d: the queues grow without end", ce.Limit, day+1, tod/60, tod%60)
}

// stuckAtBound is why a search that adds people ends when the moment the
// bound is reached no longer moves.
const stuckAtBound = "does not move when the bound is reached, so the bound may be below the customers the staff serve at once"

// overloadError is a search that stopped, for why, at a staffing that
// reached the model's MaxInSystem.
func (s *search) overloadError(why string) error {
	return s.overloadErrorOf("staffing", why)
}

// overloadErrorOf is overloadError for a search of what ("staffing",
// "rota").
func (s *search) overloadErrorOf(what, why string) error {
	return fmt.Errorf("no %s met every target: %s; the last %s tried (%s) reached the bound on customers in the system: %w", what, why, what, s.fullName, s.lastFull)
}
