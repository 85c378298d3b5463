package main

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/svcsim/svcsim/sim"
)

// writeTable writes the report people read first: a header with the run's
// settings, a block of KPIs per report section (each stage, the journey,
// satisfaction, reputation, revenue, cost), the alert thresholds crossed,
// most frequent first, and, with intervals set, each stage's time-of-day
// table. Money is shown in currency when the scenario names one.
func writeTable(w io.Writer, r *sim.Results, intervals bool, currency string) error {
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 3, ' ', 0)

	fmt.Fprintf(tw, "scenario\t%s\n", r.Model)
	days := fmt.Sprintf("%d", r.Days)
	if r.Warmup > 0 {
		days += fmt.Sprintf(" (the first %s are warm-up, not measured)", duration(r.Warmup))
	}
	fmt.Fprintf(tw, "days\t%s\n", days)
	fmt.Fprintf(tw, "open days\t%s measured (%d a week); figures per day are per open day\n", trimFloat(r.OpenDays), r.OpenDaysPerWeek)
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
			fmt.Fprintf(tw, "  %s\t%s\n", breachText(r, b), percent(b.Share))
		}
	}

	if intervals {
		for _, stage := range r.Stages {
			fmt.Fprintf(tw, "\n%s by time of day (mean over the days each interval is open, and replications)\n", stage)
			intervalBlock(tw, r, stage)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := w.Write(trimLines(buf.Bytes()))
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
		scale, unit := display(k.Unit)
		if currency != "" {
			unit = strings.Replace(unit, "money", currency, 1)
		}
		v, pm := formatPM(k.Mean*scale, k.HalfWidth*scale)
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

// intervalBlock writes one row per interval of stage, with the units in
// the column heads.
func intervalBlock(w io.Writer, r *sim.Results, stage string) {
	type column struct {
		head  string
		scale float64
		get   func(row *sim.IntervalRow) sim.Estimate
	}
	cols := []column{
		{"arrivals (/h)", 1, func(row *sim.IntervalRow) sim.Estimate { return row.Arrivals }},
		{"mean wait (min)", 1, func(row *sim.IntervalRow) sim.Estimate { return row.Wait }},
		{"service level (%)", 100, func(row *sim.IntervalRow) sim.Estimate { return row.ServiceLevel }},
		{"utilisation (%)", 100, func(row *sim.IntervalRow) sim.Estimate { return row.Utilisation }},
		{"staff", 1, func(row *sim.IntervalRow) sim.Estimate { return row.Staff }},
		{"mean queue (customers)", 1, func(row *sim.IntervalRow) sim.Estimate { return row.Queue }},
	}
	var rows []*sim.IntervalRow
	for i := range r.Intervals {
		if r.Intervals[i].Stage == stage {
			rows = append(rows, &r.Intervals[i])
		}
	}
	cells := make([][]string, len(cols))
	for c, col := range cols {
		vals := make([]string, len(rows))
		pms := make([]string, len(rows))
		for i, row := range rows {
			e := col.get(row)
			vals[i], pms[i] = formatPM(e.Mean*col.scale, e.HalfWidth*col.scale)
		}
		cells[c] = alignPM(vals, pms)
	}
	fmt.Fprint(w, "  time")
	for _, col := range cols {
		fmt.Fprintf(w, "\t%s", col.head)
	}
	fmt.Fprintln(w)
	for i, row := range rows {
		fmt.Fprintf(w, "  %s-%s", clock(row.From), clock(row.To))
		if row.Closed {
			fmt.Fprint(w, " closed")
		}
		for c := range cols {
			fmt.Fprintf(w, "\t%s", cells[c][i])
		}
		fmt.Fprintln(w)
	}
}

// alignPM joins values and half-widths into "value ± pm" cells of equal
// width, values and half-widths each right-aligned, so that a column of
// them lines up; a missing half-width leaves blanks.
func alignPM(vals, pms []string) []string {
	wv, wp := 0, 0
	for i := range vals {
		wv = max(wv, len(vals[i]))
		wp = max(wp, len(pms[i]))
	}
	cells := make([]string, len(vals))
	for i := range vals {
		c := strings.Repeat(" ", wv-len(vals[i])) + vals[i]
		switch {
		case pms[i] != "":
			c += " ± " + strings.Repeat(" ", wp-len(pms[i])) + pms[i]
		case wp > 0:
			c += strings.Repeat(" ", 3+wp)
		}
		cells[i] = c
	}
	return cells
}

// trimLines removes trailing blanks from every line of b.
func trimLines(b []byte) []byte {
	lines := bytes.Split(b, []byte("\n"))
	for i, l := range lines {
		lines[i] = bytes.TrimRight(l, " ")
	}
	return bytes.Join(lines, []byte("\n"))
}

// breachText describes a crossed threshold: the KPI, where, the limit and
// the mean value in the replications that crossed it.
func breachText(r *sim.Results, b sim.Breach) string {
	op := "below"
	if b.Above {
		op = "above"
	}
	scale, unit := 1.0, ""
	if k := r.KPI(b.KPI); k != nil {
		scale, unit = display(k.Unit)
	}
	where := ""
	if b.From >= 0 {
		where = fmt.Sprintf(" in %s-%s", clock(b.From), clock(b.To))
	}
	v, _ := formatPM(b.Value*scale, math.NaN())
	l, _ := formatPM(b.Limit*scale, math.NaN())
	return fmt.Sprintf("%s%s %s %s %s (mean when crossed %s %s)", b.KPI, where, op, l, unit, v, unit)
}

func percent(share float64) string {
	return fmt.Sprintf("%.0f%%", share*100)
}

// trimFloat formats v with up to two decimals and no trailing zeros.
func trimFloat(v float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".")
}
