package tables

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/sim"
)

// Run writes the table people read first of a run: a header with the run's
// settings, a block of KPIs per report section (each stage, the journey,
// satisfaction, reputation, revenue, cost), the alert thresholds crossed,
// most frequent first, and, with intervals set, each stage's time-of-day
// table (one per weekday with byWeekday, where the weekdays differ). Money
// is shown in currency when the scenario names one.
func Run(w io.Writer, r *sim.Results, intervals, byWeekday bool, currency string) error {
	tw := &strings.Builder{}

	fmt.Fprintf(tw, "scenario\t%s\n", r.Model)
	days := fmt.Sprintf("%d", r.Days)
	if r.Warmup > 0 {
		days += fmt.Sprintf(" (the first %s are warm-up, not measured)", figures.Duration(r.Warmup))
	}
	fmt.Fprintf(tw, "days\t%s\n", days)
	if r.OpenDays > 0 {
		fmt.Fprintf(tw, "open days\t%s measured (%d a week); figures per day are per open day\n", trimFloat(r.OpenDays), r.OpenDaysPerWeek)
	} else {
		fmt.Fprintf(tw, "open days\tnone measured; figures per day are per calendar day\n")
	}
	fmt.Fprintf(tw, "replications\t%d\n", r.Replications)
	fmt.Fprintf(tw, "seed\t%d\n", r.Seed)
	fmt.Fprintf(tw, "confidence\t%g%% (value ± half-width of the confidence interval)\n", r.Confidence*100)

	var groups []string
	for _, k := range r.KPIs {
		if !slices.Contains(groups, k.Group) {
			groups = append(groups, k.Group)
		}
	}
	for _, g := range groups {
		fmt.Fprintf(tw, "\n%s\n", g)
		kpiBlock(tw, r, g, currency)
	}
	if len(r.Breaches) > 0 {
		fmt.Fprintf(tw, "\nalerts crossed (share of replications, most frequent first)\n")
		for _, b := range r.Breaches {
			fmt.Fprintf(tw, "  %s\t%s\n", figures.Breach(r, b, currency), figures.Percent(b.Share))
		}
	}

	out := alignTabs(tw.String(), 3)
	if intervals || byWeekday {
		out += intervalTables(r, byWeekday) + poolTables(r, byWeekday)
	}
	_, err := io.WriteString(w, out)
	return err
}

// kpiBlock writes one row per KPI of report section group: label,
// value ± half-width, unit.
func kpiBlock(w io.Writer, r *sim.Results, group, currency string) {
	var labels, units []string
	var vals, pms []string
	for _, k := range r.KPIs {
		if k.Group != group {
			continue
		}
		scale, unit := k.Unit.Display(currency, k.Mean)
		v, pm := figures.PM(k.Mean*scale, k.HalfWidth*scale)
		if v == "n/a" {
			unit = ""
		}
		labels = append(labels, k.Label)
		vals = append(vals, v)
		pms = append(pms, pm)
		units = append(units, unit)
	}
	cells := alignPM(vals, pms)
	for i := range labels {
		fmt.Fprintf(w, "  %s\t%s %s\n", labels[i], cells[i], units[i])
	}
}

// intervalTables are the time-of-day tables of every stage: pooled over
// the open weekdays, or one per stage and weekday with byWeekday where the
// weekdays differ.
func intervalTables(r *sim.Results, byWeekday bool) string {
	var out strings.Builder
	if byWeekday && len(r.ByWeekday) == 0 {
		out.WriteString("\nthe open weekdays do not differ in hours, demand or staffing: one time-of-day table per stage\n")
		byWeekday = false
	}
	head := fmt.Sprintf("by time of day (%s intervals from the time shown; mean over open days, replications)", figures.Duration(r.Interval))
	for _, stage := range r.Stages {
		type table struct {
			title string
			rows  []*sim.IntervalRow
		}
		var tables []table
		if byWeekday {
			for i := range r.ByWeekday {
				row := &r.ByWeekday[i]
				if row.Stage != stage {
					continue
				}
				if n := len(tables); n == 0 || tables[n-1].title != stage+" on "+row.Weekday {
					tables = append(tables, table{title: stage + " on " + row.Weekday})
				}
				tables[len(tables)-1].rows = append(tables[len(tables)-1].rows, row)
			}
		} else {
			t := table{title: stage}
			for i := range r.Intervals {
				if r.Intervals[i].Stage == stage {
					t.rows = append(t.rows, &r.Intervals[i])
				}
			}
			tables = append(tables, t)
		}
		for _, t := range tables {
			out.WriteString("\n" + strings.Join(wrapWords(t.title+" "+head, MaxWidth), "\n") + "\n")
			out.WriteString(intervalBlock(r, stage, t.rows).String())
			if slices.ContainsFunc(t.rows, func(row *sim.IntervalRow) bool { return row.Closed }) {
				out.WriteString("  * closed: outside opening and staffed hours, shown for what still happened in it\n")
			}
		}
	}
	return out.String()
}

