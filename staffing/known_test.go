package staffing

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/rota"
	"github.com/svcsim/svcsim/sim"
)

// TestUnknownKPIIsNotMet: a target whose KPI no customer reaches (NaN,
// shown n/a) is met by no staffing, in every search. Each scenario has a
// stage nobody is routed to, so its wait is n/a however it is staffed.
func TestUnknownKPIIsNotMet(t *testing.T) {
	// oneStage with a second stage b that no channel routes to.
	unreached := oneStage + "  - {name: b, staff: 1, service: exponential(1m), target: 1m}\n"
	o := Options{Options: sim.Options{Replications: 2, Seed: 1}, MaxEvaluations: 20}
	t.Run("uniform", func(t *testing.T) {
		res, err := Cheapest(context.Background(), stageProblem(t, unreached, "b.wait.mean <= 1m"), o)
		if err != nil {
			t.Fatal(err)
		}
		if res.Found || !strings.Contains(res.Failure, "b.wait.mean <= 1m not met") {
			t.Errorf("found %v, failure %q; want b.wait.mean <= 1m not met", res.Found, res.Failure)
		}
	})
	t.Run("by interval", func(t *testing.T) {
		res, err := ByInterval(context.Background(), stageProblem(t, unreached, "b.wait.mean <= 1m"), o)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(res.Whole, 0) || !strings.Contains(res.Unmet, "b.wait.mean <= 1m not met") {
			t.Errorf("whole %v, unmet %q; want b.wait.mean <= 1m failing over the whole run", res.Whole, res.Unmet)
		}
	})
	t.Run("pool", func(t *testing.T) {
		src := strings.Replace(twoStagePool, "  - {name: cb, rates: {00:00-24:00: 24/h}, route: [b]}\n", "", 1)
		res, err := CheapestPool(context.Background(), poolProblem(t, src, "b.wait.mean <= 1m"), o)
		if err != nil {
			t.Fatal(err)
		}
		if res.Found || !strings.Contains(res.Failure, "b.wait.mean <= 1m not met") {
			t.Errorf("found %v, failure %q; want b.wait.mean <= 1m not met", res.Found, res.Failure)
		}
	})
	t.Run("rota", func(t *testing.T) {
		// The pool's rota reaches follow_up's service level in every
		// interval; with nobody routed there it has no value anywhere.
		sc := mustLoad(t, "testdata/reception_pool_rota.yaml")
		m := *sc.Model
		m.Days = 1
		ts, err := ParseTargets([]string{"booking.service_level >= 50%", "follow_up.service_level >= 80%"}, &m)
		if err != nil {
			t.Fatal(err)
		}
		m.Channels = slices.Clone(m.Channels)
		ch := m.Channels[0]
		ch.Route = slices.DeleteFunc(slices.Clone(ch.Route), func(s sim.Step) bool { return m.Stages[s.Stage].Name == "follow_up" })
		m.Channels[0] = ch
		ro := RotaOptions{Options: o, Solver: rota.Fallback, MaxRounds: 2, FreshSeeds: 1}
		res, err := Rota(context.Background(), &m, sc.Workforce, ts, ro)
		if err != nil {
			t.Fatal(err)
		}
		if res.Met || res.Checks[1].Met || res.Checks[1].Verdict() != "no" {
			t.Errorf("met %v, follow_up check %+v; want follow_up.service_level not met", res.Met, res.Checks[1])
		}
	})
}
