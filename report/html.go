package report

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"

	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/plots"
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/sim"
)

// Options are how HTML draws a report.
type Options struct {
	Style *plots.Style
	Size  plots.Size // of each chart
	// Version is of the svcsim drawing the report; the report names it
	// beside the version that made the results (Set.Version) when the two
	// differ.
	Version string
	// Paper is the printed page size: "a4" (the default when empty) or
	// "letter".
	Paper string
	// Warn, when set, is told of each chart that could not be drawn; the
	// report is written without it.
	Warn func(msg string)
	// Sections are sections a command adds after the headline results
	// (svcsim rota's, see RotaSection), each a whole HTML fragment.
	Sections []template.HTML
}

type figure struct {
	Name, Caption string
	SVG           template.HTML
}

type row struct {
	Label string
	Cells []string
}

// changeRow is one assumption an alternative changes: the baseline's
// line and the alternative's, "—" where one has none.
type changeRow struct {
	Scenario, Baseline, Instead string
}

type assumptions struct {
	Name  string
	Lines []string
}

// data is what the page shows.
type data struct {
	Title       string
	Page        template.CSS // the @page size and margins
	Version     string
	Command     string
	Names       []string
	Brief       []alternative
	Headline    []row
	DiffNames   []string
	Diffs       []row
	Alerts      []string
	Warnings    []string
	Changes     []changeRow
	Assumptions []assumptions
	Figures     []figure
	Method      []string
	Sections    []template.HTML
}

// Papers are the page sizes a report prints on, by lower-case name, as
// CSS @page rules; "" is A4.
var Papers = map[string]template.CSS{
	"":       "size: A4; margin: 16mm 15mm;",
	"a4":     "size: A4; margin: 16mm 15mm;",
	"letter": "size: letter; margin: 0.6in 0.6in;",
}

