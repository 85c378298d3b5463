package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// staffCommand is 'svcsim staff': the cheapest headcount per stage that
// meets every target with the stated confidence.
type staffCommand struct {
	fs       *pflag.FlagSet
	set      runSettings
	targets  []string
	stages   []string
	maxStaff int
	maxEvals int
	maxTime  time.Duration
	interval bool
}

func newStaffCommand() *staffCommand {
	c := &staffCommand{fs: newFlags("staff")}
	c.set.register(c.fs)
	c.fs.StringArrayVar(&c.targets, "target", nil, "a target `'KPI OP VALUE'`, e.g. 'booking.wait.p90 <= 2m' or 'nps >= 30' (repeatable)")
	c.fs.StringArrayVar(&c.stages, "stage", nil, "a stage whose headcount may change (repeatable; default: every stage with one staff group)")
	c.fs.IntVar(&c.maxStaff, "max-staff", 200, fmt.Sprintf("never put more than `N` people on a stage (1-%d)", maxStaffHi))
	c.fs.IntVar(&c.maxEvals, "max-evaluations", 200, fmt.Sprintf("stop the search after simulating `N` staffings (1-%d)", maxEvalsHi))
	c.fs.DurationVar(&c.maxTime, "max-time", 0, "stop the search after `DURATION` of simulating, e.g. 2m (default: no limit); the staffing found then depends on the machine's speed")
	c.fs.StringVar(&c.set.out, "out", "", "also write the chosen staffing's results (as 'run --out' does) into `DIR`")
	c.set.outputs.register(c.fs)
	c.fs.BoolVar(&c.interval, "by-interval", false, "find a headcount per stage and time-of-day interval (the requirement table for a rota); wait and service-level targets of a stage must then hold in every interval")
	return c
}

func (c *staffCommand) usage(w io.Writer) {
	fmt.Fprintf(w, `Usage: svcsim staff SCENARIO --target 'KPI OP VALUE' [--target ...] [flags]

Staff finds the staffing with the lowest staff cost (staff hours where the
scenario gives no costs) that meets every target: one headcount per stage,
on duty whenever the stage is staffed in the scenario. A target counts as
met only when the whole 95%% confidence interval is on the right side of
it.

The search starts from the Erlang C (or Erlang A, with patience)
requirement of each stage's busiest interval, worked out from the
scenario's rates and shown as a sanity row, then adds people where a
target fails and takes them away where all still hold, simulating each
staffing with the same seed (common random numbers). It reports how many
staffings it simulated, and each one on stderr as it goes.

When no staffing meets the targets (a budget ran out, --max-staff was
reached, adding people no longer moved the failing KPI, or customers
reach a stage when it has no staff), staff says which target fails, where
and by how much, writes the highest staffing it tried (to --out too) and
exits with status 1.

Flags:
%s
Example:
  svcsim staff callcentre --target 'agents.service_level >= 80%%' --target 'agents.abandonment <= 5%%'
  svcsim staff clinic --target 'booking.wait.p90 <= 2m' --target 'nps >= 20' --stage booking
`, flagUsages(c.fs))
}

type target struct {
	text string
	sim.Threshold
}

// met reports whether k meets the target with confidence.
func (t target) met(k *sim.KPI) bool {
	if k == nil || math.IsNaN(k.Mean) {
		return false
	}
	hw := k.HalfWidth
	if math.IsNaN(hw) {
		hw = 0
	}
	if t.Above { // KPI > limit, or >= limit when Inclusive
		lo := k.Mean - hw
		return lo > t.Limit || t.Inclusive && lo == t.Limit
	}
	hi := k.Mean + hw
	return hi < t.Limit || t.Inclusive && hi == t.Limit
}

// shortfall is how far k is from meeting the target, relative to the limit.
func (t target) shortfall(k *sim.KPI) float64 {
	if k == nil || math.IsNaN(k.Mean) {
		return math.Inf(1)
	}
	gap := k.Mean - t.Limit
	if t.Above {
		gap = -gap
	}
	return gap / math.Max(math.Abs(t.Limit), 1e-9)
}

