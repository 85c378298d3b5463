package report

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"strings"
	"sync"

	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/plots"
	"github.com/svcsim/svcsim/resultset"
	scenario "github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/staffing"
)

// RotaDays are the rotas of res to draw, one per stage and weekday group.
func RotaDays(res *staffing.RotaResult, wf *scenario.Workforce) []plots.RotaDay {
	var out []plots.RotaDay
	for i, st := range res.Stages {
		ws := &wf.Stages[i]
		for _, day := range st.Days {
			d := plots.RotaDay{Name: st.Name + ", " + scenario.DaysText(day.Weekdays), From: day.From, Interval: day.Interval,
				Required: day.Required, Scheduled: day.Plan.Coverage}
			for _, sh := range day.Plan.Shifts {
				pt := ws.Patterns[day.Patterns[sh.Pattern]]
				rs := plots.RotaShift{Pattern: pt.Name, Start: sh.Start, End: sh.Start + sh.Length, Count: sh.Count}
				k := 0
				for _, b := range pt.Breaks {
					if sh.Length >= b.MinShift && k < len(sh.Breaks) {
						rs.Breaks = append(rs.Breaks, [2]float64{sh.Breaks[k], sh.Breaks[k] + b.Length})
						k++
					}
				}
				d.Shifts = append(d.Shifts, rs)
			}
			out = append(out, d)
		}
	}
	return out
}

// rotaCharts draws each rota's two charts, with their file names.
func rotaCharts(res *staffing.RotaResult, wf *scenario.Workforce, sty *plots.Style) (names []string, charts []*plots.Chart, err error) {
	for _, d := range RotaDays(res, wf) {
		cov, err := sty.RotaCoverage(d)
		if err != nil {
			return nil, nil, fmt.Errorf("rota chart %s: %w", d.Name, err)
		}
		sh, err := sty.RotaShifts(d)
		if err != nil {
			return nil, nil, fmt.Errorf("rota chart %s: %w", d.Name, err)
		}
		base := safeName(strings.ReplaceAll(d.Name, ", ", "-"))
		names = append(names, "rota-coverage-"+base, "rota-shifts-"+base)
		charts = append(charts, cov, sh)
	}
	return names, charts, nil
}

// WriteRotaCharts draws the requirement-and-rota and the shifts chart of
// every rota of res into dir/charts, a file per chart and format, as
// saveCharts does, and returns the files written: the rota charts drawn
// before and not now are removed, the result set's charts left. When ctx
// is cancelled it stops between charts, leaving the earlier ones.
func WriteRotaCharts(ctx context.Context, res *staffing.RotaResult, wf *scenario.Workforce, dir string, sty *plots.Style, size plots.Size, formats []string) ([]string, error) {
	names, charts, err := rotaCharts(res, wf, sty)
	if err != nil {
		return nil, err
	}
	named := make([]namedChart, len(charts))
	for i, ch := range charts {
		named[i] = namedChart{names[i], ch}
	}
	return saveCharts(ctx, dir, named, sty, size, formats, func(name string) bool { return strings.HasPrefix(name, rotaPrefix) })
}

// rotaPage is what the rota section shows.
type rotaPage struct {
	Heading string
	Lines   []string
	Targets []row
	Fresh   []string
	Figures []figure
}

// rotaTemplate is parsed on first use, as page is.
var rotaTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("rota").Parse(`<section id="rota">
<h2>{{.Heading}}</h2>
<ul>{{range .Lines}}<li>{{.}}</li>{{end}}</ul>
<table>
<tr><th>target</th><th>value</th><th>met</th>{{range .Fresh}}<th>{{.}}</th>{{end}}</tr>
{{range .Targets}}<tr><td>{{.Label}}</td>{{range .Cells}}<td class="num">{{.}}</td>{{end}}</tr>
{{end}}</table>
{{range .Figures}}<figure class="chart" id="chart-{{.Name}}">{{.SVG}}<figcaption>{{.Caption}}</figcaption></figure>
{{end}}</section>`))
})

