package sim

import "time"

// costKPIs are the staff costs per stage and in total, per open day and
// per calendar week, when any staff group has a cost.
//
// A stage's cost per day is its staff cost over the measured period (hours
// on the schedule at Cost, hours kept on beyond it at OvertimeCost)
// divided by the open days measured. The weekly cost adds up the mean cost
// of each weekday of the calendar's week: the measured days of that
// weekday where the run has any, else the cost its schedule promises (no
// overtime); closed weekdays count with whatever staff they schedule.
func costKPIs(m *Model, reps []Replication, conf float64) []KPI {
	costed := m.poolsCosted()
	for _, s := range m.Stages {
		for _, g := range s.Groups {
			costed = costed || g.Cost > 0 || g.OvertimeCost > 0
		}
	}
	if !costed {
		return nil
	}
	var out []KPI
	add := func(name, stage, label string, unit Unit, f func(rep *Replication) float64) {
		k := KPI{Name: name, Stage: stage, Label: label, Unit: unit}
		for i := range reps {
			k.Values = append(k.Values, f(&reps[i]))
		}
		k.Estimate = estimate(k.Values, conf)
		out = append(out, k)
	}
	for si, s := range m.Stages {
		add(s.Name+".cost", s.Name, "staff cost", Money, func(rep *Replication) float64 {
			return ratio(stageCost(m, rep, si, -1), rep.DayCount())
		})
	}
	add("cost.per_day", "", "staff cost", Money, func(rep *Replication) float64 {
		c := 0.0
		for si := range m.Stages {
			c += stageCost(m, rep, si, -1)
		}
		c += poolsCost(m, rep, -1)
		return ratio(c, rep.DayCount())
	})
	add("cost.per_week", "", "staff cost", MoneyWeek, func(rep *Replication) float64 { return weekCost(m, rep) })
	return out
}

// stageCost is the staff cost of stage si in replication rep, over the
// whole measured period (w < 0) or on weekday w only.
func stageCost(m *Model, rep *Replication, si, w int) float64 {
	c := 0.0
	for gi, g := range m.Stages[si].Groups {
		ot := g.OvertimeCost
		if ot == 0 {
			ot = g.Cost
		}
		gs := &rep.Stages[si].Groups[gi]
		present, over := gs.Present, gs.Overtime
		if w >= 0 {
			present, over = gs.PresentByWeekday[w], gs.OvertimeByWeekday[w]
		}
		c += (present-over)/60*g.Cost + over/60*ot
	}
	return c
}

// weekCost is the staff cost of a calendar week in replication rep: the
// mean day of each weekday, added up.
func weekCost(m *Model, rep *Replication) float64 {
	total := 0.0
	for w := range 7 {
		days := measuredDays(m, rep, w)
		for si := range m.Stages {
			if days > 0 {
				total += stageCost(m, rep, si, w) / days
			} else {
				total += scheduledCost(m, si, time.Weekday(w))
			}
		}
		if len(m.Pools) > 0 {
			if days > 0 {
				total += poolsCost(m, rep, w) / days
			} else {
				total += poolsScheduledCost(m, time.Weekday(w))
			}
		}
	}
	return total
}

// measuredDays is the number of days of weekday w measured in rep (a day
// cut by the warm-up counts with the share measured).
func measuredDays(m *Model, rep *Replication, w int) float64 {
	if len(rep.Stages) == 0 {
		return 0
	}
	n := m.NumIntervals()
	d := 0.0
	for k := range n {
		d += rep.Stages[0].Intervals[w*n+k].Duration
	}
	return d / MinutesPerDay
}

// scheduledCost is the cost of stage si's schedule on weekday w.
func scheduledCost(m *Model, si int, w time.Weekday) float64 {
	c := 0.0
	for _, g := range m.Stages[si].Groups {
		for _, s := range g.Staff[w] {
			c += s.Value * (s.To - s.From) / 60 * g.Cost
		}
	}
	return c
}
