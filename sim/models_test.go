package sim

// Models for tests: stationary queues open around the clock, so the
// analytical steady-state results apply after the warm-up.

func allDay(v float64) [7][]Segment {
	var w [7][]Segment
	for d := range w {
		w[d] = []Segment{{From: 0, To: MinutesPerDay, Value: v}}
	}
	return w
}

func allWeek() [7]Window {
	var w [7]Window
	for d := range w {
		w[d] = Window{From: 0, To: MinutesPerDay}
	}
	return w
}

// stationStage is a stage with c staff around the clock.
func stationStage(name string, service Dist, c int) Stage {
	return Stage{
		Name:    name,
		Service: service,
		Target:  1,
		Groups:  []Group{{Name: "staff", Speed: 1, Staff: allDay(float64(c))}},
	}
}

// mmc is an M/M/c queue: arrival rate lam and service rate mu per minute.
func mmc(lam, mu float64, c, days int, warmup float64) *Model {
	return &Model{
		Name:     "mmc",
		Days:     days,
		Warmup:   warmup,
		Interval: 60,
		Open:     allWeek(),
		Channels: []Channel{{Name: "in", Rates: allDay(lam), Route: []Step{{Stage: 0, Prob: 1}}}},
		Stages:   []Stage{stationStage("queue", Exponential{M: 1 / mu}, c)},
	}
}
