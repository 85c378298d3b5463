package rota

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
	"time"
)

// SolverKind chooses the integer-programming solver.
type SolverKind int

const (
	// Auto uses CBC when the cbc binary is on PATH and falls back to the
	// in-process solver, with a message, when it is missing, fails or
	// runs out of time without an integer solution. The environment
	// variable SVCSIM_ROTA_SOLVER (auto, cbc or fallback) overrides Auto.
	Auto SolverKind = iota
	// CBC requires COIN-OR CBC: a missing or failing cbc is an error.
	CBC
	// Fallback uses the in-process solver only: gonum's simplex for the
	// LP relaxation, then rounding, repair and local improvement.
	Fallback
)

// String returns "auto", "cbc" or "fallback".
func (k SolverKind) String() string {
	switch k {
	case Auto:
		return "auto"
	case CBC:
		return "cbc"
	case Fallback:
		return "fallback"
	}
	return fmt.Sprintf("SolverKind(%d)", int(k))
}

// ParseSolverKind reads "auto", "cbc" or "fallback".
func ParseSolverKind(s string) (SolverKind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "auto", "":
		return Auto, nil
	case "cbc":
		return CBC, nil
	case "fallback":
		return Fallback, nil
	}
	return Auto, fmt.Errorf("rota: solver: unknown solver (got %q); valid: auto, cbc, fallback", s)
}

// EnvSolver is the environment variable that overrides [Auto].
const EnvSolver = "SVCSIM_ROTA_SOLVER"

// DefaultTimeLimit is the solver's time limit when Options.TimeLimit is 0.
const DefaultTimeLimit = 60 * time.Second

// Options tune [Solve].
type Options struct {
	// Solver chooses the solver; the zero value is Auto.
	Solver SolverKind
	// TimeLimit bounds CBC's search (0: DefaultTimeLimit). When it runs
	// out CBC's best integer rota is used and Plan.Optimal is false; if
	// CBC has none by then, Auto falls back.
	TimeLimit time.Duration
	// CBCPath is the cbc binary (empty: "cbc" looked up on PATH).
	CBCPath string
	// RatioGap, when positive, lets CBC stop once its rota is within
	// this share of its best bound (0.005: 0.5%), rather than prove it
	// optimal: closing the last fraction of a percent can take CBC far
	// longer than finding the rota. Plan.Gap still reports the gap to
	// the LP bound, and Plan.Optimal is not claimed.
	RatioGap float64
}

// Shift is a concrete shift of a plan and how many staff work it.
type Shift struct {
	// Pattern is the index of the shift's pattern in Problem.Patterns,
	// and Name that pattern's name.
	Pattern int
	Name    string
	// Start and Length are in minutes (after midnight, and long).
	Start, Length float64
	// Breaks are the starts of the shift's breaks in minutes after
	// midnight, in the order of the pattern's applicable Breaks.
	Breaks []float64
	// Count is the number of staff on this shift (always > 0 in a plan).
	Count int
	// Cost is the cost of one person on this shift (paid hours times the
	// pattern's CostPerHour).
	Cost float64
}

// Plan is a rota: how many staff start which shift, and what it costs.
type Plan struct {
	// Shifts lists the shifts worked, Count > 0, ordered by pattern,
	// start, length and break starts.
	Shifts []Shift
	// PatternCounts is the number of staff per pattern (indexed as
	// Problem.Patterns); it sums to Headcount.
	PatternCounts []int
	// Headcount is the number of staff in the rota.
	Headcount int
	// PartTime is the number of staff on part-time shifts (0 when the
	// problem sets no part-time limit).
	PartTime int
	// Cost is the rota's total cost: the sum of Count*Cost over Shifts.
	Cost float64
	// LPBound is the optimum of the linear-programming relaxation, a
	// lower bound on the cost of any rota, and Gap is (Cost-LPBound)/
	// LPBound (0 when LPBound is 0). The cost of the best rota lies in
	// [LPBound, Cost].
	LPBound, Gap float64
	// Optimal reports that the solver proved Cost minimal (CBC finished
	// its search); the fallback never claims it unless Cost = LPBound.
	Optimal bool
	// Solver names the solver that produced the rota: "cbc 2.10.8" or
	// "fallback (gonum simplex + rounding)".
	Solver string
	// Coverage is the number of staff working (not on a break) in each
	// interval, aligned with Problem.Requirement; Coverage[i] >=
	// Requirement[i] always, and Surplus sums the difference in staff
	// intervals.
	Coverage []int
	Surplus  int
	// Messages say what the planner should know: combinations left out
	// because they end after the horizon, a fallback and why, a time
	// limit reached.
	Messages []string
}

