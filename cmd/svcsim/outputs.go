package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/internal/buildinfo"
	"github.com/svcsim/svcsim/internal/cmdline"
	"github.com/svcsim/svcsim/plots"
	"github.com/svcsim/svcsim/report"
	"gonum.org/v1/plot/vg"
)

// chartFlags are the chart options shared by plot, report and --charts.
type chartFlags struct {
	formats       string
	font          string
	width, height float64
}

func (c *chartFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&c.formats, "chart-format", "png,svg", "chart file formats: any of `png,svg,pdf`")
	fs.StringVar(&c.font, "font", "", "draw charts with the font `FILE` (.ttf, .otf or .ttc); default: Liberation Sans, or a CJK font found on the system for Chinese text")
	fs.Float64Var(&c.width, "width", 16, "chart width in `CM` (4-100)")
	fs.Float64Var(&c.height, "height", 10, "chart height in `CM` (3-100)")
}

func (c *chartFlags) size() plots.Size {
	return plots.Size{Width: vg.Length(c.width) * vg.Centimeter, Height: vg.Length(c.height) * vg.Centimeter}
}

func (c *chartFlags) check(cmd string) ([]string, error) {
	out, err := report.ParseFormats(c.formats)
	if err != nil {
		return nil, cmdline.Usagef("%s: --chart-format %v", cmd, err)
	}
	if !(c.width >= 4 && c.width <= 100 && c.height >= 3 && c.height <= 100) {
		return nil, cmdline.Usagef("%s: --width must be from 4 to 100 cm and --height from 3 to 100 cm (got %g × %g)", cmd, c.width, c.height)
	}
	if c.font != "" {
		// Read the font now: a run should not fail after simulating.
		if err := plots.CheckFont(c.font); err != nil {
			return nil, cmdline.Usagef("%s: --font: %v", cmd, err)
		}
	}
	return out, nil
}

// options are the chart options of the flags; check them first.
func (c *chartFlags) options() report.ChartOptions {
	formats, _ := report.ParseFormats(c.formats)
	return report.ChartOptions{Formats: formats, Font: c.font, Size: c.size()}
}

// warner prints a library's warnings on stderr.
func warner(stderr io.Writer) func(string) {
	return func(msg string) { fmt.Fprintf(stderr, "warning: %s\n", msg) }
}

// outputs are the --charts, --report and --xlsx options of the commands
// that write a results directory.
type outputs struct {
	fs                   *pflag.FlagSet
	charts, report, xlsx bool
	paper                string
	chartFlags
}

func (o *outputs) register(fs *pflag.FlagSet) {
	o.fs = fs
	fs.BoolVar(&o.charts, "charts", false, "also draw the charts into DIR/charts (needs --out)")
	fs.BoolVar(&o.report, "report", false, "also write DIR/report.html (needs --out)")
	fs.StringVar(&o.paper, "paper", "a4", "print the report on `SIZE` paper: a4 or letter")
	fs.BoolVar(&o.xlsx, "xlsx", false, "also write DIR/results.xlsx, a workbook of the results (needs --out)")
	o.chartFlags.register(fs)
}

func (o *outputs) check(cmd, out string) error {
	if err := cmdline.OnlyWith(o.fs, o.report, "without --report", "paper"); err != nil {
		return err
	}
	if err := cmdline.OnlyWith(o.fs, o.charts || o.report, "without --charts or --report", "chart-format", "font", "width", "height"); err != nil {
		return err
	}
	if !o.any() {
		return nil
	}
	if out == "" {
		return cmdline.Usagef("%s: --charts, --report and --xlsx need --out DIR", cmd)
	}
	if err := checkPaper(cmd, o.paper); err != nil {
		return err
	}
	_, err := o.chartFlags.check(cmd)
	return err
}

// write draws the charts, the report and the workbook of the results in
// dir.
func (o *outputs) write(ctx context.Context, dir string, stdout, stderr io.Writer) error {
	return o.folder(stderr).Write(ctx, dir)
}

// folder is what to add to a result folder, with warnings on stderr.
func (o *outputs) folder(stderr io.Writer) *report.Folder {
	return &report.Folder{Charts: o.charts, Report: o.report, Workbook: o.xlsx, Chart: o.chartFlags.options(),
		Paper: o.paper, Version: buildinfo.Version(), Warn: warner(stderr)}
}

// any reports whether the charts, the report or the workbook are asked
// for.
func (o *outputs) any() bool { return o.charts || o.report || o.xlsx }

// checkPaper checks the --paper flag: a4 or letter, in any case.
func checkPaper(cmd, paper string) error {
	if _, ok := report.Papers[strings.ToLower(paper)]; !ok || paper == "" {
		return cmdline.Usagef("%s: --paper %q: use a4 or letter", cmd, paper)
	}
	return nil
}
