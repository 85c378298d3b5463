package tables

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/rota"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/staffing"
)

// Rota writes a rota: the solver, cost and LP bound, the targets on the
// seed and the fresh seeds, and for each stage and weekday group the
// shifts and the requirement against the staff scheduled per interval.
func Rota(w io.Writer, header string, res *staffing.RotaResult, wf *scenarios.Workforce, currency string) error {
	money := strings.TrimSpace(currency + " a week")
	fmt.Fprintf(w, "%s\n\n", header)
	proof := ""
	if res.Optimal {
		proof = ", the cheapest rota for this requirement (proved)"
	}
	fmt.Fprintf(w, "solver   %s\ncost     %.2f %s%s\nLP bound %.2f (gap %.2f%%)\nrounds   %d\n\n",
		res.Solver, res.Cost, money, proof, res.LPBound, 100*res.Gap, res.Rounds)
	rotaCostNote(w, res, money)
	if err := rotaTargets(w, res); err != nil {
		return err
	}
	for i, st := range res.Stages {
		for _, day := range st.Days {
			if err := rotaDay(w, st.Name, &wf.Stages[i], day, wf.Shrinkage, currency); err != nil {
				return err
			}
		}
	}
	for i, st := range res.Stages {
		if st.Week != nil {
			rotaWeek(w, st.Name, &wf.Stages[i], st.Week)
		}
	}
	for _, m := range res.Messages {
		writeNote(w, m)
	}
	return nil
}

// rotaWeek writes a stage's weekly step: the staff and their rosters.
func rotaWeek(w io.Writer, stage string, ws *scenarios.WorkforceStage, wp *rota.WeekPlan) {
	rule := fmt.Sprintf("%d days on", ws.DaysOn)
	if ws.ConsecutiveOff {
		rule += ", days off consecutive"
	}
	var rs []string
	for _, r := range wp.Rosters {
		rs = append(rs, fmt.Sprintf("%d × %s", r.Count, r))
	}
	days := []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
	var duty []string
	for d, n := range wp.OnDuty {
		duty = append(duty, fmt.Sprintf("%s %d", days[d], n))
	}
	fmt.Fprintf(w, "%s week (%s): %d staff\n  on duty: %s\n  rosters: %s\n\n", stage, rule, wp.Headcount,
		strings.Join(duty, ", "), strings.Join(rs, "; "))
}

// rotaTargets writes each target's value and verdict on every seed.
func rotaTargets(w io.Writer, res *staffing.RotaResult) error {
	head := []string{"target", "value", "met"}
	var seeds []string
	for i, f := range res.Fresh {
		head = append(head, fmt.Sprintf("fresh %d", i+1))
		seeds = append(seeds, strconv.FormatUint(f.Seed, 10))
	}
	rows := [][]string{head}
	for ti, c := range res.Checks {
		row := []string{c.Target.Text, figures.Estimate(c.KPI.Estimate, c.KPI.Unit), c.Verdict()}
		for _, f := range res.Fresh {
			row = append(row, f.Checks[ti].Verdict())
		}
		rows = append(rows, row)
	}
	if err := writeColumns(w, rows); err != nil {
		return err
	}
	if len(seeds) > 0 {
		fmt.Fprintf(w, "fresh seeds: %s\n", strings.Join(seeds, ", "))
	}
	for _, c := range res.Checks {
		if len(c.Unstaffed) > 0 {
			writeNote(w, staffing.UnstaffedNote(c.Target, c.Unstaffed, c.Why))
		}
	}
	_, err := fmt.Fprintln(w)
	return err
}

// rotaDay writes one stage's rota on a group of weekdays: its shifts and
// its intervals.
func rotaDay(w io.Writer, stage string, ws *scenarios.WorkforceStage, day staffing.RotaDay, shrinkage float64, currency string) error {
	pl := day.Plan
	var per []string
	for k, n := range pl.PatternCounts {
		per = append(per, fmt.Sprintf("%s %d", ws.Patterns[day.Patterns[k]].Name, n))
	}
	fmt.Fprintf(w, "%s on %s: %d staff (%s), %.2f %s\n\n", stage, scenarios.DaysText(day.Weekdays),
		pl.Headcount, strings.Join(per, ", "), pl.Cost, strings.TrimSpace(currency+" a day"))
	rows := [][]string{{"shift", "start", "end", "breaks", "staff", "cost each"}}
	for _, sh := range pl.Shifts {
		var brk []string
		for _, b := range sh.Breaks {
			brk = append(brk, figures.Clock(b))
		}
		rows = append(rows, []string{sh.Name, figures.Clock(sh.Start), figures.Clock(sh.Start + sh.Length),
			strings.Join(brk, " "), strconv.Itoa(sh.Count), fmt.Sprintf("%.2f", sh.Cost)})
	}
	if err := writeColumns(w, rows); err != nil {
		return err
	}
	fmt.Fprintln(w)
	rows = [][]string{{"interval", "need on duty", "required", "scheduled", "on duty"}}
	for j := range day.Need {
		from := day.From + float64(j)*day.Interval
		onDuty := int(math.Floor(float64(pl.Coverage[j])*(1-shrinkage) + 1e-9))
		rows = append(rows, []string{figures.Clock(from) + "-" + figures.Clock(from+day.Interval),
			strconv.Itoa(day.Need[j]), strconv.Itoa(day.Required[j]), strconv.Itoa(pl.Coverage[j]), strconv.Itoa(onDuty)})
	}
	if err := writeColumns(w, rows); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w)
	return err
}

// rotaCostNote tells the rota's cost apart from the simulation's staff
// cost, which a planner would otherwise read as two answers to one
// question: the rota pays every scheduled shift (shrinkage, paid breaks
// and the patterns' own hourly rates included), while the simulation's
// cost.per_week counts the hours of staff on duty at the stage's cost per
// hour.
func rotaCostNote(w io.Writer, res *staffing.RotaResult, money string) {
	if res.Results == nil {
		return
	}
	k := res.Results.KPI("cost.per_week")
	if k == nil {
		return
	}
	fmt.Fprintf(w, "the cost is the pay of every scheduled shift; the simulated staff cost\n"+
		"(%.2f ± %.2f %s) counts only staff on duty: scheduled less\n"+
		"shrinkage and breaks, at each stage's cost per hour\n\n", k.Mean, k.HalfWidth, money)
}

// writeNote writes "note: text", wrapped to MaxWidth.
func writeNote(w io.Writer, text string) {
	for _, line := range wrapWords("note: "+text, MaxWidth) {
		fmt.Fprintln(w, line)
	}
}
