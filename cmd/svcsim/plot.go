package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/plots"
	"github.com/svcsim/svcsim/report"
	"github.com/svcsim/svcsim/resultset"
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
	fs.Float64Var(&c.width, "width", 16, "chart width in `cm`")
	fs.Float64Var(&c.height, "height", 10, "chart height in `cm`")
}

func (c *chartFlags) size() plots.Size {
	return plots.Size{Width: vg.Length(c.width) * vg.Centimeter, Height: vg.Length(c.height) * vg.Centimeter}
}

func (c *chartFlags) check(cmd string) ([]string, error) {
	var out []string
	for f := range strings.SplitSeq(c.formats, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		if f != "png" && f != "svg" && f != "pdf" {
			return nil, usageErrorf("%s: --chart-format %q: use png, svg and/or pdf, comma-separated", cmd, f)
		}
		out = append(out, f)
	}
	if !(c.width >= 4 && c.width <= 100 && c.height >= 3 && c.height <= 100) {
		return nil, usageErrorf("%s: --width and --height must be between 4 and 100 cm (got %g × %g)", cmd, c.width, c.height)
	}
	return out, nil
}

// chartStyle is the charts' style with the font for their texts,
// printing any warning once.
func chartStyle(c *chartFlags, s *resultset.Set, stderr io.Writer) (*plots.Style, error) {
	sty, warn, err := plots.NewStyle(c.font, report.Texts(s)...)
	if err != nil {
		return nil, fmt.Errorf("--font: %w", err)
	}
	if warn != "" {
		fmt.Fprintf(stderr, "warning: %s\n", warn)
	}
	// Chart words in the language of the names: Chinese units and axes
	// beside Chinese stage names.
	var names []string
	for _, r := range s.Scenarios {
		names = append(names, r.Name)
		names = append(names, r.Results.Stages...)
	}
	sty.Language = plots.LanguageOf(names...)
	return sty, nil
}

// writeCharts draws every chart of s into dir/charts in the formats.
func writeCharts(ctx context.Context, s *resultset.Set, dir string, c *chartFlags, formats []string, stderr io.Writer) ([]string, error) {
	sty, err := chartStyle(c, s, stderr)
	if err != nil {
		return nil, err
	}
	files, err := report.WriteCharts(ctx, s, dir, sty, c.size(), formats)
	if err != nil && ctx.Err() != nil {
		return files, errInterrupted // each chart drawn so far is whole
	}
	return files, err
}

// plotCommand is 'svcsim plot': charts from saved results.
type plotCommand struct {
	fs *pflag.FlagSet
	c  chartFlags
}

func newPlotCommand() *plotCommand {
	p := &plotCommand{fs: newFlags("plot")}
	p.c.register(p.fs)
	return p
}

func (p *plotCommand) usage(w io.Writer) {
	fmt.Fprintf(w, helpText("plot"), flagUsages(p.fs))
}

func (p *plotCommand) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if help, err := parseFlags(p.fs, args, p.usage, stdout); help || err != nil {
		return err
	}
	if p.fs.NArg() != 1 {
		return usageErrorf("plot: give one results directory (got %d)", p.fs.NArg())
	}
	formats, err := p.c.check("plot")
	if err != nil {
		return err
	}
	s, err := resultset.Load(p.fs.Arg(0))
	if err != nil {
		return err
	}
	files, err := writeCharts(ctx, s, p.fs.Arg(0), &p.c, formats, stderr)
	for _, f := range files {
		fmt.Fprintln(stdout, f)
	}
	return err
}

// outputs are the --charts, --report and --xlsx options of the commands
// that write a results directory.
type outputs struct {
	charts, report, xlsx bool
	paper                string
	chartFlags
}

func (o *outputs) register(fs *pflag.FlagSet) {
	fs.BoolVar(&o.charts, "charts", false, "also draw the charts into DIR/charts (needs --out)")
	fs.BoolVar(&o.report, "report", false, "also write DIR/report.html (needs --out)")
	fs.StringVar(&o.paper, "paper", "a4", "print the report on `SIZE` paper: a4 or letter")
	fs.BoolVar(&o.xlsx, "xlsx", false, "also write DIR/results.xlsx, a workbook of the results (needs --out)")
	o.chartFlags.register(fs)
}

func (o *outputs) check(cmd, out string) error {
	if !o.charts && !o.report && !o.xlsx {
		return nil
	}
	if out == "" {
		return usageErrorf("%s: --charts, --report and --xlsx need --out DIR", cmd)
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
	if !o.charts && !o.report && !o.xlsx {
		return nil
	}
	if ctx.Err() != nil {
		return errInterrupted
	}
	s, err := resultset.Load(dir)
	if err != nil {
		return err
	}
	if o.charts {
		formats, _ := o.chartFlags.check("")
		if _, err := writeCharts(ctx, s, dir, &o.chartFlags, formats, stderr); err != nil {
			return err
		}
	}
	if o.report {
		if ctx.Err() != nil {
			return errInterrupted
		}
		if err := writeReport(s, filepath.Join(dir, "report.html"), &o.chartFlags, o.paper, stderr); err != nil {
			return err
		}
	}
	if o.xlsx {
		if ctx.Err() != nil {
			return errInterrupted
		}
		var b bytes.Buffer
		if err := report.Workbook(&b, s); err != nil {
			return fmt.Errorf("results.xlsx: %w", err)
		}
		return resultset.WriteFile(filepath.Join(dir, "results.xlsx"), b.Bytes())
	}
	return nil
}
