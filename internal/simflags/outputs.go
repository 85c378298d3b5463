package simflags

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/internal/buildinfo"
	"github.com/svcsim/svcsim/internal/cmdline"
	"github.com/svcsim/svcsim/report"
	"github.com/svcsim/svcsim/resultset"
)

// Outputs are the --charts, --report and --xlsx options of the commands
// that write a results folder.
type Outputs struct {
	fs                   *pflag.FlagSet
	charts, report, xlsx bool
	paper                string
	Charts
}

// Register defines --charts, --report, --paper, --xlsx and the chart
// flags on fs.
func (o *Outputs) Register(fs *pflag.FlagSet) {
	o.fs = fs
	fs.BoolVar(&o.charts, "charts", false, "also draw the charts into DIR/charts (needs --out)")
	fs.BoolVar(&o.report, "report", false, "also write DIR/report.html (needs --out)")
	cmdline.EnumVar(fs, &o.paper, "paper", "a4", Papers, "print the report on `SIZE` paper: a4 or letter")
	fs.BoolVar(&o.xlsx, "xlsx", false, "also write DIR/results.xlsx, a workbook of the results (needs --out)")
	o.Charts.Register(fs)
}

// Check checks the output flags of command cmd, whose --out is out.
func (o *Outputs) Check(cmd, out string) error {
	if err := cmdline.OnlyWith(o.fs, o.report, "without --report", "paper"); err != nil {
		return err
	}
	if err := cmdline.OnlyWith(o.fs, o.charts || o.report, "without --charts or --report", "chart-format", "font", "width", "height"); err != nil {
		return err
	}
	if !o.Any() {
		return nil
	}
	if out == "" {
		return cmdline.Usagef("%s: --charts, --report and --xlsx need --out DIR", cmd)
	}
	// A report or workbook of the planner's own there is refused now, not
	// after simulating.
	var names []string
	if o.report {
		names = append(names, "report.html")
	}
	if o.xlsx {
		names = append(names, "results.xlsx")
	}
	if err := resultset.CheckOwned(out, nil, names...); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	return o.Charts.Check(cmd)
}

// Write draws the charts, the report and the workbook of the results in
// dir, as asked.
func (o *Outputs) Write(ctx context.Context, dir string, stderr io.Writer) error {
	return o.Folder(stderr).Write(ctx, dir)
}

// Folder is what to add to a results folder, with warnings on stderr.
func (o *Outputs) Folder(stderr io.Writer) *report.Folder {
	return &report.Folder{Charts: o.charts, Report: o.report, Workbook: o.xlsx, Chart: o.Charts.Options(),
		Paper: o.paper, Version: buildinfo.Version(), Warn: Warner(stderr)}
}

// Any reports whether the charts, the report or the workbook are asked
// for.
func (o *Outputs) Any() bool { return o.charts || o.report || o.xlsx }
