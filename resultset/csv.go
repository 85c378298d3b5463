package resultset

import (
	"cmp"
	"encoding/csv"
	"io"
	"slices"
	"strconv"

	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/sim"
)

// SummaryHeader is the header of summary.csv; docs/output.md describes
// the columns.
var SummaryHeader = []string{"kpi", "stage", "label", "unit", "mean", "half_width", "n"}

// WriteSummaryCSV writes summary.csv: one row per KPI, in the units of
// the results (shares as fractions), with full precision and empty cells
// for undefined values.
func WriteSummaryCSV(w io.Writer, r *sim.Results) error {
	cw := csv.NewWriter(w)
	cw.Write(SummaryHeader)
	for _, k := range r.KPIs {
		cw.Write(summaryRow(k))
	}
	cw.Flush()
	return cw.Error()
}

// summaryRow is k's record of summary.csv.
func summaryRow(k sim.KPI) []string {
	return []string{k.Name, k.Stage, k.Label, string(k.Unit),
		figures.Number(k.Mean), figures.Number(k.HalfWidth), strconv.Itoa(k.N)}
}

// IntervalsHeader is the header of intervals.csv; docs/output.md
// describes the columns.
var IntervalsHeader = []string{"stage", "weekday", "from", "to", "closed",
	"arrivals_per_hour", "arrivals_hw",
	"wait_mean_min", "wait_hw",
	"service_level", "service_level_hw",
	"utilisation", "utilisation_hw",
	"staff", "staff_hw",
	"queue_mean", "queue_hw",
	"staff_on_duty", "staff_on_duty_hw"}

// WriteIntervalsCSV writes intervals.csv: one row per stage and
// time-of-day interval, pooled over the open weekdays (weekday "all"),
// then, where weekdays differ, one per stage, weekday and interval.
func WriteIntervalsCSV(w io.Writer, r *sim.Results) error {
	return writeCSV(w, IntervalsHeader, IntervalRows(r))
}

// writeCSV writes a header and records as CSV.
func writeCSV(w io.Writer, header []string, recs [][]string) error {
	cw := csv.NewWriter(w)
	cw.Write(header)
	for _, rec := range recs {
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

// IntervalRows are the records of intervals.csv, without the header.
func IntervalRows(r *sim.Results) [][]string {
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
