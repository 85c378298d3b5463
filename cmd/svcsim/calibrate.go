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

func newCalibrateCommand(fs *pflag.FlagSet) subcommand {
	return &calibrateCommand{fs: fs}
}

func (c *calibrateCommand) run(ctx context.Context, stdout, stderr io.Writer) error {
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
