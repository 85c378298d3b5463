package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/plots"
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/sim"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// chart is one chart of a result set, with a file name and a caption.
type chart struct {
	name, caption string
	plot          *plot.Plot
}

func plotScenarios(s *resultset.Set) []plots.Scenario {
	out := make([]plots.Scenario, len(s.Scenarios))
	for i, r := range s.Scenarios {
		out[i] = plots.Scenario{Name: r.Name, Results: r.Results, Currency: r.Currency}
	}
	return out
}

// texts are the words charts will show, for choosing a font.
func chartTexts(s *resultset.Set) []string {
	var out []string
	for _, r := range s.Scenarios {
		out = append(out, r.Name)
		out = append(out, r.Results.Stages...)
		for _, k := range r.Results.KPIs {
			out = append(out, k.Label)
		}
	}
	return out
}

// charts draws every chart the saved results support in the style; a
// chart without data is left out.
func charts(s *resultset.Set, sty *plots.Style) []chart {
	sc := plotScenarios(s)
	first := sc[0]
	var out []chart
	add := func(name, caption string, p *plot.Plot, err error) {
		if err == nil && p != nil {
			out = append(out, chart{name, caption, p})
		}
	}
	sweep := len(s.Params) == 1
	for _, k := range headlineKPIs(first.Results) {
		if len(sc) > 1 && !sweep {
			p, err := sty.KPIBars(sc, k)
			add("bars-"+k, "Per scenario, with 95% confidence intervals.", p, err)
		}
	}
	for _, st := range first.Results.Stages {
		for _, m := range []string{"wait", "service_level"} {
			tod := sc
			if sweep || len(sc) > 6 {
				tod = sc[:1]
			}
			p, err := sty.ByTimeOfDay(tod, st, m)
			add("tod-"+st+"-"+m, "By time of day; shaded: 95% confidence interval.", p, err)
		}
		p, err := sty.QueueAndStaff(first, st)
		add("queue-"+st, first.Name+": mean queue and staff on duty.", p, err)
		if !sweep {
			p, err = sty.WaitDistribution(sc, st)
			add("waits-"+st, "Median, 90th, 95th and 99th percentile waits and the mean.", p, err)
		}
	}
	for i, r := range sc {
		if i > 0 && (sweep || i > 3) {
			break
		}
		p, err := sty.UtilisationHeatmap(r)
		add(fmt.Sprintf("utilisation-%d", i+1), r.Name+": staff utilisation by stage and time of day.", p, err)
	}
	if len(sc) > 1 && !sweep {
		for i, o := range sc[1:] {
			d, err := sim.Compare(first.Results, o.Results)
			if err != nil {
				continue
			}
			var keep []sim.Diff
			for _, x := range d {
				if isHeadline(x.Name, first.Results) {
					keep = append(keep, x)
				}
			}
			p, err := sty.Forest(o.Name+" - "+first.Name, s.Scenarios[0].Currency, keep)
			add(fmt.Sprintf("differences-%d", i+2), "Paired differences from the baseline with 95% intervals; grey: not distinguishable from noise.", p, err)
		}
	}
	if sweep {
		param := s.Params[0]
		for _, k := range headlineKPIs(first.Results) {
			var pts []plots.SweepPoint
			var unit sim.Unit
			label := k
			for _, r := range s.Scenarios {
				x, err := strconv.ParseFloat(r.Params[param], 64)
				kp := r.Results.KPI(k)
				if err != nil || kp == nil {
					continue
				}
				scale, _ := kp.Unit.Display(r.Currency, 0)
				unit, label = kp.Unit, kp.Label
				pts = append(pts, plots.SweepPoint{X: x, Y: sim.Estimate{Mean: kp.Mean * scale, HalfWidth: kp.HalfWidth * scale, N: kp.N}})
			}
			_, u := unit.Display(s.Scenarios[0].Currency, 0)
			p, err := sty.StaffingCurve(label+" against "+param, param, fmt.Sprintf("%s (%s)", label, u), pts, 0, false)
			add("sweep-"+k, "Each point simulated with the same random numbers; bars: 95% intervals.", p, err)
		}
	}
	if len(sc) > 1 && first.Results.KPI("cost.per_day") != nil && first.Results.KPI("nps") != nil {
		var pts []plots.FrontierPoint
		for _, r := range sc {
			c, n := r.Results.KPI("cost.per_day"), r.Results.KPI("nps")
			if c != nil && n != nil {
				pts = append(pts, plots.FrontierPoint{Name: r.Name, Cost: c.Estimate, Score: n.Estimate})
			}
		}
		cur := strings.TrimSpace(s.Scenarios[0].Currency + " per day")
		p, err := sty.CostFrontier(pts, "staff cost ("+cur+")", "NPS")
		add("cost-nps", "Staff cost against NPS; the line joins the scenarios no other beats on both.", p, err)
	}
	if d, r, err := sty.DemandReputation(sc); err == nil {
		add("demand", "Arrivals per simulated day.", d, nil)
		add("reputation", "Displayed reputation per simulated day.", r, nil)
	}
	return out
}

