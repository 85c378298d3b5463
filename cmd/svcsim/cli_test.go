package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/tables"
)

// svcsim runs the command line args and returns what it printed and its
// exit status.
func svcsim(t *testing.T, ctx context.Context, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(ctx, args, &out, &errOut)
	return out.String(), errOut.String(), code(err)
}

func TestHelp(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"--help", []string{"--help"}, "Commands:"},
		{"-h", []string{"-h"}, "Commands:"},
		{"help", []string{"help"}, "Commands:"},
		{"help run", []string{"help", "run"}, "Usage: svcsim run"},
	}
	for _, c := range commands {
		tests = append(tests,
			struct {
				name string
				args []string
				want string
			}{c.Name + " --help", []string{c.Name, "--help"}, "Usage: svcsim " + c.Name},
			struct {
				name string
				args []string
				want string
			}{c.Name + " -h", []string{c.Name, "-h"}, "Usage: svcsim " + c.Name})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, status := svcsim(t, t.Context(), tt.args...)
			if status != 0 {
				t.Fatalf("exit status %d; want 0 (stderr %q)", status, errOut)
			}
			if !strings.Contains(out, tt.want) {
				t.Errorf("stdout lacks %q:\n%s", tt.want, out)
			}
			if !strings.Contains(out, "Example:") {
				t.Errorf("stdout lacks an example:\n%s", out)
			}
			// The texts in help/ are formats: a verb without its value
			// shows as %!.
			if strings.Contains(out, "%!") {
				t.Errorf("the help text and its values disagree:\n%s", out)
			}
		})
	}
}

func TestHelpListsEveryCommand(t *testing.T) {
	out, _, _ := svcsim(t, t.Context(), "help")
	for _, c := range commands {
		if !strings.Contains(out, "  "+c.Name+" ") {
			t.Errorf("help does not list %q:\n%s", c.Name, out)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string // on stderr
	}{
		{"no command", nil, "no command"},
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"help for unknown command", []string{"help", "frobnicate"}, `unknown command "frobnicate"`},
		{"unknown flag", []string{"run", "--frobnicate"}, "unknown flag: --frobnicate"},
		{"unknown shorthand", []string{"run", "-x"}, "unknown shorthand flag"},
		{"bad flag value", []string{"run", "--replications", "many"}, `--replications: not a whole number (got "many"); valid: a whole number from 1 to 100000`},
		{"zero replications", []string{"run", "-r", "0"}, `--replications: out of range (got "0"); valid: a whole number from 1 to 100000`},
		{"a billion replications", []string{"run", "-r", "1000000000"}, `--replications: out of range (got "1000000000"); valid: a whole number from 1 to 100000`},
		{"zero jobs", []string{"run", "-j", "0"}, `--jobs: out of range (got "0"); valid: a whole number from 1 to 1024`},
		{"a million jobs", []string{"run", "-j", "1000000"}, "--jobs: out of range (got \"1000000\"); valid: a whole number from 1 to 1024"},
		{"zero days", []string{"run", "--days", "0"}, `--days: out of range (got "0"); valid: a whole number from 1 to 3660`},
		{"a million days", []string{"run", "--days", "1000000"}, "--days: out of range (got \"1000000\"); valid: a whole number from 1 to 3660"},
		{"no room in the system", []string{"run", "--max-in-system", "0"}, `--max-in-system: out of range (got "0"); valid: a whole number from 1 to 10000000`},
		{"batch replications", []string{"batch", "--out", "x", "-r", "100000000", "clinic"}, "batch: --replications: out of range (got \"100000000\"); valid: a whole number from 1 to 100000"},
		{"sweep days", []string{"sweep", "-r", "5", "--days", "-1", "clinic"}, `sweep: --days: out of range (got "-1"); valid: a whole number from 1 to 3660`},
		{"compare max replications", []string{"compare", "--max-replications", "1000000000", "clinic"}, "--max-replications: out of range (got \"1000000000\"); valid: a whole number from 2 to 100000"},
		{"staff max staff", []string{"staff", "--max-staff", "-3", "clinic"}, `--max-staff: out of range (got "-3"); valid: a whole number from 1 to 100000`},
		{"staff max evaluations", []string{"staff", "--max-evaluations", "0", "clinic"}, `--max-evaluations: out of range (got "0"); valid: a whole number from 1 to 100000`},
		{"plan replications", []string{"plan", "-r", "1000000000", "clinic"}, "plan: --replications: out of range (got \"1000000000\"); valid: a whole number from 1 to 100000"},
		{"sweep grid", []string{"sweep", "clinic", "--vary", "days=1..1000", "--vary", "stages.booking.staff=1..1000"}, "more than 100000 grid points"},
		{"plan grid", []string{"plan", "clinic", "--vary", "days=1..1000", "--vary", "stages.booking.staff=1..1000"}, "more than 100000 grid points"},
		{"plan bad grid value", []string{"plan", "clinic", "--vary", "days=1,0"}, "days: out of range (got 0)"},
		{"bad format", []string{"run", "--format", "xml"}, `--format: unknown format (got "xml"); valid: table, json, csv`},
		{"two scenarios", []string{"run", "a", "b"}, "at most one scenario"},
		{"unknown builtin", []string{"run", "no-such-scenario"}, scenarios.DefaultBuiltin},
		{"validate nothing", []string{"validate"}, "give scenario files (got none"},
		{"show unknown", []string{"scenarios", "show", "no-such-scenario"}, scenarios.DefaultBuiltin},
		{"show nothing", []string{"scenarios", "show"}, "expected one scenario name"},
		{"scenarios extra", []string{"scenarios", "list"}, `unexpected argument "list"`},
		{"version extra", []string{"version", "now"}, "give no arguments (got 1: now"},
		{"empty pool", []string{"staff", "--pool", "", "--target", "desk.service_level >= 80%", "reception"}, `staff: --pool: empty value (got ""); valid: a value, or leave the flag out`},
		{"empty out", []string{"rota", "--out=", "--target", "agents.service_level >= 80%", "helpline"}, `rota: --out: empty value`},
		{"empty solver and paper", []string{"rota", "--solver", "", "--paper", "", "helpline"}, `--solver, --paper: empty value`},
		{"empty addr", []string{"serve", "--addr", ""}, `serve: --addr: empty value`},
		// --days that leave no time after the warm-up, in every command
		// that takes --days (aftersales warms up for 7 days).
		{"run days in warm-up", []string{"run", "aftersales", "--days", "7"}, "run: --days 7 leaves no time after the warm-up of 7 days; valid: --days 8 or more"},
		{"compare days in warm-up", []string{"compare", "aftersales", "--days", "5", "-r", "2"}, "compare: aftersales: --days 5 leaves no time after the warm-up"},
		{"staff days in warm-up", []string{"staff", "aftersales", "--days", "7", "--target", "nps >= 0"}, "staff: --days 7 leaves no time after the warm-up"},
		{"sweep days in warm-up", []string{"sweep", "aftersales", "--days", "7", "-r", "2", "--vary", "stages.booking.staff=2,3"}, "--days 7 leaves no time after the warm-up"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, status := svcsim(t, t.Context(), tt.args...)
			if status != 2 {
				t.Errorf("exit status %d; want 2", status)
			}
			if !strings.Contains(errOut, "svcsim: ") || !strings.Contains(errOut, tt.want) {
				t.Errorf("stderr = %q; want an svcsim: line containing %q", errOut, tt.want)
			}
			if tt.args != nil && out != "" {
				t.Errorf("stdout = %q; want nothing", out)
			}
		})
	}
}

