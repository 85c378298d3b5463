package scenarios

import (
	"fmt"

	"github.com/svcsim/svcsim/sim"
	yaml "go.yaml.in/yaml/v4"
)

// The pools: section: staff shared by several stages (see sim.Pool and
// docs/scenarios.md).
//
//	pools:
//	  - name: desk
//	    staff: {mon-fri: {08:00-12:00: 3, 12:00-18:00: 2}}
//	    cost: 24
//	    rule: longest_waiting          # or priority (the order of serves:)
//	    serves:
//	      - stage: booking
//	        reserve: 1                 # keep one free for booking
//	      - stage: follow_up
//	        speed: 0.8
//	        first_time_fix: 0.95

var (
	poolFields  = []string{"name", "staff", "cost", "overtime_cost", "rule", "serves"}
	serveFields = []string{"stage", "speed", "first_time_fix", "reserve"}
)

// poolIndex lists the pools' names (from their nodes, before the stages
// and the roster are read) and notes the stages each serves, whose own
// staff then become optional.
func (d *decoder) poolIndex(n *yaml.Node) (items []*yaml.Node, idx map[string]int) {
	d.pooled = map[string]bool{}
	if n == nil {
		return nil, nil
	}
	items = d.list(n, "pools")
	idx = d.names(items, "pools")
	for _, p := range items {
		for _, sv := range d.quietList(valueOf(p, "serves")) {
			if sv.Kind == yaml.ScalarNode {
				d.pooled[sv.Value] = true
			} else if st := valueOf(sv, "stage"); st != nil && st.Kind == yaml.ScalarNode {
				d.pooled[st.Value] = true
			}
		}
	}
	return items, idx
}

// quietList is n's items if n is a list, nil otherwise (reported where n
// is read).
func (d *decoder) quietList(n *yaml.Node) []*yaml.Node {
	if n = deref(n); n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]*yaml.Node, len(n.Content))
	for i, c := range n.Content {
		out[i] = deref(c)
	}
	return out
}

// pools reads the pools: section into m, after the stages.
func (d *decoder) pools(items []*yaml.Node, m *sim.Model, stageIdx map[string]int) {
	stageNames := map[string]bool{}
	for _, s := range m.Stages {
		stageNames[s.Name] = true
	}
	for i, n := range items {
		path := fmt.Sprintf("pools[%d]", i)
		f := d.fields(n, path, poolFields...)
		if f == nil {
			continue
		}
		p := sim.Pool{Name: d.name(f["name"], n, path)}
		path = "pools." + p.Name
		if stageNames[p.Name] {
			d.errorf(f["name"], path+".name", "%q is the name of a stage; pools and stages need different names (they share the KPI names)", p.Name)
		}
		switch p.Name {
		case "journey", "cost", "revenue", "reputation", "demand", "satisfaction":
			d.errorf(f["name"], path+".name", "%q names a section of the results; choose another name", p.Name)
		}
		if f["cost"] != nil {
			p.Cost = d.hourlyCost(f["cost"], path+".cost")
		}
		if f["overtime_cost"] != nil {
			p.OvertimeCost = d.hourlyCost(f["overtime_cost"], path+".overtime_cost")
		}
		if f["rule"] != nil {
			p.Rule = sim.PoolRule(d.choice(f["rule"], path+".rule", sim.PoolRuleNames()))
		}
		p.Staff = d.poolStaff(n, f["staff"], path, p.Name, m)
		if f["serves"] == nil {
			d.errorf(n, path, "missing serves: the stages the pool's staff work at, e.g. serves: [booking, follow_up]")
		}
		serves := d.list(f["serves"], path+".serves")
		if f["serves"] != nil && serves != nil && len(serves) == 0 {
			d.errorf(f["serves"], path+".serves", "is empty: list at least one stage")
		}
		seen := map[int]bool{}
		most := p.MaxStaff()
		for j, sv := range serves {
			ps, ok := d.serve(sv, fmt.Sprintf("%s.serves[%d]", path, j), stageIdx, most)
			if !ok {
				continue
			}
			if seen[ps.Stage] {
				d.errorf(sv, fmt.Sprintf("%s.serves[%d]", path, j), "stage %s is listed twice", m.Stages[ps.Stage].Name)
				continue
			}
			seen[ps.Stage] = true
			if m.Stages[ps.Stage].Book != nil {
				d.errorf(sv, fmt.Sprintf("%s.serves[%d]", path, j), "stage %s has appointments, whose slots follow its own staff; a pool cannot serve it", m.Stages[ps.Stage].Name)
			}
			p.Serves = append(p.Serves, ps)
		}
		m.Pools = append(m.Pools, p)
	}
}

