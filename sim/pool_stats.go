package sim

import (
	"fmt"
	"math"
	"time"
)

// PoolStats are one pool's statistics in one replication; time integrals
// in staff-minutes over [Warmup, end of the last day].
//
// The parts add up to the whole: Busy is the sum of the stages' Busy,
// free time is Present - Busy, and the intervals add up to the totals
// (CheckAccounts checks it).
type PoolStats struct {
	Present  float64 // on duty, scheduled or kept on
	Busy     float64 // serving customers, at any stage
	Overtime float64 // on duty beyond the schedule

	// PresentByWeekday and OvertimeByWeekday split Present and Overtime
	// by weekday (time.Weekday), for weekly costs.
	PresentByWeekday, OvertimeByWeekday [7]float64

	// Stages are the pool's figures at each stage it serves, in the order
	// of Pool.Serves.
	Stages []PoolStageStats

	// Intervals are by weekday and time-of-day interval, indexed as
	// StageStats.Intervals.
	Intervals []PoolIntervalStats
}

// PoolStageStats are a pool's figures at one stage it serves.
type PoolStageStats struct {
	Busy      float64 // staff-min serving the stage's customers
	Completed int64   // services finished (counted customers)
	Reworks   int64   // of which sent back for rework
}

// PoolIntervalStats are a pool's time integrals in one interval of one
// weekday, summed over the measured days of that weekday.
type PoolIntervalStats struct {
	BusyArea, PresentArea, ScheduledArea float64
	Duration                             float64 // minutes measured
}

// checkPoolShape is CheckShape for the pools.
func (r *Replication) checkPoolShape(m *Model) error {
	if len(r.Pools) != len(m.Pools) {
		return fmt.Errorf("sim: replication %d: pools: %d entries for %d", r.Index, len(r.Pools), len(m.Pools))
	}
	nInt := 7 * m.NumIntervals()
	for pi := range r.Pools {
		ps, cfg := &r.Pools[pi], &m.Pools[pi]
		if len(ps.Stages) != len(cfg.Serves) || len(ps.Intervals) != nInt {
			return fmt.Errorf("sim: replication %d: pool %s: statistics do not match the model", r.Index, cfg.Name)
		}
	}
	return nil
}

// checkPoolAccounts is CheckAccounts for the pools: the time per stage
// adds up to the busy time, busy time never exceeds time on duty, nor
// overtime, the weekdays and the intervals add up to the totals, and the
// pool's completions at a stage are among the stage's.
func (r *Replication) checkPoolAccounts(m *Model) error {
	near := func(a, b float64) bool {
		return math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))+1e-9
	}
	for pi := range r.Pools {
		ps, cfg := &r.Pools[pi], &m.Pools[pi]
		busy := 0.0
		for j := range ps.Stages {
			busy += ps.Stages[j].Busy
			if st := &r.Stages[cfg.Serves[j].Stage]; ps.Stages[j].Completed > st.Completed {
				return fmt.Errorf("sim: replication %d, pool %s: %d completed at stage %s, which completed %d", r.Index, cfg.Name, ps.Stages[j].Completed, m.Stages[cfg.Serves[j].Stage].Name, st.Completed)
			}
		}
		if !near(busy, ps.Busy) {
			return fmt.Errorf("sim: replication %d, pool %s: time at the stages %g staff-min != busy %g", r.Index, cfg.Name, busy, ps.Busy)
		}
		if ps.Busy > ps.Present*(1+1e-12)+1e-9 || ps.Overtime > ps.Present*(1+1e-12)+1e-9 {
			return fmt.Errorf("sim: replication %d, pool %s: busy %g or overtime %g staff-min exceeds present %g", r.Index, cfg.Name, ps.Busy, ps.Overtime, ps.Present)
		}
		var pw, ow float64
		for w := range 7 {
			pw, ow = pw+ps.PresentByWeekday[w], ow+ps.OvertimeByWeekday[w]
		}
		if !near(pw, ps.Present) || !near(ow, ps.Overtime) {
			return fmt.Errorf("sim: replication %d, pool %s: the weekdays' staff time differs from the totals", r.Index, cfg.Name)
		}
		var dur, ba, pa float64
		for _, iv := range ps.Intervals {
			dur, ba, pa = dur+iv.Duration, ba+iv.BusyArea, pa+iv.PresentArea
		}
		if !near(dur, r.Measured) || !near(ba, ps.Busy) || !near(pa, ps.Present) {
			return fmt.Errorf("sim: replication %d, pool %s: the intervals' time integrals differ from the totals", r.Index, cfg.Name)
		}
	}
	return nil
}

