package main

import (
	"context"
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
	if err := tables.IntervalStaffing(stdout, res.Headline(), p, res, sc.Currency); err != nil {
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