// headlineKPIs are the KPIs drawn per scenario: each stage's mean wait
// and service level, NPS and staff cost, where reported.
func headlineKPIs(r *sim.Results) []string {
	var out []string
	for _, st := range r.Stages {
		out = append(out, st+".wait.mean", st+".service_level")
		if r.KPI(st+".abandonment") != nil {
			out = append(out, st+".abandonment")
		}
	}
	for _, k := range []string{"nps", "rating.mean", "cost.per_day"} {
		if r.KPI(k) != nil {
			out = append(out, k)
		}
	}
	return out
}

func isHeadline(name string, r *sim.Results) bool {
	for _, k := range headlineKPIs(r) {
		if k == name {
			return true
		}
	}
	return false
}

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
	sty, warn, err := plots.NewStyle(c.font, chartTexts(s)...)
	if err != nil {
		return nil, fmt.Errorf("--font: %w", err)
	}
	if warn != "" {
		fmt.Fprintf(stderr, "warning: %s\n", warn)
	}
	return sty, nil
}

// writeCharts draws every chart of s into dir/charts in the formats.
func writeCharts(ctx context.Context, s *resultset.Set, dir string, c *chartFlags, formats []string, stderr io.Writer) ([]string, error) {
	sty, err := chartStyle(c, s, stderr)
	if err != nil {
		return nil, err
	}
	out := filepath.Join(dir, "charts")
	if err := os.MkdirAll(out, 0o777); err != nil {
		return nil, err
	}
	var files []string
	for _, ch := range charts(s, sty) {
		if ctx.Err() != nil {
			return files, errInterrupted // each chart drawn so far is whole
		}
		for _, f := range formats {
			path := filepath.Join(out, safeName(ch.name)+"."+f)
			if err := sty.Save(ch.plot, path, c.size()); err != nil {
				return files, fmt.Errorf("%s: %w", path, err)
			}
			files = append(files, path)
		}
	}
	sort.Strings(files)
	return files, nil
}

// safeName keeps letters (of any script), digits, '-', '_' and '.'.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127 {
			return r
		}
		return '_'
	}, s)
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
	fmt.Fprintf(w, `Usage: svcsim plot [flags] RESULTS_DIR

Plot draws every chart the results in RESULTS_DIR support — written by
'svcsim run --out', 'compare --out', 'batch' or 'sweep --out' — into
RESULTS_DIR/charts: waits and service levels by time of day, queue and
staff on duty, wait distributions, utilisation heat maps, KPIs per
scenario, paired differences, staffing curves of a sweep, cost against
NPS, and demand and reputation over the days.

Flags:
%s
Example:
  svcsim compare clinic --out results/clinic
  svcsim plot results/clinic --chart-format png,pdf
`, flagUsages(p.fs))
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

// outputs are the --charts and --report options of the commands that
// write a results directory.
type outputs struct {
	charts, report bool
	chartFlags
}

func (o *outputs) register(fs *pflag.FlagSet) {
	fs.BoolVar(&o.charts, "charts", false, "also draw the charts into DIR/charts (needs --out)")
	fs.BoolVar(&o.report, "report", false, "also write DIR/report.html (needs --out)")
	o.chartFlags.register(fs)
}

func (o *outputs) check(cmd, out string) error {
	if !o.charts && !o.report {
		return nil
	}
	if out == "" {
		return usageErrorf("%s: --charts and --report need --out DIR", cmd)
	}
	_, err := o.chartFlags.check(cmd)
	return err
}

// write draws the charts and the report of the results in dir.
func (o *outputs) write(ctx context.Context, dir string, stdout, stderr io.Writer) error {
	if !o.charts && !o.report {
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
		return writeReport(s, filepath.Join(dir, "report.html"), &o.chartFlags, stderr)
	}
	return nil
}
