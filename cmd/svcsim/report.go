package main

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/sim"
)

// reportCommand is 'svcsim report': one self-contained HTML file.
type reportCommand struct {
	fs  *pflag.FlagSet
	c   chartFlags
	out string
}

func newReportCommand() *reportCommand {
	r := &reportCommand{fs: newFlags("report")}
	r.c.register(r.fs)
	r.fs.StringVarP(&r.out, "output", "o", "", "write the report to `FILE` (default RESULTS_DIR/report.html)")
	return r
}

func (r *reportCommand) usage(w io.Writer) {
	fmt.Fprintf(w, `Usage: svcsim report [flags] RESULTS_DIR

Report writes one self-contained HTML file for a proposal: the scenarios'
assumptions in plain words, the headline KPIs with confidence intervals,
the paired differences from the baseline, the alert thresholds crossed,
every chart (inline SVG), and the method (replications, warm-up,
confidence level, random numbers, svcsim version and scenario file
hashes). It prints cleanly to PDF from a browser, one section per page.

Flags:
%s
Example:
  svcsim compare clinic --out results/clinic
  svcsim report results/clinic
`, flagUsages(r.fs))
}

func (r *reportCommand) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if help, err := parseFlags(r.fs, args, r.usage, stdout); help || err != nil {
		return err
	}
	if r.fs.NArg() != 1 {
		return usageErrorf("report: give one results directory (got %d)", r.fs.NArg())
	}
	if _, err := r.c.check("report"); err != nil {
		return err
	}
	s, err := resultset.Load(r.fs.Arg(0))
	if err != nil {
		return err
	}
	out := r.out
	if out == "" {
		out = filepath.Join(r.fs.Arg(0), "report.html")
	}
	if err := writeReport(s, out, &r.c, stderr); err != nil {
		return err
	}
	fmt.Fprintln(stdout, out)
	return nil
}

type reportFigure struct {
	Caption string
	SVG     template.HTML
}

type reportRow struct {
	Label string
	Cells []string
}

type reportData struct {
	Title       string
	Version     string
	Command     string
	Names       []string
	Headline    []reportRow
	DiffNames   []string
	Diffs       []reportRow
	Alerts      []string
	Warnings    []string
	Assumptions []reportAssumptions
	Figures     []reportFigure
	Method      []string
}

type reportAssumptions struct {
	Name  string
	Lines []string
}

// writeReport renders the HTML report of s to path.
func writeReport(s *resultset.Set, path string, c *chartFlags, stderr io.Writer) error {
	sty, err := chartStyle(c, s, stderr)
	if err != nil {
		return err
	}
	first := s.Scenarios[0]
	d := reportData{Title: first.Name, Version: version(), Command: s.Command}
	if len(s.Scenarios) > 1 {
		d.Title = first.Name + " and " + fmt.Sprint(len(s.Scenarios)-1) + " more scenario(s)"
	}
	for _, sc := range s.Scenarios {
		d.Names = append(d.Names, sc.Name)
	}
	cell := func(k *sim.KPI, currency string) string {
		if k == nil {
			return "—"
		}
		scale, unit := k.Unit.Display(currency, k.Mean)
		v, pm := figures.PM(k.Mean*scale, k.HalfWidth*scale)
		if v == "n/a" {
			return v
		}
		return figures.JoinPM(v, pm) + " " + unit
	}
	for _, name := range headlineKPIs(first.Results) {
		row := reportRow{Label: first.Results.KPI(name).Label + " — " + name}
		for _, sc := range s.Scenarios {
			row.Cells = append(row.Cells, cell(sc.Results.KPI(name), sc.Currency))
		}
		d.Headline = append(d.Headline, row)
	}
	if len(s.Scenarios) > 1 && len(s.Params) == 0 {
		var all [][]sim.Diff
		for _, sc := range s.Scenarios[1:] {
			ds, err := sim.Compare(first.Results, sc.Results)
			if err != nil {
				continue
			}
			d.DiffNames = append(d.DiffNames, sc.Name)
			all = append(all, ds)
			for _, bn := range sim.Bottlenecks(first.Results, sc.Results) {
				d.Warnings = append(d.Warnings, experiment.BottleneckNote(sc.Name, bn))
			}
		}
		for _, name := range headlineKPIs(first.Results) {
			k := first.Results.KPI(name)
			row := reportRow{Label: k.Label}
			if k.Stage != "" {
				row.Label = k.Stage + ": " + k.Label
			}
			for _, ds := range all {
				c := "—"
				for _, x := range ds {
					if x.Name == name {
						scale, unit := x.Unit.Display(first.Currency, figures.Largest(x.Base.Mean, x.Other.Mean))
						v, pm := figures.PM(x.Mean*scale, x.HalfWidth*scale)
						c = figures.JoinPM(v, pm) + " " + unit
						if !x.Distinguishable {
							c += " (not distinguishable from noise)"
						}
					}
				}
				row.Cells = append(row.Cells, c)
			}
			d.Diffs = append(d.Diffs, row)
		}
	}
	for _, sc := range s.Scenarios {
		for _, b := range sc.Results.Breaches {
			d.Alerts = append(d.Alerts, fmt.Sprintf("%s: %s — in %s of replications", sc.Name, breachText(sc.Results, b), percent(b.Share)))
		}
		for _, w := range sc.Warnings {
			d.Warnings = append(d.Warnings, sc.Name+": "+w)
		}
		if len(d.Assumptions) < 6 {
			d.Assumptions = append(d.Assumptions, reportAssumptions{sc.Name, sc.Assumptions})
		}
	}
	fonts := map[string]bool{}
	for _, ch := range charts(s, sty) {
		var b bytes.Buffer
		if err := sty.Render(&b, ch.plot, "svg", c.size()); err != nil {
			fmt.Fprintf(stderr, "warning: chart %s: %v\n", ch.name, err)
			continue
		}
		svg := b.String()
		if i := strings.Index(svg, "<svg"); i > 0 {
			svg = svg[i:] // drop the XML prolog: the SVG is inline HTML
		}
		// An embedded font is declared once for the whole page: inline
		// SVGs share the document's style sheet.
		if start, end := strings.Index(svg, "<style>"), strings.Index(svg, "</style>"); start >= 0 && end > start {
			if block := svg[start : end+len("</style>")]; fonts[block] {
				svg = svg[:start] + svg[end+len("</style>"):]
			} else {
				fonts[block] = true
			}
		}
		d.Figures = append(d.Figures, reportFigure{ch.caption, template.HTML(svg)})
	}
	r := first.Results
	d.Method = []string{
		fmt.Sprintf("%d independent replications per scenario, confidence intervals at %g%% (Student t across replications).", r.Replications, r.Confidence*100),
		fmt.Sprintf("%d simulated day(s); the first %s are warm-up and not measured.", r.Days, figures.Duration(r.Warmup)),
		fmt.Sprintf("Master seed %d. Replication i of every scenario uses random streams derived only from the seed and i, so scenarios are compared on common random numbers and differences are paired.", r.Seed),
		"svcsim " + d.Version + ", command: svcsim " + s.Command + ".",
	}
	for _, sc := range s.Scenarios {
		if sc.SHA256 != "" {
			d.Method = append(d.Method, fmt.Sprintf("%s: %s, SHA-256 %s", sc.Name, sc.Source, sc.SHA256))
		}
	}
	var b bytes.Buffer
	if err := reportTemplate.Execute(&b, d); err != nil {
		return err
	}
	return resultset.WriteFile(path, b.Bytes())
}

