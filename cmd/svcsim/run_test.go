package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/scenarios"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// tinyScenario is a small scenario that runs in milliseconds: one channel,
// two stages, open three hours a day. The warm-up is one day so that
// --days 1 is invalid.
const tinyScenario = `name: tiny
days: 2
warmup: 1d
interval: 1h
open: 09:00-12:00
channels:
  - name: phone
    rates: {09:00-12:00: 40/h}
    route: [booking, {stage: service, probability: 0.5}]
stages:
  - name: booking
    service: exponential(3m)
    patience: exponential(2m)
    target: 1m
    staff: 2
  - name: service
    service: gamma(8m, 4m)
    target: 10m
    staff: 3
`

// overloadedScenario has more work than staff at a stage whose customers
// never give up, which draws a load warning.
const overloadedScenario = `name: overloaded
open: 09:00-12:00
channels:
  - name: walk_in
    rates: {09:00-12:00: 60/h}
    route: [desk]
stages:
  - name: desk
    service: exponential(5m)
    target: 5m
    staff: 2
`

// invalidScenario has problems the scenario parser reports with positions.
const invalidScenario = `name: invalid
open: 09:00-12:00
channels:
  - name: walk_in
    rates: {09:00-12:00: 60}
    route: [dsk]
stages:
  - name: desk
    service: exponential(5 minutes)
    target: 5m
    staff: two
`

// writeFile writes content to name in a new temporary directory and
// returns its path.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// mustRun runs svcsim and fails the test unless it exits with status 0.
func mustRun(t *testing.T, args ...string) (stdout, stderr string) {
	t.Helper()
	out, errOut, status := svcsim(t, t.Context(), args...)
	if status != 0 {
		t.Fatalf("svcsim %s: exit status %d; want 0\nstderr:\n%s", strings.Join(args, " "), status, errOut)
	}
	return out, errOut
}

