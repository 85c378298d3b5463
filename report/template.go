package report

import (
	"html/template"
	"sync"
)

// page is the report's HTML: the summary, the charts from a new page,
// then the assumptions (for a comparison, what each alternative
// changes), the method and, for a comparison, the scenarios in full. It
// is parsed on first use, not when the program starts: every command
// of svcsim would otherwise pay for it (860 allocations).
var page = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Parse(pageHTML))
})

const pageHTML = `<!DOCTYPE html>
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
.incomplete { border: 2px solid #b00; background: #fff3f3; padding: .2rem 1rem; margin: 1rem 0; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
tr, li { break-inside: avoid; page-break-inside: avoid; }
@page { {{.Page}} }
@media print {
  body { margin: 0; max-width: none; }
  #charts { page-break-before: always; break-before: page; }
  /* Any two charts share a page: a tall one (small multiples) is drawn
     smaller rather than left alone on a half-empty page. */
  figure { margin: .4rem 0 .8rem; text-align: center; }
  figure svg { width: auto; max-width: 100%; height: auto; max-height: 116mm; }
  /* The paired differences carry the argument: as large as fits on a
     page under the heading. */
  figure[id^="chart-differences"] svg { max-height: 225mm; }
  /* Detail sections stay whole where they fit on a page. */
  #assumptions, #method { break-inside: avoid; page-break-inside: avoid; }
}
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p class="note">Simulated with svcsim {{.Version}}. Values are means over replications ± the half-width of the 95% confidence interval.</p>

{{if .Incomplete}}<div class="incomplete" id="incomplete" role="alert"><p><strong>Incomplete results.</strong> The run that made them did not finish (interrupted, or some scenarios failed): this report covers only what completed, and leaves out:</p>
<ul>{{range .Incomplete}}<li>{{.}}</li>{{end}}</ul></div>
{{end}}<section id="summary">
{{if .Brief}}<h2>In brief</h2>
<p>The question: {{index .Names 0}} (the baseline) against {{range $i, $a := .Brief}}{{if $i}}, {{end}}{{$a.Name}}{{end}}.</p>
<ul class="brief">{{range .Brief}}
<li>{{if .Changes}}<p class="note">{{.Name}} changes: {{range $i, $c := .Changes}}{{if $i}}; {{end}}{{$c}}{{end}}.</p>{{end}}
<p>{{.Answer}}{{if .PerUnit}} {{.PerUnit}}{{end}}</p>
{{if .Noise}}<p class="note">Not distinguishable from noise: {{range $i, $n := .Noise}}{{if $i}}, {{end}}{{$n}}{{end}}.</p>{{end}}</li>{{end}}
</ul>
{{end}}
{{if .Alerts}}<h2>Alert thresholds crossed</h2><ul>{{range .Alerts}}<li>{{.}}</li>{{end}}</ul>{{end}}
{{if .Warnings}}<h2>Warnings</h2><ul>{{range .Warnings}}<li>{{.}}</li>{{end}}</ul>{{end}}
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
</section>
{{range .Sections}}{{.}}
{{end}}

{{if .Figures}}<section id="charts">
<h2>Charts</h2>
{{range .Figures}}<figure class="chart" id="chart-{{.Name}}">{{.SVG}}<figcaption>{{.Caption}}</figcaption></figure>
{{end}}
</section>{{end}}

<section id="assumptions">
<h2>Assumptions</h2>
{{if .Changes}}<p class="note">What each alternative changes from {{index .Names 0}}; everything else is the same. The scenarios in full are in the appendix.</p>
<table>
<tr><th>Scenario</th><th>{{index .Names 0}}</th><th>instead</th></tr>
{{range .Changes}}<tr><td>{{.Scenario}}</td><td>{{.Baseline}}</td><td>{{.Instead}}</td></tr>
{{end}}</table>
{{else}}{{range .Assumptions}}<h3>{{.Name}}</h3><ul>{{range .Lines}}<li>{{.}}</li>{{end}}</ul>{{end}}{{end}}
</section>

<section id="method">
<h2>Method</h2>
<ul>{{range .Method}}<li>{{.}}</li>{{end}}</ul>
</section>
{{if .Changes}}
<section id="appendix">
<h2>Appendix: the scenarios in full</h2>
{{range .Assumptions}}<h3>{{.Name}}</h3><ul>{{range .Lines}}<li>{{.}}</li>{{end}}</ul>{{end}}
</section>{{end}}
<script>
document.body.dataset.charts = String(document.querySelectorAll("figure.chart svg").length);
</script>
</body>
</html>
`