var reportTemplate = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="svcsim {{.Version}}">
<title>{{.Title}} — svcsim report</title>
<style>
body { font-family: "Liberation Sans", "Noto Sans CJK SC", Arial, sans-serif; color: #222; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #eee; vertical-align: top; }
th { background: #f5f5f5; }
td.num { white-space: nowrap; }
figure { margin: 1.5rem 0; break-inside: avoid; page-break-inside: avoid; }
figure svg { width: 100%; height: auto; }
figcaption { font-size: .85rem; color: #555; }
.note { color: #555; font-size: .9rem; }
@media print {
  body { margin: 0; max-width: none; }
  section { page-break-before: always; break-before: page; }
  section:first-of-type { page-break-before: auto; break-before: auto; }
}
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p class="note">Simulated with svcsim {{.Version}}. Values are means over replications ± the half-width of the 95% confidence interval.</p>

<section id="summary">
<h2>Headline results</h2>
<table>
<tr><th>KPI</th>{{range .Names}}<th>{{.}}</th>{{end}}</tr>
{{range .Headline}}<tr><td>{{.Label}}</td>{{range .Cells}}<td class="num">{{.}}</td>{{end}}</tr>
{{end}}</table>
{{if .Diffs}}
<h2>Differences from {{index .Names 0}}</h2>
<p class="note">Paired differences (scenario − baseline) on common random numbers, with 95% confidence intervals.</p>
<table>
<tr><th>KPI</th>{{range .DiffNames}}<th>{{.}}</th>{{end}}</tr>
{{range .Diffs}}<tr><td>{{.Label}}</td>{{range .Cells}}<td class="num">{{.}}</td>{{end}}</tr>
{{end}}</table>
{{end}}
{{if .Alerts}}<h2>Alert thresholds crossed</h2><ul>{{range .Alerts}}<li>{{.}}</li>{{end}}</ul>{{end}}
{{if .Warnings}}<h2>Warnings</h2><ul>{{range .Warnings}}<li>{{.}}</li>{{end}}</ul>{{end}}
</section>

<section id="assumptions">
<h2>Assumptions</h2>
{{range .Assumptions}}<h3>{{.Name}}</h3><ul>{{range .Lines}}<li>{{.}}</li>{{end}}</ul>{{end}}
</section>

<section id="charts">
<h2>Charts</h2>
{{range .Figures}}<figure class="chart">{{.SVG}}<figcaption>{{.Caption}}</figcaption></figure>
{{end}}
</section>

<section id="method">
<h2>Method</h2>
<ul>{{range .Method}}<li>{{.}}</li>{{end}}</ul>
</section>
<script>
document.body.dataset.charts = String(document.querySelectorAll("figure.chart svg").length);
</script>
</body>
</html>
`))