// HTML writes the report of s to w: a self-contained HTML page that
// prints cleanly to PDF from a browser on o.Paper. The summary fills the
// first page; the charts start on a page of their own; the detail and the
// method follow without forced breaks, so no page is left nearly blank.
func HTML(w io.Writer, s *resultset.Set, o Options) error {
	pg, ok := Papers[strings.ToLower(o.Paper)]
	if !ok {
		return fmt.Errorf("report: paper %q: valid: a4, letter", o.Paper)
	}
	first := s.Scenarios[0]
	d := data{Title: first.Name, Page: pg, Version: cmp.Or(s.Version, o.Version), Command: s.Command, Sections: o.Sections}
	d.Title = title(s)
	for _, sc := range s.Scenarios {
		d.Names = append(d.Names, sc.Name)
	}
	d.headline(s)
	if len(s.Scenarios) > 1 && len(s.Params) == 0 {
		d.brief(s)
		d.differences(s)
	}
	for _, sc := range s.Scenarios {
		for _, b := range sc.Results.Breaches {
			d.Alerts = append(d.Alerts, fmt.Sprintf("%s: %s — in %s of replications", sc.Name, figures.Breach(sc.Results, b, ""), figures.Percent(b.Share)))
		}
		for _, w := range sc.Warnings {
			d.Warnings = append(d.Warnings, sc.Name+": "+w)
		}
		if len(d.Assumptions) < 6 {
			d.Assumptions = append(d.Assumptions, assumptions{sc.Name, sc.Assumptions})
		}
	}
	d.changes(s)
	d.figures(s, o)
	d.method(s, o)
	var b bytes.Buffer
	if err := page().Execute(&b, d); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// title is the report's title: what was compared with what.
func title(s *resultset.Set) string {
	names := make([]string, len(s.Scenarios))
	for i, sc := range s.Scenarios {
		names[i] = sc.Name
	}
	switch {
	case len(s.Params) > 0:
		return fmt.Sprintf("%s: sweep of %s (%d points)", cmp.Or(s.Scenarios[0].Results.Model, names[0]), strings.Join(s.Params, ", "), len(names))
	case len(names) == 1:
		return names[0]
	case len(names) <= 4:
		return names[0] + " against " + strings.Join(names[1:len(names)-1], ", ") + and(len(names) > 2) + names[len(names)-1]
	}
	return fmt.Sprintf("%s against %d alternatives", names[0], len(names)-1)
}

func and(b bool) string {
	if b {
		return " and "
	}
	return ""
}

// headline is a row per headline KPI of the first scenario, a cell per
// scenario.
func (d *data) headline(s *resultset.Set) {
	first := s.Scenarios[0]
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
	for _, name := range HeadlineKPIs(first.Results) {
		r := row{Label: first.Results.KPI(name).Label + " — " + name}
		for _, sc := range s.Scenarios {
			r.Cells = append(r.Cells, cell(sc.Results.KPI(name), sc.Currency))
		}
		d.Headline = append(d.Headline, r)
	}
}

// differences are each scenario's paired differences from the first in
// the headline KPIs, and the bottlenecks that hold a gain back.
func (d *data) differences(s *resultset.Set) {
	first := s.Scenarios[0]
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
	for _, name := range HeadlineKPIs(first.Results) {
		k := first.Results.KPI(name)
		r := row{Label: k.Label}
		if k.Stage != "" {
			r.Label = k.Stage + ": " + k.Label
		}
		for _, ds := range all {
			r.Cells = append(r.Cells, diffCell(ds, name, first.Currency))
		}
		d.Diffs = append(d.Diffs, r)
	}
}

// diffCell is the difference of KPI name among ds, signed, differences
// of shares in percentage points as the brief gives them; "—" if absent.
func diffCell(ds []sim.Diff, name, currency string) string {
	c := "—"
	for _, x := range ds {
		if x.Name == name {
			scale, unit := x.Unit.Display(currency, figures.Largest(x.Base.Mean, x.Other.Mean))
			if x.Unit == sim.Share {
				unit = "pp" // a difference of shares, in percentage points
			}
			c = signedPM(x.Estimate, scale) + " " + unit
			if !x.Distinguishable {
				c += " (not distinguishable from noise)"
			}
		}
	}
	return c
}

// figures are the charts as inline SVG.
func (d *data) figures(s *resultset.Set, o Options) {
	fonts := map[string]bool{}
	for _, ch := range Charts(s, o.Style) {
		var b bytes.Buffer
		if err := o.Style.Render(&b, ch.Plot, "svg", o.Size); err != nil {
			if o.Warn != nil {
				o.Warn(fmt.Sprintf("chart %s: %v", ch.Name, err))
			}
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
		d.Figures = append(d.Figures, figure{ch.Name, ch.Caption, template.HTML(svg)})
	}
}

// method says how the results were made.
func (d *data) method(s *resultset.Set, o Options) {
	r := s.Scenarios[0].Results
	d.Method = []string{
		fmt.Sprintf("%d independent replications per scenario, confidence intervals at %g%% (Student t across replications).", r.Replications, r.Confidence*100),
		fmt.Sprintf("%d simulated day(s); the first %s are warm-up and not measured.", r.Days, figures.Duration(r.Warmup)),
		fmt.Sprintf("Master seed %d. Replication i of every scenario uses random streams derived only from the seed and i, so scenarios are compared on common random numbers and differences are paired.", r.Seed),
		"svcsim " + d.Version + ", command: svcsim " + s.Command + ".",
	}
	if o.Version != "" && o.Version != d.Version {
		d.Method = append(d.Method, "This report was drawn later, by svcsim "+o.Version+".")
	}
	for _, sc := range s.Scenarios {
		if sc.SHA256 != "" {
			d.Method = append(d.Method, fmt.Sprintf("%s: %s, SHA-256 %s", sc.Name, sc.Source, sc.SHA256))
		}
	}
}

// changes are the assumptions each of the first scenarios after the
// baseline states differently, paired by what they describe (the text
// before the first colon: "Stage booking", "Channel phone").
func (d *data) changes(s *resultset.Set) {
	if len(s.Scenarios) < 2 {
		return
	}
	key := func(line string) string {
		if i := strings.Index(line, ":"); i > 0 {
			return line[:i]
		}
		return line
	}
	base := s.Scenarios[0].Assumptions
	for i, sc := range s.Scenarios[1:] {
		if i >= 5 {
			break
		}
		matched := map[string]bool{}
		for _, line := range sc.Assumptions {
			if slices.Contains(base, line) {
				matched[line] = true
				continue
			}
			r := changeRow{Scenario: sc.Name, Baseline: "—", Instead: line}
			for _, b := range base {
				if key(b) == key(line) && !slices.Contains(sc.Assumptions, b) {
					r.Baseline = b
					matched[b] = true
					break
				}
			}
			d.Changes = append(d.Changes, r)
		}
		for _, b := range base {
			if !matched[b] && !slices.Contains(sc.Assumptions, b) {
				d.Changes = append(d.Changes, changeRow{Scenario: sc.Name, Baseline: b, Instead: "—"})
			}
		}
	}
}