func (c *staffCommand) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if help, err := parseFlags(c.fs, args, c.usage, stdout); help || err != nil {
		return err
	}
	if err := c.set.check(c.fs, "staff"); err != nil {
		return err
	}
	if err := checkIntFlag(c.fs, "staff", "max-staff", 1, maxStaffHi); err != nil {
		return err
	}
	if err := checkIntFlag(c.fs, "staff", "max-evaluations", 1, maxEvalsHi); err != nil {
		return err
	}
	if c.fs.NArg() != 1 {
		return usageErrorf("staff: give one scenario (got %d)", c.fs.NArg())
	}
	if len(c.targets) == 0 {
		return usageErrorf("staff: give at least one --target, e.g. --target 'booking.service_level >= 80%%'")
	}
	switch {
	case c.maxEvals < 1:
		return usageErrorf("staff: --max-evaluations must be >= 1 (got %d)", c.maxEvals)
	case c.maxStaff < 1:
		return usageErrorf("staff: --max-staff must be >= 1 (got %d)", c.maxStaff)
	case c.maxTime < 0:
		return usageErrorf("staff: --max-time must be >= 0 (got %s; 0: no limit)", c.maxTime)
	}
	sc, err := resolveScenario(ctx, c.fs.Arg(0), c.set.loadOptions())
	if err != nil {
		return err
	}
	base := sc.Model
	if c.set.days > 0 {
		m := *base
		m.Days = c.set.days
		base = &m
	}
	var targets []target
	for _, t := range c.targets {
		th, err := scenarios.ParseThreshold(t)
		if err == nil {
			err = sim.CheckThreshold(base, th)
		}
		if err != nil {
			return usageErrorf("staff: --target %v", err)
		}
		targets = append(targets, target{t, th})
	}
	// The stages whose headcount varies.
	var vary []int
	for i, s := range base.Stages {
		if len(c.stages) > 0 && !slices.Contains(c.stages, s.Name) {
			continue
		}
		if len(s.Groups) != 1 {
			if len(c.stages) > 0 {
				return usageErrorf("staff: stage %s has %d staff groups; staff varies one headcount per stage, so give its groups in separate sweeps", s.Name, len(s.Groups))
			}
			continue
		}
		vary = append(vary, i)
	}
	for _, name := range c.stages {
		if !slices.ContainsFunc(base.Stages, func(s sim.Stage) bool { return s.Name == name }) {
			return usageErrorf("staff: --stage %s: no such stage", name)
		}
	}
	if len(vary) == 0 {
		return usageErrorf("staff: no stage with a single staff group to vary")
	}
	s := newSearch(ctx, c, base, vary, targets, c.set.options(sc).Options, stderr)
	defer s.stop()
	// Start from queueing theory, worked out from the scenario's rates.
	req, unstaffed := erlangTable(base, vary, targets)
	if c.interval {
		return c.byInterval(s, req, unstaffed, sc, stdout, stderr)
	}
	start := make([]int, len(vary))
	for i := range vary {
		start[i] = max(1, slices.Max(req[i]))
	}
	var (
		n        = slices.Clone(start)
		last     []int // the highest staffing simulated
		lastR    *sim.Results
		stall    = stallTracker{}
		failure  string
		feasible = func(r *sim.Results) []int {
			var fails []int
			for i, t := range targets {
				if !t.met(r.KPI(t.KPI)) {
					fails = append(fails, i)
				}
			}
			// Worst first: the target furthest from its limit.
			slices.SortStableFunc(fails, func(a, b int) int {
				return cmpFloat(targets[b].shortfall(r.KPI(targets[b].KPI)), targets[a].shortfall(r.KPI(targets[a].KPI)))
			})
			return fails
		}
		verdict = func(r *sim.Results) string {
			fails := feasible(r)
			if len(fails) == 0 {
				return "meets every target"
			}
			k := r.KPI(targets[fails[0]].KPI)
			return kpiVersus(targets[fails[0]], k.Estimate, k.Unit, "")
		}
	)
	// Add people until every target holds.
	for failure == "" {
		r, err := s.evaluate(fmt.Sprint(n), describeStaff(base, vary, n), withHeadcounts(base, vary, n), verdict)
		if be, ok := errors.AsType[*budgetError](err); ok {
			failure = be.Error()
			break
		}
		if err != nil {
			return err
		}
		last, lastR = slices.Clone(n), r
		fails := feasible(r)
		if len(fails) == 0 {
			break
		}
		t := targets[fails[0]]
		k := r.KPI(t.KPI)
		si := stageToRaise(base, vary, n, r, t)
		name := base.Stages[vary[si]].Name
		switch {
		case n[si] >= c.maxStaff:
			failure = fmt.Sprintf("%s is not met even with --max-staff %d at %s", t.text, c.maxStaff, name)
		case stall.same(fmt.Sprint(fails[0], si), k.Mean):
			failure = fmt.Sprintf("adding staff at %s (%d to %d) no longer changes %s, so staffing cannot meet it", name, n[si]-stallRaises, n[si], t.KPI)
			if why := unservedCauses(base, vary[si], sum(unstaffed[si])); len(why) > 0 && strings.HasPrefix(t.KPI, name+".") {
				failure += "; customers can reach " + name + " when it has no staff: " + strings.Join(why, "; ")
			}
		default:
			n[si]++
		}
	}
	if failure != "" {
		if lastR == nil {
			return fmt.Errorf("no staffing simulated: %s", failure)
		}
		var unmet []string
		for _, i := range feasible(lastR) {
			k := lastR.KPI(targets[i].KPI)
			unmet = append(unmet, kpiVersus(targets[i], k.Estimate, k.Unit, ""))
		}
		msg := fmt.Sprintf("no staffing met every target: %s; at the highest staffing tried (%s) %s", failure, describeStaff(base, vary, last), strings.Join(unmet, "; "))
		header := fmt.Sprintf("no staffing met every target; the highest staffing tried, of %d simulated", s.done)
		if err := writeStaffing(stdout, header, base, vary, last, start, req, lastR, targets, s.cost(lastR), sc.Currency); err != nil {
			return err
		}
		if err := c.writeChosen(s.ctx, sc, withHeadcounts(base, vary, last), lastR, stdout, stderr); err != nil {
			return err
		}
		return &searchError{msg}
	}
	// Take people away while every target still holds, dearest first.
	note := ""
