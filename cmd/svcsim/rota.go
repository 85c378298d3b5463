package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/internal/buildinfo"
	"github.com/svcsim/svcsim/internal/cmdline"
	"github.com/svcsim/svcsim/internal/simflags"
	"github.com/svcsim/svcsim/rota"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
	"github.com/svcsim/svcsim/staffing"
	"github.com/svcsim/svcsim/tables"
)

// rotaCommand is 'svcsim rota': the cheapest rota of the scenario's shift
// patterns that meets every target, checked by simulation.
type rotaCommand struct {
	fs        *pflag.FlagSet
	set       simflags.Settings
	targets   []string
	solver    string
	maxRounds int
	timeLimit time.Duration
	gap       float64
}

// maxRoundsHi is the largest --max-rounds.
const maxRoundsHi = 1000

// maxSolverTime is the largest --solver-time: a year, far past any use,
// and far from the overflow of the limit plus cbc's grace.
const maxSolverTime = 8760 * time.Hour

func newRotaCommand(fs *pflag.FlagSet) cmdline.Runner {
	c := &rotaCommand{fs: fs, set: simflags.Settings{Writes: simflags.RotaFiles}}
	c.set.Register(c.fs, true)
	c.fs.StringArrayVar(&c.targets, "target", nil, "a target `'KPI OP VALUE'`, e.g. 'agents.service_level >= 80%' (repeatable)")
	cmdline.EnumVar(c.fs, &c.solver, "solver", "auto", []string{"auto", "cbc", "fallback"}, "the integer-program `SOLVER`: auto (CBC when installed, else the fallback), cbc or fallback")
	cmdline.IntVar(c.fs, &c.maxRounds, "max-rounds", "", 20, 1, maxRoundsHi, fmt.Sprintf("solve and simulate at most `N` rotas (1-%d)", maxRoundsHi))
	cmdline.DurationVar(c.fs, &c.timeLimit, "solver-time", rota.DefaultTimeLimit, time.Second, maxSolverTime, "stop CBC's search after `DURATION` per rota, 1s-8760h: CBC always has a limit (its best rota is used, and said so)")
	c.fs.Float64Var(&c.gap, "solver-gap", 0.01, "let CBC stop once a rota is within this `SHARE` of its best bound (0 to below 0.5; 0: prove it optimal, which can take far longer)")
	c.fs.StringVar(&c.set.Out, "out", "", "write the rota's roster.csv, shifts.csv, a scenario.yaml that 'run' reads and its results into `DIR`")
	c.set.Outputs.Register(c.fs)
	return c
}

func (c *rotaCommand) Run(ctx context.Context, stdout, stderr io.Writer) error {
	kind, err := c.check()
	if err != nil {
		return err
	}
	sc, err := c.set.Resolve(ctx, c.fs.Arg(0))
	if err != nil {
		return err
	}
	m, targets, err := c.problem(sc)
	if err != nil {
		return err
	}
	o := staffing.RotaOptions{Options: c.set.SearchOptions(sc, stderr), Solver: kind, TimeLimit: c.timeLimit, RatioGap: c.gap, MaxRounds: c.maxRounds}
	res, err := staffing.Rota(ctx, m, sc.Workforce, targets, o)
	if errors.Is(err, staffing.ErrInterrupted) || ctx.Err() != nil {
		return errInterrupted
	}
	if err != nil {
		return staffing.PlaceRotaError(sc, err)
	}
	if err := tables.Rota(stdout, res.Headline(sc.Name(), o.Seed), res, sc.Workforce, sc.Currency); err != nil {
		return err
	}
	if err := c.write(ctx, sc, res, o.Options.Options, stderr); err != nil {
		return err
	}
	if !res.Met {
		return errors.New(res.Unmet)
	}
	return nil
}

// check checks the flags and arguments and reads --solver.
func (c *rotaCommand) check() (rota.SolverKind, error) {
	if err := c.set.Check("rota"); err != nil {
		return 0, err
	}
	if len(c.targets) == 0 {
		return 0, cmdline.Usagef("rota: give at least one --target, e.g. --target 'agents.service_level >= 80%%'")
	}
	if !(c.gap >= 0 && c.gap < 0.5) {
		return 0, cmdline.Usagef("rota: --solver-gap must be at least 0 and below 0.5 (got %g)", c.gap)
	}
	kind, err := rota.ParseSolverKind(c.solver)
	if err != nil {
		return 0, cmdline.Usagef("rota: --solver: unknown solver (got %q); valid: auto, cbc, fallback", c.solver)
	}
	if err := cmdline.OnlyWith(c.fs, kind != rota.Fallback, "with --solver fallback: they bound CBC", "solver-gap", "solver-time"); err != nil {
		return 0, err
	}
	return kind, nil
}

// problem is the model (with --days) and the targets the flags give.
func (c *rotaCommand) problem(sc *scenarios.Scenario) (*sim.Model, []staffing.Target, error) {
	if sc.Workforce == nil {
		return nil, nil, cmdline.Usagef("rota: %s has no workforce section: give each rota stage's shift patterns under workforce.stages (see docs/scenarios.md)", sc.Name())
	}
	return c.set.ModelTargets("rota", sc, c.targets)
}

// write writes the rota into --out: the roster, the shifts, a scenario
// that reads the roster, and the rota's results, all or none; then the
// charts, report and workbook asked for.
func (c *rotaCommand) write(ctx context.Context, sc *scenarios.Scenario, res *staffing.RotaResult, so sim.Options, stderr io.Writer) error {
	if c.set.Out == "" {
		return nil
	}
	files, err := res.Files(sc, buildinfo.Version(), so)
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	if err := c.set.WriteSet(ctx, files); err != nil {
		return err
	}
	return c.set.Outputs.Folder(stderr).WriteRota(ctx, c.set.Out, res, sc.Workforce, sc.Currency)
}
