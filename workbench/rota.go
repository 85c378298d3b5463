package workbench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/rota"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
	"github.com/svcsim/svcsim/staffing"
)

// RotaWhy says why the rota cannot fill d's grid, "" when it can: the
// scenario has no workforce section, or a workforce stage has no row of
// its own in the grid, or names a pool, whose row cannot be edited yet.
func (d *Doc) RotaWhy() string {
	wf := d.Scenario.Workforce
	if wf == nil || len(wf.Stages) == 0 {
		return "this scenario has no shift patterns to make a rota of (no workforce: section; see docs/scenarios.md and the helpline built-in). Fill the grid needs none"
	}
	if d.Grid.Why != "" {
		return "the staffing grid cannot be edited here: " + d.Grid.Why
	}
	for _, ws := range wf.Stages {
		if ws.Stage < 0 {
			return "the rota's pool " + ws.Name + " has a row in the grid that cannot be edited here yet; run svcsim rota instead"
		}
		if !slices.ContainsFunc(d.Grid.Rows, func(r Row) bool { return r.stage == ws.Stage && rotaRow(r) }) {
			return "the rota's stage " + ws.Name + " has no row of its own in the grid (its staff comes from a roster file or is split into staff groups); run svcsim rota instead"
		}
	}
	return ""
}

// rotaRow reports whether the rota may fill row r: a stage's single
// staff schedule set in the file.
func rotaRow(r Row) bool { return r.Why == "" && r.Group == "" }

// rotaView is a rota as the page receives it: the grid filled with its
// staff on duty, a line for the status and the details as HTML.
type rotaView struct {
	Staff   [][]int `json:"staff"`
	Met     bool    `json:"met"`
	Message string  `json:"message"`
	HTML    string  `json:"html"`
	// Exact reports that the grid holds exactly the staff on duty the
	// rota was simulated with; Fill otherwise says which rule filled it.
	Exact   bool    `json:"exact"`
	Fill    string  `json:"fill"`
	Cost    float64 `json:"cost"`
	LPBound float64 `json:"lp_bound"`
	Gap     float64 `json:"gap"`
	Solver  string  `json:"solver"`
	Unmet   string  `json:"unmet,omitempty"`
}

// rotaOptions are the rota's settings for a run of s with solver kind:
// those of 'svcsim rota' by default. The run's time is bounded by the
// caller's context, not by the search's own budget, so that running out
// of time is reported in the workbench's words.
func rotaOptions(s Settings, kind rota.SolverKind) staffing.RotaOptions {
	return staffing.RotaOptions{Options: staffing.Options{Options: sim.Options{Replications: s.Replications, Seed: s.Seed}, MaxEvaluations: rotaSimulations},
		Solver: kind, TimeLimit: rota.DefaultTimeLimit, RatioGap: 0.01, MaxRounds: rotaRounds, FreshSeeds: rotaFresh}
}

// The rota's rounds and fresh seeds are those of 'svcsim rota'; its
// simulations are bounded by what they can ask for (a round simulates
// its rota on the seed and on each fresh seed), so that the rounds, not
// a budget of simulations, end a rota that never meets the targets.
const (
	rotaRounds      = 20
	rotaFresh       = 4
	rotaSimulations = rotaRounds * (1 + rotaFresh)
)

