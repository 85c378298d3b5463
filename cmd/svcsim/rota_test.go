package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/tables"
)

// helplineTargets are the targets the README gives for the helpline.
var helplineTargets = []string{"--target", "agents.service_level >= 80%", "--target", "agents.abandonment <= 5%"}

// TestRotaRoundTrip solves a rota with the fallback solver (no CBC
// needed) into --out, then runs the scenario.yaml it wrote: the KPIs must
// be the rota's, byte for byte, since that file reads the written
// roster.csv with the rota's days, seed and replications.
func TestRotaRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: a rota takes seconds")
	}
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"helpline", append([]string{"helpline"}, helplineTargets...), []string{"agents on mon-fri:"}},
		{"clinic for a week", []string{"../../staffing/testdata/clinic_rota.yaml", "--days", "7", "--target", "booking.service_level >= 80%"},
			[]string{"booking on mon-fri:"}},
		// A pool serving two stages: roster.csv gives the pool's rows, which
		// the written scenario reads as the pool's staff.
		{"pool", []string{"../../staffing/testdata/reception_pool_rota.yaml", "--target", "booking.service_level >= 80%", "--target", "follow_up.service_level >= 80%"},
			[]string{"desk on mon-fri:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "rota")
			out, _ := mustRun(t, append([]string{"rota", "-q", "--solver", "fallback", "--out", dir}, tt.args...)...)
			for _, want := range append(tt.want, "every target met", "fallback (gonum simplex + rounding)", "LP bound", "need on duty") {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
			for i, line := range strings.Split(out, "\n") {
				if w := tables.Width(line); w > tables.MaxWidth {
					t.Errorf("line %d is %d columns wide; want <= %d:\n%s", i+1, w, tables.MaxWidth, line)
				}
			}
			for _, f := range []string{"roster.csv", "shifts.csv", "scenario.yaml", "summary.csv", "summary.json", "intervals.csv"} {
				if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
					t.Errorf("--out: %v", err)
				}
			}
			rerun, _ := mustRun(t, "run", filepath.Join(dir, "scenario.yaml"), "-q", "--format", "csv")
			want, err := os.ReadFile(filepath.Join(dir, "summary.csv"))
			if err != nil {
				t.Fatal(err)
			}
			if rerun != string(want) {
				t.Errorf("run on the written scenario differs from the rota's summary.csv:\n%s\nwant\n%s", rerun, want)
			}
			if tt.name == "pool" {
				roster, err := os.ReadFile(filepath.Join(dir, "roster.csv"))
				if err != nil || !strings.Contains(string(roster), "\ndesk,") || strings.Contains(string(roster), "\nbooking,") {
					t.Errorf("roster.csv (%v):\n%s\nwant rows for the pool desk only", err, roster)
				}
			}
		})
	}
}

// TestRotaBadInput checks the command's errors and exit statuses.
func TestRotaBadInput(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		status int
		want   string
	}{
		{"unknown solver", append([]string{"rota", "helpline", "--solver", "gurobi"}, helplineTargets...), 2,
			`rota: --solver: unknown solver (got "gurobi"); valid: auto, cbc, fallback`},
		{"no workforce section", []string{"rota", "callcentre", "--target", "agents.service_level >= 80%"}, 2,
			"rota: callcentre has no workforce section"},
		{"no target", []string{"rota", "helpline"}, 2, "give at least one --target"},
		{"bad gap", append([]string{"rota", "helpline", "--solver-gap", "0.7"}, helplineTargets...), 2,
			"--solver-gap must be at least 0 and below 0.5 (got 0.7)"},
		{"headcount below the requirement", []string{"rota", headcount1(t), "-q", "--solver", "fallback", "--target", "agents.service_level >= 80%"}, 1,
			"h.yaml:54:22: workforce.stages.agents.max_headcount: 1 is below the"},
		{"rounds run out", []string{"rota", "helpline", "-q", "--solver", "fallback", "--max-rounds", "1", "--target", "agents.service_level >= 99%"}, 1,
			"no rota met every target within --max-rounds 1"},
	}
	// A pool's workforce entries, broken.
	pool, err := os.ReadFile("../../staffing/testdata/reception_pool_rota.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, bad := range []struct{ name, file, from, to, want string }{
		{"neither stage nor pool", "front.yaml", "\n    desk:\n", "\n    front:\n",
			`front.yaml:46:5: workforce.stages.front: no stage or pool named "front" in the scenario; valid: pool desk`},
		{"pool hours uncovered", "uncovered.yaml", "starts: 08:00-", "starts: 09:00-",
			"uncovered.yaml:48:9: workforce.stages.desk.patterns: pool desk is staffed on mon in 08:00-09:00 but no pattern's shift works then"},
	} {
		file := filepath.Join(dir, bad.file)
		if err := os.WriteFile(file, []byte(strings.ReplaceAll(string(pool), bad.from, bad.to)), 0o644); err != nil {
			t.Fatal(err)
		}
		tests = append(tests, struct {
			name   string
			args   []string
			status int
			want   string
		}{bad.name, []string{"rota", file, "--target", "booking.service_level >= 80%"}, 2, bad.want})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, status := svcsim(t, t.Context(), tt.args...)
			if status != tt.status || !strings.Contains(errOut, tt.want) {
				t.Errorf("svcsim %s: status %d, stderr %q; want %d and %q", strings.Join(tt.args, " "), status, errOut, tt.status, tt.want)
			}
		})
	}
}

// headcount1 writes the helpline with a headcount limit of 1, which no
// requirement of it fits, and returns the file's path.
func headcount1(t *testing.T) string {
	src, err := scenarios.BuiltinSource("helpline")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "h.yaml")
	if err := os.WriteFile(file, []byte(strings.Replace(string(src), "max_headcount: 60", "max_headcount: 1", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// TestRotaInterrupted checks that an interrupted rota writes nothing.
func TestRotaInterrupted(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "rota")
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	args := append([]string{"rota", "helpline", "-q", "--out", dir}, helplineTargets...)
	_, errOut, status := svcsim(t, ctx, args...)
	if status == 0 || !strings.Contains(errOut, "interrupted") {
		t.Errorf("status %d, stderr %q; want a failure saying interrupted", status, errOut)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("%s exists after an interruption (%v); want nothing written", dir, err)
	}
}

// TestRotaMaxInSystem: --max-in-system bounds every rota the search
// simulates; with a bound every rota reaches, it ends with exit status 1
// and says so.
func TestRotaMaxInSystem(t *testing.T) {
	_, errOut, status := svcsim(t, t.Context(), "rota", "helpline", "--days", "1", "-r", "2", "-q", "--solver", "fallback",
		"--target", "agents.service_level >= 80%", "--max-in-system", "1")
	if status != 1 || !strings.Contains(errOut, "reached the bound on customers in the system") {
		t.Errorf("exit status %d, stderr %q; want 1 and the bound reached", status, errOut)
	}
}
