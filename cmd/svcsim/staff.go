package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/erlang"
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
	interval bool
}

func newStaffCommand() *staffCommand {
	c := &staffCommand{fs: newFlags("staff")}
	c.set.register(c.fs)
	c.fs.StringArrayVar(&c.targets, "target", nil, "a target `'KPI OP VALUE'`, e.g. 'booking.wait.p90 <= 2m' or 'nps >= 30' (repeatable)")
	c.fs.StringArrayVar(&c.stages, "stage", nil, "a stage whose headcount may change (repeatable; default: every stage with one staff group)")
	c.fs.IntVar(&c.maxStaff, "max-staff", 200, fmt.Sprintf("never put more than `N` people on a stage (1-%d)", maxStaffHi))
	c.fs.IntVar(&c.maxEvals, "max-evaluations", 200, fmt.Sprintf("stop the search after simulating `N` staffings (1-%d)", maxEvalsHi))
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
requirement of each stage's busiest interval, shown as a sanity row, then
adds people where a target fails and takes them away where all still hold,
simulating each staffing with the same seed (common random numbers). It
reports how many staffings it simulated.

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
	sc, err := resolveScenario(ctx, c.fs.Arg(0), c.set.loadOptions())
	if err != nil {
		return err
	}
	base := sc.Model
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
	opt := c.set.options(sc)
	if !c.set.quiet {
		opt.Progress = nil
	}
	evals := map[string]*sim.Results{}
	order := []string{}
	evaluate := func(n []int) (*sim.Results, error) {
		key := fmt.Sprint(n)
		if r, ok := evals[key]; ok {
			return r, nil
		}
		m := withHeadcounts(base, vary, n)
		if c.set.days > 0 {
			m.Days = c.set.days
		}
		r, err := sim.Run(ctx, m, opt)
		if ctx.Err() != nil {
			return nil, errInterrupted
		}
		if err != nil {
			return nil, err
		}
		evals[key] = r
		order = append(order, key)
		if !c.set.quiet {
			fmt.Fprintf(stderr, "svcsim: staffing %d: %s\n", len(order), describeStaff(base, vary, n))
		}
		return r, nil
	}
	feasible := func(r *sim.Results) (bool, int) {
		worst, wi := 0.0, -1
		for i, t := range targets {
			k := r.KPI(t.KPI)
			if !t.met(k) {
				if s := t.shortfall(k); wi < 0 || s > worst {
					worst, wi = s, i
				}
			}
		}
		return wi < 0, wi
	}
	cost := func(r *sim.Results) float64 {
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

	// Start from queueing theory.
	first, err := evaluate(headcounts(base, vary))
	if err != nil {
		return err
	}
	start, sanity := erlangStart(base, vary, first, targets)
	if c.interval {
		best, chosen, err := c.byInterval(ctx, base, vary, targets, opt, fullSanity(base, vary, first, sanity), sc.Currency, stdout)
		if err != nil {
			return err
		}
		return c.writeChosen(ctx, sc, chosen, best, stdout, stderr)
	}
	n := slices.Clone(start)
	// Add people until every target holds.
	for {
		r, err := evaluate(n)
		if err != nil {
			return err
		}
		ok, wi := feasible(r)
		if ok {
			break
		}
		if len(evals) >= c.maxEvals {
			return fmt.Errorf("no staffing met %s within %d evaluations (last: %s)", targets[wi].text, c.maxEvals, describeStaff(base, vary, n))
		}
		si := stageToRaise(base, vary, n, r, targets[wi])
		if n[si] >= c.maxStaff {
			return fmt.Errorf("%s is not met even with --max-staff %d at %s", targets[wi].text, c.maxStaff, base.Stages[vary[si]].Name)
		}
		n[si]++
	}
	// Take people away while every target still holds, dearest first.
	for improved := true; improved && len(evals) < c.maxEvals; {
		improved = false
		for si := range vary {
			if n[si] == 0 {
				continue
			}
			m := slices.Clone(n)
			m[si]--
			r, err := evaluate(m)
			if err != nil {
				return err
			}
			if ok, _ := feasible(r); ok {
				n, improved = m, true
			}
		}
	}
	best := evals[fmt.Sprint(n)]
	if err := writeStaffing(stdout, base, vary, n, start, sanity, best, targets, cost(best), len(order), sc.Currency); err != nil {
		return err
	}
	return c.writeChosen(ctx, sc, withHeadcounts(base, vary, n), best, stdout, stderr)
}

// writeChosen writes the chosen staffing's results into --out, with its
// charts and report when asked.
func (c *staffCommand) writeChosen(ctx context.Context, sc *scenarios.Scenario, chosen *sim.Model, best *sim.Results, stdout, stderr io.Writer) error {
	if c.set.out == "" {
		return nil
	}
	dir, err := prepareOutDir(c.set.out)
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	best.Model = sc.Model.Name + " (staffed by svcsim staff)"
	rep := &report{Version: version(), Scenario: scenarioRef{Name: best.Model, Source: sc.Source, SHA256: sc.Hash},
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

// erlangStart is the queueing-theory requirement of each varied stage in
// its busiest interval: Erlang A when customers abandon, else Erlang C,
// for the stage's service-level target if one is given, else enough for
// a utilisation below 1. sanity holds the per-interval requirements.
func erlangStart(m *sim.Model, vary []int, r *sim.Results, targets []target) ([]int, [][]int) {
	start := make([]int, len(vary))
	sanity := make([][]int, len(vary))
	for i, si := range vary {
		s := &m.Stages[si]
		mu := s.Groups[0].Speed / s.Service.Mean()
		theta := 0.0
		if s.Patience != nil {
			theta = 1 / s.Patience.Mean()
		}
		sl, t := 0.0, s.Target
		for _, tg := range targets {
			if strings.HasPrefix(tg.KPI, s.Name+".service_level") && tg.Above {
				sl = tg.Limit
				if open := strings.Index(tg.KPI, "("); open > 0 {
					if v, err := parseMinutes(strings.TrimSuffix(tg.KPI[open+1:], ")")); err == nil {
						t = v
					}
				}
			}
		}
		for _, row := range r.Intervals {
			if row.Stage != s.Name {
				continue
			}
			if !(row.Arrivals.Mean > 0) {
				sanity[i] = append(sanity[i], 0)
				continue
			}
			lam := row.Arrivals.Mean / 60
			var c int
			switch {
			case sl > 0 && theta > 0:
				c = erlang.StaffForServiceLevelA(lam, mu, theta, t, math.Min(sl, 0.999))
			case sl > 0:
				c = erlang.StaffForServiceLevel(lam, mu, t, math.Min(sl, 0.999))
			default:
				c = int(math.Floor(lam/mu)) + 1
			}
			sanity[i] = append(sanity[i], c)
			start[i] = max(start[i], c)
		}
	}
	return start, sanity
}

func parseMinutes(s string) (float64, error) {
	s = strings.TrimSuffix(s, "m")
	return strconv.ParseFloat(s, 64)
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

func writeStaffing(w io.Writer, m *sim.Model, vary, n, start []int, sanity [][]int, r *sim.Results, targets []target, cost float64, evaluated int, currency string) error {
	fmt.Fprintf(w, "cheapest staffing meeting every target (95%% confidence), %d staffings simulated\n\n", evaluated)
	rows := [][]string{{"stage", "staff", "Erlang start", "Erlang by interval"}}
	for i, si := range vary {
		var parts []string
		for k, row := range sanityRows(r, m.Stages[si].Name) {
			if k < len(sanity[i]) && sanity[i][k] > 0 {
				parts = append(parts, fmt.Sprintf("%s %d", clock(row.From), sanity[i][k]))
			}
		}
		rows = append(rows, []string{m.Stages[si].Name, strconv.Itoa(n[i]), strconv.Itoa(start[i]), strings.Join(parts, ", ")})
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
		scale, u := display(k.Unit)
		v, pm := formatPM(k.Mean*scale, k.HalfWidth*scale)
		rows = append(rows, []string{t.text, joinPM(v, pm) + " " + u, strconv.FormatBool(t.met(k))})
	}
	if err := writeColumns(w, rows); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\nWhere the simulated staff differ from Erlang: Erlang assumes each stage alone, in steady state,\nwith Poisson arrivals at the interval's rate; abandonment, call-backs, appointments, closing\ntime and customers passing between stages all move the real requirement.\n")
	return err
}

// sanityRows are the interval rows of a stage, in time order.
func sanityRows(r *sim.Results, stage string) []sim.IntervalRow {
	var out []sim.IntervalRow
	for _, row := range r.Intervals {
		if row.Stage == stage {
			out = append(out, row)
		}
	}
	return out
}

// fullSanity spreads the per-interval Erlang requirement of each stage
// over all intervals of the day (0 where the stage has no arrivals).
func fullSanity(m *sim.Model, vary []int, r *sim.Results, sanity [][]int) [][]int {
	nInt := int(sim.MinutesPerDay / m.Interval)
	out := make([][]int, len(vary))
	for i, si := range vary {
		out[i] = make([]int, nInt)
		j := 0
		for _, row := range r.Intervals {
			if row.Stage != m.Stages[si].Name {
				continue
			}
			if j < len(sanity[i]) {
				out[i][int(row.From/m.Interval)] = sanity[i][j]
			}
			j++
		}
	}
	return out
}
