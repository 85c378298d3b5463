// Package workbench is the what-if workbench 'svcsim serve' runs: a
// local web application in which a planner opens a scenario (a built-in
// or a file under one folder), changes its staffing grid — a row per
// stage or staff group and set of weekdays, a column per time of day —
// and its demand per channel, and sees at once what the change does to
// the headline KPIs, with confidence intervals and the paired difference
// against the file's own staffing on common random numbers (package
// experiment), the staff cost per open day and per week, and charts
// (package plots). The change can be saved as a variant of the file or a
// new file, the comparison downloaded as a report and a workbook
// (package report), and the staffing search or the rota of the file's
// shift patterns (package staffing) asked to fill the grid for targets.
//
// The change the page runs is a variant written as text, spliced into
// the file's text and read back by package scenarios; saving writes the
// same text, so the saved variant is exactly the scenario the page ran,
// and 'svcsim compare' on the file reproduces its numbers.
//
// Safety: every file is read and written through an os.Root, so "..",
// absolute paths and symbolic links out of the folder are refused;
// requests must name a loopback host (against DNS rebinding) unless
// Options.Hosts says otherwise and must come from the same origin
// (http.CrossOriginProtection); bodies are bounded, as are the days,
// replications and time of a run; a bounded pool runs at most a few at
// once and refuses the rest as busy; a run stops when its request is
// cancelled (the page asks for another, or goes away). Pages are
// html/template with a Content-Security-Policy that allows no inline
// script, and errors never carry a stack trace.
//
// The package holds no simulation logic: handlers call scenarios,
// experiment, staffing, plots and report.
package workbench
