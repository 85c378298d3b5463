package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/internal/cmdline"
	"github.com/svcsim/svcsim/internal/simflags"
	"github.com/svcsim/svcsim/report"
)

// plotCommand is 'svcsim plot': charts from saved results.
type plotCommand struct {
	fs *pflag.FlagSet
	c  simflags.Charts
}

func newPlotCommand(fs *pflag.FlagSet) cmdline.Runner {
	p := &plotCommand{fs: fs}
	p.c.Register(p.fs)
	return p
}

func (p *plotCommand) Run(ctx context.Context, stdout, stderr io.Writer) error {
	if err := p.c.Check("plot"); err != nil {
		return err
	}
	s, err := report.Load(ctx, p.fs.Arg(0))
	if err != nil {
		return err
	}
	files, err := report.SaveCharts(ctx, s, p.fs.Arg(0), p.c.Options(), simflags.Warner(stderr))
	for _, f := range files {
		fmt.Fprintln(stdout, f)
	}
	return err
}
