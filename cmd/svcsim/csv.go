package main

import (
	"cmp"
	"encoding/csv"
	"io"
	"slices"
	"strconv"

	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/sim"
)

// summaryHeader is the header of summary.csv; docs/output.md describes
// the columns.
var summaryHeader = []string{"kpi", "stage", "label", "unit", "mean", "half_width", "n"}

// writeSummaryCSV writes one row per KPI, in the units of the results
// (shares as fractions), with full precision and empty cells for undefined
// values.
func writeSummaryCSV(w io.Writer, r *sim.Results) error {
	cw := csv.NewWriter(w)
	cw.Write(summaryHeader)
	for _, k := range r.KPIs {
		cw.Write([]string{k.Name, k.Stage, k.Label, string(k.Unit),
			figures.Number(k.Mean), figures.Number(k.HalfWidth), strconv.Itoa(k.N)})
	}
	cw.Flush()
	return cw.Error()
}

// intervalsHeader is the header of intervals.csv; docs/output.md describes
// the columns.
var intervalsHeader = []string{"stage", "weekday", "from", "to", "closed",
	"arrivals_per_hour", "arrivals_hw",
	"wait_mean_min", "wait_hw",
	"service_level", "service_level_hw",
	"utilisation", "utilisation_hw",
	"staff", "staff_hw",
	"queue_mean", "queue_hw",
	"staff_on_duty", "staff_on_duty_hw"}

// writeIntervalsCSV writes one row per stage and time-of-day interval,
// pooled over the open weekdays (weekday "all"), then, where weekdays
// differ, one per stage, weekday and interval.
func writeIntervalsCSV(w io.Writer, r *sim.Results) error {
	cw := csv.NewWriter(w)
	cw.Write(intervalsHeader)
	for _, rec := range intervalRows(r) {
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

// intervalRows are the records of intervals.csv.
func intervalRows(r *sim.Results) [][]string {
	var out [][]string
	for _, row := range slices.Concat(r.Intervals, r.ByWeekday) {
		day := cmp.Or(row.Weekday, "all")
		rec := []string{row.Stage, day, figures.Clock(row.From), figures.Clock(row.To), figures.YesNo(row.Closed)}
		for _, e := range []sim.Estimate{row.Arrivals, row.Wait, row.ServiceLevel, row.Utilisation, row.Staff, row.Queue, row.OnDuty} {
			rec = append(rec, figures.Number(e.Mean), figures.Number(e.HalfWidth))
		}
		out = append(out, rec)
	}
	return out
}
