package main

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/calibrate"
	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/internal/userfile"
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/scenarios"
)

// A command is one subcommand: its name, a one-line summary for the command
// list, and a constructor that defines its flags on a fresh flag set.
type command struct {
	name    string
	summary string
	new     func(fs *pflag.FlagSet) subcommand
	args    args
}

// args are the arguments a command takes after its flags: from min to
// max (-1: any number), described as what.
type args struct {
	min, max int
	what     string
}

// subcommand is what each command file implements: the work, once Run has
// parsed and range-checked the flags.
type subcommand interface {
	run(ctx context.Context, stdout, stderr io.Writer) error
}

var commands = []command{
	{"run", "simulate a scenario and report its KPIs", newRunCommand, args{0, 1, "at most one scenario"}},
	{"compare", "compare scenarios side by side with paired differences", newCompareCommand, args{1, -1, "at least one scenario: a file with variants, or two files"}},
	{"batch", "run every scenario of files, directories and globs into tidy CSV", newBatchCommand, args{1, -1, "scenario files, directories or glob patterns"}},
	{"sweep", "run a grid of staff levels or any numeric field", newSweepCommand, args{1, 1, "one scenario"}},
	{"staff", "find the cheapest staffing that meets targets", newStaffCommand, args{1, 1, "one scenario"}},
	{"rota", "turn shift patterns into the cheapest rota that meets targets", newRotaCommand, args{1, 1, "one scenario"}},
	{"merge", "combine the part files of a sharded batch, sweep or compare", newMergeCommand, args{0, -1, "the part files"}},
	{"plan", "count the work units of a batch or sweep, to size a job array", newPlanCommand, args{1, -1, "scenario files or directories, or a scenario and --vary"}},
	{"serve", "open the what-if workbench in a browser: edit staffing, see the paired difference", newServeCommand, args{0, 1, "at most one folder, scenario file or built-in"}},
	{"plot", "draw charts from saved results", newPlotCommand, args{1, 1, "one results directory"}},
	{"report", "write an HTML report from saved results", newReportCommand, args{1, 1, "one results directory"}},
	{"calibrate", "fit the satisfaction model to your own survey", newCalibrateCommand, args{1, 1, "one survey CSV file"}},
	{"validate", "check scenario files and report every problem", newValidateCommand, args{1, -1, "scenario files"}},
	{"scenarios", "list the built-in scenarios, or print one", newScenariosCommand, args{0, 2, "nothing, or show NAME"}},
	{"version", "print the version of svcsim and of Go", newVersionCommand, args{0, 0, "no arguments"}},
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
	switch {
	case name == "help" && len(rest) > 1:
		return usageErrorf("help: give one command (got %d: %s)", len(rest), strings.Join(rest, " "))
	case name == "help" && len(rest) == 1 && lookup(rest[0]) != nil:
		name, rest = rest[0], []string{"--help"}
	case name == "help" && len(rest) == 1 && !isHelp(rest[0]):
		return usageErrorf("help: unknown command %q (commands: %s)", rest[0], commandNames())
	case isHelp(name):
		return mainUsage(stdout)
	case name == "--version":
		name = "version"
	}
	c := lookup(name)
	switch {
	case c == nil && strings.HasPrefix(name, "-"):
		return usageErrorf("%s: flags go after the command: svcsim COMMAND [flags] (commands: %s; see 'svcsim help')", name, commandNames())
	case c == nil:
		return usageErrorf("unknown command %q (commands: %s; see 'svcsim help')", name, commandNames())
	}
	out := &errWriter{w: stdout}
	err := c.run(ctx, rest, out, stderr)
	if err == nil && out.err != nil {
		err = fmt.Errorf("writing the output: %w", out.err)
	}
	return named(name, err)
}