func TestScenariosList(t *testing.T) {
	out, errOut, status := svcsim(t, t.Context(), "scenarios")
	if status != 0 {
		t.Fatalf("exit status %d; want 0 (stderr %q)", status, errOut)
	}
	// A built-in's line starts with its name; a title too long for 80
	// columns goes on on indented lines.
	var entries []string
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if tables.Width(line) > 80 {
			t.Errorf("line %q is wider than 80 columns", line)
		}
		if strings.HasPrefix(line, " ") && len(entries) > 0 {
			entries[len(entries)-1] += " " + strings.TrimSpace(line)
			continue
		}
		entries = append(entries, line)
	}
	infos := scenarios.Builtins()
	if len(entries) != len(infos) {
		t.Fatalf("got %d entries; want one per built-in (%d):\n%s", len(entries), len(infos), out)
	}
	for i, b := range infos {
		if f := strings.Fields(entries[i]); len(f) == 0 || f[0] != b.Name || !strings.HasSuffix(entries[i], b.Title) {
			t.Errorf("entry %d = %q; want %q with title %q", i, entries[i], b.Name, b.Title)
		}
	}
}

func TestScenariosShow(t *testing.T) {
	out, errOut, status := svcsim(t, t.Context(), "scenarios", "show", scenarios.DefaultBuiltin)
	if status != 0 {
		t.Fatalf("exit status %d; want 0 (stderr %q)", status, errOut)
	}
	want, err := scenarios.BuiltinSource(scenarios.DefaultBuiltin)
	if err != nil {
		t.Fatal(err)
	}
	if out != string(want) {
		t.Errorf("scenarios show %s is not the built-in's source verbatim", scenarios.DefaultBuiltin)
	}
}

func TestVersion(t *testing.T) {
	out, errOut, status := svcsim(t, t.Context(), "version")
	if status != 0 {
		t.Fatalf("exit status %d; want 0 (stderr %q)", status, errOut)
	}
	if !strings.HasPrefix(out, "svcsim ") || !strings.Contains(out, " go1.") {
		t.Errorf("version printed %q; want svcsim VERSION goX.Y ...", out)
	}
}
