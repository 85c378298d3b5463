package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/report"
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/rota"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
	"github.com/svcsim/svcsim/staffing"
	"github.com/svcsim/svcsim/tables"
)

// maxRoundsHi bounds --max-rounds.
const maxRoundsHi = 1000

// rotaCommand is 'svcsim rota': the cheapest rota of the scenario's shift
// patterns that meets every target, checked by simulation.
type rotaCommand struct {
	fs        *pflag.FlagSet
	set       runSettings
	targets   []string
	solver    string
	maxRounds int
	timeLimit time.Duration
	gap       float64
}

func newRotaCommand() *rotaCommand {
	c := &rotaCommand{fs: newFlags("rota")}
	c.set.register(c.fs, true)
	c.fs.StringArrayVar(&c.targets, "target", nil, "a target `'KPI OP VALUE'`, e.g. 'agents.service_level >= 80%' (repeatable)")
	c.fs.StringVar(&c.solver, "solver", "auto", "the integer-program `SOLVER`: auto (CBC when installed, else the fallback), cbc or fallback")
	c.fs.IntVar(&c.maxRounds, "max-rounds", 20, fmt.Sprintf("solve and simulate at most `N` rotas (1-%d)", maxRoundsHi))
	c.fs.DurationVar(&c.timeLimit, "solver-time", rota.DefaultTimeLimit, "stop CBC's search after `DURATION` per rota (its best rota is used, and said so)")
	c.fs.Float64Var(&c.gap, "solver-gap", 0.01, "let CBC stop once a rota is within this `SHARE` of its best bound (0: prove it optimal, which can take far longer)")
	c.fs.StringVar(&c.set.out, "out", "", "write the rota's roster.csv, shifts.csv, a scenario.yaml that 'run' reads and its results into `DIR`")
	c.set.outputs.register(c.fs)
	return c
}

func (c *rotaCommand) usage(w io.Writer) {
	fmt.Fprintf(w, helpText("rota"), flagUsages(c.fs))
}

func (c *rotaCommand) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if help, err := parseFlags(c.fs, args, c.usage, stdout); help || err != nil {
		return err
	}
	kind, err := c.check()
	if err != nil {
		return err
	}
	sc, err := resolveScenario(ctx, c.fs.Arg(0), c.set.loadOptions())
	if err != nil {
		return err
	}
	m, targets, err := c.problem(sc)
	if err != nil {
		return err
	}
	o := staffing.RotaOptions{Options: searchOptions(c.set, sc, stderr), Solver: kind, TimeLimit: c.timeLimit, RatioGap: c.gap, MaxRounds: c.maxRounds}
	res, err := staffing.Rota(ctx, m, sc.Workforce, targets, o)
	if errors.Is(err, staffing.ErrInterrupted) || ctx.Err() != nil {
		return errInterrupted
	}
	if err != nil {
		return placeRotaError(sc, err)
	}
	header := fmt.Sprintf("rota of %s meeting every target (95%% confidence) on seed %d and %d fresh seeds", sc.Name(), o.Seed, len(res.Fresh))
	if !res.Met {
		header = fmt.Sprintf("no rota of %s met every target; the last one tried", sc.Name())
	}
	if err := tables.Rota(stdout, header, res, sc.Workforce, sc.Currency); err != nil {
		return err
	}
	if err := c.write(ctx, sc, res, o.Options.Options, stdout, stderr); err != nil {
		return err
	}
	if !res.Met {
		return &searchError{res.Unmet}
	}
	return nil
}

// check checks the flags and arguments and reads --solver.
func (c *rotaCommand) check() (rota.SolverKind, error) {
	if err := c.set.check(c.fs, "rota"); err != nil {
		return 0, err
	}
	if err := checkIntFlag(c.fs, "rota", "max-rounds", 1, maxRoundsHi); err != nil {
		return 0, err
	}
	if c.fs.NArg() != 1 {
		return 0, usageErrorf("rota: give one scenario (got %d)", c.fs.NArg())
	}
	if len(c.targets) == 0 {
		return 0, usageErrorf("rota: give at least one --target, e.g. --target 'agents.service_level >= 80%%'")
	}
	if !(c.gap >= 0 && c.gap < 0.5) {
		return 0, usageErrorf("rota: --solver-gap must be at least 0 and below 0.5 (got %g)", c.gap)
	}
	if c.timeLimit <= 0 {
		return 0, usageErrorf("rota: --solver-time must be longer than 0 (got %s)", c.timeLimit)
	}
	kind, err := rota.ParseSolverKind(c.solver)
	if err != nil {
		return 0, usageErrorf("rota: --solver: unknown solver (got %q); valid: auto, cbc, fallback", c.solver)
	}
	return kind, nil
}

