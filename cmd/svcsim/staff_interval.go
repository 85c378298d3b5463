package main

import (
	"context"
	"fmt"
	"io"

	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/staffing"
	"github.com/svcsim/svcsim/tables"
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
	if err := tables.IntervalStaffing(stdout, header, p, res, sc.Currency); err != nil {
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
