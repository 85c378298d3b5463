package sim

import (
	"context"
	"testing"
)

// threeStage is booking (with abandonment) → service → follow-up (40%),
// all open around the clock, at loads near 0.85.
func threeStage(days int) *Model {
	m := &Model{
		Name:     "three-stage",
		Days:     days,
		Interval: 60,
		Open:     allWeek(),
		Channels: []Channel{{Name: "phone", Rates: allDay(9), Route: []Step{
			{Stage: 0, Prob: 1}, {Stage: 1, Prob: 1}, {Stage: 2, Prob: 0.4},
		}}},
		Stages: []Stage{
			stationStage("booking", Exponential{M: 1}, 10),
			stationStage("service", Exponential{M: 2}, 20),
			stationStage("followup", Exponential{M: 2}, 9),
		},
	}
	m.Stages[0].Patience = Exponential{M: 2}
	return m
}

// benchModel runs one replication of m per iteration on one worker, through
// Run (the path `svcsim run` takes), and reports customers per second.
func benchModel(b *testing.B, m *Model) {
	b.ReportAllocs()
	var customers int64
	for b.Loop() {
		r, err := Run(context.Background(), m, Options{Replications: 1, Workers: 1, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		customers += r.Reps[0].Journey.Started
	}
	b.ReportMetric(float64(customers)/b.Elapsed().Seconds(), "customers/s")
	b.ReportMetric(float64(customers)/float64(b.N), "customers/op")
}

// M/M/10 at utilisation 0.9: 9 arrivals a minute, 12,960 a day.
func BenchmarkMMc(b *testing.B) {
	for _, tier := range []struct {
		name string
		days int
	}{{"1e5", 8}, {"1e6", 77}, {"1e7", 772}} {
		b.Run(tier.name, func(b *testing.B) { benchModel(b, mmc(9, 1, 10, tier.days, 0)) })
	}
}

func BenchmarkThreeStage(b *testing.B) {
	for _, tier := range []struct {
		name string
		days int
	}{{"1e5", 8}, {"1e6", 77}} {
		b.Run(tier.name, func(b *testing.B) { benchModel(b, threeStage(tier.days)) })
	}
}
