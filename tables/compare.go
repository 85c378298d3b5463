package tables

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/sim"
)

// Compare writes every KPI of the baseline (the first point) with, for
// each other point, the paired difference from it; wide adds each point's
// own value before its difference. A report section is one table: the
// KPI, its unit (chosen per row, so that long waits read in hours or
// days) and the figures; labels wrap to keep the table within MaxWidth
// columns where they can.
func Compare(w io.Writer, pts []*experiment.Point, wide bool) error {
	var b strings.Builder
	base := pts[0].Results
	head := [][]string{{"baseline", pts[0].Name}}
	for i, p := range pts[1:] {
		head = append(head, []string{fmt.Sprintf("scenario %d", i+2), p.Name})
	}
	head = append(head,
		[]string{"replications", fmt.Sprintf("%d, seed %d, common random numbers", len(base.Reps), base.Seed)},
		[]string{"differences", fmt.Sprintf("scenario - baseline, paired, ± %g%% half-width; ~ = not distinguishable from noise", base.Confidence*100)})
	b.WriteString((&grid{rows: head}).String())
	if notes := experiment.BottleneckNotes(pts); len(notes) > 0 {
		b.WriteString("\nnotes\n")
		for _, n := range notes {
			for i, l := range wrapWords(n, MaxWidth-4) {
				b.WriteString(map[bool]string{true: "  ", false: "    "}[i == 0] + l + "\n")
			}
		}
	}
	ds := experiment.Differences(pts)
	var groups []string
	for _, k := range base.KPIs {
		if !slices.Contains(groups, k.Group) {
			groups = append(groups, k.Group)
		}
	}
	for _, group := range groups {
		var kpis []*sim.KPI
		for i := range base.KPIs {
			if base.KPIs[i].Group == group {
				kpis = append(kpis, &base.KPIs[i])
			}
		}
		b.WriteString("\n")
		b.WriteString(compareGroup(group, kpis, pts, ds, wide).String())
	}
	extra, names := extraGroups(pts)
	for _, group := range extra {
		b.WriteString("\n")
		b.WriteString(compareOwn(group, names[group], pts).String())
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// column is a column of figures of a comparison, its cells aligned on
// their ±.
type column struct {
	head      string
	vals, pms []string
	marks     []bool // not distinguishable from noise
}

func (c *column) add(v, pm string, mark bool) {
	c.vals, c.pms, c.marks = append(c.vals, v), append(c.pms, pm), append(c.marks, mark)
}

// cells are the column's cells, "~" marking the differences that cannot
// be told from noise.
func (c *column) cells() []string {
	cells := alignPM(c.vals, c.pms)
	for r, m := range c.marks {
		if m {
			cells[r] += " ~"
		}
	}
	return cells
}

// compareGroup is the table of one report section: the baseline, then
// per other point its value (wide only) and its difference.
func compareGroup(group string, kpis []*sim.KPI, pts []*experiment.Point, ds [][]sim.Diff, wide bool) *grid {
	currency := pts[0].Scenario.Currency
	cols := []*column{{head: "baseline"}}
	for i := range pts[1:] {
		if wide {
			cols = append(cols, &column{head: fmt.Sprintf("scenario %d", i+2)})
		}
		cols = append(cols, &column{head: fmt.Sprintf("%d - baseline", i+2)})
	}
	units := make([]string, len(kpis))
	for r, k := range kpis {
		others := make([]*sim.KPI, len(pts))
		means := []float64{k.Mean}
		for i, p := range pts[1:] {
			others[i+1] = p.Results.KPI(k.Name)
			if others[i+1] != nil {
				means = append(means, others[i+1].Mean)
			}
		}
		scale, unit := k.Unit.Display(currency, figures.Largest(means...))
		units[r] = unit
		cols[0].add(pm(k.Mean, k.HalfWidth, scale))
		c := 1
		for i := range pts[1:] {
			o := others[i+1]
			if wide {
				ov, opm := "", ""
				if o != nil {
					ov, opm = figures.PM(o.Mean*scale, o.HalfWidth*scale)
				}
				cols[c].add(ov, opm, false)
				c++
			}
			cols[c].add(diffCell(o, find(ds[i+1], k.Name), scale))
			c++
		}
	}
	g := &grid{rows: [][]string{{group, ""}}}
	cells := make([][]string, len(cols))
	for j, c := range cols {
		g.rows[0] = append(g.rows[0], c.head)
		cells[j] = c.cells()
	}
	for r, k := range kpis {
		row := []string{"  " + k.Label, units[r]}
		for j := range cols {
			row = append(row, cells[j][r])
		}
		g.rows = append(g.rows, row)
	}
	g.fit(MaxWidth, 24)
	return g
}

// pm is figures.PM of an estimate scaled to its display unit, not marked.
func pm(mean, hw, scale float64) (string, string, bool) {
	v, p := figures.PM(mean*scale, hw*scale)
	return v, p, false
}

// find is the difference of KPI name among ds, or nil.
func find(ds []sim.Diff, name string) *sim.Diff {
	var d *sim.Diff
	for j := range ds {
		if ds[j].Name == name {
			d = &ds[j]
		}
	}
	return d
}

// diffCell is a difference's value, half-width and whether it cannot be
// told from noise; blank where the point lacks the KPI.
func diffCell(o *sim.KPI, d *sim.Diff, scale float64) (dv, dpm string, mark bool) {
	if o == nil || d == nil {
		return "", "", false
	}
	dv, dpm = figures.PM(d.Mean*scale, d.HalfWidth*scale)
	if dv != "n/a" && d.Mean > 0 {
		dv = "+" + dv
	}
	return dv, dpm, !d.Distinguishable && dv != "n/a"
}

// CompareCSV writes the comparison for scripts: a row per point and KPI,
// with the paired difference from the baseline and whether it can be told
// from noise.
func CompareCSV(w io.Writer, pts []*experiment.Point) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"scenario", "kpi", "stage", "label", "unit", "mean", "half_width", "n", "diff", "diff_half_width", "distinguishable"})
	ds := experiment.Differences(pts)
	for i, p := range pts {
		for _, k := range p.Results.KPIs {
			rec := []string{p.Name, k.Name, k.Stage, k.Label, string(k.Unit), figures.Number(k.Mean), figures.Number(k.HalfWidth), strconv.Itoa(k.N), "", "", ""}
			for _, d := range ds[i] {
				if d.Name == k.Name {
					rec[8], rec[9], rec[10] = figures.Number(d.Mean), figures.Number(d.HalfWidth), strconv.FormatBool(d.Distinguishable)
				}
			}
			cw.Write(rec)
		}
	}
	cw.Flush()
	return cw.Error()
}