// problem is the model (with --days) and the targets the flags give.
func (c *rotaCommand) problem(sc *scenarios.Scenario) (*sim.Model, []staffing.Target, error) {
	if sc.Workforce == nil {
		return nil, nil, usageErrorf("rota: %s has no workforce section: give each rota stage's shift patterns under workforce.stages (see docs/scenarios.md)", sc.Name())
	}
	return modelTargets("rota", c.set, sc, c.targets)
}

// write writes the rota into --out: the roster, the shifts, a scenario
// that reads the roster, and the rota's results, all or none; then the
// charts, report and workbook asked for.
func (c *rotaCommand) write(ctx context.Context, sc *scenarios.Scenario, res *staffing.RotaResult, so sim.Options, stdout, stderr io.Writer) error {
	if c.set.out == "" {
		return nil
	}
	var names []string
	for _, st := range res.Stages {
		names = append(names, st.Name)
	}
	yaml, err := sc.WithRoster(names, "roster.csv", res.Model.Days, so.Replications, so.Seed)
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	var roster, shifts bytes.Buffer
	if err := scenarios.WriteRoster(&roster, res.Roster(sc.Workforce)); err != nil {
		return err
	}
	if err := tables.RotaShiftsCSV(&shifts, res, sc.Workforce); err != nil {
		return err
	}
	dir, err := resultset.Prepare(c.set.out)
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	res.Results.Model = sc.Model.Name + " (rota by svcsim rota)"
	rep := &resultset.Summary{Version: version(), Scenario: resultset.ScenarioRef{Name: res.Results.Model, Source: sc.Source, SHA256: sc.Hash},
		Assumptions: (&scenarios.Scenario{Title: sc.Title, Currency: sc.Currency, Model: res.Model}).Describe(), Currency: sc.Currency, Results: res.Results}
	files, err := rep.Files()
	if err != nil {
		return err
	}
	files = append(files, resultset.File{Name: "roster.csv", Data: roster.Bytes()},
		resultset.File{Name: "shifts.csv", Data: shifts.Bytes()}, resultset.File{Name: "scenario.yaml", Data: yaml})
	if err := dir.Write(ctx, files...); err != nil {
		if ctx.Err() != nil {
			return errInterrupted
		}
		return fmt.Errorf("--out: %w", err)
	}
	return c.outputs(ctx, sc, res, stdout, stderr)
}

// outputs writes the charts, report and workbook asked for: the usual
// ones of the rota's results, the rota's two charts per stage and
// weekday group, and a report with a rota section.
func (c *rotaCommand) outputs(ctx context.Context, sc *scenarios.Scenario, res *staffing.RotaResult, stdout, stderr io.Writer) error {
	o := c.set.outputs
	withReport := o.report
	o.report = false
	if err := o.write(ctx, c.set.out, stdout, stderr); err != nil || (!o.charts && !withReport) {
		return err
	}
	s, err := resultset.Load(c.set.out)
	if err != nil {
		return err
	}
	sty, err := report.Style(s, o.chartFlags.options(), warner(stderr))
	if err != nil {
		return err
	}
	if o.charts {
		formats, _ := o.chartFlags.check("")
		if _, err := report.WriteRotaCharts(ctx, res, sc.Workforce, c.set.out, sty, o.chartFlags.size(), formats); err != nil {
			if ctx.Err() != nil {
				return errInterrupted
			}
			return err
		}
	}
	if !withReport {
		return nil
	}
	section, err := report.RotaSection(res, sc.Workforce, sty, o.chartFlags.size(), sc.Currency)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	err = report.HTML(&b, s, report.Options{Style: sty, Size: o.chartFlags.size(), Version: version(), Paper: o.paper,
		Warn: warner(stderr), Sections: []template.HTML{section}})
	if err != nil {
		return err
	}
	return resultset.WriteFile(filepath.Join(c.set.out, "report.html"), b.Bytes())
}

// placeRotaError places a problem the solver found with one stage's
// patterns or limits (a headcount limit below what an interval needs,
// say) at that field in the scenario file, as the scenario reader places
// its own: file:line:col: workforce.stages.NAME.FIELD: problem.
func placeRotaError(sc *scenarios.Scenario, err error) error {
	se, ok1 := errors.AsType[*rota.StageError](err)
	fe, ok2 := errors.AsType[*rota.FieldError](err)
	if ok1 && ok2 && sc.Workforce != nil {
		for i := range sc.Workforce.Stages {
			ws := &sc.Workforce.Stages[i]
			field := fe.Field
			if se.Week {
				field = "week." + field
			}
			if p, path, ok := ws.At(field); ws.Name == se.Stage && ok {
				return &scenarios.Error{File: p.File, Line: p.Line, Column: p.Column,
					Field: "workforce.stages." + ws.Name + "." + path, Msg: fe.Problem}
			}
		}
	}
	if !strings.HasPrefix(err.Error(), "rota: ") { // package rota's errors carry it already
		return fmt.Errorf("rota: %w", err)
	}
	return err
}
