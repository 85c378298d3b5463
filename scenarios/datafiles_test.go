package scenarios

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/svcsim/svcsim/sim"
)

// dataScenario reads every kind of data file but the trace: a roster, a
// volumes file and a column of service times.
const dataScenario = `name: data
days: 7
open: {mon-fri: 08:00-12:00}
roster: roster.csv
channels:
  - name: phone
    volumes: volumes.csv
    route: [desk]
stages:
  - name: desk
    service: empirical(times.csv, minutes)
    target: 1m
`

// dataFilesWith is the files of dataScenario, good ones but for file,
// which holds data.
func dataFilesWith(file, data string) fstest.MapFS {
	fsys := fstest.MapFS{
		"s.yaml":      {Data: []byte(dataScenario)},
		"roster.csv":  {Data: []byte("stage,start,end,weekdays,count\ndesk,08:00,12:00,mon-fri,2\n")},
		"volumes.csv": {Data: []byte("date,from,to,count\n2026-11-02,08:00,10:00,40\n")},
		"times.csv":   {Data: []byte("ticket,minutes\nA,3.5\nB,4\n")},
	}
	fsys[file] = &fstest.MapFile{Data: []byte(data)}
	return fsys
}

// TestDataFileNumbers: every numeric cell of a data file that is not a
// number, not finite, past float64 or outside its range is refused with
// the file, the row, the column, the cell as written and what is valid.
func TestDataFileNumbers(t *testing.T) {
	const (
		volumes = "date,from,to,count\n2026-11-02,08:00,10:00,"
		roster  = "stage,start,end,weekdays,count\ndesk,08:00,12:00,mon-fri,"
		times   = "ticket,minutes\nA,3.5\nB,"
	)
	countValid := "valid: a count from 0 to 200000 (100000 arrivals an hour over 08:00-10:00"
	timesValid := "valid: a number of minutes >= 0, or a duration with its unit"
	tests := []struct {
		name, file, data string
		want             []string // in the error; none when the file is good
	}{
		{"count NaN", "volumes.csv", volumes + "NaN\n", []string{`volumes.csv: row 2, column count: not a number (got "NaN")`, countValid}},
		{"count Inf", "volumes.csv", volumes + "Inf\n", []string{`row 2, column count: out of range (got "Inf")`, countValid}},
		{"count +Inf", "volumes.csv", volumes + "+Inf\n", []string{`row 2, column count: out of range (got "+Inf")`, countValid}},
		{"count -Inf", "volumes.csv", volumes + "-Inf\n", []string{`row 2, column count: out of range (got "-Inf")`, countValid}},
		{"count past float64", "volumes.csv", volumes + "1e400\n", []string{`row 2, column count: out of range (got "1e400")`, countValid}},
		{"count negative", "volumes.csv", volumes + "-1\n", []string{`row 2, column count: out of range (got "-1")`, countValid}},
		{"count a word", "volumes.csv", volumes + "many\n", []string{`row 2, column count: not a number (got "many")`, countValid}},
		{"count past the rate bound", "volumes.csv", volumes + "200001\n", []string{`row 2, column count: out of range (got "200001")`, countValid}},
		{"count at the rate bound", "volumes.csv", volumes + "200000\n", nil},
		{"row after a comment", "volumes.csv", "date,from,to,count\n# exported on 2026-11-30\n2026-11-02,08:00,10:00,NaN\n", []string{`row 3, column count: not a number (got "NaN")`}},
		{"staff NaN", "roster.csv", roster + "NaN\n", []string{`roster.csv: row 2, column count: not a number of staff (got "NaN"); valid: a whole number from 1 to 100000`}},
		{"staff Inf", "roster.csv", roster + "Inf\n", []string{`row 2, column count: not a number of staff (got "Inf")`}},
		{"staff past float64", "roster.csv", roster + "1e400\n", []string{"row 2, column count: out of range (got 1e400); valid: 1\u2013100000"}},
		{"staff fraction", "roster.csv", roster + "1.5\n", []string{`row 2, column count: not a number of staff (got "1.5")`}},
		{"staff unknown stage", "roster.csv", "stage,start,end,weekdays,count\nbooth,08:00,12:00,mon-fri,2\n", []string{`row 2, column stage: no stage named "booth" in the scenario; valid: "desk"`}},
		{"minutes NaN", "times.csv", times + "NaN\n", []string{`times.csv: row 3, column minutes: not a number (got "NaN")`, timesValid}},
		{"minutes Inf", "times.csv", times + "Inf\n", []string{`row 3, column minutes: out of range (got "Inf")`, timesValid}},
		{"minutes -Inf", "times.csv", times + "-Inf\n", []string{`row 3, column minutes: out of range (got "-Inf")`, timesValid}},
		{"minutes past float64", "times.csv", times + "1e400\n", []string{`row 3, column minutes: out of range (got "1e400")`, timesValid}},
		{"minutes negative", "times.csv", times + "-1\n", []string{`row 3, column minutes: out of range (got "-1")`, timesValid}},
		{"minutes with an exponent", "times.csv", times + "1e1\n", nil},
		{"minutes with a unit", "times.csv", times + "90s\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := load(dataFilesWith(tt.file, tt.data), "s.yaml", "s.yaml")
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("got %v; want no error", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("got no error; want %q", tt.want)
			}
			for _, w := range append(tt.want, tt.file) {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("got %v; want %q in it", err, w)
				}
			}
		})
	}
}

