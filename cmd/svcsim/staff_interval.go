package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// Staffing per time-of-day interval: the requirement table a workforce
// planner turns into a rota. Each varied stage gets its own headcount in
// every interval in which the scenario staffs it (the same on every
// weekday it is staffed). Per-stage wait and service-level targets must
// hold in every interval with arrivals; other targets on the whole run.

// intervalStaff is a headcount per varied stage and interval of the day.
type intervalStaff [][]int

func (s intervalStaff) key() string { return fmt.Sprint([][]int(s)) }

func (s intervalStaff) clone() intervalStaff {
	out := make(intervalStaff, len(s))
	for i := range s {
		out[i] = slices.Clone(s[i])
	}
	return out
}

// staffedAt reports whether group g has anyone on duty at minute t of
// weekday wd.
func staffedAt(g *sim.Group, wd int, t float64) bool {
	for _, seg := range g.Staff[wd] {
		if seg.From <= t && t < seg.To && seg.Value > 0 {
			return true
		}
	}
	return false
}

// withIntervalStaff returns a copy of m staffed by n.
func withIntervalStaff(m *sim.Model, vary []int, n intervalStaff) *sim.Model {
	c := *m
	c.Stages = slices.Clone(m.Stages)
	for i, si := range vary {
		s := c.Stages[si]
		s.Groups = slices.Clone(s.Groups)
		orig := m.Stages[si].Groups[0]
		g := orig
		for wd := range 7 {
			var segs []sim.Segment
			for k, v := range n[i] {
				from, to := float64(k)*m.Interval, float64(k+1)*m.Interval
				if v > 0 && staffedAt(&orig, wd, (from+to)/2) {
					segs = append(segs, sim.Segment{From: from, To: to, Value: float64(v)})
				}
			}
			g.Staff[wd] = segs
		}
		s.Groups[0] = g
		c.Stages[si] = s
	}
	return &c
}

// intervalFailure is a per-stage target failing in one interval.
type intervalFailure struct {
	stage, interval, target int // indexes into vary, the day's intervals, targets
	est                     sim.Estimate
}

func (f intervalFailure) spot() string { return fmt.Sprint(f.stage, f.interval, f.target) }

// perInterval reports whether target t is checked in every interval of
// varied stage i: the wait and service-level KPIs intervals report.
func perInterval(m *sim.Model, vary []int, t target) int {
	return slices.IndexFunc(vary, func(v int) bool {
		return t.KPI == m.Stages[v].Name+".service_level" || t.KPI == m.Stages[v].Name+".wait.mean"
	})
}

// intervalFailures lists the per-stage targets failing in an interval with
// arrivals, worst first within each target, and the whole-run targets
// that fail.
func intervalFailures(m *sim.Model, vary []int, r *sim.Results, targets []target) (fails []intervalFailure, whole []int) {
	for ti, t := range targets {
		si := perInterval(m, vary, t)
		if si < 0 {
			if !t.met(r.KPI(t.KPI)) {
				whole = append(whole, ti)
			}
			continue
		}
		name := m.Stages[vary[si]].Name
		for _, row := range r.Intervals {
			if row.Stage != name || !(row.Arrivals.Mean > 0) {
				continue
			}
			e := row.Wait
			if strings.HasSuffix(t.KPI, ".service_level") {
				e = row.ServiceLevel
			}
			if math.IsNaN(e.Mean) {
				continue // nobody served in this interval
			}
			if k := (sim.KPI{Estimate: e}); !t.met(&k) {
				fails = append(fails, intervalFailure{si, int(row.From / m.Interval), ti, e})
			}
		}
	}
	return fails, whole
}