// solution is what a solver path returns.
type solution struct {
	x       []int
	lpBound float64
	optimal bool
	solver  string
	msgs    []string
}

// errInfeasible is returned by a solver path when the integer program has
// no solution.
var errInfeasible = errors.New("infeasible")

// Solve finds a minimum-cost rota for p: a number of staff on every
// concrete shift of every pattern so that the staff working (off their
// breaks) in every interval is at least its requirement, within the
// patterns' and the problem's limits. It returns an error, never a partial
// rota, when an interval cannot be covered (naming the interval and the
// stage), when limits contradict each other (naming them), or when no
// solver can produce a rota.
//
// Cost: CBC's branch and bound is exponential in the worst case and is cut
// at Options.TimeLimit; the fallback solves one dense LP with
// len(Requirement)+side rows and columns+rows variables, then runs
// O(columns²·shift length) local search passes.
func Solve(ctx context.Context, p *Problem, opt Options) (*Plan, error) {
	m, err := expand(p)
	if err != nil {
		return nil, err
	}
	if err := m.check(); err != nil {
		return nil, wrapStage(p, err)
	}
	sol, msgs, err := run(ctx, m, opt)
	if err != nil {
		return nil, wrapStage(p, err)
	}
	return m.plan(sol, msgs), nil
}

// run solves m with the solver opt chooses, falling back as documented on
// [Auto], and checks the solution against every constraint.
func run(ctx context.Context, m *model, opt Options) (*solution, []string, error) {
	kind := opt.Solver
	if kind == Auto {
		if v, ok := os.LookupEnv(EnvSolver); ok {
			k, err := ParseSolverKind(v)
			if err != nil {
				return nil, nil, fmt.Errorf("environment %s: %w", EnvSolver, err)
			}
			kind = k
		}
	}
	limit := opt.TimeLimit
	if limit <= 0 {
		limit = DefaultTimeLimit
	}
	var (
		sol  *solution
		msgs []string
		err  error
	)
	switch kind {
	case CBC, Auto:
		sol, err = solveCBC(ctx, m, opt, limit)
		if err != nil {
			if ctx.Err() != nil {
				return nil, nil, ctx.Err()
			}
			if errors.Is(err, errInfeasible) {
				return nil, nil, m.infeasible()
			}
			if kind == CBC {
				return nil, nil, err
			}
			msgs = append(msgs, fmt.Sprintf("%v; used the fallback solver instead", err))
			sol = nil
		}
	}
	if sol == nil {
		sol, err = solveFallback(ctx, m)
		if err != nil {
			if errors.Is(err, errInfeasible) {
				return nil, nil, m.infeasible()
			}
			return nil, nil, err
		}
	}
	msgs = append(msgs, sol.msgs...)
	if err := m.verify(sol.x); err != nil {
		return nil, nil, fmt.Errorf("%s returned a rota that breaks a constraint: %w", sol.solver, err)
	}
	return sol, msgs, nil
}