// TestVolumesAtTheRateBound: counts at the bound give a rate the engine
// takes; the bound is sim's.
func TestVolumesAtTheRateBound(t *testing.T) {
	s, err := load(dataFilesWith("volumes.csv", "date,from,to,count\n2026-11-02,08:00,09:00,100000\n2026-11-09,08:00,09:00,100000\n"), "s.yaml", "s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Model.Channels[0].Rates[1][0].Value * 60; got != sim.MaxRatePerHour {
		t.Errorf("got %g an hour; want %g", got, float64(sim.MaxRatePerHour))
	}
}

// TestBareNumbersAreExact: a bare number in a column named for its unit
// is the same duration as the number with the unit (read exactly), so
// that writing the unit or not changes no simulated number.
func TestBareNumbersAreExact(t *testing.T) {
	for _, unit := range []struct{ column, suffix string }{{"minutes", "m"}, {"seconds", "s"}, {"hours", "h"}, {"sec", "s"}, {"min", "m"}} {
		for _, v := range []string{"22.8", "0.1", "20", "1e1", "3.333333333333333333"} {
			bare := dataFilesWith("times.csv", "ticket,"+unit.column+"\nA,"+v+"\n")
			bare["s.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(dataScenario, "minutes)", unit.column+")", 1))}
			a, err := load(bare, "s.yaml", "s.yaml")
			if err != nil {
				t.Fatal(err)
			}
			want := math.NaN()
			if !strings.Contains(v, "e") {
				if want, err = parseDuration(v + unit.suffix); err != nil {
					t.Fatal(err)
				}
			} else {
				want = 10 * map[string]float64{"m": 1, "s": 1.0 / 60, "h": 60}[unit.suffix]
			}
			if got := a.Model.Stages[0].Service.(sim.Empirical).Values[0]; got != want {
				t.Errorf("%s %s: got %v minutes; want %v", unit.column, v, got, want)
			}
		}
	}
}

// TestTraceCells: the trace's cells are refused with the row, the column,
// the cell and what is valid.
func TestTraceCells(t *testing.T) {
	tests := []struct{ name, classes, data, want string }{
		{"timestamp", "", "time\n2026-11-03 8h30\n", `calls.csv: row 2, column time: not a timestamp (got "2026-11-03 8h30"); valid: YYYY-MM-DD HH:MM[:SS]`},
		{"no classes", "", "time,class\n2026-11-03 08:30,gold\n", `calls.csv: row 2, column class: no class named "gold" in the scenario; valid: empty (the scenario has no classes)`},
		{"class", "classes: [{name: vip, share: 1}]\n", "time,class\n2026-11-03 08:30,gold\n", `calls.csv: row 2, column class: no class named "gold" in the scenario; valid: "vip" or empty`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(minimal, "name: mini\n", "name: mini\ndays: 2\n"+tt.classes+"arrivals: calls.csv\n", 1)
			fsys := fstest.MapFS{"s.yaml": {Data: []byte(src)}, "calls.csv": {Data: []byte(tt.data)}}
			if _, err := load(fsys, "s.yaml", "s.yaml"); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v; want %q", err, tt.want)
			}
		})
	}
}

