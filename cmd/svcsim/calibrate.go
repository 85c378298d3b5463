package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/calibrate"
)

// calibrateCommand is 'svcsim calibrate': the satisfaction model's
// parameters fitted to a planner's survey.
type calibrateCommand struct {
	fs *pflag.FlagSet
}

func newCalibrateCommand() *calibrateCommand {
	return &calibrateCommand{fs: newFlags("calibrate")}
}

func (c *calibrateCommand) usage(w io.Writer) {
	fmt.Fprintf(w, helpText("calibrate"), calibrate.MinRows, flagUsages(c.fs))
}

func (c *calibrateCommand) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if help, err := parseFlags(c.fs, args, c.usage, stdout); help || err != nil {
		return err
	}
	if c.fs.NArg() != 1 {
		return usageErrorf("calibrate: give one survey CSV file (got %d)", c.fs.NArg())
	}
	file := c.fs.Arg(0)
	f, err := os.Open(file)
	if err != nil {
		return usageErrorf("calibrate: %v", err)
	}
	defer f.Close()
	s, err := calibrate.ReadSurvey(f, file)
	if err != nil {
		return &invalidInput{err}
	}
	tol, wt, err := s.Fit(file)
	if err != nil {
		return &invalidInput{err}
	}
	if wt == nil {
		fmt.Fprintf(stderr, "warning: %s has no rating column, so only tolerances and steepness are fitted\n", file)
	}
	return calibrate.YAML(stdout, file, tol, wt)
}

// invalidInput is a data file the command cannot use: exit status 2.
type invalidInput struct{ err error }

func (e *invalidInput) Error() string { return e.err.Error() }
func (e *invalidInput) Unwrap() error { return e.err }
