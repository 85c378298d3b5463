package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// inputScenario reads its arrival rates from volumes.csv.
const inputScenario = `name: counts
days: 7
open: {mon-fri: 08:00-12:00}
channels:
  - name: phone
    volumes: volumes.csv
    route: [desk]
stages:
  - name: desk
    service: exponential(4m)
    target: 1m
    staff: 3
`

// TestDataFileInputErrors: bad data-file cells are refused by validate
// and by run before simulating (exit status 2, not 1 after a run), with
// the file, row, column, the cell and what is valid.
func TestDataFileInputErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, volumes string
		want          []string // in stderr; none when the file is good
	}{
		{"good", "date,from,to,count\n2026-11-02,08:00,09:00,21\n", nil},
		{"NaN", "date,from,to,count\n2026-11-02,08:00,09:00,NaN\n", []string{`volumes.csv: row 2, column count: not a number (got "NaN"); valid: a count from 0 to 100000`}},
		{"Inf", "date,from,to,count\n2026-11-02,08:00,09:00,Inf\n", []string{`volumes.csv: row 2, column count: out of range (got "Inf")`}},
		{"-Inf", "date,from,to,count\n2026-11-02,08:00,09:00,-Inf\n", []string{`volumes.csv: row 2, column count: out of range (got "-Inf")`}},
		{"past float64", "date,from,to,count\n2026-11-02,08:00,09:00,1e400\n", []string{`volumes.csv: row 2, column count: out of range (got "1e400")`}},
		{"past the rate bound", "date,from,to,count\n2026-11-02,08:00,09:00,21\n2026-11-03,08:00,09:00,1e9\n", []string{`volumes.csv: row 3, column count: out of range (got "1e9")`, "100000 arrivals an hour"}},
		{"two count columns", "date,from,to,count,count\n2026-11-02,08:00,09:00,21,22\n", []string{`volumes.csv: row 1, column count: columns 4 and 5 have the same name`}},
		{"weekday against date", "date,weekday,from,to,count\n2026-11-02,fri,08:00,09:00,21\n", []string{`volumes.csv: row 2, column weekday: contradicts the date 2026-11-02, a Monday (got "fri")`}},
		{"CR line ends", "date,from,to,count\r2026-11-02,08:00,09:00,21\r", nil},
		{"CR and LF", "date,from,to,count\n2026-11-02,08:00,09:00,21\r2026-11-03,08:00,09:00,21\n", []string{"volumes.csv: line 2 ends in a carriage return alone"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range map[string]string{"s.yaml": inputScenario, "volumes.csv": tt.volumes} {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			scenario := filepath.Join(dir, "s.yaml")
			for _, args := range [][]string{{"validate", scenario}, {"run", "-q", "-r", "2", "--days", "1", scenario}} {
				_, errOut, status := svcsim(t, t.Context(), args...)
				if len(tt.want) == 0 {
					if status != 0 {
						t.Errorf("%s: exit status %d; want 0\n%s", args[0], status, errOut)
					}
					continue
				}
				if status != 2 {
					t.Errorf("%s: exit status %d; want 2\n%s", args[0], status, errOut)
				}
				for _, w := range append(tt.want, "s.yaml:6:14: channels.phone.volumes: ") {
					if !strings.Contains(errOut, w) {
						t.Errorf("%s: stderr lacks %q:\n%s", args[0], w, errOut)
					}
				}
			}
		})
	}
}