reduce:
	for improved := true; improved; {
		improved = false
		for si := range vary {
			if n[si] <= 1 {
				continue
			}
			m := slices.Clone(n)
			m[si]--
			r, err := s.evaluate(fmt.Sprint(m), describeStaff(base, vary, m), withHeadcounts(base, vary, m), verdict)
			if be, ok := errors.AsType[*budgetError](err); ok {
				note = fmt.Sprintf("stopped taking staff away: %v", be)
				break reduce
			}
			if err != nil {
				return err
			}
			if len(feasible(r)) == 0 {
				n, improved = m, true
			}
		}
	}
	header := fmt.Sprintf("cheapest staffing meeting every target (95%% confidence), %d staffings simulated", s.done)
	if note != "" {
		header = fmt.Sprintf("a staffing meeting every target (95%% confidence), %d staffings simulated; %s, so it may not be the cheapest", s.done, note)
	}
	best := s.evals[fmt.Sprint(n)]
	if err := writeStaffing(stdout, header, base, vary, n, start, req, best, targets, s.cost(best), sc.Currency); err != nil {
		return err
	}
	return c.writeChosen(s.ctx, sc, withHeadcounts(base, vary, n), best, stdout, stderr)
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// searchError is a staff search that found no staffing meeting every
// target; what it found has been written. It exits with status 1.
type searchError struct{ msg string }

func (e *searchError) Error() string { return e.msg }

// budgetError says which budget of the search ran out.
type budgetError struct{ budget string }

func (e *budgetError) Error() string { return "the budget " + e.budget + " ran out" }

