package staffing

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/rota"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// TestStagesConstrained checks which stages a search varies by default
// (those a target constrains) and which varied stages Unconstrained
// names: the clinic's consultation, with targets only on booking and
// follow_up, was cut from 6 doctors to 1 with no word.
func TestStagesConstrained(t *testing.T) {
	sc := mustBuiltin(t, "clinic")
	m := sc.Model
	tests := []struct {
		name    string
		targets []string
		stages  []string // --stage
		vary    []string
		free    []string // stages Unconstrained names
		err     string
	}{
		{"targets on two stages", []string{"follow_up.service_level >= 80%", "booking.service_level >= 80%"}, nil,
			[]string{"booking", "follow_up"}, nil, ""},
		{"a lead time is consultation's", []string{"consultation.lead.p90 <= 1d"}, nil, []string{"consultation"}, nil, ""},
		{"a channel's wait at a stage", []string{"channel.web.consultation.wait.mean <= 1h"}, nil, []string{"consultation"}, nil, ""},
		{"a whole-process target holds every stage", []string{"nps >= 20"}, nil, []string{"booking", "consultation", "follow_up"}, nil, ""},
		{"named stage without a target", []string{"booking.service_level >= 80%"}, []string{"booking", "consultation"},
			[]string{"booking", "consultation"}, []string{"consultation"}, ""},
		{"no target", nil, nil, nil, nil, "no target constrains a stage with a single staff group"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts, err := ParseTargets(tt.targets, m)
			if err != nil {
				t.Fatal(err)
			}
			vary, err := Stages(m, tt.stages, ts)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("got %v; want an error containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, si := range vary {
				got = append(got, m.Stages[si].Name)
			}
			if !slices.Equal(got, tt.vary) {
				t.Errorf("varied %v; want %v", got, tt.vary)
			}
			notes := NewProblem(m, vary, ts).Unconstrained()
			if len(notes) != len(tt.free) {
				t.Fatalf("got notes %q; want one for each of %v", notes, tt.free)
			}
			for i, name := range tt.free {
				if want := "no target constrains stage " + name + ","; !strings.Contains(notes[i], want) || !strings.Contains(notes[i], "--stage") {
					t.Errorf("note %q; want it to contain %q and say how to keep it", notes[i], want)
				}
			}
		})
	}
}

// TestRotaUnconstrainedStage checks that a rota says which of its
// workforce stages no target constrains: the clinic's booking desk, with
// a target only on follow_up, is sized only to keep up with its work.
func TestRotaUnconstrainedStage(t *testing.T) {
	c := rotaCase{"clinic", func(t *testing.T) *scenarios.Scenario { return mustLoad(t, "testdata/clinic_rota.yaml") }, 7,
		[]string{"follow_up.service_level >= 10%"}, 0}
	sc, m, ts := c.setup(t)
	o := RotaOptions{Options: Options{Options: sim.Options{Replications: 2, Seed: sc.Seed}}, Solver: rota.Fallback, MaxRounds: 1}
	res, err := Rota(context.Background(), m, sc.Workforce, ts, o)
	if err != nil {
		t.Fatal(err)
	}
	want := "no target constrains stage booking, so its rota only keeps up with its work"
	if !slices.ContainsFunc(res.Messages, func(msg string) bool { return strings.HasPrefix(msg, want) }) {
		t.Errorf("messages %q; want one starting %q", res.Messages, want)
	}
}