// run parses the flags and arguments of command c and does its work.
func (c *command) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags(c.name)
	sub := c.new(fs)
	if help, err := parseFlags(fs, args); help || err != nil {
		if help {
			return writeUsage(stdout, c.name, fs)
		}
		return err
	}
	for i, a := range fs.Args() {
		if strings.TrimSpace(a) == "" {
			// An unset shell variable: it would read as no argument.
			return usageErrorf("%s: argument %d is empty (got %q); give %s", c.name, i+1, a, c.args.what)
		}
	}
	if n := fs.NArg(); n < c.args.min || (c.args.max >= 0 && n > c.args.max) {
		got := "none"
		if n > 0 {
			shown := fs.Args()[:min(n, 4)]
			got = fmt.Sprintf("%d: %s", n, strings.Join(shown, " "))
			if n > len(shown) {
				got += " …"
			}
		}
		return usageErrorf("%s: give %s (got %s; see 'svcsim %s --help')", c.name, c.args.what, got, c.name)
	}
	return sub.run(ctx, stdout, stderr)
}

func isHelp(arg string) bool { return arg == "help" || arg == "-h" || arg == "--help" }

// named prefixes err with the command's name, so that every message says
// which command it is about, unless it does already. An interruption is
// the process's, and scenario errors are printed one per line with their
// file and line (see printError).
func named(name string, err error) error {
	if err == nil || err == errInterrupted || strings.HasPrefix(err.Error(), name+":") || strings.HasPrefix(err.Error(), name+" ") {
		return err
	}
	if _, ok := errors.AsType[scenarios.Errors](err); ok {
		return err
	}
	return &namedError{name, err}
}

// namedError is an error of command name.
type namedError struct {
	name string
	err  error
}

func (e *namedError) Error() string { return e.name + ": " + e.err.Error() }
func (e *namedError) Unwrap() error { return e.err }

// errWriter remembers the first error writing to w, so that a command
// whose output could not be written (a full disk, a closed pipe) fails
// even where it does not check every write.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func commandNames() string {
	names := []string{"help"}
	for _, c := range commands {
		names = append(names, c.name)
	}
	return strings.Join(names, ", ")
}

// The help of each command is a text file in help/: prose is easier to
// read and edit there than in Go string literals. writeUsage fills in its
// {placeholders}.
//
//go:embed help/*.txt
var helpFiles embed.FS

// writeUsage writes the help of command name, help/NAME.txt, with its
// flag list from fs.
func writeUsage(w io.Writer, name string, fs *pflag.FlagSet) error {
	b, err := helpFiles.ReadFile("help/" + name + ".txt")
	if err != nil {
		panic("svcsim: no help text for " + name) // a file missing from help/
	}
	var list strings.Builder
	for _, c := range commands {
		fmt.Fprintf(&list, "  %-10s %s\n", c.name, c.summary)
	}
	_, err = strings.NewReplacer("{flags}", fs.FlagUsagesWrapped(80), "{commands}", list.String(),
		"{seed}", strconv.Itoa(experiment.DefaultSeed), "{builtin}", scenarios.DefaultBuiltin,
		"{minrows}", strconv.Itoa(calibrate.MinRows)).WriteString(w, string(b))
	return err
}

func mainUsage(w io.Writer) error { return writeUsage(w, "svcsim", newFlags("svcsim")) }

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

// invalidInput is a data file the command cannot use: exit status 2.
type invalidInput struct{ err error }

func (e *invalidInput) Error() string { return e.err.Error() }
func (e *invalidInput) Unwrap() error { return e.err }

// searchError is a staff or rota search that found nothing meeting every
// target; what it found has been written. It exits with status 1.
type searchError struct{ msg string }

func (e *searchError) Error() string { return e.msg }

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
		te *resultset.TargetError
		fe *userfile.Error
	)
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue), errors.As(err, &ie), errors.As(err, &ii), errors.As(err, &se),
		errors.As(err, &nd), errors.As(err, &nr), errors.As(err, &te), errors.As(err, &fe):
		return 2
	default:
		return 1
	}
}

// printError prints err on w: scenario errors one per line, everything
// else as a single "svcsim: " line. Control characters (a newline in a
// file name, say) are escaped, so that each message stays one line.
func printError(w io.Writer, err error) {
	if se, ok := errors.AsType[scenarios.Errors](err); ok {
		for _, e := range se {
			fmt.Fprintf(w, "svcsim: %s\n", oneLine(e.Error()))
		}
		return
	}
	fmt.Fprintf(w, "svcsim: %s\n", oneLine(err.Error()))
}

// oneLine escapes the control characters of s as Go does in a quoted
// string.
func oneLine(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
