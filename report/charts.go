package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/plots"
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/sim"
)

// Chart is one chart of a result set, with a file name (without
// extension) and a caption.
type Chart struct {
	Name, Caption string
	Plot          *plots.Chart
}

// charts collects the charts drawn so far; a chart that failed or has no
// data is left out.
type charts []Chart

func (c *charts) add(name, caption string, p *plots.Chart, err error) {
	if err == nil && p != nil {
		*c = append(*c, Chart{name, caption, p})
	}
}

// Charts draws every chart s supports in the style sty, the charts that
// carry the argument first: a comparison's paired differences and cost
// against NPS, then the KPIs per scenario, then the detail by stage and
// time of day.
func Charts(s *resultset.Set, sty *plots.Style) []Chart {
	if usable(s) != nil {
		return nil
	}
	sc := scenarios(s)
	var out charts
	sweep := len(s.Params) == 1
	if len(sc) > 1 && !sweep {
		out.differences(sty, sc)
	}
	if sweep {
		out.sweep(sty, s, sc)
	}
	out.frontier(sty, s, sc)
	if len(sc) > 1 && !sweep {
		for _, k := range HeadlineKPIs(sc[0].Results) {
			p, err := sty.KPIBars(sc, k)
			out.add("bars-"+k, "Per scenario, with 95% confidence intervals.", p, err)
		}
	}
	out.stages(sty, sc, sweep)
	for i, r := range sc {
		if i > 0 && (sweep || i > 3) {
			break
		}
		// Numbered by scenario where there are several, so that a name
		// keeps its scenario whichever are drawn.
		name := fmt.Sprintf("utilisation-%d", i+1)
		if len(sc) == 1 {
			name = "utilisation"
		}
		p, err := sty.UtilisationHeatmap(r)
		out.add(name, r.Name+": staff utilisation by stage and time of day; blank: closed; hatched: open with no staff scheduled.", p, err)
		if i > 0 {
			p, err := sty.UtilisationDifference(sc[0], r)
			out.add(fmt.Sprintf("utilisation-change-%d", i+1), r.Name+" against "+sc[0].Name+": change in staff utilisation (percentage points).", p, err)
		}
	}
	if d, r, err := sty.DemandReputation(sc); err == nil {
		out.add("demand", "Arrivals on each open day, numbered from 0 as in days_series (the warm-up included); gaps: closed days.", d, nil)
		if !flatReputation(sc) {
			out.add("reputation", "Displayed reputation at the end of each day, numbered from 0 as in days_series (the warm-up included).", r, nil)
		}
	}
	return out
}

// flatReputation reports whether the displayed reputation is the same
// every day in every scenario (nothing moved it: no reviews, or a
// display that rounds every change away); its chart would be flat lines.
func flatReputation(sc []plots.Scenario) bool {
	first, seen := 0.0, false
	for _, s := range sc {
		for _, d := range s.Results.DayRows {
			v := d.Reputation.Mean
			if math.IsNaN(v) {
				continue
			}
			if !seen {
				first, seen = v, true
			}
			if v != first || d.Reputation.HalfWidth > 0 {
				return false
			}
		}
	}
	return true
}

// stages are the charts of each stage: by time of day, queue and staff,
// and wait distributions.
func (c *charts) stages(sty *plots.Style, sc []plots.Scenario, sweep bool) {
	first := sc[0]
	for _, st := range first.Results.Stages {
		for _, m := range []string{"wait", "service_level"} {
			tod := sc
			if sweep || len(sc) > 8 {
				tod = sc[:1]
			}
			p, err := sty.ByTimeOfDay(tod, st, m)
			c.add("tod-"+st+"-"+m, "By time of day; shaded: 95% confidence interval.", p, err)
		}
		tod := sc
		if sweep || len(sc) > 8 {
			tod = sc[:1]
		}
		p, err := sty.QueueAndStaff(tod, st)
		c.add("queue-"+st, "Mean queue by time of day over the staff, each on its own scale; shaded: 95% confidence interval.", p, err)
		if !sweep {
			p, err = sty.WaitDistribution(sc, st)
			c.add("waits-"+st, "Median, 90th, 95th and 99th percentile waits and the mean.", p, err)
		}
	}
}

// differences are the forest plots of each scenario's paired differences
// from the first in the headline KPIs.
func (c *charts) differences(sty *plots.Style, sc []plots.Scenario) {
	first := sc[0]
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
		p, err := sty.Forest(o.Name+" − "+first.Name, first, keep, i+1)
		c.add(fmt.Sprintf("differences-%d", i+2), "Paired differences from the baseline with 95% intervals; grey: not distinguishable from noise.", p, err)
	}
}