// poolKPIs are each pool's KPIs, named "POOL.measure": utilisation, time
// on duty, time at each stage, free time, overtime, completions (in total
// and per stage) and, when the pool has a cost, its cost per open day.
func poolKPIs(m *Model, reps []Replication, conf float64) []KPI {
	var out []KPI
	for pi := range m.Pools {
		p := &m.Pools[pi]
		add := func(measure, label string, unit Unit, f func(ps *PoolStats, days float64) float64) {
			k := KPI{Name: p.Name + "." + measure, Stage: p.Name, Group: p.Name, Label: label, Unit: unit}
			for i := range reps {
				k.Values = append(k.Values, f(&reps[i].Pools[pi], reps[i].DayCount()))
			}
			k.Estimate = estimate(k.Values, conf)
			out = append(out, k)
		}
		add("utilisation", "pool utilisation", Share, func(ps *PoolStats, _ float64) float64 { return ratio(ps.Busy, ps.Present) })
		add("staff_hours", "pool time on duty", StaffHours, func(ps *PoolStats, days float64) float64 { return ps.Present / 60 / days })
		for j, sv := range p.Serves {
			name := m.Stages[sv.Stage].Name
			add("time."+name, "pool time serving "+name, StaffHours, func(ps *PoolStats, days float64) float64 { return ps.Stages[j].Busy / 60 / days })
		}
		add("free_hours", "pool time free", StaffHours, func(ps *PoolStats, days float64) float64 { return (ps.Present - ps.Busy) / 60 / days })
		add("overtime", "pool overtime", StaffHours, func(ps *PoolStats, days float64) float64 { return ps.Overtime / 60 / days })
		add("completed", "completed by the pool", PerDay, func(ps *PoolStats, days float64) float64 {
			n := int64(0)
			for j := range ps.Stages {
				n += ps.Stages[j].Completed
			}
			return float64(n) / days
		})
		for j, sv := range p.Serves {
			name := m.Stages[sv.Stage].Name
			add("completed."+name, "completed by the pool at "+name, PerDay, func(ps *PoolStats, days float64) float64 { return float64(ps.Stages[j].Completed) / days })
		}
		if p.Cost > 0 || p.OvertimeCost > 0 {
			add("cost", "pool staff cost", Money, func(ps *PoolStats, days float64) float64 { return ratio(poolCost(p, ps, -1), days) })
		}
	}
	return out
}

// poolCost is the staff cost of pool p with statistics ps, over the whole
// measured period (w < 0) or on weekday w only.
func poolCost(p *Pool, ps *PoolStats, w int) float64 {
	ot := p.OvertimeCost
	if ot == 0 {
		ot = p.Cost
	}
	present, over := ps.Present, ps.Overtime
	if w >= 0 {
		present, over = ps.PresentByWeekday[w], ps.OvertimeByWeekday[w]
	}
	return (present-over)/60*p.Cost + over/60*ot
}

// poolsCost is the staff cost of every pool in rep, as stageCost.
func poolsCost(m *Model, rep *Replication, w int) float64 {
	c := 0.0
	for pi := range m.Pools {
		c += poolCost(&m.Pools[pi], &rep.Pools[pi], w)
	}
	return c
}

