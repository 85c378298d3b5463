package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/scenarios"
)

// A command is one subcommand: its name, a one-line summary for the command
// list, and a constructor for its state, so that every call gets fresh flags.
type command struct {
	name    string
	summary string
	new     func() subcommand
}

// subcommand is what each command file implements.
type subcommand interface {
	// usage writes the command's help: usage line, description, flags and
	// an example.
	usage(w io.Writer)
	// run parses args (the arguments after the command name) and does the
	// work.
	run(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

var commands = []command{
	{"run", "simulate a scenario and report its KPIs", func() subcommand { return newRunCommand() }},
	{"compare", "compare scenarios side by side with paired differences", func() subcommand { return newCompareCommand() }},
	{"batch", "run every scenario of files, directories and globs into tidy CSV", func() subcommand { return newBatchCommand() }},
	{"sweep", "run a grid of staff levels or any numeric field", func() subcommand { return newSweepCommand() }},
	{"staff", "find the cheapest staffing that meets targets", func() subcommand { return newStaffCommand() }},
	{"rota", "turn shift patterns into the cheapest rota that meets targets", func() subcommand { return newRotaCommand() }},
	{"merge", "combine the part files of a sharded batch, sweep or compare", func() subcommand { return newMergeCommand() }},
	{"plan", "count the work units of a batch or sweep, to size a job array", func() subcommand { return newPlanCommand() }},
	{"serve", "open the what-if workbench in a browser: edit staffing, see the paired difference", func() subcommand { return newServeCommand() }},
	{"plot", "draw charts from saved results", func() subcommand { return newPlotCommand() }},
	{"report", "write an HTML report from saved results", func() subcommand { return newReportCommand() }},
	{"calibrate", "fit the satisfaction model to your own survey", func() subcommand { return newCalibrateCommand() }},
	{"validate", "check scenario files and report every problem", func() subcommand { return newValidateCommand() }},
	{"scenarios", "list the built-in scenarios, or print one", func() subcommand { return newScenariosCommand() }},
	{"version", "print the version of svcsim and of Go", func() subcommand { return newVersionCommand() }},
}

func lookup(name string) *command {
	for i := range commands {
		if commands[i].name == name {
			return &commands[i]
		}
	}
	return nil
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
	if len(args) == 0 {
		mainUsage(stderr)
		return usageErrorf("no command given")
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "--help":
		if name == "help" && len(rest) > 0 {
			c := lookup(rest[0])
			if c == nil {
				return usageErrorf("help: unknown command %q (commands: %s)", rest[0], commandNames())
			}
			c.new().usage(stdout)
			return nil
		}
		mainUsage(stdout)
		return nil
	}
	c := lookup(name)
	if c == nil {
		return usageErrorf("unknown command %q (commands: %s; see 'svcsim help')", name, commandNames())
	}
	return c.new().run(ctx, rest, stdout, stderr)
}

func commandNames() string {
	var names []string
	for _, c := range commands {
		names = append(names, c.name)
	}
	return strings.Join(names, ", ")
}

func mainUsage(w io.Writer) {
	var list strings.Builder
	for _, c := range commands {
		fmt.Fprintf(&list, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, helpText("svcsim"), list.String())
}

// usageError is a mistake on the command line: an unknown command, flag or
// scenario name, or a flag value out of range. It exits with status 2.
type usageError struct {
	msg string
}

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
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

// errInterrupted is returned when the context is cancelled (Ctrl-C, SIGTERM)
// before a command finishes.
var errInterrupted = experiment.ErrInterrupted

// code returns the exit status for the error Run returned: 0 for success,
// 2 for a usage mistake or an invalid scenario, 1 for anything else.
func code(err error) int {
	var (
		ue *usageError
		ie *invalidError
		ii *invalidInput
		se scenarios.Errors
		nd *resultset.NotDirError
		nr *resultset.NoResultsError
	)
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue), errors.As(err, &ie), errors.As(err, &ii), errors.As(err, &se),
		errors.As(err, &nd), errors.As(err, &nr):
		return 2
	default:
		return 1
	}
}

// printError prints err on w: scenario errors one per line, everything else as
// a single "svcsim: " line.
func printError(w io.Writer, err error) {
	var se scenarios.Errors
	if errors.As(err, &se) {
		for _, e := range se {
			fmt.Fprintf(w, "svcsim: %v\n", e)
		}
		return
	}
	fmt.Fprintf(w, "svcsim: %v\n", err)
}

// newFlags returns a flag set for command name that reports errors instead
// of printing them and has a -h/--help flag.
func newFlags(name string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.SortFlags = false
	fs.BoolP("help", "h", false, "show this help")
	return fs
}

// parseFlags parses args into fs. It returns help = true, after writing the
// usage on stdout, when -h or --help was given.
func parseFlags(fs *pflag.FlagSet, args []string, usage func(io.Writer), stdout io.Writer) (help bool, err error) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			usage(stdout)
			return true, nil
		}
		return false, usageErrorf("%s: %v (see 'svcsim %s --help')", fs.Name(), err, fs.Name())
	}
	if h, _ := fs.GetBool("help"); h {
		usage(stdout)
		return true, nil
	}
	// A string flag given as '' (an unset shell variable, a stray quote)
	// would otherwise read as the flag left out: --pool '' staffed the
	// stages, --out '' wrote nothing, both without a word.
	var empty []string
	fs.Visit(func(f *pflag.Flag) {
		if f.Value.Type() == "string" && f.Value.String() == "" {
			empty = append(empty, "--"+f.Name)
		}
	})
	if len(empty) > 0 {
		return false, usageErrorf("%s: %s: empty value (got \"\"); valid: a value, or leave the flag out for its default (see 'svcsim %s --help')", fs.Name(), strings.Join(empty, ", "), fs.Name())
	}
	return false, nil
}

// Ranges of the numeric flags, documented in each flag's help and checked
// before anything is allocated.
const (
	maxJobs       = 1024
	maxShards     = 100000
	maxInSystemHi = 100_000_000 // about 20 GB of customer records
	maxStaffHi    = 100000
	maxEvalsHi    = 100000
)

// checkIntFlag checks that the int flag name of fs, when given, is in
// [lo, hi].
func checkIntFlag(fs *pflag.FlagSet, cmd, name string, lo, hi int) error {
	if !fs.Changed(name) {
		return nil
	}
	v, err := fs.GetInt(name)
	if err != nil {
		return usageErrorf("%s: --%s: %v", cmd, name, err)
	}
	if v < lo || v > hi {
		return usageErrorf("%s: --%s must be between %d and %d (got %d)", cmd, name, lo, hi, v)
	}
	return nil
}

// flagUsages returns the flag list of fs for a usage text.
func flagUsages(fs *pflag.FlagSet) string {
	return fs.FlagUsagesWrapped(80)
}
