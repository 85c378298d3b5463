package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

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

// intervalFailures lists, per varied stage, the intervals where a per-stage
// target fails, and whether a whole-run target fails.
func intervalFailures(m *sim.Model, vary []int, r *sim.Results, targets []target) (fails [][]int, whole bool) {
	fails = make([][]int, len(vary))
	for _, t := range targets {
		si := slices.IndexFunc(vary, func(v int) bool {
			return t.KPI == m.Stages[v].Name+".service_level" || t.KPI == m.Stages[v].Name+".wait.mean"
		})
		if si < 0 {
			whole = whole || !t.met(r.KPI(t.KPI))
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
			k := sim.KPI{Estimate: e}
			if math.IsNaN(e.Mean) {
				continue // nobody served in this interval
			}
			if !t.met(&k) {
				fails[si] = append(fails[si], int(row.From/m.Interval))
			}
		}
	}
	return fails, whole
}

func (c *staffCommand) byInterval(ctx context.Context, base *sim.Model, vary []int, targets []target, opt sim.Options, sanity [][]int, currency string, stdout io.Writer) (*sim.Results, *sim.Model, error) {
	nInt := int(sim.MinutesPerDay / base.Interval)
	n := make(intervalStaff, len(vary))
	for i := range vary {
		n[i] = make([]int, nInt)
		// Start from the Erlang requirement of each staffed interval.
		for j := range nInt {
			staffed := false
			for wd := range 7 {
				staffed = staffed || staffedAt(&base.Stages[vary[i]].Groups[0], wd, (float64(j)+0.5)*base.Interval)
			}
			if staffed {
				n[i][j] = max(1, sanity[i][j])
			}
		}
	}
	evals := map[string]*sim.Results{}
	evaluate := func(n intervalStaff) (*sim.Results, error) {
		if r, ok := evals[n.key()]; ok {
			return r, nil
		}
		m := withIntervalStaff(base, vary, n)
		if c.set.days > 0 {
			m.Days = c.set.days
		}
		r, err := sim.Run(ctx, m, opt)
		if ctx.Err() != nil {
			return nil, errInterrupted
		}
		if err != nil {
			return nil, err
		}
		evals[n.key()] = r
		return r, nil
	}
	ok := func(r *sim.Results) bool {
		f, whole := intervalFailures(base, vary, r, targets)
		for _, x := range f {
			if len(x) > 0 {
				return false
			}
		}
		return !whole
	}
	for {
		r, err := evaluate(n)
		if err != nil {
			return nil, nil, err
		}
		fails, whole := intervalFailures(base, vary, r, targets)
		raised := false
		for i, ks := range fails {
			for _, k := range ks {
				if n[i][k] < c.maxStaff {
					n[i][k]++
					raised = true
				}
			}
		}
		if !raised && whole {
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
			if bi >= 0 {
				n[bi][bk]++
				raised = true
			}
		}
		if !raised {
			if ok(r) {
				break
			}
			return nil, nil, fmt.Errorf("no staffing up to --max-staff %d meets every target in every interval", c.maxStaff)
		}
		if len(evals) >= c.maxEvals {
			return nil, nil, fmt.Errorf("no staffing met every target in every interval within %d evaluations", c.maxEvals)
		}
	}
	// Take people away, interval by interval, while everything holds.
	for improved := true; improved && len(evals) < c.maxEvals; {
		improved = false
		for i := range n {
			for k := range n[i] {
				if n[i][k] <= 1 || len(evals) >= c.maxEvals {
					continue
				}
				m := n.clone()
				m[i][k]--
				r, err := evaluate(m)
				if err != nil {
					return nil, nil, err
				}
				if ok(r) {
					n, improved = m, true
				}
			}
		}
	}
	best := evals[n.key()]
	fmt.Fprintf(stdout, "cheapest staffing per interval meeting every target (95%% confidence), %d staffings simulated\n\n", len(evals))
	head := []string{"interval"}
	for _, si := range vary {
		head = append(head, base.Stages[si].Name, "Erlang")
	}
	rows := [][]string{head}
	for k := range nInt {
		row := []string{fmt.Sprintf("%s-%s", clock(float64(k)*base.Interval), clock(float64(k+1)*base.Interval))}
		any := false
		for i := range vary {
			row = append(row, fmt.Sprint(n[i][k]), fmt.Sprint(sanity[i][k]))
			any = any || n[i][k] > 0
		}
		if any {
			rows = append(rows, row)
		}
	}
	if err := writeColumns(stdout, rows); err != nil {
		return nil, nil, err
	}
	cost := best.KPI("cost.per_day")
	if cost != nil {
		fmt.Fprintf(stdout, "\nstaff cost  %.2f %s\n", cost.Mean, strings.TrimSpace(currency+" per day"))
	}
	fmt.Fprintln(stdout)
	rows = [][]string{{"target", "whole run", "met in every interval"}}
	for _, t := range targets {
		k := best.KPI(t.KPI)
		scale, u := display(k.Unit)
		v, pm := formatPM(k.Mean*scale, k.HalfWidth*scale)
		rows = append(rows, []string{t.text, joinPM(v, pm) + " " + u, "true"})
	}
	return best, withIntervalStaff(base, vary, n), writeColumns(stdout, rows)
}
