package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// These tests give the commands bad input through the CLI, in process:
// each mistake is refused with exit status 2 and a message that says
// what is wrong, what was got and what is valid, and nothing is written.

// TestMergePlanRefused: merge --plan refuses a plan that is not one
// 'svcsim plan --write' wrote for these parts.
func TestMergePlanRefused(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a := filepath.Join(dir, "a.yaml")
	if err := os.WriteFile(a, []byte(tinyScenario), 0o644); err != nil {
		t.Fatal(err)
	}
	plan := filepath.Join(dir, "plan.json")
	mustRun(t, "plan", a, "-r", "3", "--shards", "2", "--write", plan)
	parts := filepath.Join(dir, "parts")
	for _, i := range []string{"0/2", "1/2"} {
		mustRun(t, "batch", a, "-r", "3", "-q", "--plan", plan, "--shard", i, "--out", parts)
	}
	good, err := os.ReadFile(plan)
	if err != nil {
		t.Fatal(err)
	}
	var fields map[string]any
	if err := json.Unmarshal(good, &fields); err != nil {
		t.Fatal(err)
	}
	edit := func(changes map[string]any) string {
		m := map[string]any{}
		for k, v := range fields {
			m[k] = v
		}
		for k, v := range changes {
			if v == nil {
				delete(m, k)
			} else {
				m[k] = v
			}
		}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	tests := []struct {
		name, plan string
		status     int
		want       string
	}{
		{"the plan", string(good), 0, "merged 2 parts (1 scenarios × 3 replications)"},
		{"work units disagree", edit(map[string]any{"work_units": 99}), 2,
			"work_units is not scenarios × replications = 1 × 3 = 3 (got 99); valid: 3"},
		{"trailing bytes", string(good) + "}\n", 2, `data after the plan's JSON object, at offset ` + itoa(len(good)) + ` (got "}"); valid: nothing after the closing brace`},
		{"an unknown field", edit(map[string]any{"shard": 1}), 2, `unknown field (got "shard"); valid: svcsim_version, scenarios, replications, seed, work_units, shards`},
		{"a missing field", edit(map[string]any{"seed": nil}), 2, "missing field(s) seed (got 5 of the 6)"},
		{"shards out of range", edit(map[string]any{"shards": 0}), 2, "shards is out of range (got 0); valid: 1 to 100000"},
		{"more scenarios than the parts", edit(map[string]any{"scenarios": 2, "work_units": 6}), 2,
			"is not from --plan " + filepath.Join(dir, "p.json") + ": the plan has 2 scenarios (got 1 in the part, 1 of them run)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, "p.json")
			if err := os.WriteFile(p, []byte(tt.plan), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "merged")
			stdout, stderr, status := svcsim(t, t.Context(), "merge", "--plan", p, "--out", out, parts)
			got := stderr
			if tt.status == 0 {
				got = stdout
			}
			if status != tt.status || !strings.Contains(got, tt.want) {
				t.Errorf("status %d, stdout %q, stderr %q; want status %d and %q", status, stdout, stderr, tt.status, tt.want)
			}
			if _, err := os.Stat(out); tt.status != 0 && err == nil {
				t.Errorf("a refused merge wrote %s", out)
			}
		})
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// TestPlanWriteRefusesNonFiles: plan --write takes a file path: not "-"
// (a plan is never written to stdout), nor a path naming a directory.
func TestPlanWriteRefusesNonFiles(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile("a.yaml", []byte(tinyScenario), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, write, want string
	}{
		{"stdout", "-", `plan: --write - is stdout, and a plan is written to a file only, for the shards and the merge to read (got "-"); valid: a file path such as plan.json, or ./- for a file named -`},
		{"a trailing slash", "new/", `plan: --write new/ names a directory (got a path ending in "/"); valid: a file path such as new/plan.json`},
		{"the current directory", ".", "is a directory; valid: a file path"},
		{"dot dot", "x/..", `x/.. names a directory (got ".." as the file name)`},
		{"empty", "", `--write: empty value (got "")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, status := svcsim(t, t.Context(), "plan", "a.yaml", "--shards", "2", "--write", tt.write)
			if status != 2 || !strings.Contains(stderr, tt.want) || stdout != "" {
				t.Errorf("status %d, stdout %q, stderr %q; want status 2, no output and %q", status, stdout, stderr, tt.want)
			}
		})
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the refused plans left %d entries beside a.yaml", len(entries)-1)
	}
	mustRun(t, "plan", "a.yaml", "--shards", "2", "--write", "./-")
	if _, err := os.Stat("-"); err != nil {
		t.Errorf("--write ./- wrote no file named -: %v", err)
	}
}

// TestCompareSameScenarioTwice: comparing a scenario with itself is a
// usage mistake naming the repeated file.
func TestCompareSameScenarioTwice(t *testing.T) {
	t.Parallel()
	a := writeFile(t, "a.yaml", tinyScenario)
	stdout, stderr, status := svcsim(t, t.Context(), "compare", a, a, "-r", "2", "-q", "--format", "csv")
	want := "scenario 2 repeats scenario 1 (got " + a + " twice); valid: different scenarios"
	if status != 2 || !strings.Contains(stderr, want) || stdout != "" {
		t.Errorf("status %d, stdout %q, stderr %q; want status 2 and %q", status, stdout, stderr, want)
	}
}

// TestKPIGivenTwice: a --kpi given twice is a usage mistake, not a
// column printed twice.
func TestKPIGivenTwice(t *testing.T) {
	t.Parallel()
	a := writeFile(t, "a.yaml", tinyScenario)
	tests := []struct {
		name string
		args []string
	}{
		{"sweep", []string{"sweep", a, "--vary", "stages.booking.staff=1,2", "--kpi", "booking.wait.mean", "--kpi", "booking.wait.mean", "-r", "2", "-q"}},
		{"compare --precision", []string{"compare", a, writeFile(t, "b.yaml", tinyScenario), "--precision", "50%", "--max-replications", "3",
			"--kpi", "booking.wait.mean", "--kpi", "booking.wait.mean", "-q"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, status := svcsim(t, t.Context(), tt.args...)
			want := `KPI given twice (got "booking.wait.mean" again); valid: each KPI once`
			if status != 2 || !strings.Contains(stderr, want) || stdout != "" {
				t.Errorf("status %d, stdout %q, stderr %q; want status 2 and %q", status, stdout, stderr, want)
			}
		})
	}
}

// TestServeAddrRefused: serve --addr takes a port from 1 to 65535, or 0
// for any free port; a port left out or named is refused before
// listening.
func TestServeAddrRefused(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tests := []struct{ addr, want string }{
		{"127.0.0.1:", `serve: --addr "127.0.0.1:": the port is empty (got ""); valid: HOST:PORT with a PORT from 1 to 65535, such as 127.0.0.1:8080, or 0 for any free port (the address is printed)`},
		{"localhost:", "the port is empty"},
		{"127.0.0.1:http", `the port is not a number (got "http")`},
		{"127.0.0.1:65536", "the port is out of range (got 65536)"},
		{":0", `--addr ":0" is not a loopback address`},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			stdout, stderr, status := svcsim(t, t.Context(), "serve", "--addr", tt.addr, dir)
			if status != 2 || !strings.Contains(stderr, tt.want) || stdout != "" {
				t.Errorf("status %d, stdout %q, stderr %q; want status 2 and %q", status, stdout, stderr, tt.want)
			}
		})
	}
}

// TestCalibrateCountsBlanks: blank cells in a survey are no answer: the
// fitted YAML says how many each fit left out, and stderr where they
// are (once calibrate prints Survey.Blanks as warnings).
func TestCalibrateCountsBlanks(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile("../../calibrate/testdata/survey.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	for _, r := range []int{3, 10, 11} { // booking_wait_satisfied of respondents 3, 10, 11
		cells := strings.Split(lines[r], ",")
		cells[2] = ""
		lines[r] = strings.Join(cells, ",")
	}
	survey := writeFile(t, "survey.csv", strings.Join(lines, "\n"))
	stdout, stderr := mustRun(t, "calibrate", survey)
	if !strings.Contains(stdout, " and 3 blank left out)") {
		t.Errorf("calibrate output does not count the blanks:\n%s", stdout)
	}
	want := "warning: " + survey + ": column booking_wait_satisfied: 3 of the 3000 respondents left it blank (rows 4, 11, 12); left out of booking_wait's fit"
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr %q; want %q", stderr, want)
	}
}
