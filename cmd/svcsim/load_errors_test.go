package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestPlotReportRefuseBadResults: plot and report refuse a result file
// that is not JSON or holds nonsense with exit status 2 and one line
// naming the file, its line and column and the field; they never panic.
func TestPlotReportRefuseBadResults(t *testing.T) {
	t.Parallel()
	run := filepath.Join(t.TempDir(), "run")
	mustRun(t, "run", writeFile(t, "tiny.yaml", tinyScenario), "-r", "2", "-q", "--out", run)
	good, err := os.ReadFile(filepath.Join(run, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data string // summary.json
		want string // stderr, after "svcsim: COMMAND: DIR/summary.json"
	}{
		{"extra stage", strings.Replace(string(good), `"stages": [`, `"stages": ["ghost", `, 1),
			`:\d+:\d+: results.stages\[0\]: stage "ghost" has no KPI ghost.wait.mean or ghost.service_level \(got none\); valid: `},
		{"no kpis", regexp.MustCompile(`(?s)"kpis": \[.*?\n    \],`).ReplaceAllString(string(good), `"kpis": [],`),
			`:\d+:\d+: results.kpis: no KPI \(got none\); valid: `},
		{"negative replications", strings.Replace(string(good), `"replications": 2`, `"replications": -5`, 1),
			`:\d+:\d+: results.replications: out of range \(got -5\); valid: 1 to 100000`},
		{"cut short", string(good[:len(good)/2]), `:\d+:\d+: the JSON ends too early \(got \d+ bytes\): the file is cut short`},
		{"byte-order mark", "\xEF\xBB\xBF" + string(good), `:1:1: starts with a byte-order mark`},
		{"wrong type", strings.Replace(string(good), `"days": 2`, `"days": "2"`, 1),
			`:\d+:\d+: results.days: a string \(got "2"\); valid: a whole number`},
		{"null", "null", `: results: missing \(got null\); valid: `},
		{"empty object", "{}", `: results: missing \(got null\); valid: `},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "summary.json"), []byte(tt.data), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, cmd := range []string{"plot", "report"} {
				_, stderr, status := svcsim(t, t.Context(), cmd, dir)
				re := regexp.MustCompile("^svcsim: " + cmd + ": " + regexp.QuoteMeta(filepath.Join(dir, "summary.json")) + tt.want)
				if status != 2 || !re.MatchString(stderr) || strings.Count(stderr, "\n") != 1 || strings.Contains(stderr, "<nil>") {
					t.Errorf("svcsim %s: status %d, stderr %q; want 2 and %s", cmd, status, stderr, re)
				}
			}
		})
	}
}

// TestPlotMissingFolder: a folder that does not exist is said not to.
func TestPlotMissingFolder(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "nonexist")
	for _, cmd := range []string{"plot", "report"} {
		_, stderr, status := svcsim(t, t.Context(), cmd, dir)
		if want := "svcsim: " + cmd + ": " + dir + " does not exist; valid: "; status != 2 || !strings.HasPrefix(stderr, want) {
			t.Errorf("svcsim %s: status %d, stderr %q; want 2 and %s...", cmd, status, stderr, want)
		}
	}
}

// TestPlotReportIncomplete: the results of an experiment whose manifest
// records a scenario that did not run draw a warning from plot and
// report, and a notice at the top of the report.
func TestPlotReportIncomplete(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "results")
	mustRun(t, "compare", writeFile(t, "tiny.yaml", variantsScenario), "-r", "2", "-q", "--out", dir)
	path := filepath.Join(dir, "manifest.json")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	last := m["scenarios"].([]any)[len(m["scenarios"].([]any))-1].(map[string]any)
	last["complete"], last["error"], m["complete"] = false, "interrupted", false
	if b, err = json.Marshal(m); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	want := "warning: the results are incomplete, as manifest.json records (an interrupted or failed run): " + last["name"].(string) + ": did not run (interrupted)"
	for _, cmd := range []string{"plot", "report"} {
		_, stderr, status := svcsim(t, t.Context(), cmd, dir, "--chart-format", "svg")
		if status != 0 || !strings.HasPrefix(stderr, want) {
			t.Errorf("svcsim %s: status %d, stderr %q; want 0 and %s...", cmd, status, stderr, want)
		}
	}
	page, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if i, j := strings.Index(string(page), `id="incomplete"`), strings.Index(string(page), `id="summary"`); i < 0 || i > j {
		t.Errorf("report.html: notice at %d, summary at %d; want the notice first", i, j)
	}
}

// TestPlotReportInterrupted: plot and report on a cancelled context (a
// signal) stop with the interruption's error and write nothing.
func TestPlotReportInterrupted(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "run")
	mustRun(t, "run", writeFile(t, "tiny.yaml", tinyScenario), "-r", "2", "-q", "--out", dir)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	for _, cmd := range []string{"plot", "report"} {
		_, stderr, status := svcsim(t, ctx, cmd, dir)
		if status != 130 || stderr != "svcsim: interrupted\n" {
			t.Errorf("svcsim %s, interrupted: status %d, stderr %q; want 130 and svcsim: interrupted", cmd, status, stderr)
		}
	}
	for _, name := range []string{"report.html", "charts"} {
		if _, err := os.Stat(filepath.Join(dir, name)); !os.IsNotExist(err) {
			t.Errorf("%s after an interruption: %v; want none", name, err)
		}
	}
}
