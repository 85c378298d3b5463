package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestWorkbook reads results.xlsx of a comparison back: its summary
// sheet holds the numbers of summary.csv, as numbers, its header rows
// are frozen, and a comparison has its differences.
func TestWorkbook(t *testing.T) {
	path := writeFile(t, "tiny.yaml", variantsScenario)
	dir := filepath.Join(t.TempDir(), "results")
	mustRun(t, "compare", path, "-r", "3", "-q", "--out", dir, "--xlsx")

	b, err := os.ReadFile(filepath.Join(dir, "summary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "results.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 3 || got[0] != "summary" || got[1] != "differences" || got[2] != "time of day" {
		t.Errorf("sheets %q; want summary, differences, time of day", got)
	}
	got, err := f.GetRows("summary", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("summary sheet has %d rows; summary.csv %d", len(got), len(want))
	}
	checkSummarySheet(t, f, got, want)
	// Shares show as percentages.
	for i, r := range want {
		if i > 0 && r[4] == "share" {
			ref := "F" + strconv.Itoa(i+1)
			v, _ := f.GetCellValue("summary", ref)
			if v == "" || v[len(v)-1] != '%' {
				t.Errorf("summary %s (%s) shows %q; want a percentage", ref, r[1], v)
			}
			break
		}
	}
	for _, sheet := range f.GetSheetList() {
		p, err := f.GetPanes(sheet)
		if err != nil || !p.Freeze || p.YSplit != 1 {
			t.Errorf("%s: panes %+v (%v); want the header row frozen", sheet, p, err)
		}
	}
	diffs, _ := f.GetRows("differences")
	if len(diffs) < 2 || diffs[0][len(diffs[0])-1] != "distinguishable" {
		t.Errorf("differences sheet: %q", diffs)
	}
	tod, _ := f.GetRows("time of day")
	if len(tod) < 2 || !strings.Contains(tod[1][3], ":") {
		t.Errorf("time of day sheet: %q", tod[:min(len(tod), 2)])
	}
	_, errOut, status := svcsim(t, t.Context(), "run", path, "--xlsx")
	if status != 2 || !strings.Contains(errOut, "need --out") {
		t.Errorf("--xlsx without --out: status %d, %q", status, errOut)
	}
}

// checkSummarySheet checks the summary sheet's rows got against
// summary.csv's want: the same text, and numbers stored as numbers.
func checkSummarySheet(t *testing.T, f *excelize.File, got, want [][]string) {
	t.Helper()
	for i := range want {
		for j, w := range want[i] {
			g := ""
			if j < len(got[i]) {
				g = got[i][j]
			}
			if i > 0 && j >= 5 && w != "" {
				// A number, stored as one: the same float64.
				wx, _ := strconv.ParseFloat(w, 64)
				gx, err := strconv.ParseFloat(g, 64)
				if err != nil || gx != wx {
					t.Errorf("summary row %d col %d: got %q; want %v", i+1, j+1, g, wx)
				}
				ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if typ, _ := f.GetCellType("summary", ref); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
					t.Errorf("summary %s is of type %v; want a number", ref, typ)
				}
				continue
			}
			if g != w {
				t.Errorf("summary row %d col %d: got %q; want %q", i+1, j+1, g, w)
			}
		}
	}
}
