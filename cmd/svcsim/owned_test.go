package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// read returns the file's contents, or "" when it cannot be read.
func read(path string) string {
	b, _ := os.ReadFile(path)
	return string(b)
}

// exists reports whether path is there.
func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// TestOutKeepsThePlannersFiles: a command writing results into a folder
// that holds the planner's own files — the scenario it runs, a report of
// theirs, notes in the charts folder — replaces or removes none of them,
// and refuses, before simulating, to write a report over theirs.
func TestOutKeepsThePlannersFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	scenario := filepath.Join(dir, "scenario.yaml")
	if err := os.WriteFile(scenario, []byte(tinyScenario), 0o644); err != nil {
		t.Fatal(err)
	}
	mine := map[string]string{"report.html": "my report", "charts/notes.txt": "my notes", "results.json.bak": "mine"}
	for name, text := range mine {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	check := func(when string) {
		t.Helper()
		if read(scenario) != tinyScenario {
			t.Errorf("%s: the scenario run was changed or removed", when)
		}
		for name, text := range mine {
			if got := read(filepath.Join(dir, filepath.FromSlash(name))); got != text {
				t.Errorf("%s: %s = %q; want the planner's %q", when, name, got, text)
			}
		}
	}
	mustRun(t, "run", scenario, "-r", "2", "-q", "--out", dir, "--charts", "--chart-format", "svg")
	check("run --charts")
	charts, _ := filepath.Glob(filepath.Join(dir, "charts", "*.svg"))
	if len(charts) == 0 {
		t.Fatalf("run --charts drew no chart")
	}
	chart := charts[0]
	mustRun(t, "compare", scenario, writeFile(t, "other.yaml", tinyScenario), "-r", "2", "-q", "--out", dir)
	check("compare")
	if exists(chart) {
		t.Errorf("compare without --charts left the run's chart %s", chart)
	}
	_, stderr, status := svcsim(t, t.Context(), "run", scenario, "-r", "2", "-q", "--out", dir, "--report")
	if status != 2 || !strings.Contains(stderr, "report.html was not written by svcsim") {
		t.Errorf("run --report over the planner's report.html: status %d, stderr %q; want 2 and the file named", status, stderr)
	}
	check("run --report")
}

// TestOutKeepsTheRotaInputs: running the scenario a rota wrote, into the
// rota's own folder, keeps the roster it reads; the report through a link
// to the folder may not replace its summary; and the rota's report and
// charts, which only rota draws, survive plot and report.
func TestOutKeepsTheRotaInputs(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "rota")
	_, _, status := svcsim(t, t.Context(), "rota", "helpline", "--solver", "fallback", "-r", "2", "--max-rounds", "1", "--days", "1", "-q",
		"--target", "agents.service_level >= 50%", "--out", dir, "--report", "--charts", "--chart-format", "svg")
	if status != 0 && status != 1 {
		t.Fatalf("rota: status %d", status)
	}
	report := read(filepath.Join(dir, "report.html"))
	if !strings.Contains(report, `id="rota"`) {
		t.Fatalf("the rota's report has no rota section")
	}
	coverage, _ := filepath.Glob(filepath.Join(dir, "charts", "rota-coverage-*.svg"))
	if len(coverage) == 0 {
		t.Fatalf("rota --charts drew no rota-coverage chart")
	}

	mustRun(t, "plot", dir, "--chart-format", "svg")
	if !exists(coverage[0]) {
		t.Errorf("plot removed the rota's chart %s", coverage[0])
	}
	_, stderr, status := svcsim(t, t.Context(), "report", dir)
	if status != 2 || !strings.Contains(stderr, "the rota's report") {
		t.Errorf("report over the rota's report: status %d, stderr %q; want 2", status, stderr)
	}
	if read(filepath.Join(dir, "report.html")) != report {
		t.Errorf("report replaced the rota's report")
	}

	link := filepath.Join(filepath.Dir(dir), "link")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	summary := read(filepath.Join(dir, "summary.json"))
	_, _, status = svcsim(t, t.Context(), "report", dir, "-o", filepath.Join(link, "summary.json"))
	if status != 2 || read(filepath.Join(dir, "summary.json")) != summary {
		t.Errorf("report -o LINK/summary.json: status %d; want 2 and the summary kept", status)
	}

	roster := read(filepath.Join(dir, "roster.csv"))
	mustRun(t, "run", filepath.Join(dir, "scenario.yaml"), "-r", "2", "-q", "--out", dir)
	if read(filepath.Join(dir, "roster.csv")) != roster || !exists(filepath.Join(dir, "scenario.yaml")) {
		t.Fatalf("a run of the rota's scenario into its folder removed the roster or the scenario it reads")
	}
	mustRun(t, "run", filepath.Join(dir, "scenario.yaml"), "-r", "2", "-q") // still loads
}

// TestOutRefusedBeforeWork: an --out where the results would replace a
// file of the planner's, or the scenario the command reads, is refused
// with exit 2 before anything runs, and the folder is left as it was.
func TestOutRefusedBeforeWork(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	scenario := filepath.Join(dir, "scenario.yaml")
	mustRun(t, "scenarios", "show", "helpline", "--out", dir)
	if err := os.Rename(filepath.Join(dir, "helpline.yaml"), scenario); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "summary.csv"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadDir(dir)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"rota over its own scenario", []string{"rota", scenario, "--solver", "fallback", "--target", "agents.service_level >= 50%", "--out", dir}, "scenario.yaml is a file this command reads"},
		{"run over a summary.csv of the planner's", []string{"run", scenario, "--out", dir}, "summary.csv was not written by svcsim"},
		{"compare over it", []string{"compare", scenario, "helpline", "--out", dir}, "summary.csv was not written by svcsim"},
	}
	for _, tt := range tests {
		_, stderr, status := svcsim(t, t.Context(), append(tt.args, "-r", "2", "-q")...)
		if status != 2 || !strings.Contains(stderr, tt.want) {
			t.Errorf("%s: status %d, stderr %q; want 2 and %q", tt.name, status, stderr, tt.want)
		}
	}
	if after, _ := os.ReadDir(dir); len(after) != len(before) || read(filepath.Join(dir, "summary.csv")) != "mine" {
		t.Errorf("the folder changed: %d entries before, %d after", len(before), len(after))
	}
}