func TestRunDefaultBuiltin(t *testing.T) {
	out, _ := mustRun(t, "run", "-r", "2", "--days", "2", "-q")
	sc, err := scenarios.Builtin(scenarios.DefaultBuiltin)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sc.Model.Stages {
		if !strings.Contains(out, "\n"+s.Name+"\n") {
			t.Errorf("table has no block for stage %q:\n%s", s.Name, out)
		}
	}
	for _, want := range []string{"scenario", "journey", " ± ", " min\n", " %\n", " /day\n", " staff-h/day\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

// TestRunGolden compares the table of a small run with
// testdata/tiny.golden; run 'go test -update' to rewrite it after a
// deliberate change.
func TestRunGolden(t *testing.T) {
	path := writeFile(t, "tiny.yaml", tinyScenario)
	out, _ := mustRun(t, "run", path, "-r", "3", "--seed", "7", "--intervals", "-q")
	golden := filepath.Join("testdata", "tiny.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if out != string(want) {
		t.Errorf("table differs from %s (rerun with -update if the change is deliberate)\ngot:\n%s\nwant:\n%s", golden, out, want)
	}
}

func TestRunJobsDoNotChangeOutput(t *testing.T) {
	path := writeFile(t, "tiny.yaml", tinyScenario)
	for _, format := range [][]string{{"--format", "json"}, {"--format", "csv"}, {"--format", "csv", "--intervals"}, {"--format", "table", "--intervals"}} {
		t.Run(strings.Join(format, " "), func(t *testing.T) {
			args := append([]string{"run", path, "-r", "6", "-q"}, format...)
			one, _ := mustRun(t, append(args, "--jobs", "1")...)
			two, _ := mustRun(t, append(args, "--jobs", "2")...)
			if one != two {
				t.Errorf("output with --jobs 1 and --jobs 2 differs:\n%s\n---\n%s", one, two)
			}
		})
	}
}

func TestRunOut(t *testing.T) {
	path := writeFile(t, "tiny.yaml", tinyScenario)
	dir := filepath.Join(t.TempDir(), "results", "tiny") // parents missing too
	stdout, _ := mustRun(t, "run", path, "-r", "3", "-q", "--format", "json", "--out", dir)

	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got, want := strings.Join(names, " "), resultset.IndexName+" intervals.csv summary.csv summary.json"; got != want {
		t.Errorf("--out wrote %s; want %s", got, want)
	}

	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != stdout {
		t.Errorf("summary.json differs from the JSON on stdout")
	}
	var rep resultset.Summary
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatalf("summary.json: %v", err)
	}
	if rep.Results == nil || rep.Results.Replications != 3 || len(rep.Results.KPIs) == 0 || len(rep.Results.Intervals) == 0 {
		t.Fatalf("summary.json lacks results: %+v", rep.Results)
	}
	if rep.Scenario.Source != path || rep.Version == "" {
		t.Errorf("summary.json: scenario %+v, version %q", rep.Scenario, rep.Version)
	}

	for _, f := range []struct {
		name   string
		header []string
		rows   int
	}{
		{"summary.csv", resultset.SummaryHeader, len(rep.Results.KPIs)},
		{"intervals.csv", resultset.IntervalsHeader, len(rep.Results.Intervals) + len(rep.Results.ByWeekday)},
	} {
		file, err := os.Open(filepath.Join(dir, f.name))
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(file).ReadAll()
		file.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		if len(recs) != f.rows+1 || strings.Join(recs[0], ",") != strings.Join(f.header, ",") {
			t.Errorf("%s: %d records with header %v; want %d with %v", f.name, len(recs), recs[0], f.rows+1, f.header)
		}
	}
}

func TestRunCancelledWritesNothing(t *testing.T) {
	path := writeFile(t, "tiny.yaml", tinyScenario)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()

	existing := t.TempDir()
	missing := filepath.Join(t.TempDir(), "new")
	for _, dir := range []string{existing, missing} {
		out, errOut, status := svcsim(t, ctx, "run", path, "-r", "4", "--out", dir)
		if status != 130 || !strings.Contains(errOut, "svcsim: interrupted") {
			t.Errorf("exit status %d, stderr %q; want 130 and svcsim: interrupted", status, errOut)
		}
		if out != "" {
			t.Errorf("stdout = %q; want nothing", out)
		}
	}
	if entries, err := os.ReadDir(existing); err != nil || len(entries) != 0 {
		t.Errorf("--out directory holds %v (err %v); want nothing", entries, err)
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("--out created %s for an interrupted run (err %v)", missing, err)
	}
}

var position = regexp.MustCompile(`invalid\.yaml:\d+:\d+: `)

func TestRunInvalidScenario(t *testing.T) {
	path := writeFile(t, "invalid.yaml", invalidScenario)
	out, errOut, status := svcsim(t, t.Context(), "run", path)
	if status != 2 {
		t.Errorf("exit status %d; want 2", status)
	}
	if !position.MatchString(errOut) {
		t.Errorf("stderr = %q; want FILE:LINE:COL positions", errOut)
	}
	for _, line := range strings.Split(strings.TrimSuffix(errOut, "\n"), "\n") {
		if !strings.HasPrefix(line, "svcsim: ") {
			t.Errorf("stderr line %q does not start with svcsim:", line)
		}
	}
	if out != "" {
		t.Errorf("stdout = %q; want nothing", out)
	}
}

func TestRunDays(t *testing.T) {
	path := writeFile(t, "tiny.yaml", tinyScenario)
	out, _ := mustRun(t, "run", path, "--days", "3", "-r", "2", "--format", "json", "-q")
	var rep resultset.Summary
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Results.Days != 3 {
		t.Errorf("--days 3 ran %d days", rep.Results.Days)
	}

	_, errOut, status := svcsim(t, t.Context(), "run", path, "--days", "1")
	if status != 2 || !strings.Contains(errOut, "warm-up") {
		t.Errorf("--days 1 with a one-day warm-up: exit status %d, stderr %q; want 2 and a warm-up message", status, errOut)
	}
}

func TestRunWarnings(t *testing.T) {
	path := writeFile(t, "overloaded.yaml", overloadedScenario)
	_, errOut := mustRun(t, "run", path, "-r", "2")
	if !strings.Contains(errOut, "warning: ") {
		t.Errorf("stderr = %q; want a load warning", errOut)
	}
	_, errOut = mustRun(t, "run", path, "-r", "2", "-q")
	if errOut != "" {
		t.Errorf("with -q, stderr = %q; want nothing", errOut)
	}
}

func TestValidate(t *testing.T) {
	good := writeFile(t, "tiny.yaml", tinyScenario)
	out, _ := mustRun(t, "validate", good)
	if out != good+": ok\n" {
		t.Errorf("stdout = %q; want %q", out, good+": ok\n")
	}

	bad := writeFile(t, "invalid.yaml", invalidScenario)
	var stdout, stderr bytes.Buffer
	err := run(t.Context(), []string{"validate", good, bad}, &stdout, &stderr)
	if code(err) != 2 {
		t.Errorf("exit status %d; want 2", code(err))
	}
	if stdout.String() != good+": ok\n" {
		t.Errorf("stdout = %q; want only %q", stdout.String(), good+": ok\n")
	}
	if !position.MatchString(stderr.String()) || !strings.Contains(stderr.String(), "1 of 2") {
		t.Errorf("stderr = %q; want positions and a count", stderr.String())
	}
}

// TestRunStats checks that --stats reports the run's speed on stderr, even
// with --quiet, and leaves stdout alone.
func TestRunStats(t *testing.T) {
	path := writeFile(t, "tiny.yaml", tinyScenario)
	plain, _ := mustRun(t, "run", path, "-r", "2", "-q", "--format", "json")
	out, errOut := mustRun(t, "run", path, "-r", "2", "-q", "--format", "json", "--stats", "-j", "1")
	if out != plain {
		t.Errorf("--stats changed stdout")
	}
	re := regexp.MustCompile(`^stats: 2 replications on 1 worker in [0-9.]+ s: [0-9]+ events \([0-9.]+ M/s\), [0-9]+ customers \([0-9.]+ M/s\)\n$`)
	if !re.MatchString(errOut) {
		t.Errorf("stderr = %q; want a line matching %s", errOut, re)
	}
}