// search simulates the staffings a staff search tries, each once, within
// its budgets, showing progress on stderr.
type search struct {
	c       *staffCommand
	ctx     context.Context // the command's: cancelled on Ctrl-C
	timed   context.Context // ctx with the --max-time deadline
	stop    context.CancelFunc
	base    *sim.Model
	vary    []int
	targets []target
	opt     sim.Options
	stderr  io.Writer
	evals   map[string]*sim.Results
	done    int // staffings simulated
}

func newSearch(ctx context.Context, c *staffCommand, base *sim.Model, vary []int, targets []target, opt sim.Options, stderr io.Writer) *search {
	s := &search{c: c, ctx: ctx, base: base, vary: vary, targets: targets, opt: opt, stderr: stderr, evals: map[string]*sim.Results{}}
	s.timed, s.stop = ctx, func() {}
	if c.maxTime > 0 {
		s.timed, s.stop = context.WithTimeout(ctx, c.maxTime)
	}
	return s
}

// evaluate simulates model m (the staffing key, described by label), or
// returns its results from an earlier call. It reports each new staffing
// on stderr with verdict's words on its results. It returns a
// *budgetError when --max-evaluations or --max-time does not allow it.
func (s *search) evaluate(key, label string, m *sim.Model, verdict func(*sim.Results) string) (*sim.Results, error) {
	if r, ok := s.evals[key]; ok {
		return r, nil
	}
	if s.done >= s.c.maxEvals {
		return nil, &budgetError{fmt.Sprintf("--max-evaluations %d", s.c.maxEvals)}
	}
	timeUp := &budgetError{fmt.Sprintf("--max-time %s", s.c.maxTime)}
	if s.timed.Err() != nil && s.ctx.Err() == nil {
		return nil, timeUp
	}
	o := s.opt
	bar := newBatchProgress(s.stderr, o.Replications, s.c.set.quiet)
	name := fmt.Sprintf("staffing %d of at most %d: %s", s.done+1, s.c.maxEvals, label)
	bar.update(name, 0)
	o.Progress = func(int, int) { bar.update(name, 1) }
	r, err := sim.Run(s.timed, m, o)
	bar.finish()
	switch {
	case s.ctx.Err() != nil:
		return nil, errInterrupted
	case s.timed.Err() != nil:
		return nil, timeUp
	case err != nil:
		return nil, err
	}
	s.done++
	s.evals[key] = r
	s.logf("staffing %d (%s): %s", s.done, label, verdict(r))
	return r, nil
}

// logf reports a step of the search on stderr, unless --quiet.
func (s *search) logf(format string, args ...any) {
	if !s.c.set.quiet {
		fmt.Fprintf(s.stderr, "svcsim: "+format+"\n", args...)
	}
}

