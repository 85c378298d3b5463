package scenarios

import (
	"strings"

	"github.com/svcsim/svcsim/sim"
	yaml "go.yaml.in/yaml/v4"
)

var groupFields = []string{"name", "speed", "first_time_fix", "cost", "overtime_cost", "staff"}

// groups reads a stage's staff: one pool (staff:, cost:, ... on the stage)
// or several groups (groups:), or a roster CSV.
func (d *decoder) groups(n *yaml.Node, f map[string]*yaml.Node, path string, m *sim.Model) []sim.Group {
	shorthand := []string{"staff", "speed", "first_time_fix", "cost", "overtime_cost"}
	if gs := f["groups"]; gs != nil {
		for _, k := range shorthand {
			if f[k] != nil {
				d.errorf(f[k], path+"."+k, "the stage has groups:, so give %s for each group", k)
			}
		}
		items := d.list(gs, path+".groups")
		d.names(items, path+".groups")
		var out []sim.Group
		for _, g := range items {
			gf := d.fields(g, path+".groups", groupFields...)
			if gf == nil {
				continue
			}
			name := d.name(gf["name"], g, path+".groups")
			out = append(out, d.group(g, gf, path+".groups."+name, name, m))
		}
		if len(out) == 0 && len(items) == 0 {
			d.errorf(gs, path+".groups", "is empty: give at least one staff group")
		}
		return out
	}
	stage := strings.TrimPrefix(path, "stages.")
	if f["staff"] == nil {
		if names := d.rosterGroups(stage); len(names) > 0 {
			var out []sim.Group
			for _, name := range names {
				out = append(out, d.group(n, f, path, name, m))
			}
			return out
		}
		if d.pooled[stage] {
			for _, k := range shorthand[1:] {
				if f[k] != nil {
					d.errorf(f[k], path+"."+k, "the stage has no staff of its own (a pool serves it), so %s means nothing here; give it in the pool's serves:", k)
				}
			}
			return nil // served by pools only
		}
		d.errorf(n, path, "missing staff: the number on duty, e.g. staff: 3 or staff: {mon-fri: {08:00-12:00: 3, 12:00-18:00: 2}}, or a roster")
		return nil
	}
	return []sim.Group{d.group(n, f, path, "staff", m)}
}

func (d *decoder) group(n *yaml.Node, f map[string]*yaml.Node, path, name string, m *sim.Model) sim.Group {
	g := sim.Group{Name: name, Speed: 1}
	if f["speed"] != nil {
		g.Speed = d.speed(f["speed"], path+".speed")
	}
	if f["first_time_fix"] != nil {
		g.FixRate = d.numberIn(f["first_time_fix"], path+".first_time_fix", 0.001, 1)
	}
	if f["cost"] != nil {
		g.Cost = d.hourlyCost(f["cost"], path+".cost")
	}
	if f["overtime_cost"] != nil {
		g.OvertimeCost = d.hourlyCost(f["overtime_cost"], path+".overtime_cost")
	}
	if f["staff"] == nil {
		stage, _, _ := strings.Cut(strings.TrimPrefix(path, "stages."), ".")
		if e := d.roster[[2]string{stage, name}]; e != nil {
			e.used = true
			g.Staff = e.staff
			return g
		}
		d.errorf(n, path, "missing staff: the number on duty, e.g. staff: 2, or rows for it in the roster")
	}
	g.Staff = d.schedule(f["staff"], path+".staff", m.Open, headcount)
	return g
}

func (d *decoder) classGroups(n *yaml.Node, path string, m *sim.Model, groups []sim.Group) [][]int {
	classIdx := map[string]int{}
	for i, c := range m.Classes {
		classIdx[c.Name] = i
	}
	groupIdx := map[string]int{}
	for i, g := range groups {
		groupIdx[g.Name] = i
	}
	out := make([][]int, len(m.Classes))
	for _, e := range d.entries(n, path) {
		ci := d.ref(e.key, path, "class", classIdx)
		for _, gn := range d.list(e.val, path+"."+e.key.Value) {
			if gi := d.ref(gn, path+"."+e.key.Value, "staff group", groupIdx); gi >= 0 && ci >= 0 {
				out[ci] = append(out[ci], gi)
			}
		}
	}
	return out
}
