package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// workbookDir writes the results of a small comparison with --xlsx and
// returns its scenario file, its folder and summary.csv's rows.
func workbookDir(t *testing.T) (path, dir string, summary [][]string) {
	t.Helper()
	path = writeFile(t, "tiny.yaml", variantsScenario)
	dir = filepath.Join(t.TempDir(), "results")
	mustRun(t, "compare", path, "-r", "3", "-q", "--out", dir, "--xlsx")
	b, err := os.ReadFile(filepath.Join(dir, "summary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	summary, err = csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return path, dir, summary
}

// TestWorkbook reads results.xlsx of a comparison back: its summary
// sheet holds the numbers of summary.csv, as numbers, its header rows
// are frozen, and a comparison has its differences.
func TestWorkbook(t *testing.T) {
	t.Parallel()
	path, dir, want := workbookDir(t)
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

// TestNotLinked: the svcsim binary writes its workbooks with
// internal/xlsx and does not link excelize, whose package
// initialisation alone cost every svcsim process about 21,400
// allocations (1.3 MB) and 8 ms or more (GODEBUG=inittrace=1); the tests
// keep it as an independent reader.
func TestNotLinked(t *testing.T) {
	t.Parallel()
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to list the binary's packages")
	}
	out, err := exec.Command(gobin, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if strings.Contains(pkg, "excelize") {
			t.Errorf("svcsim links %s", pkg)
		}
	}
}

// TestStaffWorkbook: the workbook of the staffing 'svcsim staff' chose
// has a staffing sheet, a row per stage and open interval.
func TestStaffWorkbook(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "tiny.yaml", tinyScenario)
	dir := filepath.Join(t.TempDir(), "staffed")
	svcsim(t, t.Context(), "staff", path, "-r", "3", "-q", "--target", "booking.service_level >= 50%", "--out", dir, "--xlsx")
	f, err := excelize.OpenFile(filepath.Join(dir, "results.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("staffing", excelize.Options{RawCellValue: true})
	if err != nil || len(rows) < 2 || rows[0][3] != "staff scheduled (people)" {
		t.Fatalf("staffing sheet %q (%v)", rows, err)
	}
	if x, err := strconv.ParseFloat(rows[1][3], 64); err != nil || x < 1 {
		t.Errorf("staff scheduled %q; want a headcount", rows[1][3])
	}
}

// office returns LibreOffice's command, or skips the test (fails it when
// SVCSIM_REQUIRE_LIBREOFFICE is set, as in CI).
func office(t *testing.T) string {
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("SVCSIM_REQUIRE_LIBREOFFICE") != "" {
		t.Fatal("no LibreOffice found (Debian: apt install libreoffice-calc-nogui)")
	}
	t.Skip("no LibreOffice found; set SVCSIM_REQUIRE_LIBREOFFICE=1 to make this an error")
	return ""
}

// TestWorkbookInLibreOffice converts results.xlsx to CSV with LibreOffice
// Calc, headless: a reader that shares no code with ours finds every
// number of summary.csv, stored as a number, shares in a percent format.
// LibreOffice writes 15
// significant digits (summary.csv the shortest exact decimal, up to 17),
// so numbers agree to a relative 1e-14: 15-digit rounding moves a value
// by at most 5e-15 of itself.
func TestWorkbookInLibreOffice(t *testing.T) {
	soffice := office(t)
	if testing.Short() {
		t.Skip("-short: LibreOffice takes about 10 s to start")
	}
	_, dir, want := workbookDir(t)
	out := t.TempDir()
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	// The CSV filter's options: comma, double quotes, UTF-8, from line 1,
	// text cells quoted, values not as shown (every digit), sheet 1.
	cmd := exec.CommandContext(ctx, soffice, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(out, "profile"),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,false,false,false,1",
		"--outdir", out, filepath.Join(dir, "results.xlsx"))
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, b)
	}
	got, err := os.ReadFile(filepath.Join(out, "results-summary.csv"))
	if err != nil {
		got, err = os.ReadFile(filepath.Join(out, "results.csv")) // older LibreOffice: one sheet, no suffix
	}
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(strings.ReplaceAll(string(got), "\r\n", "\n"), "\n"), "\n")
	if len(lines) != len(want) {
		t.Fatalf("LibreOffice read %d rows; summary.csv has %d", len(lines), len(want))
	}
	for i, line := range lines {
		fields := splitCSV(line)
		for j, w := range want[i] {
			if j >= len(fields) {
				if w != "" {
					t.Errorf("row %d col %d: missing; want %q", i+1, j+1, w)
				}
				continue
			}
			g := fields[j]
			wx, werr := strconv.ParseFloat(w, 64)
			if i == 0 || j < 5 || werr != nil {
				if g.text != w || !g.quoted && w != "" {
					t.Errorf("row %d col %d: %q (quoted %v); want text %q", i+1, j+1, g.text, g.quoted, w)
				}
				continue
			}
			// A share is a number in percent format: LibreOffice writes
			// it in percent, with every digit and the sign (mean and
			// half-width; n is a count).
			num, percent := strings.CutSuffix(g.text, "%")
			gx, err := strconv.ParseFloat(num, 64)
			if percent {
				gx /= 100
			}
			if err != nil || g.quoted || percent != (want[i][4] == "share" && j < 7) || math.Abs(gx-wx) > 1e-14*math.Abs(wx) {
				t.Errorf("row %d col %d: %q (quoted %v); want the number %v", i+1, j+1, g.text, g.quoted, wx)
			}
		}
	}
}

type csvField struct {
	text   string
	quoted bool
}

// splitCSV splits one line of CSV, telling quoted fields (text cells)
// from bare ones (numbers).
func splitCSV(line string) []csvField {
	var out []csvField
	for {
		var f csvField
		if strings.HasPrefix(line, `"`) {
			f.quoted = true
			var b strings.Builder
			i := 1
			for i < len(line) {
				if line[i] == '"' {
					if i+1 < len(line) && line[i+1] == '"' {
						b.WriteByte('"')
						i += 2
						continue
					}
					i++
					break
				}
				b.WriteByte(line[i])
				i++
			}
			f.text, line = b.String(), line[i:]
		} else {
			end := strings.IndexByte(line, ',')
			if end < 0 {
				end = len(line)
			}
			f.text, line = line[:end], line[end:]
		}
		out = append(out, f)
		if !strings.HasPrefix(line, ",") {
			return out
		}
		line = line[1:]
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