// describeIntervalStaff is the range of headcounts of each varied stage
// over the intervals it is staffed in.
func describeIntervalStaff(m *sim.Model, vary []int, n intervalStaff) string {
	var parts []string
	for i, si := range vary {
		lo, hi := math.MaxInt, 0
		for _, v := range n[i] {
			if v > 0 {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
		switch {
		case hi == 0:
			parts = append(parts, fmt.Sprintf("%s none", m.Stages[si].Name))
		case lo == hi:
			parts = append(parts, fmt.Sprintf("%s %d in every interval", m.Stages[si].Name, lo))
		default:
			parts = append(parts, fmt.Sprintf("%s %d-%d by interval", m.Stages[si].Name, lo, hi))
		}
	}
	return strings.Join(parts, ", ")
}

func intervalName(m *sim.Model, k int) string {
	return fmt.Sprintf("%s-%s", figures.Clock(float64(k)*m.Interval), figures.Clock(float64(k+1)*m.Interval))
}

// failureText is a failing interval in words: "agents.service_level >=
// 80% not met in 20:00-20:30: 41 ± 9.8 %".
func failureText(m *sim.Model, r *sim.Results, targets []target, f intervalFailure) string {
	t := targets[f.target]
	return kpiVersus(t, f.est, r.KPI(t.KPI).Unit, "in "+intervalName(m, f.interval))
}

// summarise is a staffing's failures in one line for the search log.
func summarise(m *sim.Model, r *sim.Results, targets []target, fails []intervalFailure, whole []int) string {
	if len(fails) == 0 && len(whole) == 0 {
		return "meets every target in every interval staff can change"
	}
	var parts []string
	for ti, t := range targets {
		var worst *intervalFailure
		count := 0
		for i, f := range fails {
			if f.target == ti {
				count++
				if worst == nil || t.shortfall(&sim.KPI{Estimate: f.est}) > t.shortfall(&sim.KPI{Estimate: worst.est}) {
					worst = &fails[i]
				}
			}
		}
		if worst != nil {
			parts = append(parts, fmt.Sprintf("%s (%d of the intervals fail)", failureText(m, r, targets, *worst), count))
		}
		if slices.Contains(whole, ti) {
			k := r.KPI(t.KPI)
			parts = append(parts, kpiVersus(t, k.Estimate, k.Unit, ""))
		}
	}
	return strings.Join(parts, "; ")
}

func (c *staffCommand) byInterval(s *search, req [][]int, unstaffed [][]float64, sc *scenarios.Scenario, stdout, stderr io.Writer) error {
	base, vary, targets := s.base, s.vary, s.targets
	nInt := int(sim.MinutesPerDay / base.Interval)
	n := make(intervalStaff, len(vary))
	for i := range vary {
		n[i] = make([]int, nInt)
		// Start from the Erlang requirement of each staffed interval.
		for j := range nInt {
			if staffedAny(&base.Stages[vary[i]].Groups[0], base, j) {
				n[i][j] = max(1, req[i][j])
			}
		}
	}
	// closed holds the failures staffing cannot reach: the stage has no
	// staff in that interval in the scenario, so the search cannot add any
	// there. They are left out of the search and reported at the end.
	closed := map[string]string{}
	isClosed := func(f intervalFailure) bool {
		if _, ok := closed[f.spot()]; ok {
			return true
		}
		if staffedAny(&base.Stages[vary[f.stage]].Groups[0], base, f.interval) {
			return false
		}
		name := base.Stages[vary[f.stage]].Name
		why := fmt.Sprintf("customers reach %s then, when it has no staff, so no headcount can serve them in time", name)
		if causes := unservedCauses(base, vary[f.stage], unstaffed[f.stage][f.interval]); len(causes) > 0 {
			why += " (" + strings.Join(causes, "; ") + ")"
		}
		closed[f.spot()] = why
		return true
	}
	// open is fails less those staffing cannot reach.
	open := func(fails []intervalFailure) []intervalFailure {
		var out []intervalFailure
		for _, f := range fails {
			if !isClosed(f) {
				out = append(out, f)
			}
		}
		return out
	}
	evaluate := func(n intervalStaff) (*sim.Results, error) {
		return s.evaluate(n.key(), describeIntervalStaff(base, vary, n), withIntervalStaff(base, vary, n), func(r *sim.Results) string {
			fails, whole := intervalFailures(base, vary, r, targets)
			live := open(fails)
			text := summarise(base, r, targets, live, whole)
			if k := len(fails) - len(live); k > 0 {
				text += fmt.Sprintf("; %d failing interval(s) have no staff in the scenario", k)
			}
			return text
		})
	}
	var (
		cut     string // why taking people away stopped early
		stall   = stallTracker{}
		failure string // why the search stopped without meeting the targets
		last    intervalStaff
		lastR   *sim.Results
	)
	for failure == "" {
		r, err := evaluate(n)
		if be, ok := errors.AsType[*budgetError](err); ok {
			failure = be.Error()
			break
		}
		if err != nil {
			return err
		}
		last, lastR = n.clone(), r
		fails, whole := intervalFailures(base, vary, r, targets)
		live := open(fails)
		if len(live) == 0 && len(whole) == 0 {
			break
		}
		next := n.clone()
		for _, f := range live {
			i, k := f.stage, f.interval
			switch {
			case n[i][k] >= c.maxStaff:
				failure = fmt.Sprintf("%s with --max-staff %d people there", failureText(base, r, targets, f), c.maxStaff)
			case stall.same(f.spot(), f.est.Mean):
				failure = fmt.Sprintf("adding staff at %s in %s (%d to %d) no longer changes %s, so staffing cannot meet it", base.Stages[vary[i]].Name, intervalName(base, k), n[i][k]-stallRaises, n[i][k], targets[f.target].KPI)
			default:
				next[i][k]++
			}
		}
		if len(live) == 0 {
			// A whole-run target: add someone where the busiest stage is
			// busiest.
			bi, bk, bu := -1, -1, -1.0
			for i, si := range vary {
				for _, row := range r.Intervals {
					k := int(row.From / base.Interval)
					if row.Stage == base.Stages[si].Name && n[i][k] > 0 && n[i][k] < c.maxStaff && row.Utilisation.Mean > bu {
						bi, bk, bu = i, k, row.Utilisation.Mean
					}
				}
			}
			t := targets[whole[0]]
			switch {
			case bi < 0:
				failure = fmt.Sprintf("%s is not met even with --max-staff %d in every interval", t.text, c.maxStaff)
			case stall.same(fmt.Sprint("whole", whole[0]), r.KPI(t.KPI).Mean):
				failure = fmt.Sprintf("adding staff no longer changes %s, so staffing cannot meet it", t.KPI)
			default:
				next[bi][bk]++
			}
		}
		if failure == "" {
			n = next
		}
	}
	if failure == "" {
		// Take people away, interval by interval, while every target
		// staffing can reach still holds (when only failures it cannot
		// reach are left, the cheapest staffing for the rest is still
		// worth showing).
		// Taking people away must not make a failure staffing cannot
		// reach appear where none was (fewer staff, more call-backs after
		// closing).
		top := map[string]bool{}
		fails, _ := intervalFailures(base, vary, lastR, targets)
		for _, f := range fails {
			top[f.spot()] = true
		}
		ok := func(r *sim.Results) bool {
			fails, whole := intervalFailures(base, vary, r, targets)
			if len(open(fails)) > 0 || len(whole) > 0 {
				return false
			}
			for _, f := range fails {
				if !top[f.spot()] {
					return false
				}
			}
			return true
		}
	reduce:
		for improved := true; improved; {
			improved = false
			for i := range n {
				for k := range n[i] {
					if n[i][k] <= 1 {
						continue
					}
					m := n.clone()
					m[i][k]--
					r, err := evaluate(m)
					if be, isBudget := errors.AsType[*budgetError](err); isBudget {
						cut = fmt.Sprintf("stopped taking staff away: %v, so it may not be the cheapest", be)
						break reduce
					}
					if err != nil {
						return err
					}
					if ok(r) {
						n, improved = m, true
					}
				}
			}
		}
		last, lastR = n, s.evals[n.key()]
	}
	if lastR == nil {
		return fmt.Errorf("no staffing simulated: %s", failure)
	}
	fails, whole := intervalFailures(base, vary, lastR, targets)
	header := fmt.Sprintf("cheapest staffing per interval meeting every target (95%% confidence), %d staffings simulated", s.done)
	switch {
	case failure != "":
		header = fmt.Sprintf("no staffing per interval met every target; the highest staffing tried, of %d simulated", s.done)
	case len(fails) > 0 || len(whole) > 0:
		header = fmt.Sprintf("no staffing per interval met every target; the cheapest staffing found for the intervals staff can change, of %d simulated", s.done)
	case cut != "":
		header = fmt.Sprintf("a staffing per interval meeting every target (95%% confidence), %d staffings simulated", s.done)
	}
	if cut != "" {
		header += "; " + cut
	}
	if err := writeIntervalStaffing(stdout, header, base, vary, last, req, lastR, targets, fails, whole, sc.Currency); err != nil {
		return err
	}
	if err := c.writeChosen(s.ctx, sc, withIntervalStaff(base, vary, last), lastR, stdout, stderr); err != nil {
		return err
	}
	if failure == "" && len(fails) == 0 && len(whole) == 0 {
		return nil
	}
	// Say what fails at the staffing shown, worst first, and why.
	var parts []string
	if failure != "" {
		parts = append(parts, failure)
	}
	// Failures staffing cannot reach, grouped by target and cause.
	type group struct {
		target int
		why    string
		where  []string
	}
	var groups []*group
	for _, f := range fails {
		why, ok := closed[f.spot()]
		if !ok {
			continue
		}
		i := slices.IndexFunc(groups, func(g *group) bool { return g.target == f.target && g.why == why })
		if i < 0 {
			groups = append(groups, &group{target: f.target, why: why})
			i = len(groups) - 1
		}
		scale, u := figures.Display(lastR.KPI(targets[f.target].KPI).Unit)
		v, pm := figures.PM(f.est.Mean*scale, f.est.HalfWidth*scale)
		groups[i].where = append(groups[i].where, fmt.Sprintf("%s (%s %s)", intervalName(base, f.interval), figures.JoinPM(v, pm), u))
	}
	for _, g := range groups {
		parts = append(parts, fmt.Sprintf("%s not met in %s: %s", targets[g.target].text, strings.Join(g.where, ", "), g.why))
	}
	if failure != "" {
		if text := summarise(base, lastR, targets, open(fails), whole); len(open(fails)) > 0 || len(whole) > 0 {
			parts = append(parts, "at the staffing shown "+text)
		}
	}
	return &searchError{"no staffing met every target in every interval: " + strings.Join(parts, "; ")}
}

// writeIntervalStaffing writes the requirement table and the targets.
func writeIntervalStaffing(w io.Writer, header string, base *sim.Model, vary []int, n intervalStaff, req [][]int, r *sim.Results, targets []target, fails []intervalFailure, whole []int, currency string) error {
	nInt := int(sim.MinutesPerDay / base.Interval)
	found := len(fails) == 0 && len(whole) == 0
	fmt.Fprintf(w, "%s\n\n", header)
	head := []string{"interval"}
	for _, si := range vary {
		head = append(head, base.Stages[si].Name, "Erlang")
	}
	if !found {
		head = append(head, "fails")
	}
	rows := [][]string{head}
	for k := range nInt {
		row := []string{intervalName(base, k)}
		show := false
		for i := range vary {
			e := "-" // no staff in the scenario: nothing to compare with
			if staffedAny(&base.Stages[vary[i]].Groups[0], base, k) {
				e = fmt.Sprint(req[i][k])
			}
			row = append(row, fmt.Sprint(n[i][k]), e)
			show = show || n[i][k] > 0
		}
		if !found {
			var what []string
			for _, f := range fails {
				if f.interval == k {
					scale, u := figures.Display(r.KPI(targets[f.target].KPI).Unit)
					v, pm := figures.PM(f.est.Mean*scale, f.est.HalfWidth*scale)
					what = append(what, fmt.Sprintf("%s %s %s", targets[f.target].KPI, figures.JoinPM(v, pm), u))
				}
			}
			row = append(row, strings.Join(what, ", "))
			show = show || len(what) > 0
		}
		if show {
			rows = append(rows, row)
		}
	}
	if err := writeColumns(w, rows); err != nil {
		return err
	}
	if cost := r.KPI("cost.per_day"); cost != nil {
		fmt.Fprintf(w, "\nstaff cost  %.2f %s\n", cost.Mean, strings.TrimSpace(currency+" per day"))
	}
	fmt.Fprintln(w)
	rows = [][]string{{"target", "whole run", "met in every interval"}}
	for ti, t := range targets {
		k := r.KPI(t.KPI)
		scale, u := figures.Display(k.Unit)
		v, pm := figures.PM(k.Mean*scale, k.HalfWidth*scale)
		met := figures.YesNo(!slices.Contains(whole, ti))
		if perInterval(base, vary, t) >= 0 {
			var where []string
			for _, f := range fails {
				if f.target == ti {
					where = append(where, intervalName(base, f.interval))
				}
			}
			met = "yes"
			if len(where) > 0 {
				met = "no: " + strings.Join(where, ", ")
			}
		}
		rows = append(rows, []string{t.text, figures.JoinPM(v, pm) + " " + u, met})
	}
	if err := writeColumns(w, rows); err != nil {
		return err
	}
	_, err := fmt.Fprint(w, erlangNote)
	return err
}
