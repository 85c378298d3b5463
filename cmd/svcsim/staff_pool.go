package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/staffing"
	"github.com/svcsim/svcsim/tables"
)

// pickVariant is sc, or its variant named by --variant.
func (c *staffCommand) pickVariant(sc *scenarios.Scenario) (*scenarios.Scenario, error) {
	if c.variant == "" {
		return sc, nil
	}
	var names []string
	for _, v := range sc.Variants {
		if v.Variant == c.variant {
			return v, nil
		}
		names = append(names, fmt.Sprintf("%q", v.Variant))
	}
	if len(names) == 0 {
		return nil, usageErrorf("staff: --variant %q: scenario %s has no variants", c.variant, sc.Name())
	}
	return nil, usageErrorf("staff: --variant %q: no such variant; the variants are %s", c.variant, strings.Join(names, ", "))
}

// sizePool is 'svcsim staff --pool NAME': the smallest headcount of one
// pool that meets every target.
func (c *staffCommand) sizePool(ctx context.Context, sc *scenarios.Scenario, stdout, stderr io.Writer) error {
	base, targets, err := c.baseTargets(sc)
	if err != nil {
		return err
	}
	p, err := staffing.NewPoolProblem(base, c.pool, targets)
	if err != nil {
		return usageErrorf("staff: %v", err)
	}
	res, err := staffing.CheapestPool(ctx, p, c.options(sc, stderr))
	if err != nil {
		return err
	}
	header := fmt.Sprintf("smallest pool meeting every target (95%% confidence), %d staffings simulated", res.Evaluations)
	switch {
	case !res.Found:
		header = fmt.Sprintf("no pool size met every target; the highest tried, of %d simulated", res.Evaluations)
	case res.Cut != "":
		header = fmt.Sprintf("a pool size meeting every target (95%% confidence), %d staffings simulated; %s, so it may not be the smallest", res.Evaluations, res.Cut)
	}
	if err := tables.PoolStaffing(stdout, header, p, res, sc.Currency); err != nil {
		return err
	}
	return c.conclude(ctx, sc, res, stdout, stderr)
}
