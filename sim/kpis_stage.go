package sim

import "math"

// kpiDef defines a stage KPI: its measure name (after "STAGE."), label,
// unit and value in one replication (days: the measured open days).
type kpiDef struct {
	name, label string
	unit        Unit
	value       func(st *StageStats, days float64) float64
}

// ratio is a / b, NaN (undefined) when b is 0.
func ratio(a, b float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return a / b
}

// stageKPIs lists the KPIs of stage s of m, in report order: waits and
// service levels, losses, appointments, rework, staff groups, workload,
// then outcomes.
func stageKPIs(m *Model, s *Stage) []kpiDef {
	defs := waitKPIs(s)
	defs = append(defs, lossKPIs(m, s)...)
	if b := s.Book; b != nil {
		defs = append(defs, bookKPIs(b)...)
	}
	if s.hasRework() {
		defs = append(defs, reworkKPIs(s)...)
	}
	if len(s.Groups) > 1 {
		for gi, g := range s.Groups {
			defs = append(defs, kpiDef{"group." + g.Name + ".utilisation", g.Name + " utilisation", Share,
				func(st *StageStats, _ float64) float64 { return ratio(st.Groups[gi].Busy, st.Groups[gi].Present) }})
		}
	}
	defs = append(defs, workKPIs...)
	return append(defs, outcomeKPIs(s)...)
}

// waitKPIs are a stage's arrivals, waits and service levels.
func waitKPIs(s *Stage) []kpiDef {
	defs := []kpiDef{
		{"arrivals", "arrivals", PerDay, func(st *StageStats, days float64) float64 { return float64(st.Arrived) / days }},
		{"wait.mean", "mean wait (served)", Minutes, func(st *StageStats, _ float64) float64 { return ratio(st.WaitSum, float64(st.Served)) }},
		{"wait.mean_all", "mean wait (all arrivals)", Minutes, func(st *StageStats, _ float64) float64 { return waitAll(st) }},
		{"wait.p50", "median wait", Minutes, func(st *StageStats, _ float64) float64 { return st.WaitP50 }},
		{"wait.p90", "90th percentile wait", Minutes, func(st *StageStats, _ float64) float64 { return st.WaitP90 }},
		{"wait.p95", "95th percentile wait", Minutes, func(st *StageStats, _ float64) float64 { return st.WaitP95 }},
		{"wait.p99", "99th percentile wait", Minutes, func(st *StageStats, _ float64) float64 { return st.WaitP99 }},
		{"wait.max", "longest wait", Minutes, func(st *StageStats, _ float64) float64 {
			if st.Served == 0 {
				return math.NaN()
			}
			return st.WaitMax
		}},
		// Service level of offered customers: everyone with an outcome
		// (served, abandoned, balked or sent away) is in the denominator.
		{"service_level", withinLabel(s.Target), Share, func(st *StageStats, _ float64) float64 {
			return ratio(float64(st.WithinTarget), float64(st.Arrived-st.InQueueEnd))
		}},
	}
	for i, t := range s.Targets {
		defs = append(defs, kpiDef{ServiceLevelName(t), withinLabel(t), Share, func(st *StageStats, _ float64) float64 {
			return ratio(float64(st.WithinTargets[i]), float64(st.Arrived-st.InQueueEnd))
		}})
	}
	return defs
}

// lossKPIs are the shares of a stage's arrivals who abandoned, balked or
// were sent away, and its retries, for the mechanisms the stage has.
func lossKPIs(m *Model, s *Stage) []kpiDef {
	var defs []kpiDef
	if s.Patience != nil {
		defs = append(defs, kpiDef{"abandonment", "abandoned", Share, func(st *StageStats, _ float64) float64 {
			return ratio(float64(st.Abandoned), float64(st.Arrived))
		}})
	}
	if s.BalkAt > 0 {
		defs = append(defs, kpiDef{"balking", "balked (queue too long)", Share, func(st *StageStats, _ float64) float64 {
			return ratio(float64(st.Balked), float64(st.Arrived))
		}})
	}
	if s.AtClose == SendAway {
		defs = append(defs, kpiDef{"sent_away", "sent away at closing", Share, func(st *StageStats, _ float64) float64 {
			return ratio(float64(st.SentAway), float64(st.Arrived))
		}})
	}
	retries := s.Retry.Prob > 0
	for _, c := range m.Channels {
		retries = retries || c.Retry != nil && c.Retry.Prob > 0
	}
	if retries {
		defs = append(defs,
			kpiDef{"retries", "arrivals that were retries", Share, func(st *StageStats, _ float64) float64 {
				return ratio(float64(st.Retries), float64(st.Arrived))
			}},
			kpiDef{"unique_customers", "unique customers (attempts less retries)", PerDay, func(st *StageStats, days float64) float64 {
				return float64(st.Arrived-st.Retries) / days
			}},
		)
	}
	return defs
}

