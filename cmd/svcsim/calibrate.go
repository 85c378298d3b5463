package main

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/calibrate"
	"github.com/svcsim/svcsim/internal/cmdline"
	"github.com/svcsim/svcsim/internal/userfile"
)

// calibrateCommand is 'svcsim calibrate': the satisfaction model's
// parameters fitted to a planner's survey.
type calibrateCommand struct {
	fs *pflag.FlagSet
}

func newCalibrateCommand(fs *pflag.FlagSet) cmdline.Runner {
	return &calibrateCommand{fs: fs}
}

func (c *calibrateCommand) Run(ctx context.Context, stdout, stderr io.Writer) error {
	file := c.fs.Arg(0)
	b, err := userfile.Read(file, userfile.Survey)
	if err != nil {
		return cmdline.Usagef("calibrate: %v", err)
	}
	s, err := calibrate.ReadSurvey(bytes.NewReader(b), file)
	if err != nil {
		return &invalidInput{err}
	}
	for _, w := range s.Blanks(file) {
		fmt.Fprintf(stderr, "warning: %s\n", w)
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
