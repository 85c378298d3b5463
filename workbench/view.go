package workbench

import (
	"bytes"
	"cmp"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/plots"
	"github.com/svcsim/svcsim/report"
	"github.com/svcsim/svcsim/sim"
	"gonum.org/v1/plot/vg"
)

// kpiView is one headline KPI as the page shows it: the base, the change
// and their paired difference, for people (strings) and for scripts
// (numbers in the units of the results; null where undefined).
type kpiView struct {
	Name    string   `json:"name"`
	Stage   string   `json:"stage"`
	Label   string   `json:"label"`
	Unit    string   `json:"unit"`
	Base    string   `json:"base"`
	Changed string   `json:"changed,omitempty"`
	Diff    string   `json:"diff,omitempty"`
	Noise   bool     `json:"noise"`
	Better  string   `json:"better,omitempty"` // "better", "worse" or ""
	Numbers *numbers `json:"numbers"`
}

type numbers struct {
	Base, BaseHW, Changed, ChangedHW, Diff, DiffHW *float64
}

func num(x float64) *float64 {
	if !figures.Finite(x) {
		return nil
	}
	return &x
}

// costView is the staff cost per open day and per week.
type costView struct {
	Label              string
	Day, Week          string
	DayDiff, WeekDiff  string
	ChangedDay, ChWeek string
	Noise              bool
}

// resultView is a run as the page receives it.
type resultView struct {
	Run     int       `json:"run"`
	TookMS  float64   `json:"took_ms"`
	Changed bool      `json:"changed"`
	KPIs    []kpiView `json:"kpis"`
	Cost    *costView `json:"cost,omitempty"`
	Variant string    `json:"variant,omitempty"`
	HTML    string    `json:"html"`
	Charts  []chartView
	Notes   []string `json:"notes,omitempty"`
	Seed    uint64   `json:"seed"`
	Reps    int      `json:"replications"`
	Days    int      `json:"days"`
}

type chartView struct {
	URL, Title string
}

// estimate is e in unit u for people, waits in the unit magnitude (the
// largest value shown beside it, in minutes) calls for; "—" where
// undefined.
func estimate(e sim.Estimate, u sim.Unit, currency string, magnitude float64, diff bool) (string, string) {
	scale, unit := u.Display(currency, magnitude)
	if !figures.Finite(e.Mean) {
		return "—", unit
	}
	hw := e.HalfWidth
	if !figures.Finite(hw) {
		hw = 0
	}
	v, pm := figures.PM(e.Mean*scale, hw*scale)
	if diff && e.Mean > 0 && !strings.HasPrefix(v, "-") && v != "0" {
		v = "+" + v
	}
	return figures.JoinPM(v, pm), unit
}

// lowerIsBetter reports whether a smaller value of KPI name is better
// (waits, abandonment, cost), for colouring a distinguishable change.
func lowerIsBetter(name string) (lower, known bool) {
	switch {
	case strings.Contains(name, ".wait"), strings.Contains(name, "abandon"), strings.Contains(name, "cost"),
		strings.Contains(name, "queue"), strings.Contains(name, "lost"), strings.Contains(name, "balk"):
		return true, true
	case strings.Contains(name, "service_level"), name == "nps", strings.Contains(name, "rating"), strings.Contains(name, "revenue"):
		return false, true
	}
	return false, false
}

// view is o as the page shows it.
func (w *Workbench) view(o *Outcome) resultView {
	base := o.Points[0]
	v := resultView{Run: o.ID, TookMS: float64(o.Took.Microseconds()) / 1000, Changed: o.Changed() != nil, Variant: o.Variant,
		Seed: o.Settings.Seed, Reps: o.Settings.Replications, Days: o.Settings.Days}
	diffs := map[string]sim.Diff{}
	for _, d := range o.Diffs {
		diffs[d.Name] = d
	}
	for _, name := range report.HeadlineKPIs(base.Results) {
		k := base.Results.KPI(name)
		if k == nil || strings.HasPrefix(name, "cost.") {
			continue
		}
		v.KPIs = append(v.KPIs, kpiRow(o, name, k, diffs))
	}
	if k := base.Results.KPI("cost.per_day"); k != nil {
		v.Cost = costRow(o, k, diffs)
	}
	for i, st := range base.Results.Stages {
		v.Charts = append(v.Charts,
			chartView{URL: fmt.Sprintf("/chart/%d/tod-%d.svg", o.ID, i), Title: st + ": mean wait by time of day"},
			chartView{URL: fmt.Sprintf("/chart/%d/queue-%d.svg", o.ID, i), Title: st + ": queue and staff on duty"})
	}
	if o.Changed() != nil {
		v.Notes = comparisonNotes(o)
	}
	var b bytes.Buffer
	if err := pages().ExecuteTemplate(&b, "result", v); err != nil {
		v.HTML = "<p class=error>" + err.Error() + "</p>"
	} else {
		v.HTML = b.String()
	}
	return v
}

