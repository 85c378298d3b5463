package staffing

import (
	"context"
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"time"

	"github.com/svcsim/svcsim/rota"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// RotaOptions are the settings of [Rota].
type RotaOptions struct {
	// Options are the simulation settings (replications, seed, workers),
	// the log and the progress callbacks, as for a search.
	Options
	// Solver, TimeLimit, CBCPath and RatioGap choose and bound the
	// integer-program solver (see rota.Options).
	Solver    rota.SolverKind
	TimeLimit time.Duration
	CBCPath   string
	RatioGap  float64
	// MaxRounds bounds the rounds of solve, simulate and raise (default
	// 20).
	MaxRounds int
	// FreshSeeds is the number of fresh seeds a rota that meets the
	// targets is checked on again (default 4). They are new in every
	// round, so that a rota is not accepted for the luck of a few seeds:
	// an interval where a target holds only narrowly fails on some seed
	// sooner or later and is raised.
	FreshSeeds int
}

// RotaResult is what Rota found: the last rota solved, its simulation
// and whether every target holds.
type RotaResult struct {
	// Stages are the rota of each workforce stage or pool.
	Stages []RotaStage
	// Cost is the rotas' cost per week (each day's rota times the
	// weekdays it is worked), LPBound the sum of the LP bounds the same
	// way, and Gap (Cost-LPBound)/LPBound.
	Cost, LPBound, Gap float64
	// Optimal reports that the solver proved every day's rota the
	// cheapest for its requirement (CBC finished its search, or the
	// cost equals the LP bound): a gap left is then the integrality gap
	// of the shift patterns, which no rota can close.
	Optimal bool
	// Solver names the solvers that ran, "cbc 2.10.8" or the fallback.
	Solver string
	// Model is the scenario staffed by the rota, and Results its
	// simulation on Options.Seed.
	Model   *sim.Model
	Results *sim.Results
	// Checks are each target at Results; Fresh the same on each fresh
	// seed (empty unless the targets held on Options.Seed).
	Checks []TargetCheck
	Fresh  []FreshCheck
	// Rounds is the number of rotas solved and simulated.
	Rounds int
	// Met reports that every target holds with confidence on the seed
	// and on every fresh seed; Unmet says otherwise what fails and why.
	Met   bool
	Unmet string
	// Messages are the solvers' messages (a fallback and why, shifts
	// outside the day), each once.
	Messages []string

	key string // the staff schedule, for the search's cache
}

// RotaStage is the rota of one stage or pool: one rota per group of
// weekdays that share hours and patterns.
type RotaStage struct {
	Name string // the stage's or the pool's
	Days []RotaDay
	// Week is the weekly step when the workforce stage asks for it
	// (week.days_on): the fewest staff on weekly rosters that cover
	// every day's rota headcount, solved after the days, not jointly.
	Week *rota.WeekPlan
}

// RotaDay is the rota of one stage on a group of weekdays.
type RotaDay struct {
	// Weekdays is the set of weekdays (bit d is time.Weekday d).
	Weekdays uint8
	// From and Interval place the day's intervals: interval i is
	// [From+i*Interval, From+(i+1)*Interval) minutes after midnight.
	From, Interval float64
	// Need is the staff on duty needed in each interval: the Erlang A
	// requirement, at least the offered load over the occupancy cap,
	// raised where the simulation found a target failing.
	Need []int
	// Required is Need grossed up for shrinkage: the staff the rota must
	// schedule, ceil(Need / (1 − shrinkage)).
	Required []int
	// Plan is the rota (its Coverage is the staff scheduled per
	// interval), and Patterns maps its pattern indexes to the stage's
	// workforce patterns.
	Plan     *rota.Plan
	Patterns []int
}

// TargetCheck is one target at a rota's simulation.
type TargetCheck struct {
	Target Target
	KPI    sim.KPI
	// Met reports that the target holds with confidence over the whole
	// run and, for a stage's wait and service-level targets, in every
	// interval with arrivals; Failing counts the intervals where it does
	// not.
	Met     bool
	Failing int
	// Unstaffed lists the intervals where the target fails although the
	// stage has no staff then in the scenario (a call-back after
	// closing): no rota can reach them, so they do not count against
	// Met, and Why says why they fail.
	Unstaffed []string
	Why       string
}

// Verdict is "yes", or "no" with the number of failing intervals.
func (c TargetCheck) Verdict() string {
	switch {
	case c.Met:
		return "yes"
	case c.Failing > 0:
		return fmt.Sprintf("no (%d intervals)", c.Failing)
	}
	return "no"
}

// FreshCheck is a rota's targets checked on a fresh seed.
type FreshCheck struct {
	Seed   uint64
	Checks []TargetCheck
}

// Rota turns a requirement per interval into the cheapest rota of shift
// patterns that meets every target, checked by simulation. For each
// workforce stage it starts from the Erlang A requirement of every
// interval (the start ByInterval uses), at least the offered load over
// the occupancy cap, grossed up for shrinkage; solves the set-covering
// program of the stage's shift patterns (package rota) for each group of
// weekdays sharing hours and patterns; simulates the scenario staffed by
// the rota (the roster, less shrinkage, becomes the staff schedule) on
// common random numbers; and where a target fails raises the requirement
// in the failing intervals (for a whole-run target, in the busiest one)
// and solves again. A rota that meets every target is checked on fresh
// seeds too. It stops when every target holds on every seed, or after
// MaxRounds rounds with Met false and Unmet saying what fails: never a
// silent partial rota.
//
// A workforce stage may name a pool instead (see sim.Pool): its
// requirement is the Erlang requirement of the pooled load of the stages
// it serves, less their own staff, at least its reserves plus one (see
// poolNeed); the wait and service-level targets of those stages are
// checked in every interval the pool is staffed and raise the pool's
// requirement where they fail, and the rota becomes the pool's schedule.
//
// Cost: each round solves one integer program per stage and weekday
// group (see rota.Solve) and simulates the scenario once (three times in
// the last round).
func Rota(ctx context.Context, m *sim.Model, w *scenarios.Workforce, targets []Target, o RotaOptions) (*RotaResult, error) {
	if w == nil || len(w.Stages) == 0 {
		return nil, errors.New("the scenario has no workforce section: give each rota stage's shift patterns under workforce.stages (see docs/scenarios.md)")
	}
	if err := searchable(m); err != nil {
		return nil, err
	}
	r, err := newRotaRun(ctx, m, w, targets, o)
	if err != nil {
		return nil, err
	}
	defer r.stop()
	return r.loop()
}

// rotaRun is one run of Rota: the staffing problem, the requirement being
// raised and the search that simulates.
type rotaRun struct {
	*intervalSearch
	w     *scenarios.Workforce
	o     RotaOptions
	need  [][]int // per workforce stage or pool, interval of the day
	days  [][]dayGroup
	fresh int
	// entries maps the problem's varied stages to the workforce stages;
	// the workforce pools are not varied stages (see rota_pool.go).
	entries []int
	// poolTarget is, per target, the workforce pool whose rota reaches
	// it in every interval (a wait or service-level target of a stage the
	// pool serves and the problem does not vary), or -1.
	poolTarget []int
	// failed is the last simulation a raise came from.
	failed *sim.Results
}

func newRotaRun(ctx context.Context, m *sim.Model, w *scenarios.Workforce, targets []Target, o RotaOptions) (*rotaRun, error) {
	var vary, entries []int
	for e, ws := range w.Stages {
		if ws.Pool < 0 {
			vary, entries = append(vary, ws.Stage), append(entries, e)
		}
	}
	p := NewProblem(m, vary, targets)
	if o.MaxRounds <= 0 {
		o.MaxRounds = 20
	}
	o.MaxEvaluations = max(o.MaxEvaluations, 3*o.MaxRounds+3)
	r := &rotaRun{intervalSearch: &intervalSearch{search: newSearch(ctx, p, o.Options), closed: map[string]string{}, stall: stallTracker{}}, w: w, o: o, entries: entries}
	r.fresh = o.FreshSeeds
	if r.fresh <= 0 {
		r.fresh = 4
	}
	floor := occupancyFloor(m, vary, w.Occupancy)
	r.need = make([][]int, len(w.Stages))
	for i, e := range entries {
		n := make([]int, p.Intervals())
		for k := range n {
			if p.Staffed(i, k) {
				n[k] = max(p.Req[i][k], floor[i][k])
			}
		}
		r.need[e] = n
	}
	for e := range w.Stages {
		if w.Stages[e].Pool >= 0 {
			r.need[e] = poolNeed(m, w.Stages[e].Pool, targets, w.Occupancy)
		}
		r.days = append(r.days, dayGroups(m, &w.Stages[e]))
	}
	r.poolTarget = poolTargets(p, w)
	return r, nil
}

// loop solves, simulates and raises until the targets hold or the rounds
// run out.
func (r *rotaRun) loop() (*RotaResult, error) {
	var res *RotaResult
	seen := map[string]bool{}
	for round := 1; round <= r.o.MaxRounds; round++ {
		var err error
		if res, err = r.solveNew(seen); err != nil {
			return nil, err
		}
		res.Rounds = round
		out, err := r.evaluateSeed(res.key, r.o.Seed, res)
		if ce, ok := overloaded(err); ok {
			if err := r.raiseOverloaded(ce, round); err != nil {
				return nil, err
			}
			continue
		}
		if err != nil {
			return nil, err
		}
		res.Results = out
		res.Checks = r.checks(out)
		raised := r.raiseFor(out)
		if !raised && r.allMet(res.Checks) {
			if raised, err = r.checkFresh(res); err != nil {
				return nil, err
			}
		}
		if !raised {
			res.Met = r.allMet(res.Checks) && len(res.Fresh) == r.fresh && r.freshMet(res)
			break
		}
	}
	if !res.Met {
		res.Unmet = r.unmetText(res)
	}
	if err := r.weeks(res); err != nil {
		return nil, err
	}
	return res, nil
}

// weeks solves the weekly step of the stages that ask for it: the need
// of each weekday is the headcount of that day's rota.
func (r *rotaRun) weeks(res *RotaResult) error {
	for i := range res.Stages {
		ws := &r.w.Stages[i]
		if ws.DaysOn <= 0 {
			continue
		}
		w := &rota.Week{Stage: ws.Name, Pool: ws.Pool >= 0, DaysOn: ws.DaysOn, ConsecutiveOff: ws.ConsecutiveOff, Closed: [7]bool{true, true, true, true, true, true, true}}
		for _, day := range res.Stages[i].Days {
			for wd := range 7 {
				if day.Weekdays&(1<<wd) != 0 {
					w.Closed[(wd+6)%7] = false
				}
			}
			for wd := range 7 {
				if day.Weekdays&(1<<wd) != 0 {
					w.Need[(wd+6)%7] = day.Plan.Headcount // Monday first
				}
			}
		}
		plan, err := rota.SolveWeek(r.ctx, w, rota.Options{Solver: r.o.Solver, TimeLimit: r.o.TimeLimit, CBCPath: r.o.CBCPath})
		if err != nil {
			if r.ctx.Err() != nil {
				return ErrInterrupted
			}
			return err
		}
		res.Stages[i].Week = plan
	}
	return nil
}

// evaluateSeed simulates res.Model on seed through the search (log,
// progress, interruption and budgets).
func (r *rotaRun) evaluateSeed(key string, seed uint64, res *RotaResult) (*sim.Results, error) {
	saved := r.search.o.Seed
	r.search.o.Seed = seed
	defer func() { r.search.o.Seed = saved }()
	label := fmt.Sprintf("rota %d, cost %.2f a week, seed %d", res.Rounds, res.Cost, seed)
	out, err := r.search.evaluate(key, label, res.Model, func(out *sim.Results) string {
		fails, whole := r.failures(out)
		return r.p.summarise(out, r.open(fails), whole)
	})
	if be, ok := errors.AsType[*budgetError](err); ok {
		return nil, fmt.Errorf("rota: %v", be)
	}
	return out, err
}

// checkFresh simulates the rota on the fresh seeds, raising the
// requirement where a target fails; it reports whether it raised any.
func (r *rotaRun) checkFresh(res *RotaResult) (bool, error) {
	for j := range r.fresh {
		// Seeds far from Seed and from each other, new in every round.
		seed := r.o.Seed + uint64(res.Rounds)*1000003 + uint64(j+1)*7919
		out, err := r.evaluateSeed(fmt.Sprint(seed, res.key), seed, res)
		if ce, ok := overloaded(err); ok {
			return true, r.raiseOverloaded(ce, res.Rounds)
		}
		if err != nil {
			return false, err
		}
		res.Fresh = append(res.Fresh, FreshCheck{Seed: seed, Checks: r.checks(out)})
		if r.raiseFor(out) {
			return true, nil
		}
	}
	return false, nil
}

func (r *rotaRun) allMet(cs []TargetCheck) bool {
	return !slices.ContainsFunc(cs, func(c TargetCheck) bool { return !c.Met })
}

func (r *rotaRun) freshMet(res *RotaResult) bool {
	for _, f := range res.Fresh {
		if !r.allMet(f.Checks) {
			return false
		}
	}
	return true
}

// checks is each target at out.
func (r *rotaRun) checks(out *sim.Results) []TargetCheck {
	fails, whole := r.failures(out)
	cs := make([]TargetCheck, len(r.p.Targets))
	for ti, t := range r.p.Targets {
		c := TargetCheck{Target: t}
		if k := out.KPI(t.KPI); k != nil {
			c.KPI = *k
		}
		for _, f := range fails {
			switch {
			case f.Target != ti:
			case r.isClosed(f):
				c.Unstaffed = append(c.Unstaffed, r.p.IntervalName(f.Interval))
				c.Why = r.closed[f.spot()]
			default:
				c.Failing++
			}
		}
		c.Met = c.Failing == 0 && !slices.Contains(whole, ti)
		cs[ti] = c
	}
	return cs
}

// raiseFor raises the requirement where out fails a target staffing can
// reach: one more on duty in every failing interval, and for a failing
// whole-run target one more in the busiest interval. It reports whether
// it raised any.
func (r *rotaRun) raiseFor(out *sim.Results) bool {
	fails, whole := r.failures(out)
	r.failed = out
	raised := false
	for _, f := range r.open(fails) {
		r.need[r.entry(f)][f.Interval]++
		raised = true
	}
	if len(whole) > 0 {
		bi, bk, bu := -1, -1, -1.0
		for i, si := range r.p.Vary {
			for _, row := range out.Intervals {
				k := int(row.From / r.p.Model.Interval)
				if row.Stage == r.p.Model.Stages[si].Name && r.p.Staffed(i, k) && row.Utilisation.Mean > bu {
					bi, bk, bu = r.entries[i], k, row.Utilisation.Mean
				}
			}
		}
		if e, k, u := r.busiestPool(out); e >= 0 && u > bu {
			bi, bk = e, k
		}
		if bi >= 0 {
			r.need[bi][bk]++
			raised = true
		}
	}
	return raised
}

// raiseOverloaded raises the requirement by one in every interval that
// needs anyone after the rota of round reached the bound on customers in
// the system (where the queue grows is not known), or says why the search
// ends there: the rounds ran out, or raising no longer moves when the
// bound is reached.
func (r *rotaRun) raiseOverloaded(ce *sim.CapacityError, round int) error {
	r.failed = nil
	switch {
	case round >= r.o.MaxRounds:
		return r.overloadErrorOf("rota", fmt.Sprintf("--max-rounds %d ran out", r.o.MaxRounds))
	case r.stall.same("overload", ce.At):
		return r.overloadErrorOf("rota", fmt.Sprintf("raising the requirement in every interval (%d times) %s", stallRaises, stuckAtBound))
	}
	for _, need := range r.need {
		for k := range need {
			if need[k] > 0 {
				need[k]++
			}
		}
	}
	return nil
}

// unmetText says what fails at the last rota and why.
func (r *rotaRun) unmetText(res *RotaResult) string {
	out := res.Results
	fails, whole := r.failures(out)
	if len(fails) == 0 && len(whole) == 0 {
		// It held on the search's seed and failed on a fresh one: say
		// what failed there.
		for _, f := range res.Fresh {
			if r.allMet(f.Checks) {
				continue
			}
			var not []string
			for _, c := range f.Checks {
				if !c.Met {
					not = append(not, fmt.Sprintf("%s: %s", c.Target.Text, c.Verdict()))
				}
			}
			return fmt.Sprintf("no rota met every target within --max-rounds %d: the last held on seed %d but not on fresh seed %d (%s); more replications (-r) or rounds (--max-rounds) may settle it",
				r.o.MaxRounds, r.o.Seed, f.Seed, strings.Join(not, "; "))
		}
	}
	var parts []string
	text := r.p.summarise(out, fails, whole)
	if closed := len(fails) - len(r.open(fails)); closed > 0 {
		text += fmt.Sprintf("; %d failing interval(s) have no staff in the scenario, so no rota can reach them", closed)
	}
	parts = append(parts, text)
	return fmt.Sprintf("no rota met every target within --max-rounds %d: %s", r.o.MaxRounds, strings.Join(parts, ": "))
}

// weekdayCount is the number of weekdays in a set.
func weekdayCount(days uint8) int { return bits.OnesCount8(days & 0x7f) }
