package xlsx_test

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/internal/xlsx"
	"github.com/xuri/excelize/v2"
)

// sample is a workbook of two sheets with every kind of cell.
func sample(t *testing.T) *xlsx.Workbook {
	t.Helper()
	var w xlsx.Workbook
	s, err := w.AddSheet("summary")
	if err != nil {
		t.Fatal(err)
	}
	s.FreezeRows = 1
	s.Widths = []float64{20, 0, 12.5}
	bold := func(c xlsx.Cell) xlsx.Cell { c.Bold = true; return c }
	s.AddRow(bold(xlsx.Text("scenario")), bold(xlsx.Text("share (%)")), bold(xlsx.Text("wait (min)")))
	s.AddRow(xlsx.Text("clinic"), xlsx.Number(0.8235, "0.0%"), xlsx.Number(1.0/3, "0.####"))
	s.AddRow(xlsx.Text(" 政务 & <hall> \"x\" "), xlsx.Number(math.NaN(), "0.0%"), xlsx.Number(-2.5e-7, `+0.0" pp";-0.0" pp";0" pp"`))
	s.AddRow(xlsx.Text("clinic"), xlsx.Cell{}, xlsx.Number(0.5625, "[hh]:mm"), xlsx.Number(1e21, ""))
	d, err := w.AddSheet("time of day")
	if err != nil {
		t.Fatal(err)
	}
	d.AddRow(xlsx.Text("x"))
	return &w
}

// TestReadBack: excelize, an independent reader, finds every cell with
// its type, value, number format and font, the frozen row and the
// column widths.
func TestReadBack(t *testing.T) {
	var b bytes.Buffer
	if _, err := sample(t).WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); strings.Join(got, "|") != "summary|time of day" {
		t.Errorf("sheets %q", got)
	}
	tests := []struct {
		ref, raw, shown, format string
		number, bold            bool
	}{
		{"A1", "scenario", "scenario", "", false, true},
		{"B2", "0.8235", "82.4%", "0.0%", true, false},
		{"C2", "0.3333333333333333", "0.3333", "0.####", true, false},
		{"A3", ` 政务 & <hall> "x" `, ` 政务 & <hall> "x" `, "", false, false},
		{"B3", "", "", "", false, false},
		{"C3", "-2.5e-07", "-0.0 pp", `+0.0" pp";-0.0" pp";0" pp"`, true, false},
		{"B4", "", "", "", false, false},
		{"C4", "0.5625", "13:30", "[hh]:mm", true, false},
		{"D4", "1e+21", "1E+21", "", true, false},
	}
	for _, tt := range tests {
		raw, err := f.GetCellValue("summary", tt.ref, excelize.Options{RawCellValue: true})
		if err != nil || raw != tt.raw {
			t.Errorf("%s raw value %q (%v); want %q", tt.ref, raw, err, tt.raw)
		}
		if tt.number {
			if x, err := strconv.ParseFloat(raw, 64); err != nil || strconv.FormatFloat(x, 'g', -1, 64) != strings.ToLower(tt.raw) {
				t.Errorf("%s %q does not read back as the same float64", tt.ref, raw)
			}
		}
		shown, _ := f.GetCellValue("summary", tt.ref)
		if shown != tt.shown {
			t.Errorf("%s shown as %q; want %q", tt.ref, shown, tt.shown)
		}
		typ, _ := f.GetCellType("summary", tt.ref)
		if want := excelize.CellTypeSharedString; tt.number && typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset || !tt.number && tt.raw != "" && typ != want {
			t.Errorf("%s type %v; number %v", tt.ref, typ, tt.number)
		}
		checkStyle(t, f, tt.ref, tt.raw, tt.format, tt.bold)
	}
	p, err := f.GetPanes("summary")
	if err != nil || !p.Freeze || p.YSplit != 1 || p.TopLeftCell != "A2" {
		t.Errorf("summary panes %+v (%v); want the first row frozen", p, err)
	}
	if p, _ := f.GetPanes("time of day"); p.Freeze {
		t.Errorf("time of day frozen: %+v", p)
	}
	for col, want := range map[string]float64{"A": 20, "C": 12.5} {
		if w, err := f.GetColWidth("summary", col); err != nil || w != want {
			t.Errorf("column %s width %v (%v); want %v", col, w, err, want)
		}
	}
}

// TestSameBytes: the same workbook is the same bytes.
func TestSameBytes(t *testing.T) {
	var a, b bytes.Buffer
	if _, err := sample(t).WriteTo(&a); err != nil {
		t.Fatal(err)
	}
	if _, err := sample(t).WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of the same workbook differ")
	}
}

func TestSheetNames(t *testing.T) {
	tests := []struct{ name, err string }{
		{"", "1 to 31 characters"},
		{strings.Repeat("x", 32), "1 to 31 characters"},
		{strings.Repeat("时", 31), ""},
		{"a/b", `must not contain '/'`},
		{"[x]", `must not contain '['`},
		{"'x", "apostrophe"},
		{"SUMMARY", `already used by sheet "summary"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var w xlsx.Workbook
			if _, err := w.AddSheet("summary"); err != nil {
				t.Fatal(err)
			}
			_, err := w.AddSheet(tt.name)
			if tt.err == "" && err != nil || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
				t.Errorf("error %v; want %q", err, tt.err)
			}
		})
	}
	var w xlsx.Workbook
	if _, err := w.WriteTo(&bytes.Buffer{}); err == nil {
		t.Error("a workbook without sheets was written")
	}
}

func TestColumn(t *testing.T) {
	for n, want := range map[int]string{1: "A", 26: "Z", 27: "AA", 52: "AZ", 53: "BA", 702: "ZZ", 703: "AAA"} {
		if got := xlsx.Column(n); got != want {
			t.Errorf("Column(%d) = %q; want %q", n, got, want)
		}
	}
}

// checkStyle checks the number format and boldness of cell ref of the
// summary sheet, whose raw value is raw (an empty cell has no format).
func checkStyle(t *testing.T, f *excelize.File, ref, raw, wantFormat string, wantBold bool) {
	t.Helper()
	id, _ := f.GetCellStyle("summary", ref)
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	format := ""
	if st.CustomNumFmt != nil {
		format = *st.CustomNumFmt
	}
	if raw != "" && format != wantFormat {
		t.Errorf("%s format %q; want %q", ref, format, wantFormat)
	}
	if bold := st.Font != nil && st.Font.Bold; bold != wantBold {
		t.Errorf("%s bold %v; want %v", ref, bold, wantBold)
	}
}
