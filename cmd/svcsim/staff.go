package main

import (
	"context"
	"fmt"
	"io"
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
	c := &staffCommand{fs: fs}
	c.set.Register(c.fs, true)
	c.fs.StringArrayVar(&c.targets, "target", nil, "a target `'KPI OP VALUE'`, e.g. 'booking.wait.p90 <= 2m' or 'nps >= 30' (repeatable)")
	c.fs.StringArrayVar(&c.stages, "stage", nil, "a `STAGE` whose headcount may change (repeatable; default: every stage with one staff group)")
	cmdline.IntVar(c.fs, &c.maxStaff, "max-staff", "", 200, 1, maxStaffHi, fmt.Sprintf("never put more than `N` people on a stage (1-%d)", maxStaffHi))
	cmdline.IntVar(c.fs, &c.maxEvals, "max-evaluations", "", 200, 1, maxEvalsHi, fmt.Sprintf("stop the search after simulating `N` staffings (1-%d)", maxEvalsHi))
	c.fs.DurationVar(&c.maxTime, "max-time", 0, "stop the search after `DURATION` of simulating, e.g. 2m (default: no limit); the staffing found then depends on the machine's speed")
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
	sc, err := simflags.ResolveScenario(ctx, c.fs.Arg(0), c.set.LoadOptions())
	if err != nil {
		return err
	}
	if c.variant != "" {
		if sc, err = sc.VariantNamed(c.variant); err != nil {
			return cmdline.Usagef("staff: --variant %q: %v", c.variant, err)
		}
	}
	if c.pool != "" {
		return c.sizePool(ctx, sc, stdout, stderr)
	}
	p, err := c.problem(sc)
	if err != nil {
		return err
	}
	opt := c.options(sc, stderr)
	if c.interval {
		return c.byInterval(ctx, p, opt, sc, stdout, stderr)
	}
	res, err := staffing.Cheapest(ctx, p, opt)
	if err != nil {
		return err
	}
	if err := tables.Staffing(stdout, res.Headline(), p, res, sc.Currency); err != nil {
		return err
	}
	return c.conclude(ctx, sc, res, stdout, stderr)
}

// conclude writes the staffing res chose into --out and returns a
// *searchError when it meets no staffing's targets.
func (c *staffCommand) conclude(ctx context.Context, sc *scenarios.Scenario, res *staffing.Result, stdout, stderr io.Writer) error {
	if err := c.writeChosen(ctx, sc, res.Model, res.Results, stdout, stderr); err != nil {
		return err
	}
	if !res.Found {
		return &searchError{res.Failure}
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
	if c.maxTime < 0 {
		return cmdline.Usagef("staff: --max-time must be >= 0 (got %s; 0: no limit)", c.maxTime)
	}
	return nil
}

// problem is the staffing problem of sc the flags pose.
func (c *staffCommand) problem(sc *scenarios.Scenario) (*staffing.Problem, error) {
	base, targets, err := c.set.ModelTargets("staff", sc, c.targets)
	if err != nil {
		return nil, err
	}
	vary, err := staffing.Stages(base, c.stages)
	if err != nil {
		return nil, cmdline.Usagef("staff: %v", err)
	}
	return staffing.NewProblem(base, vary, targets), nil
}

// options are the search's options, with its log and progress on stderr
// unless --quiet.
func (c *staffCommand) options(sc *scenarios.Scenario, stderr io.Writer) staffing.Options {
	o := c.set.SearchOptions(sc, stderr)
	o.MaxStaff, o.MaxEvaluations, o.MaxTime = c.maxStaff, c.maxEvals, c.maxTime
	return o
}

// writeChosen writes the chosen staffing's results into --out, with its
// charts and report when asked.
func (c *staffCommand) writeChosen(ctx context.Context, sc *scenarios.Scenario, chosen *sim.Model, best *sim.Results, stdout, stderr io.Writer) error {
	if c.set.Out == "" {
		return nil
	}
	files, err := staffing.Summary(buildinfo.Version(), sc, chosen, best).Files()
	if err != nil {
		return err
	}
	if err := simflags.WriteFolder(ctx, c.set.Out, files, true); err != nil {
		return err
	}
	return c.set.Outputs.Write(ctx, c.set.Out, stderr)
}

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

// sizePool is 'svcsim staff --pool NAME': the smallest headcount of one
// pool that meets every target.
func (c *staffCommand) sizePool(ctx context.Context, sc *scenarios.Scenario, stdout, stderr io.Writer) error {
	base, targets, err := c.set.ModelTargets("staff", sc, c.targets)
	if err != nil {
		return err
	}
	p, err := staffing.NewPoolProblem(base, c.pool, targets)
	if err != nil {
		return cmdline.Usagef("staff: %v", err)
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
