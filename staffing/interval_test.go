package staffing

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/sim"
)

// TestByIntervalUnstaffed runs the search per interval on the built-in
// clinic, whose call-backs and follow-up work arrive after closing. A
// failure in an interval where the stage has no staff in the scenario
// cannot be reached by staffing: it is left out and named, not a reason
// to fail. A failure in a staffed interval the search cannot fix (here,
// --max-staff 4 too few for 99.5% at noon) still fails it.
func TestByIntervalUnstaffed(t *testing.T) {
	tests := []struct {
		name     string
		stages   []string
		targets  []string
		maxStaff int
		met      bool
		leftOut  []string // at least these
	}{
		{"booking", []string{"booking"}, []string{"booking.service_level >= 80%"}, 0, true,
			[]string{"booking 18:00-19:00"}},
		{"booking and follow_up", []string{"booking", "follow_up"}, []string{"booking.service_level >= 80%", "follow_up.service_level >= 80%"}, 0, true,
			[]string{"booking 18:00-19:00", "follow_up 18:00-19:00"}},
		{"staffed interval fails", []string{"booking"}, []string{"booking.service_level >= 99.5%"}, 4, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if testing.Short() && len(tt.stages) > 1 {
				t.Skip("-short: two stages take seconds")
			}
			sc := mustBuiltin(t, "clinic")
			ts, err := ParseTargets(tt.targets, sc.Model)
			if err != nil {
				t.Fatal(err)
			}
			vary, err := Stages(sc.Model, tt.stages, ts)
			if err != nil {
				t.Fatal(err)
			}
			p := NewProblem(sc.Model, vary, ts)
			o := Options{Options: sim.Options{Replications: sc.Replications, Seed: sc.Seed}, MaxStaff: tt.maxStaff}
			res, err := ByInterval(context.Background(), p, o)
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Unmet == ""; got != tt.met {
				t.Fatalf("met %v; want %v (unmet %q)", got, tt.met, res.Unmet)
			}
			for _, f := range res.Unstaffed {
				if p.Staffed(f.Stage, f.Interval) {
					t.Errorf("left out %s, where %s has staff", p.IntervalName(f.Interval), p.Model.Stages[vary[f.Stage]].Name)
				}
			}
			for _, f := range res.Fails {
				if !p.Staffed(f.Stage, f.Interval) {
					t.Errorf("counted %s as failing, where %s has no staff", p.IntervalName(f.Interval), p.Model.Stages[vary[f.Stage]].Name)
				}
			}
			for _, want := range tt.leftOut {
				if !slices.Contains(res.LeftOut, want) {
					t.Errorf("left out %q; want %s among them", res.LeftOut, want)
				}
				if h := res.Headline(); !strings.Contains(h, want) {
					t.Errorf("headline %q; want it to name %s", h, want)
				}
			}
			if len(res.LeftOut) > 0 && (len(res.Notes) == 0 || !strings.Contains(res.Notes[0], "outside the staffed hours")) {
				t.Errorf("notes %q; want each target failing outside the staffed hours said", res.Notes)
			}
			if !tt.met && (len(res.Fails) == 0 || !strings.Contains(res.Unmet, "--max-staff 4")) {
				t.Errorf("fails %v, unmet %q; want a staffed interval failing and --max-staff named", res.Fails, res.Unmet)
			}
		})
	}
}
