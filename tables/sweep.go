package tables

import (
	"fmt"
	"io"
	"slices"

	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/figures"
)

// Sweep prints one row per grid point with the chosen KPIs: a head
// of KPI names over their units (long waits in hours or days when the
// column's longest is, money in the scenario's currency), each column's
// figures aligned on their ±. No kpis means experiment.SweepKPIs of the
// first point.
func Sweep(w io.Writer, params []string, pts []*experiment.Point, kpis []string) error {
	if len(kpis) == 0 {
		kpis = experiment.SweepKPIs(pts[0].Results)
	}
	currency := pts[0].Scenario.Currency
	names := append(slices.Clone(params), "")
	units := make([]string, len(params)+1)
	cols := make([][]string, len(kpis))
	for c, k := range kpis {
		kp := pts[0].Results.KPI(k)
		if kp == nil {
			return fmt.Errorf("%s: no such KPI", k)
		}
		var means []float64
		for _, p := range pts {
			if o := p.Results.KPI(k); o != nil {
				means = append(means, o.Mean)
			}
		}
		scale, unit := kp.Unit.Display(currency, figures.Largest(means...))
		names, units = append(names, k), append(units, unit)
		vals := make([]string, len(pts))
		pms := make([]string, len(pts))
		for i, p := range pts {
			vals[i] = "n/a"
			if o := p.Results.KPI(k); o != nil {
				vals[i], pms[i] = figures.PM(o.Mean*scale, o.HalfWidth*scale)
			}
		}
		cols[c] = alignPM(vals, pms)
	}
	rows := [][]string{names, units}
	for i, p := range pts {
		row := []string{}
		for _, k := range params {
			row = append(row, p.Params[k])
		}
		row = append(row, "")
		for c := range kpis {
			row = append(row, cols[c][i])
		}
		rows = append(rows, row)
	}
	// Too many KPIs for one table of MaxWidth columns: several
	// tables, each with the grid's parameters and as many KPIs as fit.
	keys := len(params) + 1
	ws := (&grid{rows: rows}).widths()
	var chunks [][]int
	width := 0
	for c := keys; c < len(ws); c++ {
		if len(chunks) == 0 || width+2+ws[c] > MaxWidth {
			chunks = append(chunks, nil)
			width = 2 * (keys - 1)
			for _, kw := range ws[:keys] {
				width += kw
			}
		}
		chunks[len(chunks)-1] = append(chunks[len(chunks)-1], c)
		width += 2 + ws[c]
	}
	for n, chunk := range chunks {
		part := make([][]string, len(rows))
		for i, r := range rows {
			part[i] = slices.Clone(r[:keys])
			for _, c := range chunk {
				part[i] = append(part[i], r[c])
			}
		}
		if n > 0 {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		if err := writeColumns(w, part); err != nil {
			return err
		}
	}
	return nil
}

// writeColumns writes rows as aligned columns, two spaces apart, by
// display width.
func writeColumns(w io.Writer, rows [][]string) error {
	_, err := io.WriteString(w, (&grid{rows: rows}).String())
	return err
}