// cost is the staff cost of a staffing: money per day where the scenario
// gives costs, else staff hours per day.
func (s *search) cost(r *sim.Results) float64 {
	if k := r.KPI("cost.per_day"); k != nil && k.Mean > 0 {
		return k.Mean
	}
	total := 0.0
	for _, st := range r.Stages {
		if k := r.KPI(st + ".staff_hours"); k != nil {
			total += k.Mean
		}
	}
	return total
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

// kpiVersus is "TARGET not met[ WHERE]: VALUE ± HW UNIT", the target
// giving the limit.
func kpiVersus(t target, e sim.Estimate, u sim.Unit, where string) string {
	scale, unit := figures.Display(u)
	v, pm := figures.PM(e.Mean*scale, e.HalfWidth*scale)
	if where != "" {
		where = " " + where
	}
	return fmt.Sprintf("%s not met%s: %s %s", t.text, where, figures.JoinPM(v, pm), unit)
}

// writeChosen writes the chosen staffing's results into --out, with its
// charts and report when asked.
func (c *staffCommand) writeChosen(ctx context.Context, sc *scenarios.Scenario, chosen *sim.Model, best *sim.Results, stdout, stderr io.Writer) error {
	if c.set.out == "" {
		return nil
	}
	dir, err := resultset.Prepare(c.set.out)
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	best.Model = sc.Model.Name + " (staffed by svcsim staff)"
	rep := &resultset.Summary{Version: version(), Scenario: resultset.ScenarioRef{Name: best.Model, Source: sc.Source, SHA256: sc.Hash},
		Assumptions: (&scenarios.Scenario{Title: sc.Title, Currency: sc.Currency, Model: chosen}).Describe(), Currency: sc.Currency, Results: best}
	if err := writeOut(ctx, dir, rep); err != nil {
		return err
	}
	return c.set.outputs.write(ctx, c.set.out, stdout, stderr)
}

// headcounts returns the largest headcount on each varied stage's schedule.
func headcounts(m *sim.Model, vary []int) []int {
	out := make([]int, len(vary))
	for i, si := range vary {
		for _, day := range m.Stages[si].Groups[0].Staff {
			for _, s := range day {
				out[i] = max(out[i], int(s.Value))
			}
		}
	}
	return out
}

// withHeadcounts returns a copy of m with each varied stage staffed by n
// people whenever its schedule has anyone on duty.
func withHeadcounts(m *sim.Model, vary []int, n []int) *sim.Model {
	c := *m
	c.Stages = slices.Clone(m.Stages)
	for i, si := range vary {
		s := c.Stages[si]
		s.Groups = slices.Clone(s.Groups)
		g := s.Groups[0]
		for d := range g.Staff {
			segs := slices.Clone(g.Staff[d])
			for k := range segs {
				if segs[k].Value > 0 {
					segs[k].Value = float64(n[i])
				}
			}
			g.Staff[d] = segs
		}
		s.Groups[0] = g
		c.Stages[si] = s
	}
	return &c
}

// stageToRaise picks the varied stage to add a person to for a failed
// target: its own stage when the KPI belongs to one, else the busiest.
func stageToRaise(m *sim.Model, vary []int, n []int, r *sim.Results, t target) int {
	for i, si := range vary {
		if strings.HasPrefix(t.KPI, m.Stages[si].Name+".") {
			return i
		}
	}
	best, util := 0, -1.0
	for i, si := range vary {
		if k := r.KPI(m.Stages[si].Name + ".utilisation"); k != nil && k.Mean > util {
			best, util = i, k.Mean
		}
	}
	return best
}

func describeStaff(m *sim.Model, vary []int, n []int) string {
	var parts []string
	for i, si := range vary {
		parts = append(parts, fmt.Sprintf("%s %d", m.Stages[si].Name, n[i]))
	}
	return strings.Join(parts, ", ")
}

func writeStaffing(w io.Writer, header string, m *sim.Model, vary, n, start []int, req [][]int, r *sim.Results, targets []target, cost float64, currency string) error {
	fmt.Fprintf(w, "%s\n\n", header)
	rows := [][]string{{"stage", "staff", "Erlang start", "Erlang by interval"}}
	for i, si := range vary {
		rows = append(rows, []string{m.Stages[si].Name, strconv.Itoa(n[i]), strconv.Itoa(start[i]), erlangRanges(m, &m.Stages[si].Groups[0], req[i])})
	}
	if err := writeColumns(w, rows); err != nil {
		return err
	}
	unit := "staff-h/day"
	if r.KPI("cost.per_day") != nil {
		unit = strings.TrimSpace(currency + " per day")
	}
	fmt.Fprintf(w, "\nstaff cost  %.2f %s\n\n", cost, unit)
	rows = [][]string{{"target", "value", "met"}}
	for _, t := range targets {
		k := r.KPI(t.KPI)
		scale, u := figures.Display(k.Unit)
		v, pm := figures.PM(k.Mean*scale, k.HalfWidth*scale)
		rows = append(rows, []string{t.text, figures.JoinPM(v, pm) + " " + u, figures.YesNo(t.met(k))})
	}
	if err := writeColumns(w, rows); err != nil {
		return err
	}
	_, err := fmt.Fprint(w, erlangNote)
	return err
}

// erlangNote says where the Erlang column comes from and why the
// simulated headcount may differ.
const erlangNote = `
Erlang: Erlang A (C without abandonment) per interval, from the scenario's rates, route
probabilities and mean service and patience times; each stage alone, in steady state, with
Poisson arrivals, no call-backs and nobody lost upstream. Abandonment, call-backs,
appointments, closing time and customers passing between stages all move the real
requirement.
`
