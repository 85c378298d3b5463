package plots

import (
	"math"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/sim"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// KPIBars draws one KPI per scenario as bars with their confidence
// intervals, in the unit the tables show it in (sim.Unit.Display), under
// a title that names the stage, with the scenario's targets for the KPI
// (the first scenario's: a run shares them) as dashed lines.
func (sty *Style) KPIBars(sc []Scenario, kpi string) (*Chart, error) {
	var k0 *sim.KPI
	var currency string
	vals := make([]float64, len(sc))
	errs := make([]float64, len(sc))
	have := make([]bool, len(sc))
	magnitude := 0.0
	for i, s := range sc {
		k := s.Results.KPI(kpi)
		if k == nil || !finite(k.Mean) {
			continue
		}
		if k0 == nil {
			k0, currency = k, s.Currency
		}
		vals[i], errs[i], have[i] = k.Mean, nan0(k.HalfWidth), true
		magnitude = math.Max(magnitude, math.Abs(k.Mean))
	}
	if k0 == nil {
		return nil, ErrNoData
	}
	scale, u := k0.Unit.Display(currency, magnitude)
	title := sty.label(k0.Label)
	if k0.Stage != "" {
		title = sty.wf("%s: %s", k0.Stage, title)
	}
	ch := &Chart{Title: title}
	p := sty.newPlot("", "", sty.unitWord(u))
	ch.Panels = append(ch.Panels, p)
	lo, hi := 0.0, 0.0
	w := vg.Points(math.Min(70, 260/float64(len(sc))))
	names := make([]string, len(sc))
	for i, s := range sc {
		names[i] = s.Name
		if !have[i] {
			continue
		}
		v, e := vals[i]*scale, errs[i]*scale
		bars, err := plotter.NewBarChart(plotter.Values{v}, w)
		if err != nil {
			return nil, err
		}
		bars.XMin = float64(i)
		bars.Color = sty.Color(i)
		bars.LineStyle.Width = 0
		p.Add(bars)
		eb := errorBars([]float64{v}, []float64{e})
		eb.XYs[0].X = float64(i)
		p.Add(eb)
		lo, hi = math.Min(lo, v-e), math.Max(hi, v+e)
		ch.addTip(0, float64(i), float64(i), math.Min(0, v), math.Max(0, v), s.Name+": "+estimate(v, e, sty.unitShort(u)))
	}
	floor, ceil := math.Inf(-1), math.Inf(1)
	switch k0.Unit {
	case sim.Share:
		floor, ceil = 0, 100
	case sim.Minutes, sim.Days, sim.Money, sim.MoneyWeek, sim.PerDay, sim.Customers, sim.StaffHours:
		floor = 0
	}
	for _, t := range sc[0].targets(kpi) {
		y := t.Limit * scale
		l := targetLine(t, y)
		p.Add(l)
		ch.addLegend(sty.targetText(t, y, u), l)
		lo, hi = math.Min(lo, y), math.Max(hi, y)
	}
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.6, float64(len(sc))-0.4
	yRange(p, lo, hi, math.Max(floor, math.Min(0, lo)), ceil)
	if lo >= 0 {
		p.Y.Min = 0
	}
	return ch, nil
}

// targetText is a target's legend text, its limit y in the displayed unit
// u: "service-level threshold 1 min", "alert: below 60% in any interval".
func (sty *Style) targetText(t Target, y float64, u string) string {
	v := strconv.FormatFloat(y, 'g', 3, 64)
	if math.Abs(y) >= 100 {
		v = strconv.FormatFloat(y, 'f', 0, 64)
	}
	v = strings.TrimSpace(v + " " + sty.unitShort(u))
	if u == "%" {
		v = strings.ReplaceAll(v, " %", "%")
	}
	if t.isTargetWait() {
		// A stage's target wait is the threshold of its service level
		// (served within it), a limit on each customer's wait, not a
		// target for the mean wait or for the wait of an interval.
		return sty.wf("service-level threshold %s", v)
	}
	if t.KPI == "" {
		return sty.wf("target %s", v)
	}
	f := "alert: below %s"
	if t.Above {
		f = "alert: above %s"
	}
	if t.PerInterval {
		f += " in any interval"
	}
	return sty.wf(f, v)
}
