package staffing

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/svcsim/svcsim/rota"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// dayGroup is a set of weekdays on which a stage (or pool) has the same
// staffed hours and the same patterns, so one rota serves them all.
type dayGroup struct {
	days     uint8
	from, to float64 // the horizon (see scenarios.WorkforceStage.Horizon)
	patterns []int   // indexes into the stage's patterns
	wd       int     // one of the days, for the staffed hours
}

// dayGroups groups the weekdays the stage or pool is staffed on, Monday
// first.
func dayGroups(m *sim.Model, ws *scenarios.WorkforceStage) []dayGroup {
	staff := ws.Schedule(m)
	var out []dayGroup
	keys := map[string]int{}
	for i := range 7 {
		wd := (i + 1) % 7
		var segs []sim.Segment
		for _, s := range staff[wd] {
			if s.Value > 0 {
				segs = append(segs, sim.Segment{From: s.From, To: s.To})
			}
		}
		if len(segs) == 0 {
			continue
		}
		var pats []int
		for k, d := range ws.Days {
			if d&(1<<wd) != 0 {
				pats = append(pats, k)
			}
		}
		key := fmt.Sprint(segs, pats)
		if g, ok := keys[key]; ok {
			out[g].days |= 1 << wd
			continue
		}
		keys[key] = len(out)
		from, to, _ := ws.Horizon(m, wd)
		out = append(out, dayGroup{days: 1 << wd, from: from, to: to, patterns: pats, wd: wd})
	}
	return out
}

// solveNew solves the current requirement; when the rota is one already
// simulated (the raise fell within an existing surplus) it raises again
// from the same failures until the rota changes.
func (r *rotaRun) solveNew(seen map[string]bool) (*RotaResult, error) {
	for try := 0; ; try++ {
		res, err := r.solve()
		if err != nil {
			return nil, err
		}
		if !seen[res.key] || r.failed == nil || try >= 100 || !r.raiseFor(r.failed) {
			seen[res.key] = true
			return res, nil
		}
	}
}

// solve solves the rota of every stage (and pool) and weekday group for
// the current requirement and staffs the model with it.
func (r *rotaRun) solve() (*RotaResult, error) {
	m := r.p.Model
	res := &RotaResult{Optimal: true}
	for _, name := range r.p.unconstrained() {
		res.Messages = append(res.Messages, fmt.Sprintf("no target constrains stage %s, so its rota only keeps up with its work, whatever its customers wait; give a target on it (e.g. '%s.service_level >= 80%%'), or leave it out of workforce.stages to keep its staff", name, name))
	}
	c := *m
	c.Stages = slices.Clone(m.Stages)
	c.Pools = slices.Clone(m.Pools)
	var keys, solvers []string
	for i := range r.w.Stages {
		ws := &r.w.Stages[i]
		st := RotaStage{Name: ws.Name}
		var rows []scenarios.RosterRow
		for _, g := range r.days[i] {
			day, err := r.solveDay(i, g)
			if err != nil {
				return nil, err
			}
			n := float64(weekdayCount(g.days))
			res.Cost += day.Plan.Cost * n
			res.LPBound += day.Plan.LPBound * n
			res.Optimal = res.Optimal && day.Plan.Optimal
			solvers = appendNew(solvers, day.Plan.Solver)
			res.Messages = appendNew(res.Messages, day.Plan.Messages...)
			rows = append(rows, shiftRows(ws, g, day.Plan)...)
			st.Days = append(st.Days, day)
		}
		res.Stages = append(res.Stages, st)
		staff := scenarios.RosterSchedule(rows, r.w.Shrinkage)
		if ws.Pool >= 0 {
			c.Pools[ws.Pool].Staff = staff
		} else {
			staffStage(&c, ws.Stage, staff)
		}
		keys = append(keys, fmt.Sprint(staff))
	}
	if res.LPBound > 0 {
		res.Gap = (res.Cost - res.LPBound) / res.LPBound
	}
	res.Solver = strings.Join(solvers, ", ")
	res.Model, res.key = &c, strings.Join(keys, "|")
	return res, nil
}

