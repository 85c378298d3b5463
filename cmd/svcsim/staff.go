package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/internal/buildinfo"
	"github.com/svcsim/svcsim/internal/cmdline"
	"github.com/svcsim/svcsim/internal/simflags"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
	"github.com/svcsim/svcsim/staffing"
	"github.com/svcsim/svcsim/tables"
)

// staffCommand is 'svcsim staff': the cheapest headcount per stage that
// meets every target with the stated confidence.
type staffCommand struct {
	fs       *pflag.FlagSet
	set      simflags.Settings
	targets  []string
	stages   []string
	maxStaff int
	maxEvals int
	maxTime  time.Duration
	interval bool
	pool     string
	variant  string
}

// The ranges of --max-staff and --max-evaluations.
const maxStaffHi, maxEvalsHi = 100000, 100000

func newStaffCommand(fs *pflag.FlagSet) cmdline.Runner {
	c := &staffCommand{fs: fs, set: simflags.Settings{Writes: simflags.RunFiles}}
	c.set.Register(c.fs, true)
	c.fs.StringArrayVar(&c.targets, "target", nil, "a target `'KPI OP VALUE'`, e.g. 'booking.wait.p90 <= 2m' or 'nps >= 30' (repeatable)")
	c.fs.StringArrayVar(&c.stages, "stage", nil, "a `STAGE` whose headcount may change (repeatable; default: every stage with one staff group that a target constrains)")
	cmdline.IntVar(c.fs, &c.maxStaff, "max-staff", "", 200, 1, maxStaffHi, fmt.Sprintf("never put more than `N` people on a stage (1-%d)", maxStaffHi))
	cmdline.IntVar(c.fs, &c.maxEvals, "max-evaluations", "", 200, 1, maxEvalsHi, fmt.Sprintf("stop the search after simulating `N` staffings (1-%d)", maxEvalsHi))
	cmdline.DurationVar(c.fs, &c.maxTime, "max-time", 0, 0, math.MaxInt64, "stop the search after `DURATION` of simulating, e.g. 2m (default 0: no limit, as is -0s); the staffing found then depends on the machine's speed")
	c.fs.StringVar(&c.set.Out, "out", "", "also write the chosen staffing's results (as 'run --out' does) into `DIR`")
	c.set.Outputs.Register(c.fs)
	c.fs.StringVar(&c.variant, "variant", "", "staff the scenario's variant `NAME` instead of the scenario itself")
	c.fs.StringVar(&c.pool, "pool", "", "size the pool `NAME` (one headcount) instead of the stages' own staff")
	c.fs.BoolVar(&c.interval, "by-interval", false, "find a headcount per stage and time-of-day interval (the requirement table for a rota); wait and service-level targets of a stage must then hold in every interval")
	return c
}

func (c *staffCommand) Run(ctx context.Context, stdout, stderr io.Writer) error {
	if err := c.check(); err != nil {
		return err
	}
	sc, err := c.set.Resolve(ctx, c.fs.Arg(0))
	if err != nil {
		return err
	}
	if c.variant != "" {
		if sc, err = sc.VariantNamed(c.variant); err != nil {
			return cmdline.Usagef("staff: --variant %q: %v", c.variant, err)
		}
	}
	chosen, best, unmet, err := c.search(ctx, sc, stdout, stderr)
	if err != nil {
		return err
	}
	if c.set.Out != "" {
		files, err := staffing.Summary(buildinfo.Version(), sc, chosen, best).Files()
		if err != nil {
			return err
		}
		if err := c.set.WriteResults(ctx, files, stderr); err != nil {
			return err
		}
	}
	if unmet != "" {
		return errors.New(unmet)
	}
	return nil
}

// check checks the flags and arguments.
func (c *staffCommand) check() error {
	if err := c.set.Check("staff"); err != nil {
		return err
	}
	if len(c.targets) == 0 {
		return cmdline.Usagef("staff: give at least one --target, e.g. --target 'booking.service_level >= 80%%'")
	}
	if c.pool != "" && (len(c.stages) > 0 || c.interval) {
		return cmdline.Usagef("staff: --pool sizes one pool; it does not go with --stage or --by-interval")
	}
	return nil
}

// search runs the search the flags ask for and prints its table. It
// returns the staffing it chose, that staffing's results and, when no
// staffing met every target, why.
func (c *staffCommand) search(ctx context.Context, sc *scenarios.Scenario, stdout, stderr io.Writer) (chosen *sim.Model, best *sim.Results, unmet string, err error) {
	base, targets, err := c.set.ModelTargets("staff", sc, c.targets)
	if err != nil {
		return nil, nil, "", err
	}
	opt := c.set.SearchOptions(sc, stderr)
	opt.MaxStaff, opt.MaxEvaluations, opt.MaxTime = c.maxStaff, c.maxEvals, c.maxTime
	if c.pool != "" {
		p, err := staffing.NewPoolProblem(base, c.pool, targets)
		if err != nil {
			return nil, nil, "", cmdline.Usagef("staff: %v", err)
		}
		res, err := staffing.CheapestPool(ctx, p, opt)
		if err != nil {
			return nil, nil, "", err
		}
		return res.Model, res.Results, failure(res), tables.PoolStaffing(stdout, res.PoolHeadline(), p, res, sc.Currency)
	}
	vary, err := staffing.Stages(base, c.stages, targets)
	if err != nil {
		return nil, nil, "", cmdline.Usagef("staff: %v", err)
	}
	p := staffing.NewProblem(base, vary, targets)
	c.set.Warn(stderr, "", p.Unconstrained())
	if c.interval {
		res, err := staffing.ByInterval(ctx, p, opt)
		if err != nil {
			return nil, nil, "", err
		}
		return res.Model, res.Results, res.Unmet, tables.IntervalStaffing(stdout, res.Headline(), p, res, sc.Currency)
	}
	res, err := staffing.Cheapest(ctx, p, opt)
	if err != nil {
		return nil, nil, "", err
	}
	return res.Model, res.Results, failure(res), tables.Staffing(stdout, res.Headline(), p, res, sc.Currency)
}

// failure is why res met no staffing's targets; "" when it found one.
func failure(res *staffing.Result) string {
	if res.Found {
		return ""
	}
	return res.Failure
}
