package sim

// revenueKPIs decompose revenue per open day, when the satisfaction model
// gives a revenue per customer v. Two identities hold exactly in every
// replication:
//
//	potential = earned + lost + pending
//	lost      = gave up + sent away + no slot + no-show
//
// where potential is every measured customer who arrived × v, earned the
// customers who completed their journey × v, lost those who left without
// (split by why), and pending those still in the process when the run
// ended (in a queue, in service or waiting for an appointment) × v. The
// reputation line is a counterfactual on top: the customers the demand
// multiplier added (or took away) on the measured days, valued at what an
// arriving customer earned in the run; earned at base demand = earned −
// reputation.
func revenueKPIs(m *Model, reps []Replication, conf float64) []KPI {
	v := m.Satisfaction.Revenue
	if !(v > 0) {
		return nil
	}
	var out []KPI
	add := func(name, label string, f func(rep *Replication) float64) {
		k := KPI{Name: name, Label: label, Unit: Money}
		for i := range reps {
			k.Values = append(k.Values, ratio(f(&reps[i]), reps[i].DayCount()))
		}
		k.Estimate = estimate(k.Values, conf)
		out = append(out, k)
	}
	lost := func(j *JourneyStats) int64 { return j.Lost + j.NoShows }
	add("revenue.potential", "revenue at stake (every customer who arrived)", func(rep *Replication) float64 {
		return float64(rep.Journey.Started) * v
	})
	add("revenue.per_day", "revenue earned (completed journeys)", func(rep *Replication) float64 {
		return float64(rep.Journey.Completed) * v
	})
	add("revenue.lost_customers", "revenue lost with lost customers", func(rep *Replication) float64 {
		return float64(lost(&rep.Journey)) * v
	})
	for _, c := range []struct {
		name, label string
		count       func(j *JourneyStats) int64
	}{
		{"gave_up", "gave up (abandoned or balked)", func(j *JourneyStats) int64 { return j.LostBy[lostGaveUp] }},
		{"sent_away", "sent away at closing", func(j *JourneyStats) int64 { return j.LostBy[lostSentAway] }},
		{"no_slot", "found no appointment", func(j *JourneyStats) int64 { return j.LostBy[lostNoSlot] }},
		{"no_show", "missed their appointment", func(j *JourneyStats) int64 { return j.NoShows }},
	} {
		add("revenue.lost."+c.name, "  of which "+c.label, func(rep *Replication) float64 {
			return float64(c.count(&rep.Journey)) * v
		})
	}
	add("revenue.pending", "revenue pending (still in the process at the end)", func(rep *Replication) float64 {
		return float64(rep.Journey.InSystemEnd) * v
	})
	if m.Days > 1 {
		add("revenue.reputation", "revenue gained (+) or lost (-) through reputation", func(rep *Replication) float64 {
			return reputationRevenue(m, rep, v)
		})
		add("revenue.base_demand", "revenue earned at base demand (without reputation)", func(rep *Replication) float64 {
			return float64(rep.Journey.Completed)*v - reputationRevenue(m, rep, v)
		})
	}
	return out
}

// reputationRevenue is the revenue the demand multiplier added (+) or took
// away (-) over the measured days of rep: the arrivals it changed, valued
// at the revenue an arriving customer earned in the run.
func reputationRevenue(m *Model, rep *Replication, v float64) float64 {
	perArrival := ratio(float64(rep.Journey.Completed)*v, float64(rep.Journey.Started))
	sum := 0.0
	for d, day := range rep.Sat.Days {
		if float64(d+1)*MinutesPerDay > m.Warmup {
			sum += (day.Multiplier - 1) * day.Expected * perArrival
		}
	}
	return sum
}
