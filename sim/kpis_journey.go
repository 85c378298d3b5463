package sim

// journeyDef defines a whole-journey KPI: its full name, label, unit and
// value in one replication (days: the measured open days).
type journeyDef struct {
	name, label string
	unit        Unit
	value       func(j *JourneyStats, days float64) float64
}

// journeyKPIs are the whole-journey KPIs, in report order.
var journeyKPIs = []journeyDef{
	{"journey.customers", "customers", PerDay, func(j *JourneyStats, days float64) float64 { return float64(j.Started) / days }},
	{"journey.time.mean", "mean time in the process", Minutes, func(j *JourneyStats, _ float64) float64 { return ratio(j.TimeSum, float64(j.Completed)) }},
	{"journey.time.p90", "90th percentile time in the process", Minutes, func(j *JourneyStats, _ float64) float64 { return j.TimeP90 }},
	{"journey.completed", "completed their journey", PerDay, func(j *JourneyStats, days float64) float64 { return float64(j.Completed) / days }},
	{"journey.lost", "lost (gave up or sent away)", Share, func(j *JourneyStats, _ float64) float64 { return ratio(float64(j.Lost), float64(j.Started)) }},
}
