package main

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/svcsim/svcsim/calibrate"
	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/internal/cmdline"
	"github.com/svcsim/svcsim/internal/userfile"
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// commands are svcsim's subcommands, in the order help lists them.
var commands = []cmdline.Command{
	{Name: "run", Summary: "simulate a scenario and report its KPIs", New: newRunCommand, Args: cmdline.Args{Min: 0, Max: 1, What: "at most one scenario"}},
	{Name: "compare", Summary: "compare scenarios side by side with paired differences", New: newCompareCommand, Args: cmdline.Args{Min: 1, Max: -1, What: "at least one scenario: a file with variants, or two files"}},
	{Name: "batch", Summary: "run every scenario of files, directories and globs into tidy CSV", New: newBatchCommand, Args: cmdline.Args{Min: 1, Max: -1, What: "scenario files, directories or glob patterns"}},
	{Name: "sweep", Summary: "run a grid of staff levels or any numeric field", New: newSweepCommand, Args: cmdline.Args{Min: 1, Max: 1, What: "one scenario"}},
	{Name: "staff", Summary: "find the cheapest staffing that meets targets", New: newStaffCommand, Args: cmdline.Args{Min: 1, Max: 1, What: "one scenario"}},
	{Name: "rota", Summary: "turn shift patterns into the cheapest rota that meets targets", New: newRotaCommand, Args: cmdline.Args{Min: 1, Max: 1, What: "one scenario"}},
	{Name: "merge", Summary: "combine the part files of a sharded batch, sweep or compare", New: newMergeCommand, Args: cmdline.Args{Min: 0, Max: -1, What: "the part files"}},
	{Name: "plan", Summary: "count the work units of a batch or sweep, to size a job array", New: newPlanCommand, Args: cmdline.Args{Min: 1, Max: -1, What: "scenario files or directories, or a scenario and --vary"}},
	{Name: "serve", Summary: "open the what-if workbench in a browser: edit staffing, see the paired difference", New: newServeCommand, Args: cmdline.Args{Min: 0, Max: 1, What: "at most one folder, scenario file or built-in"}},
	{Name: "plot", Summary: "draw charts from saved results", New: newPlotCommand, Args: cmdline.Args{Min: 1, Max: 1, What: "one results directory"}},
	{Name: "report", Summary: "write an HTML report from saved results", New: newReportCommand, Args: cmdline.Args{Min: 1, Max: 1, What: "one results directory"}},
	{Name: "calibrate", Summary: "fit the satisfaction model to your own survey", New: newCalibrateCommand, Args: cmdline.Args{Min: 1, Max: 1, What: "one survey CSV file"}},
	{Name: "validate", Summary: "check scenario files and report every problem", New: newValidateCommand, Args: cmdline.Args{Min: 1, Max: -1, What: "scenario files"}},
	{Name: "scenarios", Summary: "list the built-in scenarios, or print one", New: newScenariosCommand, Args: cmdline.Args{Min: 0, Max: 2, What: "nothing, or show NAME"}},
	{Name: "version", Summary: "print the version of svcsim and of Go", New: newVersionCommand, Args: cmdline.Args{Min: 0, Max: 0, What: "no arguments"}},
}

// program is svcsim's command line. The help of each command is a text
// file in help/: prose is easier to read and edit there than in Go string
// literals.
var program = &cmdline.Program{
	Name:     "svcsim",
	Commands: commands,
	Help:     helpFiles,
	HelpDir:  "help",
	Fill: []string{"{seed}", strconv.Itoa(experiment.DefaultSeed), "{builtin}", scenarios.DefaultBuiltin,
		"{minrows}", strconv.Itoa(calibrate.MinRows)},
	Bare: bare,
}

//go:embed help/*.txt
var helpFiles embed.FS

// bare reports whether err is printed without its command's name: an
// interruption is the process's, and scenario errors are printed one per
// line with their file and line (see printError).
func bare(err error) bool {
	return is[scenarios.Errors](err) || err == errInterrupted
}

// run is Run followed by printing its error on stderr; main turns the
// result into an exit status with code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	err := Run(ctx, args, stdout, stderr)
	if err != nil {
		printError(stderr, err)
	}
	return err
}

// Run runs the svcsim command line args (without the program name),
// writing results to stdout and warnings and progress to stderr. It does
// not print the error it returns; see code for the exit status it maps to.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return program.Run(ctx, args, stdout, stderr)
}

// invalidError says that scenario files failed validation; their problems
// have already been printed. It exits with status 2.
type invalidError struct {
	invalid, total int
}

func (e *invalidError) Error() string {
	if e.total == 1 {
		return "the scenario file is invalid"
	}
	return fmt.Sprintf("%d of %d scenario files are invalid", e.invalid, e.total)
}

// invalidInput is a data file the command cannot use: exit status 2.
type invalidInput struct{ err error }

func (e *invalidInput) Error() string { return e.err.Error() }
func (e *invalidInput) Unwrap() error { return e.err }

// errInterrupted is returned when the context is cancelled (Ctrl-C, SIGTERM)
// before a command finishes.
var errInterrupted = experiment.ErrInterrupted

// code returns the exit status for the error Run returned: 0 for success,
// 2 for a usage mistake or an invalid scenario, 1 for anything else.
func code(err error) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errInterrupted):
		return 130 // as a shell reports a command stopped by Ctrl-C
	case is[*cmdline.UsageError](err), is[*invalidError](err), is[*invalidInput](err), is[scenarios.Errors](err),
		is[*resultset.NotDirError](err), is[*resultset.NoResultsError](err), is[*resultset.TargetError](err), is[*resultset.NotOwnedError](err),
		is[*userfile.Error](err), is[*experiment.DaysError](err), is[*sim.IdleError](err):
		return 2
	}
	return 1
}

// is reports whether err or an error it wraps is an E.
func is[E error](err error) bool {
	_, ok := errors.AsType[E](err)
	return ok
}

// printError prints err on w: scenario errors one per line, everything
// else as a single "svcsim: " line. Control characters (a newline in a
// file name, say) are escaped, so that each message stays one line.
func printError(w io.Writer, err error) {
	if se, ok := errors.AsType[scenarios.Errors](err); ok {
		for _, e := range se {
			fmt.Fprintf(w, "svcsim: %s\n", cmdline.OneLine(e.Error()))
		}
		return
	}
	fmt.Fprintf(w, "svcsim: %s\n", cmdline.OneLine(err.Error()))
}
