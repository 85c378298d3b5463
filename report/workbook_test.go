package report_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/svcsim/svcsim/report"
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
	"github.com/xuri/excelize/v2"
)

// sweepSet is a two-point sweep of the call centre's agents, run
// briefly.
func sweepSet(t *testing.T) *resultset.Set {
	t.Helper()
	sc, err := scenarios.Builtin("callcentre")
	if err != nil {
		t.Fatal(err)
	}
	set := &resultset.Set{Command: "sweep callcentre", Params: []string{"agents"}}
	for _, n := range []string{"1", "2"} {
		m := *sc.Model
		m.Days = 1
		res, err := sim.Run(context.Background(), &m, sim.Options{Replications: 2, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		set.Scenarios = append(set.Scenarios, resultset.Scenario{Name: "agents=" + n, Params: map[string]string{"agents": n}, Results: res})
	}
	return set
}

// TestWorkbookSweep: a sweep's workbook has a staffing sheet with the
// parameters as numbers, and is the same bytes each time it is written.
func TestWorkbookSweep(t *testing.T) {
	set := sweepSet(t)
	var first bytes.Buffer
	if err := report.Workbook(&first, set); err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		var again bytes.Buffer
		if err := report.Workbook(&again, set); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), again.Bytes()) {
			t.Fatalf("write %d differs from the first", i+2)
		}
	}
	f, err := excelize.OpenReader(&first)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{report.SheetSummary, report.SheetTimeOfDay, report.SheetStaffing}
	if got := f.GetSheetList(); len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("sheets %q; want %q", got, want)
	}
	rows, err := f.GetRows(report.SheetStaffing, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0][1] != "agents" || rows[2][1] != "2" {
		t.Errorf("staffing sheet %q", rows)
	}
	if typ, _ := f.GetCellType(report.SheetStaffing, "B3"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("parameter cell type %v; want a number", typ)
	}
}
