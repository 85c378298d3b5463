package resultset

import (
	"cmp"
	"io"
	"slices"

	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/sim"
)

// PoolIntervalsHeader is the header of pool_intervals.csv, written beside
// intervals.csv when the scenario has pools; docs/output.md describes the
// columns.
var PoolIntervalsHeader = []string{"pool", "weekday", "from", "to",
	"utilisation", "utilisation_hw",
	"staff", "staff_hw",
	"staff_on_duty", "staff_on_duty_hw",
	"busy", "busy_hw"}

// WritePoolIntervalsCSV writes pool_intervals.csv: one row per pool and
// time-of-day interval, pooled over the open weekdays (weekday "all"),
// then, where weekdays differ, one per pool, weekday and interval.
func WritePoolIntervalsCSV(w io.Writer, r *sim.Results) error {
	return writeCSV(w, PoolIntervalsHeader, PoolIntervalRows(r))
}

// PoolIntervalRows are the records of pool_intervals.csv, without the
// header.
func PoolIntervalRows(r *sim.Results) [][]string {
	var out [][]string
	for _, row := range slices.Concat(r.PoolIntervals, r.PoolByWeekday) {
		rec := []string{row.Pool, cmp.Or(row.Weekday, "all"), figures.Clock(row.From), figures.Clock(row.To)}
		for _, e := range []sim.Estimate{row.Utilisation, row.Staff, row.OnDuty, row.Busy} {
			rec = append(rec, figures.Number(e.Mean), figures.Number(e.HalfWidth))
		}
		out = append(out, rec)
	}
	return out
}