// poolStaff reads a pool's schedule (as a stage's staff:, or the roster's
// rows naming the pool) and checks it: within sim.MaxPoolStaff, and with
// no gap between two shifts of a day unless the gap is written out as 0.
func (d *decoder) poolStaff(n, staff *yaml.Node, path, name string, m *sim.Model) [7][]sim.Segment {
	if staff == nil {
		if e := d.roster[[2]string{name, "staff"}]; e != nil {
			e.used = true
			return e.staff
		}
		d.errorf(n, path, "missing staff: the number on duty, e.g. staff: 3 or staff: {mon-fri: {08:00-12:00: 3, 12:00-18:00: 2}}, or roster rows naming the pool")
		return [7][]sim.Segment{}
	}
	segs := d.schedule(staff, path+".staff", m.Open, headcount)
	for wd := range segs {
		day := segs[wd]
		for k, s := range day {
			if s.Value > sim.MaxPoolStaff {
				d.errorf(staff, path+".staff", "%s %s-%s: %g staff is more than any pool can have (at most %d)", dayNames[wd], fmtClock(s.From), fmtClock(s.To), s.Value, sim.MaxPoolStaff)
				return segs
			}
			if k > 0 && day[k-1].To < s.From {
				d.errorf(staff, path+".staff", "%s: a gap from %s to %s between two shifts; if the pool is off then, write %s-%s: 0",
					dayNames[wd], fmtClock(day[k-1].To), fmtClock(s.From), fmtClock(day[k-1].To), fmtClock(s.From))
				return segs
			}
		}
	}
	return segs
}

// serve reads one item of a pool's serves: a stage name, or a mapping
// with the stage and its speed, first-time-fix rate and reserve; most is
// the pool's largest headcount, which a reserve must stay below.
func (d *decoder) serve(n *yaml.Node, path string, stageIdx map[string]int, most int) (sim.PoolStage, bool) {
	ps := sim.PoolStage{Speed: 1}
	if n.Kind == yaml.ScalarNode {
		ps.Stage = d.ref(n, path, "stage", stageIdx)
		return ps, ps.Stage >= 0
	}
	f := d.fields(n, path, serveFields...)
	if f == nil {
		return ps, false
	}
	if f["stage"] == nil {
		d.errorf(n, path, "missing stage: the stage the pool serves")
		return ps, false
	}
	ps.Stage = d.ref(f["stage"], path+".stage", "stage", stageIdx)
	if f["speed"] != nil {
		ps.Speed = d.speed(f["speed"], path+".speed")
	}
	if f["first_time_fix"] != nil {
		ps.FixRate = d.numberIn(f["first_time_fix"], path+".first_time_fix", 0.001, 1)
	}
	if r := f["reserve"]; r != nil {
		ps.Reserve = d.integer(r, path+".reserve", 0, sim.MaxPoolStaff)
		if ps.Reserve > 0 && ps.Reserve >= most {
			d.errorf(r, path+".reserve", "keeps %d of the pool free, but the pool has at most %d on duty, so it could never serve its other stages; give a reserve below %d", ps.Reserve, most, most)
		}
	}
	return ps, ps.Stage >= 0
}

// poolStaffed reports whether a pool with anyone ever on duty serves
// stage si.
func poolStaffed(m *sim.Model, si int) bool {
	for _, p := range m.Pools {
		for _, ps := range p.Serves {
			if ps.Stage == si && p.MaxStaff() > 0 {
				return true
			}
		}
	}
	return false
}

// rosterNames is the stages' and the pools' names, which a roster row's
// stage column may give.
func rosterNames(stageIdx, poolIdx map[string]int) map[string]int {
	if len(poolIdx) == 0 {
		return stageIdx
	}
	out := make(map[string]int, len(stageIdx)+len(poolIdx))
	for k, v := range stageIdx {
		out[k] = v
	}
	for k := range poolIdx {
		if _, ok := out[k]; !ok {
			out[k] = -1 - len(out)
		}
	}
	return out
}
