package tables

import (
	"fmt"
	"io"

	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/resultset"
)

// RunAs writes a run's summary to w in format: "table" (Run, with each
// stage's time-of-day table when intervals, per weekday when byWeekday),
// "json" (the whole summary, as summary.json) or "csv" (the KPIs as
// summary.csv, or with intervals the time-of-day rows as intervals.csv).
func RunAs(w io.Writer, format string, rep *resultset.Summary, intervals, byWeekday bool) error {
	switch {
	case format == "json":
		return rep.WriteJSON(w)
	case format == "csv" && intervals:
		return resultset.WriteIntervalsCSV(w, rep.Results)
	case format == "csv":
		return resultset.WriteSummaryCSV(w, rep.Results)
	case format == "table":
		return Run(w, rep.Results, intervals, byWeekday, rep.Currency)
	}
	return fmt.Errorf("tables: unknown format %q (table, json or csv)", format)
}

// CompareAs writes a comparison of pts to w in format: "table" (Compare,
// with each scenario's own value when wide), "csv" (CompareCSV) or "json"
// (CompareJSON, by svcsim version).
func CompareAs(w io.Writer, format string, pts []*experiment.Point, wide bool, version string) error {
	switch format {
	case "csv":
		return CompareCSV(w, pts)
	case "json":
		return CompareJSON(w, pts, version)
	case "table":
		return Compare(w, pts, wide)
	}
	return fmt.Errorf("tables: unknown format %q (table, csv or json)", format)
}
