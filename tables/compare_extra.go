package tables

import (
	"fmt"
	"slices"

	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/sim"
)

// extraGroups are the report sections of KPIs that other points have and
// the baseline lacks (a pool only the variants have, say), in the order
// the points first give them, each with its KPIs' names.
func extraGroups(pts []*experiment.Point) (groups []string, names map[string][]string) {
	base := pts[0].Results
	names = map[string][]string{}
	for _, p := range pts[1:] {
		if p.Results == nil {
			continue
		}
		for _, k := range p.Results.KPIs {
			if base.KPI(k.Name) != nil || slices.Contains(names[k.Group], k.Name) {
				continue
			}
			if names[k.Group] == nil {
				groups = append(groups, k.Group)
			}
			names[k.Group] = append(names[k.Group], k.Name)
		}
	}
	return groups, names
}

// compareOwn is the table of a section the baseline lacks: each point's
// own value, with no difference to show.
func compareOwn(group string, names []string, pts []*experiment.Point) *grid {
	currency := pts[0].Scenario.Currency
	cols := []*column{{head: "baseline"}}
	for i := range pts[1:] {
		cols = append(cols, &column{head: fmt.Sprintf("scenario %d", i+2)})
	}
	g := &grid{rows: [][]string{{group, ""}}}
	var labels, units []string
	for _, name := range names {
		var means []float64
		var first *sim.KPI
		for _, p := range pts[1:] {
			if k := p.Results.KPI(name); k != nil {
				means = append(means, k.Mean)
				if first == nil {
					first = k
				}
			}
		}
		scale, unit := first.Unit.Display(currency, figures.Largest(means...))
		labels, units = append(labels, first.Label), append(units, unit)
		cols[0].add("", "", false)
		for i, p := range pts[1:] {
			if k := p.Results.KPI(name); k != nil {
				cols[i+1].add(pm(k.Mean, k.HalfWidth, scale))
			} else {
				cols[i+1].add("", "", false)
			}
		}
	}
	cells := make([][]string, len(cols))
	for j, c := range cols {
		g.rows[0] = append(g.rows[0], c.head)
		cells[j] = c.cells()
	}
	for r := range names {
		row := []string{"  " + labels[r], units[r]}
		for j := range cols {
			row = append(row, cells[j][r])
		}
		g.rows = append(g.rows, row)
	}
	g.fit(MaxWidth, 24)
	return g
}