// rota finds the cheapest rota of the shift patterns of d's workforce
// section that meets targets on d changed by e (staffing.Rota), and
// returns the grid filled with its staff on duty and what it found;
// progress counts the simulations and log is told of each in words.
func (w *Workbench) rota(ctx context.Context, d *Doc, e Edit, s Settings, targets []string, progress func(done, total int), log func(string)) (*rotaView, error) {
	if why := d.RotaWhy(); why != "" {
		return nil, errors.New("rota: " + why)
	}
	wf := d.Scenario.Workforce
	hp, err := w.helpProblem(d, e, s, targets, wf.Stages[0].Name)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, w.limits.MaxTime)
	defer cancel()
	o := rotaOptions(s, w.rotaSolver)
	var lines []string
	sims := 0
	o.Start = func(string, int) (func(int, int), func()) {
		sims++
		if progress != nil {
			progress(sims, 0)
		}
		return nil, func() {}
	}
	o.Log = func(msg string) {
		lines = append(lines, msg)
		if log != nil {
			log(msg)
		}
	}
	res, err := staffing.Rota(ctx, hp.m, hp.sc.Workforce, hp.targets, o)
	if err != nil {
		switch {
		case errors.Is(ctx.Err(), context.DeadlineExceeded):
			return nil, fmt.Errorf("the rota took longer than %s; ask for fewer days or replications", w.limits.MaxTime)
		case ctx.Err() != nil:
			return nil, ctx.Err()
		}
		if strings.HasPrefix(err.Error(), "rota:") {
			return nil, err
		}
		return nil, fmt.Errorf("rota: %w", err)
	}
	out, fill, err := d.rotaFill(e, wf, res.Model)
	if err != nil {
		return nil, err
	}
	exact := fill == ""
	if exact {
		// The grid must give back the very staffing simulated; if it does
		// not, say so rather than claim it.
		_, v, err := d.withVariant(w.fsys(d), WhatIf, out, true)
		switch {
		case err != nil:
			exact, fill = false, "the grid could not be checked against the rota simulated: "+err.Error()
		default:
			if where := sameStaff(wf, v.Model, res.Model); where != "" {
				exact, fill = false, "the grid differs from the rota simulated "+where
			}
		}
	}
	// The page has no --max-rounds flag to name.
	unmet := strings.Replace(res.Unmet, fmt.Sprintf("within --max-rounds %d", rotaRounds), fmt.Sprintf("within %d rounds", rotaRounds), 1)
	v := &rotaView{Staff: out.Staff, Met: res.Met, Exact: exact, Fill: fill, Cost: res.Cost, LPBound: res.LPBound, Gap: res.Gap, Solver: res.Solver, Unmet: unmet}
	v.Message = fmt.Sprintf("found after %d rounds; the grid holds it", res.Rounds)
	if !res.Met {
		v.Message = "no rota met every target; the grid holds the last one tried"
	}
	v.HTML, err = rotaHTML(res, wf, hp.sc.Currency, s, v, lines)
	if err != nil {
		return nil, err
	}
	return v, nil
}

// rotaFill is e with the rows of the workforce stages filled with the
// staff on duty of m (the model the rota was simulated with). A row that
// stands for several weekdays on which the rota differs gets the most on
// duty of those days in each column, and fill says so; a rota the grid's
// columns cannot show (staff outside them, or changes inside one) is an
// error.
func (d *Doc) rotaFill(e Edit, wf *scenarios.Workforce, m *sim.Model) (Edit, string, error) {
	g := d.Grid
	out := Edit{Demand: e.Demand}
	var merged []string
	end := g.From + float64(g.Cols)*g.Step
	for i, r := range g.Rows {
		vals := slices.Clone(e.Staff[i])
		out.Staff = append(out.Staff, vals)
		if !rotaRow(r) || !slices.ContainsFunc(wf.Stages, func(ws scenarios.WorkforceStage) bool { return ws.Stage == r.stage }) {
			continue
		}
		staff := m.Stages[r.stage].Groups[0].Staff
		differ := false
		for _, wd := range weekOrder {
			if r.Days&(1<<wd) == 0 {
				continue
			}
			for _, sg := range staff[wd] {
				if sg.Value == 0 {
					continue
				}
				if sg.From < g.From || sg.To > end || !onStep(sg.From-g.From, g.Step) || !onStep(sg.To-g.From, g.Step) {
					return e, "", fmt.Errorf("rota: it puts %g of %s on duty on %s from %s to %s, which the grid (%s to %s in steps of %s) cannot show; run svcsim rota for it",
						sg.Value, r.Stage, dayNames[wd], figures.Clock(sg.From), figures.Clock(sg.To), figures.Clock(g.From), figures.Clock(end), figures.Compact(g.Step))
				}
			}
		}
		first := true
		for _, wd := range weekOrder {
			if r.Days&(1<<wd) == 0 {
				continue
			}
			for c := range vals {
				n := int(valueAt(staff[wd], g.From+float64(c)*g.Step))
				if !first && n != vals[c] {
					differ = true
				}
				if first || n > vals[c] {
					vals[c] = n
				}
			}
			first = false
		}
		if differ {
			merged = append(merged, r.Label()+" on "+r.DaysText)
		}
	}
	if len(merged) == 0 {
		return out, "", nil
	}
	return out, fmt.Sprintf("the rota differs between weekdays that share one row of the grid (%s); each cell holds the most on duty of those days, so the grid staffs at least the rota on every day but is not the rota simulated", strings.Join(merged, "; ")), nil
}

