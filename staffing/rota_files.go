package staffing

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/rota"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// Files are the files of the rota's result folder: the results of the
// rota's model (as 'svcsim run --out' writes them, named "NAME (rota by
// svcsim rota)"), roster.csv, shifts.csv and scenario.yaml, sc with the
// roster in place of the rota stages' staff, run with so's replications
// and seed, which 'svcsim run' reads back to the same results. It renames
// res.Results.
func (res *RotaResult) Files(sc *scenarios.Scenario, version string, so sim.Options) ([]resultset.File, error) {
	var names []string
	for _, st := range res.Stages {
		names = append(names, st.Name)
	}
	yaml, err := sc.WithRoster(names, "roster.csv", res.Model.Days, so.Replications, so.Seed)
	if err != nil {
		return nil, err
	}
	var roster, shifts bytes.Buffer
	if err := scenarios.WriteRoster(&roster, res.Roster(sc.Workforce)); err != nil {
		return nil, err
	}
	if err := res.WriteShiftsCSV(&shifts, sc.Workforce); err != nil {
		return nil, err
	}
	res.Results.Model = sc.Model.Name + " (rota by svcsim rota)"
	rep := &resultset.Summary{Version: version, Scenario: resultset.ScenarioRef{Name: res.Results.Model, Source: sc.Source, SHA256: sc.Hash},
		Assumptions: (&scenarios.Scenario{Title: sc.Title, Currency: sc.Currency, Model: res.Model}).Describe(), Currency: sc.Currency, Results: res.Results}
	files, err := rep.Files()
	if err != nil {
		return nil, err
	}
	return append(files, resultset.File{Name: "roster.csv", Data: roster.Bytes()},
		resultset.File{Name: "shifts.csv", Data: shifts.Bytes()}, resultset.File{Name: "scenario.yaml", Data: yaml}), nil
}

// WriteShiftsCSV writes the rota's shifts, of the patterns of wf, as CSV:
// stage, weekdays, pattern, start, end, breaks (their starts,
// space-separated), staff and cost_each (one person on the shift for a
// day).
func (res *RotaResult) WriteShiftsCSV(w io.Writer, wf *scenarios.Workforce) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"stage", "weekdays", "pattern", "start", "end", "breaks", "staff", "cost_each"}); err != nil {
		return err
	}
	for i, st := range res.Stages {
		for _, day := range st.Days {
			for _, sh := range day.Plan.Shifts {
				var brk []string
				for _, b := range sh.Breaks {
					brk = append(brk, figures.Clock(b))
				}
				name := wf.Stages[i].Patterns[day.Patterns[sh.Pattern]].Name
				if err := cw.Write([]string{st.Name, scenarios.DaysText(day.Weekdays), name, figures.Clock(sh.Start),
					figures.Clock(sh.Start + sh.Length), strings.Join(brk, " "), strconv.Itoa(sh.Count),
					strconv.FormatFloat(sh.Cost, 'f', 2, 64)}); err != nil {
					return err
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// PlaceRotaError places a problem Rota found with one stage's patterns
// or limits in sc (a headcount limit below what an interval needs, say)
// at that field in the scenario file, as the scenario reader places its
// own: file:line:col: workforce.stages.NAME.FIELD: problem. Other errors
// come back prefixed "rota: ".
func PlaceRotaError(sc *scenarios.Scenario, err error) error {
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
