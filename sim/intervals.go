package sim

import (
	"strings"
	"time"
)

// intervalRows are the time-of-day rows of every stage: pooled over the
// open weekdays, or one set per weekday when byWeekday is set. An interval
// enters a row for the weekdays on which it is open at the stage; an
// interval open on no weekday appears, marked Closed, only if something
// happened in it.
func intervalRows(m *Model, reps []Replication, conf float64, byWeekday bool) []IntervalRow {
	var rows []IntervalRow
	n := m.NumIntervals()
	for si := range m.Stages {
		days := [][]int{openDays(m, si)}
		if byWeekday {
			days = days[:0]
			for _, w := range openDays(m, si) {
				days = append(days, []int{w})
			}
		}
		for _, ws := range days {
			for k := range n {
				cells, closed := pooledCells(m, reps, si, k, ws)
				if cells == nil {
					continue
				}
				row := intervalRow(cells, conf)
				row.Stage, row.Closed = m.Stages[si].Name, closed
				row.From, row.To = float64(k)*m.Interval, float64(k+1)*m.Interval
				if byWeekday {
					row.Weekday = weekdayName(time.Weekday(ws[0]))
				}
				rows = append(rows, row)
			}
		}
	}
	return rows
}

// weekdayName is the three-letter lower-case name of w ("mon").
func weekdayName(w time.Weekday) string { return strings.ToLower(w.String()[:3]) }

// openDays lists the weekdays on which stage si has an open interval: the
// business's open days and the days the stage has staff.
func openDays(m *Model, si int) []int {
	var ws []int
	for w := range 7 {
		for k := range m.NumIntervals() {
			if m.IntervalOpen(si, time.Weekday(w), k) {
				ws = append(ws, w)
				break
			}
		}
	}
	return ws
}

// pooledCells adds up, per replication, stage si's interval k over those
// weekdays of ws on which it is open. When it is open on none of them, it
// pools all of ws and reports closed; the result is nil then if nothing
// happened in the interval in any replication (and nil for no measured
// time).
func pooledCells(m *Model, reps []Replication, si, k int, ws []int) (cells []IntervalStats, closed bool) {
	n := m.NumIntervals()
	var open []int
	for _, w := range ws {
		if m.IntervalOpen(si, time.Weekday(w), k) {
			open = append(open, w)
		}
	}
	if len(open) == 0 {
		open, closed = ws, true
	}
	measured, active := false, false
	cells = make([]IntervalStats, len(reps))
	for ri := range reps {
		sum := &cells[ri]
		for _, w := range open {
			iv := &reps[ri].Stages[si].Intervals[w*n+k]
			sum.Arrived += iv.Arrived
			sum.Served += iv.Served
			sum.WithinTarget += iv.WithinTarget
			sum.Abandoned += iv.Abandoned
			sum.Left += iv.Left
			sum.WaitSum += iv.WaitSum
			sum.QueueArea += iv.QueueArea
			sum.BusyArea += iv.BusyArea
			sum.PresentArea += iv.PresentArea
			sum.ScheduledArea += iv.ScheduledArea
			sum.Duration += iv.Duration
		}
		measured = measured || sum.Duration > 0
		active = active || sum.Arrived > 0 || sum.PresentArea > 0
	}
	if !measured || closed && !active {
		return nil, closed
	}
	return cells, closed
}

// intervalRow summarises one pooled interval across replications.
// Replications in which the interval was not measured are left out.
func intervalRow(cells []IntervalStats, conf float64) IntervalRow {
	vals := make([][]float64, 7)
	for i := range cells {
		iv := &cells[i]
		if iv.Duration == 0 {
			continue
		}
		vals[0] = append(vals[0], float64(iv.Arrived)/iv.Duration*60)
		vals[1] = append(vals[1], ratio(iv.WaitSum, float64(iv.Served)))
		vals[2] = append(vals[2], ratio(float64(iv.WithinTarget), float64(iv.Served+iv.Abandoned+iv.Left)))
		vals[3] = append(vals[3], ratio(iv.BusyArea, iv.PresentArea))
		vals[4] = append(vals[4], iv.PresentArea/iv.Duration)
		vals[5] = append(vals[5], iv.QueueArea/iv.Duration)
		vals[6] = append(vals[6], iv.ScheduledArea/iv.Duration)
	}
	return IntervalRow{
		Arrivals:     estimate(vals[0], conf),
		Wait:         estimate(vals[1], conf),
		ServiceLevel: estimate(vals[2], conf),
		Utilisation:  estimate(vals[3], conf),
		Staff:        estimate(vals[6], conf),
		OnDuty:       estimate(vals[4], conf),
		Queue:        estimate(vals[5], conf),
	}
}
