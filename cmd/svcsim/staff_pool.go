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
	if err := tables.PoolStaffing(stdout, res.PoolHeadline(), p, res, sc.Currency); err != nil {
		return err
	}
	return c.conclude(ctx, sc, res, stdout, stderr)
}
