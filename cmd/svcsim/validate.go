package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/internal/cmdline"
	"github.com/svcsim/svcsim/internal/simflags"
	"github.com/svcsim/svcsim/scenarios"
)

// validateCommand is 'svcsim validate': check scenario files.
type validateCommand struct {
	fs        *pflag.FlagSet
	quiet     bool
	allowIdle bool
}

func newValidateCommand(fs *pflag.FlagSet) cmdline.Runner {
	c := &validateCommand{fs: fs}
	c.fs.BoolVarP(&c.quiet, "quiet", "q", false, "print no warnings")
	c.fs.BoolVar(&c.allowIdle, "allow-idle", false, "accept a scenario open on no day the run measures, or with a stage customers reach that never has staff (what-if runs)")
	return c
}

func (c *validateCommand) Run(ctx context.Context, stdout, stderr io.Writer) error {
	files := c.fs.Args()
	invalid := 0
	for _, file := range files {
		if err := ctx.Err(); err != nil {
			return errInterrupted
		}
		v, err := scenarios.Validate(ctx, file, scenarios.Options{AllowIdle: c.allowIdle})
		switch {
		case err != nil && ctx.Err() != nil:
			return errInterrupted
		case err != nil:
			invalid++
			simflags.PrintLoadError(stderr, file, err)
			continue
		}
		for _, l := range v.OK {
			fmt.Fprintln(stdout, l)
		}
		if !c.quiet {
			for _, w := range v.Warnings {
				fmt.Fprintf(stderr, "warning: %s\n", w)
			}
		}
	}
	if invalid > 0 {
		return &invalidError{invalid: invalid, total: len(files)}
	}
	return nil
}