// sweep is a staffing curve per headline KPI of a sweep over one
// parameter.
func (c *charts) sweep(sty *plots.Style, s *resultset.Set, sc []plots.Scenario) {
	param := s.Params[0]
	first := sc[0]
	for _, k := range HeadlineKPIs(s.Scenarios[0].Results) {
		var pts []plots.SweepPoint
		var unit sim.Unit
		label := k
		for _, r := range s.Scenarios {
			x, err := strconv.ParseFloat(r.Params[param], 64)
			kp := r.Results.KPI(k)
			if err != nil || kp == nil {
				continue
			}
			unit, label = kp.Unit, kp.Label
			if kp.Stage != "" {
				label = kp.Stage + ": " + label
			}
			pts = append(pts, plots.SweepPoint{X: x, Y: kp.Estimate})
		}
		// The alerts on the KPI, a limit on every interval among them
		// (drawn dotted), and on a wait the stage's service-level
		// threshold: the curve shows where the staffing crosses them.
		var targets []plots.Target
		for _, t := range first.Targets {
			if t.KPI == k {
				targets = append(targets, t)
			}
		}
		name := paramLabel(param)
		p, err := sty.StaffingCurve(label+" against "+name, name, unit, first.Currency, pts, targets)
		c.add("sweep-"+k, "Each point simulated with the same random numbers; bars: 95% intervals.", p, err)
	}
}

// paramLabel is a swept path as a chart names it: the names along the
// path without the lists they are in, "stages.agents.staff" as "agents
// staff", "stages.service.groups.senior.staff" as "service senior staff".
func paramLabel(path string) string {
	var words []string
	for _, w := range strings.Split(path, ".") {
		switch w {
		case "stages", "channels", "groups", "classes", "pools":
			continue
		}
		words = append(words, w)
	}
	if len(words) == 0 {
		return path
	}
	return strings.Join(words, " ")
}

// frontier is staff cost against NPS, where the scenarios report both.
func (c *charts) frontier(sty *plots.Style, s *resultset.Set, sc []plots.Scenario) {
	first := sc[0]
	if len(sc) < 2 || first.Results.KPI("cost.per_day") == nil || first.Results.KPI("nps") == nil {
		return
	}
	var pts []plots.FrontierPoint
	for i, r := range sc {
		cost, nps := r.Results.KPI("cost.per_day"), r.Results.KPI("nps")
		if cost != nil && nps != nil {
			pts = append(pts, plots.FrontierPoint{Name: r.Name, Index: i, Cost: cost.Estimate, Score: nps.Estimate})
		}
	}
	_, cur := first.Results.KPI("cost.per_day").Unit.Display(first.Currency, 0)
	p, err := sty.CostFrontier(pts, "staff cost ("+strings.Replace(cur, "/", " per ", 1)+")", "NPS")
	c.add("cost-nps", "Staff cost against NPS; the line joins the scenarios no other beats on both.", p, err)
}

// HeadlineKPIs are the KPIs drawn and tabled per scenario: each stage's
// mean wait and service level (and abandonment, where customers give
// up), NPS, the rating and staff cost, where reported.
func HeadlineKPIs(r *sim.Results) []string {
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
	for _, k := range HeadlineKPIs(r) {
		if k == name {
			return true
		}
	}
	return false
}

func scenarios(s *resultset.Set) []plots.Scenario {
	out := make([]plots.Scenario, len(s.Scenarios))
	for i, r := range s.Scenarios {
		var targets []plots.Target
		for _, t := range r.Targets {
			targets = append(targets, plots.Target{KPI: t.KPI, Limit: t.Limit, Above: t.Above, PerInterval: t.PerInterval, TargetWait: t.TargetWait})
		}
		out[i] = plots.Scenario{Name: r.Name, Results: r.Results, Currency: r.Currency, Targets: targets}
	}
	return out
}

// Texts are the words charts of s show, for choosing a font that has
// them (see plots.NewStyle).
func Texts(s *resultset.Set) []string {
	var out []string
	for _, r := range s.Scenarios {
		out = append(out, r.Name)
		if r.Results == nil {
			continue
		}
		out = append(out, r.Results.Stages...)
		for _, k := range r.Results.KPIs {
			out = append(out, k.Label)
		}
	}
	return out
}