// bookKPIs are the appointment KPIs of a stage with book b.
func bookKPIs(b *Book) []kpiDef {
	defs := []kpiDef{
		{"lead.mean", "mean lead time to an appointment", Days, func(st *StageStats, _ float64) float64 {
			return ratio(st.Book.LeadSum, float64(st.Book.Booked)) / MinutesPerDay
		}},
		{"lead.p50", "median lead time", Days, func(st *StageStats, _ float64) float64 { return st.Book.LeadP50 / MinutesPerDay }},
		{"lead.p90", "90th percentile lead time", Days, func(st *StageStats, _ float64) float64 { return st.Book.LeadP90 / MinutesPerDay }},
	}
	if b.LeadTarget > 0 {
		defs = append(defs, kpiDef{"lead.within_target", "appointments within " + fmtMin(b.LeadTarget), Share, func(st *StageStats, _ float64) float64 {
			return ratio(float64(st.Book.LeadIn), float64(st.Book.Booked))
		}})
	}
	return append(defs,
		kpiDef{"no_slot", "could not get an appointment", Share, func(st *StageStats, _ float64) float64 {
			return ratio(float64(st.Book.NoSlot), float64(st.Book.Requests))
		}},
		kpiDef{"preference_unmet", "booked outside their preferred time", Share, func(st *StageStats, _ float64) float64 {
			return ratio(float64(st.Book.PrefUnmet), float64(st.Book.Booked))
		}},
		kpiDef{"no_show", "did not come to the appointment", Share, func(st *StageStats, _ float64) float64 {
			return ratio(float64(st.Book.NoShows), float64(st.Book.Due))
		}},
		kpiDef{"onsite_wait.mean", "on-site wait beyond the appointment time", Minutes, func(st *StageStats, _ float64) float64 {
			return ratio(st.Book.OnSiteSum, float64(st.Book.Started))
		}},
		kpiDef{"slot_utilisation", "appointment slots used", Share, func(st *StageStats, _ float64) float64 {
			return ratio(float64(st.Book.SlotsKept), float64(st.Book.SlotsOffered))
		}},
	)
}

// reworkKPIs are the first-time fix and rework load of a stage that sends
// customers back, with the fix rate per group when it has several.
func reworkKPIs(s *Stage) []kpiDef {
	defs := []kpiDef{
		{"first_time_fix", "fixed at the first visit", Share, func(st *StageStats, _ float64) float64 {
			return ratio(float64(st.Completed-st.Reworks), float64(st.Completed))
		}},
		{"rework_visits", "service visits on a rework loop", PerDay, func(st *StageStats, days float64) float64 {
			return float64(st.ReworkVisits) / days
		}},
		{"rework_capacity", "staff time spent on rework loops", Share, func(st *StageStats, _ float64) float64 {
			return ratio(st.ReworkBusy, st.BusyArea)
		}},
	}
	if len(s.Groups) > 1 {
		for gi, g := range s.Groups {
			defs = append(defs, kpiDef{"group." + g.Name + ".first_time_fix", "fixed at the first visit by " + g.Name, Share,
				func(st *StageStats, _ float64) float64 {
					gs := st.Groups[gi]
					return ratio(float64(gs.Completed-gs.Reworks), float64(gs.Completed))
				}})
		}
	}
	return defs
}

// workKPIs are every stage's staff utilisation, throughput, queue and
// staff time.
var workKPIs = []kpiDef{
	{"utilisation", "staff utilisation", Share, func(st *StageStats, _ float64) float64 { return ratio(st.BusyArea, st.PresentArea) }},
	{"throughput", "completed service", PerDay, func(st *StageStats, days float64) float64 { return float64(st.Completed) / days }},
	{"queue.mean", "mean queue length (open hours)", Customers, func(st *StageStats, _ float64) float64 { return ratio(st.OpenQueueArea, st.OpenMinutes) }},
	{"queue.max", "longest queue", Customers, func(st *StageStats, _ float64) float64 { return float64(st.QueueMax) }},
	{"staff_hours", "staff time on duty", StaffHours, func(st *StageStats, days float64) float64 { return st.PresentArea / 60 / days }},
	{"overtime", "overtime", StaffHours, func(st *StageStats, days float64) float64 { return st.OvertimeArea / 60 / days }},
}

// ServiceLevelName is the measure name of the service level at wait
// threshold t minutes: "service_level(15m)".
func ServiceLevelName(t float64) string { return "service_level(" + fmtMin(t) + ")" }
