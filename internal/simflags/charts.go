package simflags

import (
	"fmt"
	"io"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/internal/cmdline"
	"github.com/svcsim/svcsim/plots"
	"github.com/svcsim/svcsim/report"
	"gonum.org/v1/plot/vg"
)

// Charts are the chart options shared by plot, report and --charts.
type Charts struct {
	formats       string
	font          string
	width, height float64
}

// Register defines --chart-format, --font, --width and --height on fs.
func (c *Charts) Register(fs *pflag.FlagSet) {
	cmdline.EnumListVar(fs, &c.formats, "chart-format", "png,svg", []string{"png", "svg", "pdf"}, "chart file formats: any of `png,svg,pdf`")
	fs.StringVar(&c.font, "font", "", "draw charts with the font `FILE` (.ttf, .otf or .ttc); default: Liberation Sans, or a CJK font found on the system for Chinese text")
	fs.Float64Var(&c.width, "width", 16, "chart width in `CM` (4-100)")
	fs.Float64Var(&c.height, "height", 10, "chart height in `CM` (3-100)")
}

// Check checks the chart flags of command cmd, reading the --font file
// now: a run should not fail after simulating.
func (c *Charts) Check(cmd string) error {
	if _, err := report.ParseFormats(c.formats); err != nil {
		return cmdline.Usagef("%s: --chart-format %v", cmd, err)
	}
	if !(c.width >= 4 && c.width <= 100 && c.height >= 3 && c.height <= 100) {
		return cmdline.Usagef("%s: --width must be from 4 to 100 cm and --height from 3 to 100 cm (got %g × %g)", cmd, c.width, c.height)
	}
	if c.font != "" {
		if err := plots.CheckFont(c.font); err != nil {
			return cmdline.Usagef("%s: --font: %v", cmd, err)
		}
	}
	return nil
}

// Options are the chart options of the flags; Check them first.
func (c *Charts) Options() report.ChartOptions {
	formats, _ := report.ParseFormats(c.formats)
	size := plots.Size{Width: vg.Length(c.width) * vg.Centimeter, Height: vg.Length(c.height) * vg.Centimeter}
	return report.ChartOptions{Formats: formats, Font: c.font, Size: size}
}

// Papers are the values of --paper, for cmdline.EnumVar: report.Papers'
// names.
var Papers = []string{"a4", "letter"}

// Warner prints a library's warnings on stderr.
func Warner(stderr io.Writer) func(string) {
	return func(msg string) { fmt.Fprintf(stderr, "warning: %s\n", msg) }
}