// RotaSection is the report's rota section for res: the cost, the LP
// bound and the gap, the solver, each target on every seed, and for each
// rota the requirement against the staff scheduled per interval and the
// shifts over the day, drawn in sty at size.
func RotaSection(res *staffing.RotaResult, wf *scenario.Workforce, sty *plots.Style, size plots.Size, currency string) (template.HTML, error) {
	pg := rotaPage{Heading: "Rota"}
	if !res.Met {
		pg.Heading = "Rota (no rota met every target: the last one tried)"
	}
	money := strings.TrimSpace(currency + " a week")
	pg.Lines = append(pg.Lines,
		fmt.Sprintf("Cost %s %s; LP lower bound %s, so the rota is at most %.2f%% above the cheapest possible%s.",
			figures.Number(res.Cost), money, figures.Number(res.LPBound), 100*res.Gap, proved(res.Optimal)),
		fmt.Sprintf("Solver: %s; %d round(s) of solving and simulating.", res.Solver, res.Rounds),
		fmt.Sprintf("Shrinkage %s: the rota schedules the requirement on duty over (1 − shrinkage). Occupancy cap %s.",
			figures.Percent(wf.Shrinkage), figures.Percent(wf.Occupancy)))
	for _, st := range res.Stages {
		if w := st.Week; w != nil {
			pg.Lines = append(pg.Lines, fmt.Sprintf("%s over the week: %d staff on weekly rosters cover every day's rota (on duty Monday to Sunday %v), solved after the days.",
				st.Name, w.Headcount, w.OnDuty))
		}
	}
	if res.Unmet != "" {
		pg.Lines = append(pg.Lines, res.Unmet)
	}
	pg.Lines = append(pg.Lines, res.Messages...)
	for _, f := range res.Fresh {
		pg.Fresh = append(pg.Fresh, fmt.Sprintf("seed %d", f.Seed))
	}
	for ti, c := range res.Checks {
		r := row{Label: c.Target.Text, Cells: []string{figures.Estimate(c.KPI.Estimate, c.KPI.Unit), met(c)}}
		for _, f := range res.Fresh {
			r.Cells = append(r.Cells, met(f.Checks[ti]))
		}
		pg.Targets = append(pg.Targets, r)
	}
	names, charts, err := rotaCharts(res, wf, sty)
	if err != nil {
		return "", err
	}
	seen := map[string]bool{}
	for i, ch := range charts {
		var b bytes.Buffer
		if err := sty.Render(&b, ch, "svg", size); err != nil {
			return "", err
		}
		pg.Figures = append(pg.Figures, figure{Name: names[i], Caption: ch.Title, SVG: template.HTML(inlineSVG(b.String(), seen))})
	}
	var b bytes.Buffer
	if err := rotaTemplate().Execute(&b, pg); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// inlineSVG drops the XML prolog and a font block already on the page.
func inlineSVG(svg string, seen map[string]bool) string {
	if i := strings.Index(svg, "<svg"); i > 0 {
		svg = svg[i:]
	}
	if start, end := strings.Index(svg, "<style>"), strings.Index(svg, "</style>"); start >= 0 && end > start {
		if block := svg[start : end+len("</style>")]; seen[block] {
			svg = svg[:start] + svg[end+len("</style>"):]
		} else {
			seen[block] = true
		}
	}
	return svg
}

func proved(optimal bool) string {
	if optimal {
		return " (the solver proved it the cheapest for this requirement: the gap is the shift patterns' own)"
	}
	return ""
}

func met(c staffing.TargetCheck) string {
	switch {
	case c.Met && len(c.Unstaffed) > 0:
		return "yes (fails outside staffed hours: " + strings.Join(c.Unstaffed, ", ") + ")"
	case c.Met:
		return "yes"
	case c.Failing > 0:
		return fmt.Sprintf("no (%d intervals)", c.Failing)
	}
	return "no"
}

// WriteRota adds to the rota's result folder dir what f asks for: the
// charts and the workbook of its results as Write adds them, the rota's
// two charts per stage and weekday group (requirement against staff
// scheduled, and the shifts), and a report with a Rota section. wf holds
// the rota's shift patterns.
func (f *Folder) WriteRota(ctx context.Context, dir string, res *staffing.RotaResult, wf *scenario.Workforce, currency string) error {
	plain := *f
	plain.Report = false
	if err := plain.Write(ctx, dir); err != nil || (!f.Charts && !f.Report) {
		return err
	}
	s, err := resultset.Load(dir)
	if err != nil {
		return err
	}
	sty, err := Style(s, f.Chart, f.Warn)
	if err != nil {
		return err
	}
	if f.Charts {
		if _, err := WriteRotaCharts(ctx, res, wf, dir, sty, f.Chart.Size, f.Chart.Formats); err != nil {
			if ctx.Err() != nil {
				return experiment.ErrInterrupted
			}
			return err
		}
	}
	if !f.Report {
		return nil
	}
	section, err := RotaSection(res, wf, sty, f.Chart.Size, currency)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	err = HTML(&b, s, Options{Style: sty, Size: f.Chart.Size, Version: f.Version, Paper: f.Paper,
		Warn: f.Warn, Sections: []template.HTML{section}})
	if err != nil {
		return err
	}
	return saveOwned(dir, "report.html", func(path string) error { return resultset.WriteFile(path, b.Bytes()) })
}
