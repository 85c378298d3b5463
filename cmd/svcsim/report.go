package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/internal/buildinfo"
	"github.com/svcsim/svcsim/internal/cmdline"
	"github.com/svcsim/svcsim/internal/simflags"
	"github.com/svcsim/svcsim/report"
	"github.com/svcsim/svcsim/resultset"
)

// reportCommand is 'svcsim report': one self-contained HTML file.
type reportCommand struct {
	fs    *pflag.FlagSet
	c     simflags.Charts
	out   string
	paper string
}

func newReportCommand(fs *pflag.FlagSet) cmdline.Runner {
	r := &reportCommand{fs: fs}
	r.c.Register(r.fs)
	cmdline.EnumVar(r.fs, &r.paper, "paper", "a4", simflags.Papers, "print on `SIZE` paper: a4 or letter")
	r.fs.StringVarP(&r.out, "output", "o", "", "write the report to `FILE` (default RESULTS_DIR/report.html)")
	return r
}

func (r *reportCommand) Run(ctx context.Context, stdout, stderr io.Writer) error {
	if err := r.c.Check("report"); err != nil {
		return err
	}
	out := r.out
	if out == "" {
		out = filepath.Join(r.fs.Arg(0), "report.html")
	}
	if resultset.Replaces(out, r.fs.Arg(0), "report.html") {
		return cmdline.Usagef("report: -o %s would replace the results the report is made from; valid: another file, or report.html there", out)
	}
	if err := resultset.CheckFile(out); err != nil && r.out != "" {
		return fmt.Errorf("-o %s: %w", out, err)
	} else if err != nil {
		return err
	}
	s, err := resultset.Load(r.fs.Arg(0))
	if err != nil {
		return err
	}
	ro := report.Options{Version: buildinfo.Version(), Paper: r.paper, Warn: simflags.Warner(stderr)}
	if err := report.SaveReport(s, r.fs.Arg(0), out, r.c.Options(), ro); err != nil {
		return err
	}
	fmt.Fprintln(stdout, out)
	return nil
}
