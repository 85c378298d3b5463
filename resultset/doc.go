// Package resultset reads and writes svcsim's result folders.
//
// A run ('svcsim run --out DIR') leaves summary.json (the whole Summary),
// summary.csv (one row per KPI) and intervals.csv (one row per stage and
// time-of-day interval). An experiment (compare, batch, sweep, merge)
// leaves replications.csv, summary.csv and intervals.csv with a column per
// scenario and parameter, results.json (every scenario's results, a Set)
// and manifest.json (what ran, from which files, with which seed, and
// whether each scenario completed). docs/output.md describes every
// column and field.
//
// Files are written all together or not at all: WriteFiles writes each to
// a temporary file, syncs it, renames it into place and syncs the
// directory, so that a crash or an interruption never leaves half a
// result. Load reads either kind of folder back as a Set, checking every
// field the charts, the report and the workbook read: a file that is not
// JSON, or holds values no run could have made, is refused with an
// *InvalidError that names its line, column and field.
package resultset
