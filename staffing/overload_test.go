package staffing

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/rota"
	"github.com/svcsim/svcsim/sim"
)

// withBound is p with its model's MaxInSystem set to bound.
func withBound(m *sim.Model, bound int) *sim.Model {
	c := *m
	c.MaxInSystem = bound
	return &c
}

// TestSearchesOverloaded: a staffing whose simulation reaches the bound
// on customers in the system fails its targets without ending the
// search. With a bound of 1 every staffing reaches it (a second customer
// arrives while the first is served), so each search ends in an error
// that says so. With a bound of 8, one person (the Erlang start for a
// loose target: 0.8 erlangs) reaches it, since an M/M/1 queue at 80%
// holds 8 or more a share 0.8^8 = 17% of the time, and the search goes
// on to a staffing that does not.
func TestSearchesOverloaded(t *testing.T) {
	const target = "a.wait.mean <= 1h"
	type outcome struct {
		staff []int // nil on an error; by interval, the busiest one's
		err   error
	}
	searches := []struct {
		name string
		run  func(bound int, o Options) outcome
	}{
		{"uniform", func(bound int, o Options) outcome {
			p := stageProblem(t, oneStage, target)
			p.Model = withBound(p.Model, bound)
			res, err := Cheapest(context.Background(), p, o)
			if err != nil {
				return outcome{err: err}
			}
			if !res.Found {
				t.Fatalf("found nothing: %s", res.Failure)
			}
			return outcome{staff: res.Staff}
		}},
		{"by interval", func(bound int, o Options) outcome {
			p := stageProblem(t, oneStage, target)
			p.Model = withBound(p.Model, bound)
			res, err := ByInterval(context.Background(), p, o)
			if err != nil {
				return outcome{err: err}
			}
			if res.Unmet != "" {
				t.Fatalf("found nothing: %s", res.Unmet)
			}
			return outcome{staff: []int{slices.Max(res.Staff[0])}} // the busiest interval
		}},
		{"pool", func(bound int, o Options) outcome {
			p := poolProblem(t, twoStagePool, target, "b.wait.mean <= 1h")
			p.Model = withBound(p.Model, bound)
			res, err := CheapestPool(context.Background(), p, o)
			if err != nil {
				return outcome{err: err}
			}
			if !res.Found {
				t.Fatalf("found nothing: %s", res.Failure)
			}
			return outcome{staff: res.Staff}
		}},
	}
	for _, sr := range searches {
		t.Run(sr.name+"/every staffing", func(t *testing.T) {
			got := sr.run(1, Options{Options: sim.Options{Replications: 2, Seed: 1}})
			if _, ok := errors.AsType[*sim.CapacityError](got.err); !ok || !strings.Contains(got.err.Error(), "reached the bound on customers in the system") {
				t.Fatalf("staff %v, error %v; want an error saying every staffing reached the bound", got.staff, got.err)
			}
		})
		t.Run(sr.name+"/understaffed start", func(t *testing.T) {
			var log []string
			o := Options{Options: sim.Options{Replications: 2, Seed: 1}}
			o.Log = func(msg string) { log = append(log, msg) }
			got := sr.run(8, o)
			if got.err != nil {
				t.Fatal(got.err)
			}
			if !slices.ContainsFunc(log, func(s string) bool { return strings.Contains(s, "the queues grow without end") }) {
				t.Errorf("log %q; want the start to reach the bound", log)
			}
			if got.staff[0] < 2 {
				t.Errorf("staff %v; want at least 2, above the start that reached the bound", got.staff)
			}
		})
	}
	t.Run("rota/every staffing", func(t *testing.T) {
		sc := mustLoad(t, "testdata/reception_pool_rota.yaml")
		m := withBound(sc.Model, 1)
		m.Days = 1
		ts, err := ParseTargets([]string{"booking.service_level >= 50%"}, m)
		if err != nil {
			t.Fatal(err)
		}
		ro := RotaOptions{Options: Options{Options: sim.Options{Replications: 2, Seed: 1}}, Solver: rota.Fallback, MaxRounds: 10}
		res, err := Rota(context.Background(), m, sc.Workforce, ts, ro)
		if _, ok := errors.AsType[*sim.CapacityError](err); !ok {
			t.Fatalf("result %v, error %v; want an error saying every rota reached the bound", res, err)
		}
	})
}
