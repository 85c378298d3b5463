package tables

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/sim"
	"github.com/svcsim/svcsim/staffing"
)

// Staffing writes the result of a uniform staffing search: the headcount
// per stage beside the Erlang requirement, the staff cost and the targets.
func Staffing(w io.Writer, header string, p *staffing.Problem, res *staffing.Result, currency string) error {
	m, vary, n, start, r := p.Model, p.Vary, res.Staff, res.Start, res.Results
	fmt.Fprintf(w, "%s\n\n", header)
	rows := [][]string{{"stage", "staff", "Erlang start", "Erlang by interval"}}
	for i, si := range vary {
		rows = append(rows, []string{m.Stages[si].Name, strconv.Itoa(n[i]), strconv.Itoa(start[i]), p.ErlangRanges(i)})
	}
	if err := writeColumns(w, rows); err != nil {
		return err
	}
	if err := unconstrained(w, p); err != nil {
		return err
	}
	return costAndTargets(w, p.Targets, r, currency, erlangNote)
}

// unconstrained writes a line for each varied stage of p no target
// constrains.
func unconstrained(w io.Writer, p *staffing.Problem) error {
	for _, u := range p.Unconstrained() {
		if _, err := fmt.Fprintf(w, "note: %s\n", u); err != nil {
			return err
		}
	}
	return nil
}

// costAndTargets writes the staff cost of results r, each target with its
// value and whether it is met, and note.
func costAndTargets(w io.Writer, targets []staffing.Target, r *sim.Results, currency, note string) error {
	unit := "staff-h/day"
	if r.KPI("cost.per_day") != nil {
		unit = strings.TrimSpace(currency + " per day")
	}
	fmt.Fprintf(w, "\nstaff cost  %.2f %s\n\n", staffing.Cost(r), unit)
	rows := [][]string{{"target", "value", "met"}}
	for _, t := range targets {
		k := r.KPI(t.KPI)
		rows = append(rows, []string{t.Text, figures.Estimate(k.Estimate, k.Unit), figures.YesNo(t.Met(k))})
	}
	if err := writeColumns(w, rows); err != nil {
		return err
	}
	_, err := fmt.Fprint(w, note)
	return err
}

// erlangNote says where the Erlang column comes from and why the
// simulated headcount may differ.
const erlangNote = `
Erlang: Erlang A (C without abandonment) per interval, from the scenario's
rates, route probabilities and mean service and patience times; each stage
alone, in steady state, with Poisson arrivals, no call-backs and nobody lost
upstream. Abandonment, call-backs, appointments, closing time and customers
passing between stages all move the real requirement.
`

// IntervalStaffing writes the result of a search per interval: the
// requirement table, the targets, and a note for each target failing in
// intervals the search left out because the stage has no staff then.
func IntervalStaffing(w io.Writer, header string, p *staffing.Problem, res *staffing.IntervalResult, currency string) error {
	vary, n, r, targets, fails, whole := p.Vary, res.Staff, res.Results, p.Targets, res.Fails, res.Whole
	nInt := p.Intervals()
	showFails := len(fails) > 0 || len(whole) > 0 || len(res.Unstaffed) > 0
	fmt.Fprintf(w, "%s\n\n", header)
	head := []string{"interval"}
	for _, si := range vary {
		head = append(head, p.Model.Stages[si].Name, "Erlang")
	}
	if showFails {
		head = append(head, "fails")
	}
	failText := func(f staffing.Failure) string {
		t := targets[f.Target]
		return t.KPI + " " + figures.Estimate(f.Estimate, r.KPI(t.KPI).Unit)
	}
	rows := [][]string{head}
	for k := range nInt {
		row := []string{p.IntervalName(k)}
		show := false
		for i := range vary {
			e := "-" // no staff in the scenario: nothing to compare with
			if p.Staffed(i, k) {
				e = fmt.Sprint(p.Req[i][k])
			}
			row = append(row, fmt.Sprint(n[i][k]), e)
			show = show || n[i][k] > 0
		}
		if showFails {
			var what []string
			for _, f := range fails {
				if f.Interval == k {
					what = append(what, failText(f))
				}
			}
			for _, f := range res.Unstaffed {
				if f.Interval == k {
					what = append(what, failText(f)+" (no staff: left out)")
				}
			}
			row = append(row, strings.Join(what, ", "))
			show = show || len(what) > 0
		}
		if show {
			rows = append(rows, row)
		}
	}
	if err := writeColumns(w, rows); err != nil {
		return err
	}
	if cost := r.KPI("cost.per_day"); cost != nil {
		fmt.Fprintf(w, "\nstaff cost  %.2f %s\n", cost.Mean, strings.TrimSpace(currency+" per day"))
	}
	fmt.Fprintln(w)
	if err := writeColumns(w, intervalTargets(p, res)); err != nil {
		return err
	}
	for _, note := range res.Notes {
		fmt.Fprintf(w, "note: %s\n", note)
	}
	if err := unconstrained(w, p); err != nil {
		return err
	}
	_, err := fmt.Fprint(w, erlangNote)
	return err
}

// intervalTargets is the target table of a search per interval: each
// target's whole-run value and where it fails, in the staffed hours and
// outside them.
func intervalTargets(p *staffing.Problem, res *staffing.IntervalResult) [][]string {
	r, fails, whole := res.Results, res.Fails, res.Whole
	rows := [][]string{{"target", "whole run", "met in every interval"}}
	for ti, t := range p.Targets {
		k := r.KPI(t.KPI)
		met := figures.YesNo(!slices.Contains(whole, ti))
		if p.PerInterval(t) {
			var where, out []string
			for _, f := range fails {
				if f.Target == ti {
					where = append(where, p.IntervalName(f.Interval))
				}
			}
			for _, f := range res.Unstaffed {
				if f.Target == ti {
					out = append(out, p.IntervalName(f.Interval))
				}
			}
			switch {
			case len(where) > 0:
				met = "no: " + strings.Join(where, ", ")
			case !slices.Contains(whole, ti): // else no value: "no"
				met = "yes"
			}
			if len(out) > 0 {
				met += " (fails outside the staffed hours: " + strings.Join(out, ", ") + ")"
			}
		}
		rows = append(rows, []string{t.Text, figures.Estimate(k.Estimate, k.Unit), met})
	}
	return rows
}
