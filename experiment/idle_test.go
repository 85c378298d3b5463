package experiment

import (
	"context"
	"errors"
	"testing"

	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// TestModelRefusesIdle: the model a point runs is checked for opening
// hours once --days is applied: the clinic (open Monday to Friday)
// started on a Saturday measures none of them in two days, and is
// refused before anything runs unless it was read with AllowIdle; a
// third day (a Monday) is enough. Shards refuse it the same way.
func TestModelRefusesIdle(t *testing.T) {
	clinic, err := scenarios.Builtin("clinic")
	if err != nil {
		t.Fatal(err)
	}
	saturday, err := clinic.With([][2]string{{"start", "saturday"}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		days      int
		allowIdle bool
		idle      bool
	}{
		{"two days", 2, false, true},
		{"two days, allowed", 2, true, false},
		{"three days", 3, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := *saturday
			m := *sc.Model
			m.AllowIdle = tt.allowIdle
			sc.Model = &m
			opt := Options{Options: sim.Options{Replications: 1, Seed: 1}, Days: tt.days}
			p := &Point{Scenario: &sc, Name: "clinic"}
			_, err := opt.Model(p)
			if _, ok := errors.AsType[*sim.IdleError](err); ok != tt.idle {
				t.Fatalf("Model: %v; want an *sim.IdleError: %v", err, tt.idle)
			}
			if !tt.idle {
				return
			}
			ran := 0
			opt.Progress = func(name string, n int) {
				if name != "" {
					ran++
				}
			}
			Run(context.Background(), []*Point{p}, opt)
			if _, ok := errors.AsType[*sim.IdleError](p.Err); !ok || p.Results != nil || ran != 0 {
				t.Errorf("Run: Err %v, results %v, %d progress calls; want the *sim.IdleError and nothing run", p.Err, p.Results != nil, ran)
			}
			p.Err = nil
			if sh := NewShard([]*Point{p}, opt, 0, 1, "run", nil); sh.Units() != 0 || sh.part.Points[0].Err == "" {
				t.Errorf("NewShard: %d units, error %q; want none and the point failed", sh.Units(), sh.part.Points[0].Err)
			}
		})
	}
}