// CompareJSON writes the comparison as a JSON document for scripts: every
// point's results with its paired differences from the baseline, and the
// bottleneck notes; version is svcsim's.
func CompareJSON(w io.Writer, pts []*experiment.Point, version string) error {
	// sim.Diff embeds an Estimate, whose MarshalJSON would hide the other
	// fields: spell them out.
	type diff struct {
		KPI             string       `json:"kpi"`
		Unit            sim.Unit     `json:"unit"`
		Diff            sim.Estimate `json:"difference"`
		Distinguishable bool         `json:"distinguishable"`
	}
	type entry struct {
		Name    string       `json:"name"`
		Results *sim.Results `json:"results"`
		Diffs   []diff       `json:"differences,omitempty"`
	}
	doc := struct {
		Version   string   `json:"svcsim_version"`
		Baseline  string   `json:"baseline"`
		Notes     []string `json:"notes,omitempty"`
		Scenarios []entry  `json:"scenarios"`
	}{Version: version, Baseline: pts[0].Name, Notes: experiment.BottleneckNotes(pts)}
	ds := experiment.Differences(pts)
	for i, p := range pts {
		e := entry{Name: p.Name, Results: p.Results}
		for _, d := range ds[i] {
			e.Diffs = append(e.Diffs, diff{d.Name, d.Unit, d.Estimate, d.Distinguishable})
		}
		doc.Scenarios = append(doc.Scenarios, e)
	}
	return resultset.WriteJSON(w, doc)
}
