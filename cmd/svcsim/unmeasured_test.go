package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/sim"
)

// TestUnmeasuredDays: a scenario open only on days the run does not
// measure — Sundays, in a one-day run from a Monday; opening hours that
// end before the warm-up does — is refused by every simulating command
// with the library's *sim.IdleError, which says what the run measures
// and what would measure it, instead of printing n/a everywhere; validate,
// which sees only the file's own days, warns of it. More --days fixes
// it; --allow-idle runs it as a what-if, with a warning, except for the
// staffing searches, which refuse it either way.
func TestUnmeasuredDays(t *testing.T) {
	t.Parallel()
	tiny := strings.Replace(tinyScenario, "warmup: 1d\n", "", 1)
	sunday := writeFile(t, "sunday.yaml", strings.Replace(strings.Replace(tiny, "days: 2", "days: 1", 1), "open: 09:00-12:00", "open: {sun: 09:00-12:00}", 1))
	late := writeFile(t, "late.yaml", strings.Replace(tiny, "days: 2", "days: 1\nwarmup: 12h", 1))
	week := writeFile(t, "week.yaml", tiny)
	week2 := writeFile(t, "week2.yaml", tiny)
	const (
		mondayOnly = "the run measures only day 1, a Monday (days: 1, no warm-up), and the scenario is closed on it (open: Sun 09:00-12:00); valid: more days (--days 7 or more), another start day (start: sunday), or --allow-idle"
		afterNoon  = "the run measures only day 1, a Monday, from 12:00 (days: 1, warm-up 12h), and the scenario is open during none of it (open: every day 09:00-12:00); valid: more days (--days 2 or more), a shorter warm-up, or --allow-idle"
		search     = "a staffing search needs measured opening hours to meet its targets, but the run measures only day 1"
		whatIf     = "warning: the run measured no opening hours"
		target     = "booking.service_level >= 80%"
	)
	tests := []struct {
		name string
		args []string
		want string // in stderr
		idle bool   // refused with an *sim.IdleError; else it runs
	}{
		{"run", []string{"run", "-r", "2", sunday}, mondayOnly, true},
		{"run, a warm-up past closing", []string{"run", "-r", "2", late}, afterNoon, true},
		{"run --days 7", []string{"run", "-q", "-r", "2", "--days", "7", sunday}, "", false},
		{"run --allow-idle", []string{"run", "-r", "2", "--allow-idle", sunday}, whatIf, false},
		{"validate", []string{"validate", sunday}, "sunday.yaml: a run refuses it as it stands: " + mondayOnly, false},
		{"compare", []string{"compare", "-q", "-r", "2", week, sunday}, mondayOnly, true},
		{"compare --days 1", []string{"compare", "-q", "-r", "2", "--days", "1", week, week2}, "", false},
		{"sweep", []string{"sweep", "-q", "-r", "2", "--vary", "stages.booking.staff=1,2", sunday}, mondayOnly, true},
		{"sweep --allow-idle", []string{"sweep", "-r", "2", "--allow-idle", "--vary", "stages.booking.staff=1,2", sunday}, "the run measured no opening hours", false},
		{"staff", []string{"staff", "-q", "-r", "2", "--target", target, sunday}, search, true},
		{"staff --allow-idle", []string{"staff", "-q", "-r", "2", "--allow-idle", "--target", target, sunday}, search, true},
		{"staff --by-interval", []string{"staff", "-q", "-r", "2", "--by-interval", "--target", target, sunday}, search, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(t.Context(), tt.args, &stdout, &stderr)
			_, idle := errors.AsType[*sim.IdleError](err)
			switch {
			case idle != tt.idle:
				t.Errorf("error %v; want an *sim.IdleError: %v", err, tt.idle)
			case !tt.idle && err != nil:
				t.Errorf("error %v; want none", err)
			case tt.idle && code(err) != 2:
				t.Errorf("exit status %d; want 2", code(err))
			}
			if !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("stderr %q; want %q", stderr.String(), tt.want)
			}
		})
	}

	// A batch runs on past a file that fails, and records why in the
	// manifest of its results.
	out := filepath.Join(t.TempDir(), "out")
	if _, _, status := svcsim(t, t.Context(), "batch", "-q", "-r", "2", "--out", out, sunday, week); status != 1 {
		t.Errorf("batch: exit status %d; want 1 (one of two scenarios did not run)", status)
	}
	manifest, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(manifest), "the run measures only day 1, a Monday") {
		t.Errorf("batch: manifest.json does not say why sunday.yaml did not run:\n%s", manifest)
	}
}
