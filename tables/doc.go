// Package tables writes the tables svcsim prints on a terminal: a run's
// KPIs and time-of-day tables (Run), a comparison with paired differences
// (Compare, and CompareCSV and CompareJSON for scripts), a sweep's grid
// (Sweep) and a staffing search's answer (Staffing, IntervalStaffing).
// RunAs and CompareAs choose a run's or a comparison's writer by format
// name.
//
// Columns are aligned by display width, the columns a terminal gives a
// string (a Chinese character takes two), figures on their ± signs, and
// the default tables keep within MaxWidth columns, wrapping long labels.
// Figures read as package figures formats them. See Example.
package tables
