package staffing

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/svcsim/svcsim/rota"
	"github.com/svcsim/svcsim/sim"
)

// TestSearchRefusesIdle: every search refuses, before simulating
// anything, a model whose runs measure none of its opening hours — the
// helpline (open Monday to Friday) over a Saturday and a Sunday, the
// pooled desks open on Sundays only over Monday to Wednesday — even
// with AllowIdle, as no staffing meets a target on n/a figures.
func TestSearchRefusesIdle(t *testing.T) {
	helpline := func(t *testing.T, allow bool) (*sim.Model, []Target) {
		sc := mustBuiltin(t, "helpline")
		m := *sc.Model
		m.Days, m.StartDay, m.AllowIdle = 2, time.Saturday, allow
		ts, err := ParseTargets([]string{"agents.service_level >= 80%"}, &m)
		if err != nil {
			t.Fatal(err)
		}
		return &m, ts
	}
	tests := []struct {
		name   string
		search func(t *testing.T, allow bool, o Options) error
	}{
		{"Cheapest", func(t *testing.T, allow bool, o Options) error {
			m, ts := helpline(t, allow)
			vary, err := Stages(m, nil, ts)
			if err != nil {
				t.Fatal(err)
			}
			_, err = Cheapest(context.Background(), NewProblem(m, vary, ts), o)
			return err
		}},
		{"ByInterval", func(t *testing.T, allow bool, o Options) error {
			m, ts := helpline(t, allow)
			vary, err := Stages(m, nil, ts)
			if err != nil {
				t.Fatal(err)
			}
			_, err = ByInterval(context.Background(), NewProblem(m, vary, ts), o)
			return err
		}},
		{"Rota", func(t *testing.T, allow bool, o Options) error {
			m, ts := helpline(t, allow)
			_, err := Rota(context.Background(), m, mustBuiltin(t, "helpline").Workforce, ts, RotaOptions{Options: o, Solver: rota.Fallback})
			return err
		}},
		{"CheapestPool", func(t *testing.T, allow bool, o Options) error {
			p := poolProblem(t, strings.Replace(twoStagePool, "open: 00:00-24:00", "open: {sun: 00:00-24:00}", 1), "a.wait.mean <= 1m")
			p.Model.AllowIdle = allow
			_, err := CheapestPool(context.Background(), p, o)
			return err
		}},
	}
	for _, tt := range tests {
		for _, allow := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s, AllowIdle %v", tt.name, allow), func(t *testing.T) {
				started := 0
				o := Options{Options: sim.Options{Replications: 2, Seed: 1}}
				o.Start = func(string, int) (func(int, int), func()) { started++; return nil, func() {} }
				err := tt.search(t, allow, o)
				e, ok := errors.AsType[*sim.IdleError](err)
				if !ok || !e.Search {
					t.Fatalf("got %v; want a search's *sim.IdleError", err)
				}
				if started != 0 {
					t.Errorf("%d staffings simulated before the refusal; want 0", started)
				}
			})
		}
	}
}
