package sim_test

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// The two reference models of the engine's speed, as scenario files: M1 is
// M/M/10 at utilisation 0.9 (9 arrivals a minute, about 1,000,000
// customers in 77 days); M2 is booking (3 agents, exponential patience)
// -> service (8) -> 40% follow-up (2), 0.3 arrivals a minute, about
// 500,000 customers in 1157 days. Both are open around the clock, one
// replication, no satisfaction model and no warm-up.
const (
	referenceM1 = `name: m1
days: 77
replications: 1
seed: 42
interval: 60m
open: 00:00-24:00
channels:
  - name: phone
    rates: 9/min
    route: [server]
stages:
  - name: server
    service: exponential(1m)
    target: 20s
    staff: 10
`
	referenceM2 = `name: m2
days: 1157
replications: 1
seed: 42
interval: 60m
open: 00:00-24:00
channels:
  - name: phone
    rates: 0.3/min
    route:
      - booking
      - service
      - {stage: follow_up, probability: 0.4}
stages:
  - name: booking
    service: exponential(2m)
    patience: exponential(5m)
    target: 20s
    staff: 3
  - name: service
    service: exponential(25m)
    target: 30m
    staff: 8
  - name: follow_up
    service: exponential(6m)
    target: 1m
    staff: 2
`
)

// BenchmarkReference runs the reference models as svcsim run does (the
// scenario parsed once, then sim.Run with one worker), one replication per
// iteration, and reports customers and events per second and the
// allocations.
func BenchmarkReference(b *testing.B) {
	for _, ref := range []struct{ name, src string }{{"M1", referenceM1}, {"M2", referenceM2}} {
		b.Run(ref.name, func(b *testing.B) {
			file := ref.name + ".yaml"
			sc, err := scenarios.Parse(fstest.MapFS{file: {Data: []byte(ref.src)}}, file, []byte(ref.src))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			var customers, events int64
			for b.Loop() {
				r, err := sim.Run(context.Background(), sc.Model, sim.Options{Replications: 1, Workers: 1, Seed: sc.Seed})
				if err != nil {
					b.Fatal(err)
				}
				customers += r.Reps[0].Journey.Started
				events += r.Events
			}
			b.ReportMetric(float64(customers)/b.Elapsed().Seconds(), "customers/s")
			b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

// BenchmarkBuiltins runs each built-in scenario (appointments, satisfaction,
// schedules, several groups: the general path) for its own days, one
// replication per iteration on one worker, and reports customers per
// second.
func BenchmarkBuiltins(b *testing.B) {
	for _, info := range scenarios.Builtins() {
		b.Run(info.Name, func(b *testing.B) {
			sc, err := scenarios.Builtin(info.Name)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			var customers int64
			for b.Loop() {
				r, err := sim.Run(context.Background(), sc.Model, sim.Options{Replications: 1, Workers: 1, Seed: sc.Seed})
				if err != nil {
					b.Fatal(err)
				}
				customers += r.Reps[0].Journey.Started
			}
			b.ReportMetric(float64(customers)/b.Elapsed().Seconds(), "customers/s")
		})
	}
}