// kpiRow is the base run's KPI name (k) in words, with the changed run's
// value and the difference when o has a change, all formatted to the
// scale of the larger of the two means.
func kpiRow(o *Outcome, name string, k *sim.KPI, diffs map[string]sim.Diff) kpiView {
	cur := o.Points[0].Scenario.Currency
	kv := kpiView{Name: name, Stage: cmp.Or(k.Stage, k.Group), Label: k.Label, Numbers: &numbers{Base: num(k.Mean), BaseHW: num(k.HalfWidth)}}
	mag := k.Mean
	if c := o.Changed(); c != nil {
		if ck := c.Results.KPI(name); ck != nil {
			mag = figures.Largest(k.Mean, ck.Mean)
		}
	}
	kv.Base, kv.Unit = estimate(k.Estimate, k.Unit, cur, mag, false)
	if c := o.Changed(); c != nil {
		if ck := c.Results.KPI(name); ck != nil {
			kv.Changed, _ = estimate(ck.Estimate, ck.Unit, cur, mag, false)
			kv.Numbers.Changed, kv.Numbers.ChangedHW = num(ck.Mean), num(ck.HalfWidth)
		}
		if d, ok := diffs[name]; ok {
			kv.Diff, _ = estimate(d.Estimate, d.Unit, cur, mag, true)
			kv.Noise = !d.Distinguishable
			kv.Numbers.Diff, kv.Numbers.DiffHW = num(d.Mean), num(d.HalfWidth)
			if lower, known := lowerIsBetter(name); known && d.Distinguishable {
				kv.Better = map[bool]string{true: "better", false: "worse"}[(d.Mean < 0) == lower]
			}
		}
	}
	return kv
}

// costRow is the base run's staff cost per day (k) and per week, with the
// changed run's and the difference when o has a change, as bare numbers
// whose currency the label carries.
func costRow(o *Outcome, k *sim.KPI, diffs map[string]sim.Diff) *costView {
	base := o.Points[0]
	cur := base.Scenario.Currency
	week := float64(base.Results.OpenDaysPerWeek)
	c := &costView{Label: "staff cost"}
	c.Day, _ = estimate(k.Estimate, k.Unit, cur, 0, false)
	c.Week, _ = estimate(scaled(k.Estimate, week), k.Unit, cur, 0, false)
	c.Week = strings.Replace(c.Week, "/day", "/week", 1)
	_, unit := k.Unit.Display(cur, 0)
	if cur != "" {
		c.Label = "staff cost (" + cur + ")"
	}
	if ch := o.Changed(); ch != nil {
		if ck := ch.Results.KPI("cost.per_day"); ck != nil {
			c.ChangedDay, _ = estimate(ck.Estimate, ck.Unit, cur, 0, false)
			c.ChWeek, _ = estimate(scaled(ck.Estimate, week), ck.Unit, cur, 0, false)
		}
		if d, ok := diffs["cost.per_day"]; ok {
			c.DayDiff, _ = estimate(d.Estimate, d.Unit, cur, 0, true)
			c.WeekDiff, _ = estimate(scaled(d.Estimate, week), d.Unit, cur, 0, true)
			c.Noise = !d.Distinguishable
		}
	}
	for _, s := range []*string{&c.Day, &c.Week, &c.ChangedDay, &c.ChWeek, &c.DayDiff, &c.WeekDiff} {
		*s = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(*s), "/day"), "/week")
		*s = strings.TrimSpace(strings.TrimSuffix(*s, strings.TrimSuffix(unit, "/day")))
	}
	return c
}

