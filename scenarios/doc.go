// Package scenarios reads scenario files: YAML descriptions of a service
// process (opening hours, demand, stages, staff, satisfaction model, alerts
// and variants) that become a sim.Model. Every problem is reported with
// its file, line and field; nothing is silently defaulted that the file
// format does not document (docs/scenarios.md).
//
// # Reading
//
// Load and LoadContext read a file from disk, Parse reads bytes, and
// Builtin reads one of the scenarios embedded in the package (Builtins
// lists them). Resolve reads a name as a command line gives it (a file,
// else a built-in) and ExpandPaths turns files, directories and glob
// patterns into scenario files. A file may extend another (extends:), refer to CSV data
// files beside it (arrival traces, historical volumes, rosters, service
// times) or carry them in its data: section. The result is a Scenario: the
// model, the file's run settings, its variants, and warnings and notes
// for the planner.
//
// # Errors
//
// Bad input is never a panic or a silent default: the decoder collects
// every problem it finds (up to a bound) as Errors, each an *Error with
// file, line, column, field path and message, sorted by position. The
// engine's own validation (sim.Model.Validate) runs last and its message
// is reported at the item it names. Validate loads a file and says what
// there is to say of a valid one: its notes, its variants, and where its
// staffing cannot keep up (sim.LoadWarnings) for the base and each variant.
//
// # Variants and what-if runs
//
// Variants are complete scenarios derived from the base by overlaying
// fields (All returns the base and its variants); With sets fields by
// dotted path, as sweeps do, and Paths lists the paths With accepts.
// Describe states a scenario's assumptions in plain words for reports.
//
// Package scenarios does the file format's work only: it builds a
// sim.Model and never runs it.
package scenarios
