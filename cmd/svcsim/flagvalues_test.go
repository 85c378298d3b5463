package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFlagValueErrors checks the messages of flag values refused as they
// are set, in every command with such a flag: each names the command and
// the flag, says what is wrong, and ends "(got X); valid: Y".
func TestFlagValueErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want string // the whole stderr, less "svcsim: " and the newline
	}{
		{"max time too long for Go", []string{"staff", "clinic", "--max-time", "9999999h"},
			`staff: --max-time: out of range (got "9999999h"); valid: a duration from 0s to 2562047h47m16s`},
		{"negative max time", []string{"staff", "clinic", "--max-time", "-5m"},
			`staff: --max-time: out of range (got "-5m"); valid: a duration from 0s to 2562047h47m16s`},
		{"max time with a unit twice", []string{"staff", "clinic", "--max-time", "1h1h"},
			`staff: --max-time: repeats the unit "h" (got "1h1h"); valid: a duration like 90s, 5m or 1h30m, each unit once`},
		{"max time without a unit", []string{"staff", "clinic", "--max-time", "90"},
			`staff: --max-time: not a duration (got "90"); valid: a duration like 90s, 5m or 1h30m`},
		{"solver time too long for Go", []string{"rota", "helpline", "--solver-time", "2562048h"},
			`rota: --solver-time: out of range (got "2562048h"); valid: a duration from 1s to 8760h`},
		{"solver time minus zero", []string{"rota", "helpline", "--solver-time", "-0s"},
			`rota: --solver-time: out of range (got "-0s"); valid: a duration from 1s to 8760h`},
		{"unknown format", []string{"compare", "clinic", "--format", "xlsx"},
			`compare: --format: unknown format (got "xlsx"); valid: table, csv, json`},
		{"unknown paper", []string{"run", "clinic", "--report", "--out", "x", "--paper", "a5"},
			`run: --paper: unknown paper (got "a5"); valid: a4, letter`},
		{"unknown chart format", []string{"plot", "x", "--chart-format", "png,GIF"},
			`plot: --chart-format: unknown chart format "GIF" (got "png,GIF"); valid: any of png, svg, pdf, comma-separated`},
		{"unknown solver", []string{"rota", "helpline", "--solver", "gurobi"},
			`rota: --solver: unknown solver (got "gurobi"); valid: auto, cbc, fallback`},
		{"seed", []string{"sweep", "clinic", "--seed", "-1"},
			`sweep: --seed: out of range (got "-1"); valid: a whole number from 0 to 18446744073709551615`},
		{"width", []string{"plot", "x", "--width", "wide"},
			`plot: --width: not a number (got "wide"); valid: a number such as 0.5`},
		{"bool", []string{"run", "clinic", "--quiet=maybe"},
			`run: --quiet: not true or false (got "maybe"); valid: true or false, or the flag alone for true`},
		// A target quoted whole with its flag, as a script's argument list
		// may give it: pflag would call "--target booking.service_level>"
		// an unknown flag.
		{"target and value in one argument", []string{"staff", "clinic", "--target booking.service_level>=70%"},
			`staff: --target and its value are one argument (got "--target booking.service_level>=70%"); valid: two arguments, --target 'booking.service_level>=70%', or one joined by =, --target='booking.service_level>=70%'`},
		{"days and value in one argument", []string{"compare", "clinic", "--days 3"},
			`compare: --days and its value are one argument (got "--days 3"); valid: two arguments, --days 3, or one joined by =, --days=3`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, errOut, status := svcsim(t, t.Context(), tt.args...)
			if want := "svcsim: " + tt.want + "\n"; status != 2 || errOut != want {
				t.Errorf("got status %d, stderr %q; want 2, %q", status, errOut, want)
			}
		})
	}
}

// TestEnumFlagSpelling checks that an enumerated flag's value is read in
// any case with the spaces around it ignored, in every command: the
// output is the one of the lower-case value.
func TestEnumFlagSpelling(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "tiny.yaml", variantsScenario)
	tests := []struct {
		name       string
		args       []string // the flag comes last
		flag, want string
		spellings  []string
	}{
		{"run format", []string{"run", path, "-r", "2", "-q"}, "--format", "json", []string{"JSON", " json", "Json "}},
		{"compare format", []string{"compare", path, "-r", "2", "-q"}, "--format", "csv", []string{"CSV", "\tcsv"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, _ := mustRun(t, append(tt.args, tt.flag, tt.want)...)
			for _, s := range tt.spellings {
				if got, _ := mustRun(t, append(tt.args, tt.flag, s)...); got != want {
					t.Errorf("%s %q: the output differs from %s %s's", tt.flag, s, tt.flag, tt.want)
				}
			}
		})
	}
	// --paper and --chart-format are read the same way: the report is on
	// letter paper, and the charts are PNG and SVG.
	dir := filepath.Join(t.TempDir(), "out")
	mustRun(t, "run", path, "-r", "2", "-q", "--out", dir, "--report", "--paper", " LETTER", "--charts", "--chart-format", "Png , SVG")
	html, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(html), "@page { size: letter;") {
		t.Error("--paper ' LETTER': the report is not on letter paper")
	}
	for _, ext := range []string{"png", "svg"} {
		if charts, _ := filepath.Glob(filepath.Join(dir, "*", "*."+ext)); len(charts) == 0 {
			if charts, _ = filepath.Glob(filepath.Join(dir, "*."+ext)); len(charts) == 0 {
				t.Errorf("--chart-format 'Png , SVG': no .%s charts in %s", ext, dir)
			}
		}
	}
}

// TestMaxTimeZero checks that --max-time 0 and -0s both mean no limit:
// the search runs as without the flag.
func TestMaxTimeZero(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "tiny.yaml", tinyScenario)
	args := []string{"staff", path, "--target", "booking.service_level >= 50%", "--stage", "booking", "-r", "2", "-q"}
	want, _ := mustRun(t, args...)
	for _, d := range []string{"0", "0s", "-0s"} {
		if got, _ := mustRun(t, append(args, "--max-time", d)...); got != want {
			t.Errorf("--max-time %s: the search differs from one without --max-time:\n%s\nwant:\n%s", d, got, want)
		}
	}
}
