// Package report draws a result set's charts and writes its HTML report.
//
// Charts chooses the charts a Set supports — KPIs per scenario, waits and
// service levels by time of day, queue and staff on duty, wait
// distributions, utilisation heat maps, paired differences, a sweep's
// staffing curves, cost against NPS, demand and reputation — drawn with
// package plots; a chart without data is left out. WriteCharts saves them
// as files. HTML writes one self-contained page for a proposal: an
// opening in sentences (what each alternative changes and what that does
// to the headline KPIs, with the paired differences' intervals, the cost
// per unit of improvement and what is noise), the scenarios' assumptions, the headline KPIs with confidence intervals,
// the paired differences from the baseline, the alerts crossed, every
// chart as inline SVG, and the method. Workbook writes the results as a
// spreadsheet. A Folder adds the charts, the report and the workbook to a
// result folder in one step (SaveCharts and SaveHTML do one each). See
// Example.
package report
