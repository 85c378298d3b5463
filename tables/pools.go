package tables

import (
	"fmt"
	"strings"

	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/sim"
)

// poolTables are the time-of-day tables of every pool, after the
// stages': pooled over the open weekdays, or one per pool and weekday
// with byWeekday where the weekdays differ.
func poolTables(r *sim.Results, byWeekday bool) string {
	if len(r.Pools) == 0 {
		return ""
	}
	rows := r.PoolIntervals
	if byWeekday && len(r.PoolByWeekday) > 0 {
		rows = r.PoolByWeekday
	}
	head := fmt.Sprintf("by time of day (%s intervals from the time shown; mean over open days, replications)", figures.Duration(r.Interval))
	var out strings.Builder
	for _, pool := range r.Pools {
		var title string
		var block []*sim.PoolIntervalRow
		flush := func() {
			if len(block) > 0 {
				out.WriteString("\n" + strings.Join(wrapWords(title+" "+head, MaxWidth), "\n") + "\n")
				out.WriteString(poolBlock(block).String())
			}
			block = nil
		}
		for i := range rows {
			row := &rows[i]
			if row.Pool != pool {
				continue
			}
			t := "pool " + pool
			if row.Weekday != "" {
				t += " on " + row.Weekday
			}
			if t != title {
				flush()
				title = t
			}
			block = append(block, row)
		}
		flush()
	}
	return out.String()
}

// poolBlock is a table of a pool's time-of-day rows, by the interval's
// start, with the units in a second line of column heads.
func poolBlock(rows []*sim.PoolIntervalRow) *grid {
	cols := []struct {
		head, unit string
		get        func(row *sim.PoolIntervalRow) sim.Estimate
		scale      float64
	}{
		{"utilisation", "%", func(row *sim.PoolIntervalRow) sim.Estimate { return row.Utilisation }, 100},
		{"staff", "scheduled", func(row *sim.PoolIntervalRow) sim.Estimate { return row.Staff }, 1},
		{"on duty", "staff", func(row *sim.PoolIntervalRow) sim.Estimate { return row.OnDuty }, 1},
		{"busy", "staff", func(row *sim.PoolIntervalRow) sim.Estimate { return row.Busy }, 1},
	}
	g := &grid{rows: [][]string{{"  from"}, {""}}}
	cells := make([][]string, len(cols))
	for c, col := range cols {
		g.rows[0] = append(g.rows[0], col.head)
		g.rows[1] = append(g.rows[1], col.unit)
		vals := make([]string, len(rows))
		pms := make([]string, len(rows))
		for i, row := range rows {
			e := col.get(row)
			vals[i], pms[i] = figures.PM(e.Mean*col.scale, e.HalfWidth*col.scale)
		}
		cells[c] = alignPM(vals, pms)
	}
	for i, row := range rows {
		line := []string{"  " + figures.Clock(row.From)}
		for c := range cols {
			line = append(line, cells[c][i])
		}
		g.rows = append(g.rows, line)
	}
	return g
}