// intervalBlock is a table of the time-of-day rows of stage, by the
// interval's start, with the units in a second line of column heads.
func intervalBlock(r *sim.Results, stage string, rows []*sim.IntervalRow) *grid {
	type column struct {
		head string
		unit sim.Unit
		get  func(row *sim.IntervalRow) sim.Estimate
	}
	cols := []column{
		{"arrivals", "/h", func(row *sim.IntervalRow) sim.Estimate { return row.Arrivals }},
		{"mean wait", sim.Minutes, func(row *sim.IntervalRow) sim.Estimate { return row.Wait }},
		{serviceLevelHead(r, stage), sim.Share, func(row *sim.IntervalRow) sim.Estimate { return row.ServiceLevel }},
		{"utilisation", sim.Share, func(row *sim.IntervalRow) sim.Estimate { return row.Utilisation }},
		{"staff", "scheduled", func(row *sim.IntervalRow) sim.Estimate { return row.Staff }},
		{"mean queue", sim.Customers, func(row *sim.IntervalRow) sim.Estimate { return row.Queue }},
	}
	cells := make([][]string, len(cols))
	units := make([]string, len(cols))
	for c, col := range cols {
		means := make([]float64, len(rows))
		for i, row := range rows {
			means[i] = col.get(row).Mean
		}
		var scale float64
		scale, units[c] = col.unit.Display("", figures.Largest(means...))
		vals := make([]string, len(rows))
		pms := make([]string, len(rows))
		for i, row := range rows {
			e := col.get(row)
			vals[i], pms[i] = figures.PM(e.Mean*scale, e.HalfWidth*scale)
		}
		cells[c] = alignPM(vals, pms)
	}
	g := &grid{rows: [][]string{{"  from"}, {""}}}
	for c, col := range cols {
		g.rows[0] = append(g.rows[0], col.head)
		g.rows[1] = append(g.rows[1], units[c])
	}
	for i, row := range rows {
		line := []string{"  " + figures.Clock(row.From)}
		if row.Closed {
			line[0] += "*"
		}
		for c := range cols {
			line = append(line, cells[c][i])
		}
		g.rows = append(g.rows, line)
	}
	return g
}

// serviceLevelHead names the service level of stage by its target,
// "within 5m", which is narrower than "service level" and says more.
func serviceLevelHead(r *sim.Results, stage string) string {
	if k := r.KPI(stage + ".service_level"); k != nil {
		if t, ok := strings.CutPrefix(k.Label, "served "); ok {
			return t
		}
	}
	return "service level"
}

// alignPM joins values and half-widths into "value ± pm" cells of equal
// width, values and half-widths each right-aligned, so that a column of
// them lines up; a missing half-width leaves blanks.
func alignPM(vals, pms []string) []string {
	wv, wp := 0, 0
	for i := range vals {
		wv = max(wv, textWidth(vals[i]))
		wp = max(wp, textWidth(pms[i]))
	}
	cells := make([]string, len(vals))
	for i := range vals {
		c := padLeft(vals[i], wv)
		switch {
		case pms[i] != "":
			c += " ± " + padLeft(pms[i], wp)
		case wp > 0:
			c += strings.Repeat(" ", 3+wp)
		}
		cells[i] = c
	}
	return cells
}

// trimFloat formats v with up to two decimals and no trailing zeros.
func trimFloat(v float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
}
