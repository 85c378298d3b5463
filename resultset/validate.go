package resultset

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/svcsim/svcsim/sim"
)

// checker collects the problems of one file's values.
type checker struct{ problems []Problem }

func (c *checker) add(field, format string, args ...any) {
	c.problems = append(c.problems, Problem{Field: field, Msg: fmt.Sprintf(format, args...)})
}

// weekdays are the names a weekday row may carry; "" is a row pooled
// over every open weekday.
var weekdays = []string{"", "mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// set checks every field of s that the charts, the report and the
// workbook read.
func (c *checker) set(s *Set) {
	if len(s.Scenarios) == 0 {
		c.add("scenarios", "no scenario with results (got none); valid: at least one, as compare, batch or sweep --out writes them")
	}
	for i, p := range s.Params {
		if p == "" || slices.Contains(s.Params[:i], p) {
			c.add(fmt.Sprintf("parameters[%d]", i), "%q is empty or given twice; valid: distinct parameter names", p)
		}
	}
	for i := range s.Scenarios {
		sc := &s.Scenarios[i]
		at := fmt.Sprintf("scenarios[%d]", i)
		for _, p := range s.Params {
			if _, ok := sc.Params[p]; !ok {
				c.add(at+".parameters", "no value of %q (got %d values); valid: a value of every parameter the set names", p, len(sc.Params))
			}
		}
		for j, t := range sc.Targets {
			if t.KPI == "" || !finite(t.Limit) {
				c.add(fmt.Sprintf("%s.targets[%d]", at, j), "KPI %q, limit %g; valid: a KPI's name and a finite limit", t.KPI, t.Limit)
			}
		}
		c.results(at+".results", sc.Results)
	}
}

// results checks r, read from the field at.
func (c *checker) results(at string, r *sim.Results) {
	if r == nil {
		c.add(at, "missing (got null); valid: the results of a run, as svcsim writes them")
		return
	}
	c.run(at, r)
	seen := c.kpis(at, r)
	c.stageKPIs(at, r, seen)
	c.rows(at, r)
}

// run checks r's run fields: replications, confidence, days, intervals.
func (c *checker) run(at string, r *sim.Results) {
	if r.Replications < 1 || r.Replications > sim.MaxReplications {
		c.add(at+".replications", "out of range (got %d); valid: 1 to %d", r.Replications, sim.MaxReplications)
	}
	if !(r.Confidence > 0 && r.Confidence < 1) {
		c.add(at+".confidence", "out of range (got %g); valid: a fraction between 0 and 1, such as 0.95", r.Confidence)
	}
	if r.Days < 1 || r.Days > sim.MaxDays {
		c.add(at+".days", "out of range (got %d); valid: 1 to %d", r.Days, sim.MaxDays)
	}
	if !(r.Warmup >= 0) || math.IsInf(r.Warmup, 0) {
		c.add(at+".warmup_min", "out of range (got %g); valid: 0 or more minutes", r.Warmup)
	}
	if !(r.Interval > 0 && r.Interval <= sim.MinutesPerDay) {
		c.add(at+".interval_min", "out of range (got %g); valid: more than 0 and at most %g minutes", r.Interval, float64(sim.MinutesPerDay))
	}
	if !(r.OpenDays >= 0) || math.IsInf(r.OpenDays, 0) {
		c.add(at+".open_days", "out of range (got %g); valid: 0 or more", r.OpenDays)
	}
	if r.OpenDaysPerWeek < 0 || r.OpenDaysPerWeek > 7 {
		c.add(at+".open_days_per_week", "out of range (got %d); valid: 0 to 7", r.OpenDaysPerWeek)
	}
	if len(r.Stages) == 0 {
		c.add(at+".stages", "no stage (got none); valid: the stages of the model")
	}
	c.names(at+".stages", r.Stages)
	c.names(at+".pools", r.Pools)
}

// kpis checks r's KPIs and returns their names.
func (c *checker) kpis(at string, r *sim.Results) map[string]bool {
	if len(r.KPIs) == 0 {
		c.add(at+".kpis", "no KPI (got none); valid: the KPIs of the run")
	}
	seen := make(map[string]bool, len(r.KPIs))
	for i := range r.KPIs {
		k := &r.KPIs[i]
		kat := fmt.Sprintf("%s.kpis[%d]", at, i)
		if k.Name == "" || seen[k.Name] {
			c.add(kat+".name", "%q is empty or given twice; valid: distinct KPI names", k.Name)
		}
		seen[k.Name] = true
		c.estimate(kat+".estimate", k.Estimate)
		// The paired differences take replication i of one scenario
		// from replication i of the other.
		if len(k.Values) != r.Replications && r.Replications >= 1 {
			c.add(kat+".values", "%d values (got %d); valid: one per replication (%d)", r.Replications, len(k.Values), r.Replications)
		}
	}
	return seen
}

// stageKPIs checks that every stage of r has the KPIs the report's
// headline table and the charts start from.
func (c *checker) stageKPIs(at string, r *sim.Results, seen map[string]bool) {
	// Every stage has the KPIs the report's headline table and the
	// charts start from.
	for i, st := range r.Stages {
		var lack []string
		for _, name := range []string{st + ".wait.mean", st + ".service_level"} {
			if !seen[name] {
				lack = append(lack, name)
			}
		}
		if st != "" && lack != nil {
			c.add(fmt.Sprintf("%s.stages[%d]", at, i), "stage %q has no KPI %s (got none); valid: a stage of the run, with its KPIs", st, strings.Join(lack, " or "))
		}
	}
}

// rows checks r's time-of-day rows, days and breaches.
func (c *checker) rows(at string, r *sim.Results) {
	for i, row := range r.Intervals {
		c.interval(fmt.Sprintf("%s.intervals[%d]", at, i), row, r.Stages)
	}
	for i, row := range r.ByWeekday {
		c.interval(fmt.Sprintf("%s.intervals_by_weekday[%d]", at, i), row, r.Stages)
	}
	for i, row := range slices.Concat(r.PoolIntervals, r.PoolByWeekday) {
		rat := fmt.Sprintf("%s.pool_intervals[%d]", at, i)
		if i >= len(r.PoolIntervals) {
			rat = fmt.Sprintf("%s.pool_intervals_by_weekday[%d]", at, i-len(r.PoolIntervals))
		}
		if !slices.Contains(r.Pools, row.Pool) {
			c.add(rat+".pool", "not a pool of the results (got %q); valid: one of pools", row.Pool)
		}
		c.span(rat, row.Weekday, row.From, row.To)
		c.estimates(rat, []string{"utilisation", "staff", "staff_on_duty", "busy"},
			[]sim.Estimate{row.Utilisation, row.Staff, row.OnDuty, row.Busy})
	}
	for i, d := range r.DayRows {
		if d.Day < 0 {
			c.add(fmt.Sprintf("%s.days_series[%d].day", at, i), "out of range (got %d); valid: 0 or more", d.Day)
		}
	}
	for i, b := range r.Breaches {
		if !(b.Share >= 0 && b.Share <= 1) {
			c.add(fmt.Sprintf("%s.breaches[%d].share", at, i), "out of range (got %g); valid: a fraction from 0 to 1", b.Share)
		}
	}
}

// names checks that the names of a list are given and distinct.
func (c *checker) names(at string, names []string) {
	for i, n := range names {
		if n == "" || slices.Contains(names[:i], n) {
			c.add(fmt.Sprintf("%s[%d]", at, i), "%q is empty or given twice; valid: distinct names", n)
		}
	}
}

// interval checks a stage's time-of-day row.
func (c *checker) interval(at string, row sim.IntervalRow, stages []string) {
	if !slices.Contains(stages, row.Stage) {
		c.add(at+".stage", "not a stage of the results (got %q); valid: one of stages", row.Stage)
	}
	c.span(at, row.Weekday, row.From, row.To)
	c.estimates(at, []string{"arrivals_per_hour", "wait_mean_min", "service_level", "utilisation", "staff", "staff_on_duty", "queue_mean"},
		[]sim.Estimate{row.Arrivals, row.Wait, row.ServiceLevel, row.Utilisation, row.Staff, row.OnDuty, row.Queue})
}

// estimates checks a row's estimates, each under its key.
func (c *checker) estimates(at string, keys []string, es []sim.Estimate) {
	for i, e := range es {
		c.estimate(at+"."+keys[i], e)
	}
}

// locate sets the line and column of the first problems that name a
// field of data, the file's JSON.
func (c *checker) locate(data []byte) {
	for i := range c.problems[:min(len(c.problems), maxShown)] {
		p := &c.problems[i]
		match := func(_, indexed, _ string) bool { return indexed == p.Field }
		if at, _, _, ok := find(data, match); ok && p.Field != "" {
			p.Line, p.Column = position(data, at)
		}
	}
}

// span checks a time-of-day row's weekday and bounds, in minutes since
// midnight.
func (c *checker) span(at, weekday string, from, to float64) {
	if !slices.Contains(weekdays, weekday) {
		c.add(at+".weekday", "not a weekday (got %q); valid: mon, tue, wed, thu, fri, sat or sun", weekday)
	}
	if !(from >= 0 && from < to && to <= sim.MinutesPerDay) {
		c.add(at, "from_min %g, to_min %g; valid: 0 <= from_min < to_min <= %g (minutes since midnight)", from, to, float64(sim.MinutesPerDay))
	}
}

// estimate checks an estimate's count and half-width; NaN is an
// undefined value, which the results may hold.
func (c *checker) estimate(at string, e sim.Estimate) {
	if e.N < 0 {
		c.add(at+".n", "out of range (got %d); valid: 0 or more", e.N)
	}
	if e.HalfWidth < 0 || math.IsInf(e.HalfWidth, 0) {
		c.add(at+".half_width", "out of range (got %g); valid: 0 or more, or null", e.HalfWidth)
	}
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