// plan turns a solution into a Plan.
func (m *model) plan(sol *solution, msgs []string) *Plan {
	p := m.p
	pl := &Plan{PatternCounts: make([]int, len(p.Patterns)), Coverage: m.coverage(sol.x),
		LPBound: sol.lpBound, Optimal: sol.optimal, Solver: sol.solver}
	for k, n := range m.skipped {
		if n > 0 {
			msgs = append([]string{fmt.Sprintf("pattern %q: %d start/length combinations lie outside the horizon %s–%s and were left out",
				p.Patterns[k].Name, n, clock(p.From), clock(p.end()))}, msgs...)
		}
	}
	pl.Messages = msgs
	for j, n := range sol.x {
		if n == 0 {
			continue
		}
		c := m.cols[j]
		pl.Shifts = append(pl.Shifts, Shift{Pattern: c.pattern, Name: p.Patterns[c.pattern].Name,
			Start: c.start, Length: c.length, Breaks: append([]float64(nil), c.breaks...), Count: n, Cost: c.cost})
		pl.PatternCounts[c.pattern] += n
		pl.Headcount += n
		if c.partTime {
			pl.PartTime += n
		}
		pl.Cost += float64(n) * c.cost
	}
	sort.SliceStable(pl.Shifts, func(a, b int) bool {
		x, y := pl.Shifts[a], pl.Shifts[b]
		if x.Pattern != y.Pattern {
			return x.Pattern < y.Pattern
		}
		if x.Start != y.Start {
			return x.Start < y.Start
		}
		if x.Length != y.Length {
			return x.Length < y.Length
		}
		for i := range x.Breaks {
			if i < len(y.Breaks) && x.Breaks[i] != y.Breaks[i] {
				return x.Breaks[i] < y.Breaks[i]
			}
		}
		return false
	})
	for i, c := range pl.Coverage {
		pl.Surplus += c - p.Requirement[i]
	}
	// CBC prints the bound to 6 significant figures, which can round it
	// past an optimal cost.
	pl.LPBound = math.Min(pl.LPBound, pl.Cost)
	if pl.LPBound > 0 {
		pl.Gap = (pl.Cost - pl.LPBound) / pl.LPBound
		if pl.Gap < 1e-9 {
			pl.Gap = 0
			pl.Optimal = true
		}
	} else if pl.Cost == 0 {
		pl.Optimal = true
	}
	return pl
}

// coverage counts the staff working in each interval under x.
func (m *model) coverage(x []int) []int {
	cov := make([]int, len(m.req))
	for j, n := range x {
		if n == 0 {
			continue
		}
		for _, r := range m.cols[j].rows {
			cov[r] += n
		}
	}
	return cov
}

// verify checks a solution against every constraint; a solver's rota is
// never handed on unchecked.
func (m *model) verify(x []int) error {
	if len(x) != len(m.cols) {
		return fmt.Errorf("%d counts for %d shifts", len(x), len(m.cols))
	}
	cov := m.coverage(x)
	for i, r := range m.req {
		if cov[i] < r {
			return fmt.Errorf("interval %s has %d staff, needs %d", m.span(i, i), cov[i], r)
		}
	}
	per := make([]int, len(m.patterns))
	total, pt := 0, 0
	for j, n := range x {
		if n < 0 {
			return fmt.Errorf("negative count %d", n)
		}
		per[m.cols[j].pattern] += n
		total += n
		if m.cols[j].partTime {
			pt += n
		}
	}
	for k, pat := range m.patterns {
		if per[k] < pat.Min || (pat.Max > 0 && per[k] > pat.Max) {
			return fmt.Errorf("pattern %q has %d staff, outside [min %d, max %d]", pat.Name, per[k], pat.Min, pat.Max)
		}
	}
	if m.headcnt > 0 && total > m.headcnt {
		return fmt.Errorf("headcount %d above max_headcount %d", total, m.headcnt)
	}
	if m.ptLimit && float64(pt) > m.ptShare*float64(total)+1e-9 {
		return fmt.Errorf("%d of %d staff part-time, above max_part_time_share %v", pt, total, m.ptShare)
	}
	return nil
}

// check finds what makes the problem infeasible before any solver runs:
// intervals no shift covers, requirements above what the limits allow,
// minimums above the headcount. It reports every problem found.
func (m *model) check() error {
	covering := m.covering()
	errs := m.uncovered(covering)
	errs = append(errs, m.overCapacity(covering)...)
	errs = append(errs, m.overMinimums()...)
	return errors.Join(errs...)
}

// covering lists, for each interval, the patterns whose shifts work it.
func (m *model) covering() [][]int {
	covering := make([][]int, len(m.req))
	seen := make([]map[int]bool, len(m.req))
	for _, c := range m.cols {
		for _, r := range c.rows {
			if seen[r] == nil {
				seen[r] = map[int]bool{}
			}
			if !seen[r][c.pattern] {
				seen[r][c.pattern] = true
				covering[r] = append(covering[r], c.pattern)
			}
		}
	}
	return covering
}

