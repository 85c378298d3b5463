package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/staffing"
)

// byInterval is 'staff --by-interval': a headcount per stage and interval
// of the day.
func (c *staffCommand) byInterval(ctx context.Context, p *staffing.Problem, opt staffing.Options, sc *scenarios.Scenario, stdout, stderr io.Writer) error {
	res, err := staffing.ByInterval(ctx, p, opt)
	if err != nil {
		return err
	}
	header := fmt.Sprintf("cheapest staffing per interval meeting every target (95%% confidence), %d staffings simulated", res.Evaluations)
	switch {
	case res.Stopped != "":
		header = fmt.Sprintf("no staffing per interval met every target; the highest staffing tried, of %d simulated", res.Evaluations)
	case len(res.Fails) > 0 || len(res.Whole) > 0:
		header = fmt.Sprintf("no staffing per interval met every target; the cheapest staffing found for the intervals staff can change, of %d simulated", res.Evaluations)
	case res.Cut != "":
		header = fmt.Sprintf("a staffing per interval meeting every target (95%% confidence), %d staffings simulated", res.Evaluations)
	}
	if res.Cut != "" {
		header += "; " + res.Cut
	}
	if err := writeIntervalStaffing(stdout, header, p, res, sc.Currency); err != nil {
		return err
	}
	if err := c.writeChosen(ctx, sc, res.Model, res.Results, stdout, stderr); err != nil {
		return err
	}
	if res.Unmet != "" {
		return &searchError{res.Unmet}
	}
	return nil
}

// writeIntervalStaffing writes the requirement table and the targets.
func writeIntervalStaffing(w io.Writer, header string, p *staffing.Problem, res *staffing.IntervalResult, currency string) error {
	vary, n, r, targets, fails, whole := p.Vary, res.Staff, res.Results, p.Targets, res.Fails, res.Whole
	nInt := p.Intervals()
	found := len(fails) == 0 && len(whole) == 0
	fmt.Fprintf(w, "%s\n\n", header)
	head := []string{"interval"}
	for _, si := range vary {
		head = append(head, p.Model.Stages[si].Name, "Erlang")
	}
	if !found {
		head = append(head, "fails")
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
		if !found {
			var what []string
			for _, f := range fails {
				if f.Interval == k {
					t := targets[f.Target]
					what = append(what, t.KPI+" "+figures.Estimate(f.Estimate, r.KPI(t.KPI).Unit))
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
	rows = [][]string{{"target", "whole run", "met in every interval"}}
	for ti, t := range targets {
		k := r.KPI(t.KPI)
		met := figures.YesNo(!slices.Contains(whole, ti))
		if p.PerInterval(t) {
			var where []string
			for _, f := range fails {
				if f.Target == ti {
					where = append(where, p.IntervalName(f.Interval))
				}
			}
			met = "yes"
			if len(where) > 0 {
				met = "no: " + strings.Join(where, ", ")
			}
		}
		rows = append(rows, []string{t.Text, figures.Estimate(k.Estimate, k.Unit), met})
	}
	if err := writeColumns(w, rows); err != nil {
		return err
	}
	_, err := fmt.Fprint(w, erlangNote)
	return err
}