// poolsScheduledCost is the cost of the pools' schedules on weekday w.
func poolsScheduledCost(m *Model, w time.Weekday) float64 {
	c := 0.0
	for _, p := range m.Pools {
		for _, s := range p.Staff[w] {
			c += s.Value * (s.To - s.From) / 60 * p.Cost
		}
	}
	return c
}

// poolsCosted reports whether any pool has a cost.
func (m *Model) poolsCosted() bool {
	for _, p := range m.Pools {
		if p.Cost > 0 || p.OvertimeCost > 0 {
			return true
		}
	}
	return false
}

// PoolIntervalRow is one pool in one time-of-day interval, averaged over
// the measured days on which the interval is open for the pool (the
// business is open or the pool has staff in it) and summarised across
// replications.
type PoolIntervalRow struct {
	Pool string `json:"pool"`
	// Weekday is "" for a row pooled over every open weekday, else the
	// weekday's three-letter name ("mon").
	Weekday     string   `json:"weekday,omitempty"`
	From        float64  `json:"from_min"` // minutes since midnight
	To          float64  `json:"to_min"`
	Utilisation Estimate `json:"utilisation"`   // busy staff time / staff time on duty
	Staff       Estimate `json:"staff"`         // mean staff on the schedule
	OnDuty      Estimate `json:"staff_on_duty"` // mean staff on duty, including overtime
	Busy        Estimate `json:"busy"`          // mean staff serving customers
}

// poolOpen reports whether interval k of pool p is open on weekday w: the
// business is open during part of it or the pool has staff in it.
func (m *Model) poolOpen(p *Pool, w time.Weekday, k int) bool {
	from, to := float64(k)*m.Interval, float64(k+1)*m.Interval
	if o := m.Open[w]; !o.Closed() && o.From < to && o.To > from {
		return true
	}
	for _, s := range p.Staff[w] {
		if s.Value > 0 && s.From < to && s.To > from {
			return true
		}
	}
	return false
}

// poolIntervalRows are the time-of-day rows of every pool: pooled over the
// weekdays on which each interval is open, or one set per weekday.
func poolIntervalRows(m *Model, reps []Replication, conf float64, byWeekday bool) []PoolIntervalRow {
	var rows []PoolIntervalRow
	n := m.NumIntervals()
	for pi := range m.Pools {
		p := &m.Pools[pi]
		sets := [][]int{nil}
		if byWeekday {
			sets = sets[:0]
			for w := range 7 {
				sets = append(sets, []int{w})
			}
		}
		for _, ws := range sets {
			for k := range n {
				var open []int
				for w := range 7 {
					if (ws == nil || ws[0] == w) && m.poolOpen(p, time.Weekday(w), k) {
						open = append(open, w)
					}
				}
				if len(open) == 0 {
					continue
				}
				vals := make([][]float64, 4)
				for ri := range reps {
					var sum PoolIntervalStats
					for _, w := range open {
						iv := &reps[ri].Pools[pi].Intervals[w*n+k]
						sum.BusyArea += iv.BusyArea
						sum.PresentArea += iv.PresentArea
						sum.ScheduledArea += iv.ScheduledArea
						sum.Duration += iv.Duration
					}
					if sum.Duration == 0 {
						continue
					}
					vals[0] = append(vals[0], ratio(sum.BusyArea, sum.PresentArea))
					vals[1] = append(vals[1], sum.ScheduledArea/sum.Duration)
					vals[2] = append(vals[2], sum.PresentArea/sum.Duration)
					vals[3] = append(vals[3], sum.BusyArea/sum.Duration)
				}
				if len(vals[1]) == 0 {
					continue
				}
				row := PoolIntervalRow{Pool: p.Name, From: float64(k) * m.Interval, To: float64(k+1) * m.Interval,
					Utilisation: estimate(vals[0], conf), Staff: estimate(vals[1], conf),
					OnDuty: estimate(vals[2], conf), Busy: estimate(vals[3], conf)}
				if byWeekday {
					row.Weekday = weekdayName(time.Weekday(ws[0]))
				}
				rows = append(rows, row)
			}
		}
	}
	return rows
}