// solveDay solves workforce stage i's rota on weekday group g.
func (r *rotaRun) solveDay(i int, g dayGroup) (RotaDay, error) {
	m, ws := r.p.Model, &r.w.Stages[i]
	orig := &sim.Group{Staff: ws.Schedule(m)}
	first := int(math.Round(g.from / m.Interval))
	n := int(math.Round((g.to - g.from) / m.Interval))
	day := RotaDay{Weekdays: g.days, From: g.from, Interval: m.Interval, Need: make([]int, n), Required: make([]int, n)}
	for j := range n {
		if staffedAt(orig, g.wd, g.from+(float64(j)+0.5)*m.Interval) {
			day.Need[j] = r.need[i][first+j]
			day.Required[j] = int(math.Ceil(float64(day.Need[j])/(1-r.w.Shrinkage) - 1e-9))
		}
	}
	p := &rota.Problem{Stage: ws.Name, Pool: ws.Pool >= 0, From: g.from, Interval: m.Interval, Requirement: day.Required,
		MaxHeadcount: ws.MaxHeadcount, PartTimeBelow: ws.PartTimeBelow, MaxPartTimeShare: ws.MaxPartTimeShare}
	for _, k := range g.patterns {
		p.Patterns = append(p.Patterns, ws.Patterns[k])
	}
	plan, err := rota.Solve(r.ctx, p, rota.Options{Solver: r.o.Solver, TimeLimit: r.o.TimeLimit, CBCPath: r.o.CBCPath, RatioGap: r.o.RatioGap})
	if err != nil {
		if r.ctx.Err() != nil {
			return day, ErrInterrupted
		}
		return day, fmt.Errorf("%w (on %s)", err, scenarios.DaysText(g.days))
	}
	day.Plan, day.Patterns = plan, g.patterns
	return day, nil
}

// shiftRows are the roster rows of a plan: each shift split at its
// breaks, worked on the group's weekdays.
func shiftRows(ws *scenarios.WorkforceStage, g dayGroup, plan *rota.Plan) []scenarios.RosterRow {
	var rows []scenarios.RosterRow
	for _, sh := range plan.Shifts {
		pt := ws.Patterns[g.patterns[sh.Pattern]]
		at := sh.Start
		bi := 0
		for _, b := range pt.Breaks {
			if sh.Length < b.MinShift {
				continue
			}
			start := sh.Breaks[bi]
			bi++
			if start > at {
				rows = append(rows, scenarios.RosterRow{Stage: ws.Name, Start: at, End: start, Days: g.days, Count: sh.Count})
			}
			at = start + b.Length
		}
		if end := sh.Start + sh.Length; end > at {
			rows = append(rows, scenarios.RosterRow{Stage: ws.Name, Start: at, End: end, Days: g.days, Count: sh.Count})
		}
	}
	return rows
}

// staffStage gives stage si of c (a shallow copy of a model) the staff
// schedule staff.
func staffStage(c *sim.Model, si int, staff [7][]sim.Segment) {
	s := c.Stages[si]
	s.Groups = slices.Clone(s.Groups)
	s.Groups[0].Staff = staff
	c.Stages[si] = s
}

// Roster is the rota as roster rows, merged as a roster file holds them.
func (res *RotaResult) Roster(w *scenarios.Workforce) []scenarios.RosterRow {
	var rows []scenarios.RosterRow
	for i, st := range res.Stages {
		ws := &w.Stages[i]
		for _, day := range st.Days {
			g := dayGroup{days: day.Weekdays, patterns: day.Patterns}
			rows = append(rows, shiftRows(ws, g, day.Plan)...)
		}
	}
	return scenarios.MergeRoster(rows)
}

// appendNew appends the strings of add not yet in to.
func appendNew(to []string, add ...string) []string {
	for _, s := range add {
		if !slices.Contains(to, s) {
			to = append(to, s)
		}
	}
	return to
}

// occupancyFloor is the least staff of each varied stage per interval of
// the day that keeps occupancy at or below occ: the offered load in
// Erlangs over occ, rounded up, the most any counted, staffed day needs.
func occupancyFloor(m *sim.Model, vary []int, occ float64) [][]int {
	g, loads := offeredLoad(m)
	out := make([][]int, len(vary))
	for i, si := range vary {
		s := &m.Stages[si]
		capacity := g.staffedCapacity(s)
		out[i] = make([]int, g.nInt)
		for d := range m.Days {
			if !g.counted(d) {
				continue
			}
			for k := range g.nInt {
				cell := d*g.nInt + k
				if capacity[cell] == 0 {
					continue
				}
				erl := loads[si].work[cell] / s.Groups[0].Speed / m.Interval
				out[i][k] = max(out[i][k], int(math.Ceil(erl/occ-1e-9)))
			}
		}
	}
	return out
}