// TestCellNumber: the one reader of numeric cells.
func TestCellNumber(t *testing.T) {
	tests := []struct {
		name, in string
		want     float64
		err      string
	}{
		{"plain", "2.5", 2.5, ""},
		{"exponent", "1e1", 10, ""},
		{"underflow is zero", "1e-400", 0, ""},
		{"bound", "10", 10, ""},
		{"NaN", "NaN", 0, `not a number (got "NaN"); valid: 0–10`},
		{"nan", "nan", 0, `not a number (got "nan"); valid: 0–10`},
		{"Inf", "Inf", 0, `out of range (got "Inf"); valid: 0–10`},
		{"infinity", "-infinity", 0, `out of range (got "-infinity"); valid: 0–10`},
		{"past float64", "-1e400", 0, `out of range (got "-1e400"); valid: 0–10`},
		{"past the bound", "10.5", 0, `out of range (got "10.5"); valid: 0–10`},
		{"empty", "", 0, `not a number (got ""); valid: 0–10`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CellNumber(tt.in, 0, 10, "")
			switch {
			case tt.err == "" && (err != nil || got != tt.want):
				t.Errorf("got %v, %v; want %v", got, err, tt.want)
			case tt.err != "" && (err == nil || err.Error() != tt.err):
				t.Errorf("got %v; want %q", err, tt.err)
			}
		})
	}
}

// TestRepeatedColumn: two columns of one name are refused, naming both
// positions, since which one a reader takes is a guess; unnamed columns
// (trailing empty cells) may repeat.
func TestRepeatedColumn(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             string // "" when the file is good
	}{
		{"two counts", "volumes.csv", "date,from,to,count,count\n2026-11-02,08:00,10:00,40,4\n", `volumes.csv: row 1, column count: columns 4 and 5 have the same name (got "count" twice); valid: each name once`},
		{"case and space", "times.csv", "ticket,Minutes, minutes \nA,3,4\n", `times.csv: row 1, column minutes: columns 2 and 3 have the same name`},
		{"a column not read", "roster.csv", "stage,note,start,end,weekdays,count,note\ndesk,a,08:00,12:00,mon-fri,2,b\n", `roster.csv: row 1, column note: columns 2 and 7 have the same name`},
		{"after a comment", "times.csv", "# tickets\nticket,ticket,minutes\nA,B,3\n", `times.csv: row 2, column ticket: columns 1 and 2`},
		{"unnamed columns", "times.csv", "ticket,minutes,,\nA,3,,\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := load(dataFilesWith(tt.file, tt.data), "s.yaml", "s.yaml")
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("got %v; want no error", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("got %v; want %q", err, tt.want)
			}
		})
	}
}

// TestLineEnds: a data file reads the same with LF, CRLF or (old Mac) CR
// line ends; one that mixes CR alone with LF is refused at the line.
func TestLineEnds(t *testing.T) {
	const lf = "ticket,minutes\nA,3.5\n# a comment\nB,4\nC,\"5\"\n"
	want, err := load(dataFilesWith("times.csv", lf), "s.yaml", "s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, data string
		err        string // "" when the file reads as lf does
	}{
		{"LF", lf, ""},
		{"CRLF", strings.ReplaceAll(lf, "\n", "\r\n"), ""},
		{"CR", strings.ReplaceAll(lf, "\n", "\r"), ""},
		{"CR without a last one", strings.TrimSuffix(strings.ReplaceAll(lf, "\n", "\r"), "\r"), ""},
		{"CR and LF", "ticket,minutes\nA,3.5\rB,4\n", "times.csv: line 2 ends in a carriage return alone (an old Mac line end) while other lines end in a line feed (got both); valid: one kind of line end, LF or CRLF"},
		{"CR and CRLF", "ticket,minutes\r\nA,3.5\r\nB,4\rC,5\r\n", "times.csv: line 3 ends in a carriage return alone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := load(dataFilesWith("times.csv", tt.data), "s.yaml", "s.yaml")
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("got %v; want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if g, w := got.Model.Stages[0].Service, want.Model.Stages[0].Service; fmt.Sprint(g) != fmt.Sprint(w) {
				t.Errorf("got service times %v; want %v, as with LF", g, w)
			}
		})
	}
	// Rows are numbered by line in a CR file too.
	_, err = load(dataFilesWith("times.csv", "ticket,minutes\rA,3\r# note\rB,NaN\r"), "s.yaml", "s.yaml")
	if err == nil || !strings.Contains(err.Error(), `times.csv: row 4, column minutes: not a number (got "NaN")`) {
		t.Errorf("got %v; want the error at row 4", err)
	}
}

