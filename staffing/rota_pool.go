package staffing

import (
	"fmt"
	"math"
	"strings"

	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// A rota for a pool: workforce.stages may name a pool (see sim.Pool), whose
// shift patterns then cover the combined load of the stages it serves. The
// pool is not one of the problem's varied stages: its requirement comes
// from poolNeed, and the wait and service-level targets of the stages it
// serves are checked per interval and raise the pool's requirement where
// they fail. A pool's failures carry Stage len(p.Vary)+e, e its index in
// the workforce stages.

// poolNeed is pool pi's staff on duty needed per interval of the day: the
// Erlang requirement of the pooled load of the stages it serves (see
// poolErlang), at least that load over the occupancy cap occ, less the
// least own staff those stages have then (a stage's own staff serve its
// load first), and never below the pool's reserves plus one while the
// pool is staffed, so that every stage it serves can be served. Taking
// the own staff away headcount for headcount ignores their speed, and
// for a stage the rota also staffs it takes the scenario's staff, not
// the rota's; the simulation corrects what that misjudges.
func poolNeed(m *sim.Model, pi int, targets []Target, occ float64) []int {
	req := poolErlang(m, pi, targets)
	g, loads := offeredLoad(m)
	pool := &m.Pools[pi]
	sched := &sim.Group{Staff: pool.Staff}
	floor := 1
	for _, ps := range pool.Serves {
		floor += ps.Reserve
	}
	out := make([]int, g.nInt)
	for k := range g.nInt {
		if !staffedAny(sched, m, k) {
			continue
		}
		n := req[k]
		for d := range m.Days {
			if !g.counted(d) {
				continue
			}
			work := 0.0
			for _, ps := range pool.Serves {
				work += loads[ps.Stage].work[d*g.nInt+k] / ps.Speed
			}
			n = max(n, int(math.Ceil(work/m.Interval/occ-1e-9)))
		}
		out[k] = max(floor, n-ownStaff(m, pool, k))
	}
	return out
}

// ownStaff is the least staff of their own that the stages pool serves
// have together in interval k of the day, over the weekdays the pool is
// staffed then.
func ownStaff(m *sim.Model, pool *sim.Pool, k int) int {
	t := (float64(k) + 0.5) * m.Interval
	least := math.MaxInt
	for wd := range 7 {
		if !staffedAt(&sim.Group{Staff: pool.Staff}, wd, t) {
			continue
		}
		n := 0.0
		for _, ps := range pool.Serves {
			for _, gr := range m.Stages[ps.Stage].Groups {
				for _, s := range gr.Staff[wd] {
					if s.From <= t && t < s.To {
						n += s.Value
					}
				}
			}
		}
		least = min(least, int(n))
	}
	if least == math.MaxInt {
		return 0
	}
	return least
}

// poolTargets is, per target, the workforce pool whose rota reaches it in
// every interval, or -1: a wait or service-level target of a stage that a
// workforce pool serves (the first, if several do) and that is not itself
// a varied stage.
func poolTargets(p *Problem, w *scenarios.Workforce) []int {
	out := make([]int, len(p.Targets))
	for ti, t := range p.Targets {
		out[ti] = -1
		if p.perInterval(t) >= 0 {
			continue
		}
		for e := range w.Stages {
			ws := &w.Stages[e]
			if ws.Pool < 0 || out[ti] >= 0 {
				continue
			}
			for _, ps := range p.Model.Pools[ws.Pool].Serves {
				name := p.Model.Stages[ps.Stage].Name
				if t.KPI == name+".service_level" || t.KPI == name+".wait.mean" {
					out[ti] = e
				}
			}
		}
	}
	return out
}

// failures are the per-interval failures and the failing whole-run
// targets at out: the problem's, with the targets a pool's rota reaches
// checked in every interval instead of over the whole run.
func (r *rotaRun) failures(out *sim.Results) (fails []Failure, whole []int) {
	fails, all := r.p.intervalFailures(out)
	for _, ti := range all {
		// A pool's target is checked in every interval, unless its KPI
		// is not known at all (see intervalFailures).
		if r.poolTarget[ti] < 0 || !known(out.KPI(r.p.Targets[ti].KPI)) {
			whole = append(whole, ti)
		}
	}
	for ti, e := range r.poolTarget {
		if e < 0 {
			continue
		}
		kpi := r.p.Targets[ti].KPI
		for _, ps := range r.p.Model.Pools[r.w.Stages[e].Pool].Serves {
			if name := r.p.Model.Stages[ps.Stage].Name; kpi == name+".service_level" || kpi == name+".wait.mean" {
				fails = append(fails, r.p.stageFailures(out, name, len(r.p.Vary)+e, ti)...)
			}
		}
	}
	return fails, whole
}

// entry is the workforce stage or pool whose requirement f raises.
func (r *rotaRun) entry(f Failure) int {
	if f.Stage < len(r.p.Vary) {
		return r.entries[f.Stage]
	}
	return f.Stage - len(r.p.Vary)
}

// isClosed reports whether no rota can reach f, noting why: for a varied
// stage as the search decides, for a pool when the pool has no staff in
// that interval in the scenario.
func (r *rotaRun) isClosed(f Failure) bool {
	if f.Stage < len(r.p.Vary) {
		return r.intervalSearch.isClosed(f)
	}
	if _, ok := r.closed[f.spot()]; ok {
		return true
	}
	m, ws := r.p.Model, &r.w.Stages[r.entry(f)]
	if staffedAny(&sim.Group{Staff: ws.Schedule(m)}, m, f.Interval) {
		return false
	}
	kpi := r.p.Targets[f.Target].KPI
	stage := strings.TrimSuffix(strings.TrimSuffix(kpi, ".service_level"), ".wait.mean")
	r.closed[f.spot()] = fmt.Sprintf("customers reach %s then, when pool %s has no staff, so no rota of the pool can serve them in time", stage, ws.Name)
	return true
}

// open is fails less those no rota can reach.
func (r *rotaRun) open(fails []Failure) []Failure {
	var out []Failure
	for _, f := range fails {
		if !r.isClosed(f) {
			out = append(out, f)
		}
	}
	return out
}

// busiestPool is the workforce pool and interval of the day where a pool
// is busiest at out, with its utilisation; e is -1 without pools.
func (r *rotaRun) busiestPool(out *sim.Results) (e, k int, u float64) {
	e, k, u = -1, -1, -1.0
	m := r.p.Model
	for i := range r.w.Stages {
		ws := &r.w.Stages[i]
		if ws.Pool < 0 {
			continue
		}
		sched := &sim.Group{Staff: ws.Schedule(m)}
		for _, row := range out.PoolIntervals {
			j := int(row.From / m.Interval)
			if row.Pool == ws.Name && staffedAny(sched, m, j) && row.Utilisation.Mean > u {
				e, k, u = i, j, row.Utilisation.Mean
			}
		}
	}
	return e, k, u
}