func scaled(e sim.Estimate, x float64) sim.Estimate {
	return sim.Estimate{Mean: e.Mean * x, HalfWidth: e.HalfWidth * x, N: e.N}
}

// chart draws chart name ("tod-I.svg", "queue-I.svg" for stage I) of run.
func (w *Workbench) chart(rw http.ResponseWriter, r *http.Request) {
	o := w.outcomeOf(r)
	kind, idx, _ := strings.Cut(strings.TrimSuffix(r.PathValue("name"), ".svg"), "-")
	i, err := strconv.Atoi(idx)
	if o == nil || err != nil || i < 0 || i >= len(o.Points[0].Results.Stages) || !strings.HasSuffix(r.PathValue("name"), ".svg") {
		http.Error(rw, "no such chart (the run may have been replaced by newer ones)", http.StatusNotFound)
		return
	}
	sty := w.style(o)
	var sc []plots.Scenario
	for _, e := range o.set().Scenarios {
		var ts []plots.Target
		for _, t := range e.Targets {
			ts = append(ts, plots.Target{KPI: t.KPI, Limit: t.Limit, Above: t.Above, PerInterval: t.PerInterval, TargetWait: t.TargetWait})
		}
		sc = append(sc, plots.Scenario{Name: e.Name, Results: e.Results, Currency: e.Currency, Targets: ts})
	}
	stage := o.Points[0].Results.Stages[i]
	var ch *plots.Chart
	switch kind {
	case "tod":
		ch, err = sty.ByTimeOfDay(sc, stage, "wait")
	case "queue":
		ch, err = sty.QueueAndStaff(sc, stage)
	default:
		err = fmt.Errorf("no chart %q", kind)
	}
	if err != nil {
		http.Error(rw, "no chart: "+err.Error(), http.StatusNotFound)
		return
	}
	// Wider than the default, so that a legend naming both scenarios
	// fits on one line beside the chart's other entries.
	size := plots.Size{Width: 20 * vg.Centimeter, Height: 10 * vg.Centimeter}
	var b bytes.Buffer
	if err := sty.Render(&b, ch, "svg", size); err != nil {
		http.Error(rw, "chart: "+err.Error(), http.StatusInternalServerError)
		return
	}
	rw.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:")
	rw.Header().Set("Content-Type", "image/svg+xml")
	rw.Write(b.Bytes())
}

func (w *Workbench) outcomeOf(r *http.Request) *Outcome {
	id, err := strconv.Atoi(r.PathValue("run"))
	if err != nil {
		return nil
	}
	return w.outcome(id)
}

// download writes run's report.html or results.xlsx.
func (w *Workbench) download(rw http.ResponseWriter, r *http.Request) {
	o := w.outcomeOf(r)
	if o == nil {
		http.Error(rw, "no such run (it may have been replaced by newer ones); run again", http.StatusNotFound)
		return
	}
	var b bytes.Buffer
	var err error
	name := r.PathValue("name")
	switch name {
	case "report.html":
		rw.Header().Set("Content-Type", "text/html; charset=utf-8")
		err = report.HTML(&b, o.set(), report.Options{Style: w.style(o), Size: plots.DefaultSize(), Version: w.version})
	case "results.xlsx":
		rw.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		err = report.Workbook(&b, o.set())
	default:
		http.Error(rw, "downloads: report.html or results.xlsx", http.StatusNotFound)
		return
	}
	if err != nil {
		rw.Header().Del("Content-Type")
		http.Error(rw, name+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	rw.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	// The report is a page of its own, with inline styles and SVG.
	rw.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:")
	rw.Write(b.Bytes())
}

// comparisonNotes say what the comparison means.
func comparisonNotes(o *Outcome) []string {
	s := o.Settings
	days := fmt.Sprintf("%d days", s.Days)
	if s.Days == 1 {
		days = "1 day"
	}
	return []string{fmt.Sprintf("%d replications of %s, seed %d; the change and the file's scenario see the same customers (common random numbers), so the difference is paired.", s.Replications, days, s.Seed)}
}