// TestWeekdayAgainstDate: a volumes row with a date and a weekday must
// name the date's weekday (or leave it empty).
func TestWeekdayAgainstDate(t *testing.T) {
	const head = "date,weekday,from,to,count\n" // 2026-11-02 is a Monday
	tests := []struct{ name, row, want string }{
		{"short name", "2026-11-02,mon,08:00,10:00,40\n", ""},
		{"full name, any case", "2026-11-02, Monday ,08:00,10:00,40\n", ""},
		{"empty", "2026-11-02,,08:00,10:00,40\n", ""},
		{"contradicts", "2026-11-02,tue,08:00,10:00,40\n", `volumes.csv: row 2, column weekday: contradicts the date 2026-11-02, a Monday (got "tue"); valid: "mon", "monday" or empty`},
		{"not a weekday", "2026-11-02,mo,08:00,10:00,40\n", `volumes.csv: row 2, column weekday: "mo" is not a weekday`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := load(dataFilesWith("volumes.csv", head+tt.row), "s.yaml", "s.yaml")
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("got %v; want no error", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("got %v; want %q", err, tt.want)
			}
		})
	}
}

// FuzzReadTable: any bytes are read as a table or refused with an error,
// never a panic; a table's rows have the header's width, start on lines
// after the header in order, and hold no carriage return (a lone one
// would mean a row was read together with the next).
func FuzzReadTable(f *testing.F) {
	for _, s := range []string{
		"a,b\n1,2\n", "a,b\r\n1,2\r\n", "a,b\r1,2\r", "a,b\n1,2\r3,4\n", "a,a\n1,2\n", "a,,\n1,,\n",
		"# c\na,b\n\n1,\"2\r\n3\"\n", "\ufeffA, B\n1,2\n", "a\n\"1\r\"\n", "",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		tb, err := readTable("f.csv", b)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.csv") {
				t.Fatalf("error without the file: %v", err)
			}
			return
		}
		if len(tb.rows) == 0 || len(tb.lines) != len(tb.rows) {
			t.Fatalf("%d rows on %d lines", len(tb.rows), len(tb.lines))
		}
		prev := 1
		for i, row := range tb.rows {
			if len(row) != len(tb.header) {
				t.Fatalf("row %d has %d cells; the header %d", i, len(row), len(tb.header))
			}
			if tb.lines[i] <= prev {
				t.Fatalf("row %d on line %d, after line %d", i, tb.lines[i], prev)
			}
			prev = tb.lines[i]
			for _, c := range row {
				if strings.ContainsRune(c, '\r') {
					t.Fatalf("row %d: a cell holds a carriage return: %q", i, c)
				}
			}
		}
	})
}

// FuzzCellNumber: a number read from a cell is finite and in its range.
func FuzzCellNumber(f *testing.F) {
	for _, s := range []string{"1", "NaN", "-Inf", "1e400", "1e-400", "0x1p3", "-0", "10.000000000000001"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := CellNumber(s, 0, 10, "")
		if err == nil && !(v >= 0 && v <= 10) {
			t.Fatalf("CellNumber(%q) = %v, outside 0-10", s, v)
		}
		if err != nil && !strings.Contains(err.Error(), "(got ") {
			t.Fatalf("CellNumber(%q): %v says nothing of what it got", s, err)
		}
	})
}