// uncovered reports the intervals with a requirement that no shift
// works, merged into runs.
func (m *model) uncovered(covering [][]int) []error {
	var errs []error
	for i := 0; i < len(m.req); i++ {
		if m.req[i] == 0 || len(covering[i]) > 0 {
			continue
		}
		j, most := i, m.req[i]
		for j+1 < len(m.req) && m.req[j+1] > 0 && len(covering[j+1]) == 0 {
			j++
			most = max(most, m.req[j])
		}
		errs = append(errs, fieldErr(m.reqField, "interval %s needs up to %d staff but no shift of any pattern works then (all start later, end earlier or are on a break)", m.span(i, j), most))
		i = j
	}
	return errs
}

// overCapacity reports intervals that need more staff than the maximums
// of the patterns working them, or than the headcount, allow.
func (m *model) overCapacity(covering [][]int) []error {
	var errs []error
	for i, r := range m.req {
		if r == 0 || len(covering[i]) == 0 {
			continue
		}
		capacity, limited := 0, true
		var parts []string
		for _, k := range covering[i] {
			mx := m.patterns[k].Max
			if mx == 0 {
				limited = false
				break
			}
			capacity += mx
			parts = append(parts, fmt.Sprintf("%q max %d", m.patterns[k].Name, mx))
		}
		if limited && capacity < r {
			errs = append(errs, fieldErr(m.reqField, "interval %s needs %d staff but the patterns that work then allow at most %d (%s)", m.span(i, i), r, capacity, strings.Join(parts, ", ")))
		}
		if m.headcnt > 0 && m.headcnt < r {
			errs = append(errs, fieldErr("max_headcount", "%d is below the %d staff interval %s needs", m.headcnt, r, m.span(i, i)))
			break
		}
	}
	return errs
}

// overMinimums reports minimums the headcount or the part-time share
// cannot hold.
func (m *model) overMinimums() []error {
	var errs []error
	sumMin := 0
	for _, pat := range m.patterns {
		sumMin += pat.Min
	}
	if m.headcnt > 0 && sumMin > m.headcnt {
		errs = append(errs, fieldErr("max_headcount", "%d is below the patterns' minimums, which add up to %d", m.headcnt, sumMin))
	}
	if !m.ptLimit {
		return errs
	}
	ptMin := 0
	for k, pat := range m.patterns {
		if pat.Min == 0 {
			continue
		}
		all := true
		for _, c := range m.cols {
			if c.pattern == k && !c.partTime {
				all = false
				break
			}
		}
		if all {
			ptMin += pat.Min
		}
	}
	if ptMin > 0 && m.ptShare == 0 {
		errs = append(errs, fieldErr("max_part_time_share", "0 forbids part-time shifts, but the minimums of part-time-only patterns add up to %d", ptMin))
	}
	return errs
}

// infeasible explains an integer program the solver found infeasible
// after check passed: the limits in force contradict each other jointly.
func (m *model) infeasible() error {
	var lim []string
	for _, pat := range m.patterns {
		if pat.Min > 0 || pat.Max > 0 {
			s := fmt.Sprintf("pattern %q", pat.Name)
			if pat.Min > 0 {
				s += fmt.Sprintf(" min %d", pat.Min)
			}
			if pat.Max > 0 {
				s += fmt.Sprintf(" max %d", pat.Max)
			}
			lim = append(lim, s)
		}
	}
	if m.headcnt > 0 {
		lim = append(lim, fmt.Sprintf("max_headcount %d", m.headcnt))
	}
	if m.ptLimit {
		lim = append(lim, fmt.Sprintf("max_part_time_share %v of shifts under %s", m.ptShare, dur(m.ptBelow)))
	}
	if len(lim) == 0 {
		lim = []string{"none"}
	}
	return fmt.Errorf("limits: no rota meets the requirement within these limits together: %s", strings.Join(lim, "; "))
}

// fieldErr makes a *FieldError.
func fieldErr(field, format string, a ...any) error {
	return &FieldError{Field: field, Problem: fmt.Sprintf(format, a...)}
}

// almostInt reports whether v is within tol of an integer.
func almostInt(v, tol float64) bool { return math.Abs(v-math.Round(v)) <= tol }