// onStep reports whether t is a whole number of steps.
func onStep(t, step float64) bool {
	n := t / step
	return math.Abs(n-math.Round(n)) < 1e-9
}

// sameStaff compares the staff of the workforce stages of a and b on
// every weekday, at every time either changes; "" when they agree, else
// where they first differ.
func sameStaff(wf *scenarios.Workforce, a, b *sim.Model) string {
	for _, ws := range wf.Stages {
		sa, sb := a.Stages[ws.Stage].Groups[0].Staff, b.Stages[ws.Stage].Groups[0].Staff
		for wd := range 7 {
			for _, segs := range [][]sim.Segment{sa[wd], sb[wd]} {
				for _, sg := range segs {
					for _, t := range []float64{sg.From, sg.To} {
						if x, y := valueAt(sa[wd], t), valueAt(sb[wd], t); x != y {
							return fmt.Sprintf("at %s on %s at %s (%g; simulated %g)", ws.Name, dayNames[wd], figures.Clock(t), x, y)
						}
					}
				}
			}
		}
	}
	return ""
}

// rotaPage is the rota's details as the page shows them.
type rotaPage struct {
	*rotaView
	Cost, LPBound, Gap string
	Optimal            bool
	Rounds, Fresh      int
	Seed               uint64
	Targets            []rotaTarget
	Seeds              []string // the fresh seeds
	Days               []string
	Weeks              []string
	Notes              []string
	Log                []string
}

type rotaTarget struct {
	Text, Value string
	Met         bool
	// Verdict is on the seed; Fresh counts the fresh seeds it holds on.
	Verdict, Fresh string
}

// rotaHTML renders the rota's details: cost, LP bound and gap, the
// solver, each target on every seed, each day's staff and the rule the
// grid was filled by.
func rotaHTML(res *staffing.RotaResult, wf *scenarios.Workforce, currency string, s Settings, v *rotaView, log []string) (string, error) {
	money := func(x float64) string { return strings.TrimSpace(fmt.Sprintf("%.2f %s", x, currency)) }
	p := rotaPage{rotaView: v, Cost: money(res.Cost) + " a week", LPBound: money(res.LPBound), Gap: fmt.Sprintf("%.2f%%", 100*res.Gap),
		Optimal: res.Optimal, Rounds: res.Rounds, Fresh: len(res.Fresh), Seed: s.Seed, Log: log, Notes: res.Messages}
	for _, f := range res.Fresh {
		p.Seeds = append(p.Seeds, strconv.FormatUint(f.Seed, 10))
	}
	for ti, c := range res.Checks {
		t := rotaTarget{Text: c.Target.Text, Value: figures.Estimate(c.KPI.Estimate, c.KPI.Unit), Met: c.Met, Verdict: c.Verdict(), Fresh: "—"}
		held := 0
		for _, f := range res.Fresh {
			if f.Checks[ti].Met {
				held++
			}
		}
		if len(res.Fresh) > 0 {
			t.Fresh = fmt.Sprintf("%d of %d", held, len(res.Fresh))
			t.Met = t.Met && held == len(res.Fresh)
		}
		p.Targets = append(p.Targets, t)
		if len(c.Unstaffed) > 0 {
			p.Notes = append(p.Notes, staffing.UnstaffedNote(c.Target, c.Unstaffed, c.Why))
		}
	}
	for i, st := range res.Stages {
		for _, day := range st.Days {
			var per []string
			for k, n := range day.Plan.PatternCounts {
				if n > 0 {
					per = append(per, fmt.Sprintf("%s %d", wf.Stages[i].Patterns[day.Patterns[k]].Name, n))
				}
			}
			p.Days = append(p.Days, fmt.Sprintf("%s on %s: %d staff (%s), %s a day", st.Name, scenarios.DaysText(day.Weekdays), day.Plan.Headcount, strings.Join(per, ", "), money(day.Plan.Cost)))
		}
		if st.Week != nil {
			p.Weeks = append(p.Weeks, fmt.Sprintf("%s: %d staff on weekly rosters of %d days on cover every day's rota", st.Name, st.Week.Headcount, wf.Stages[i].DaysOn))
		}
	}
	var b bytes.Buffer
	if err := pages().ExecuteTemplate(&b, "rota", p); err != nil {
		return "", err
	}
	return b.String(), nil
}
