package staffing

import (
	"github.com/svcsim/svcsim/sim"
)

// The offered load of each stage, worked out from the scenario itself (not
// from simulated arrivals, which carry sampling noise): the queueing-theory
// requirement 'svcsim staff' starts from and shows beside its answer.
//
// Load lives on a grid of the simulated days × the time-of-day intervals,
// each cell holding the expected number of customers reaching a stage in
// it. A channel's cell is the exact integral of its rate over the interval,
// restricted to the opening hours (arrivals happen only while open), or
// the count of its trace arrivals there. Walking the route, a step visited
// with probability p takes p of the customers reaching it; the rest pass
// straight on. The approximations, all retry-free:
//   - Customers are never lost before a stage (no abandonment, balking or
//     sending away upstream), so the load is what the stage is offered if
//     every earlier stage keeps up: an upper bound.
//   - Call-backs (retries) are left out: they depend on the staffing.
//   - Service upstream and a stage's delay shift the load later by their
//     means: exact for a fixed delay (a follow-up due 1d later); for a
//     random one the load is not spread out as the delay's spread would
//     spread it. Waits upstream are ignored.
//     A shift of a fraction of an interval splits a cell's load between
//     two cells, exact when the rates are constant within intervals.
//   - Appointments spread their visits over the stage's staffed time in
//     proportion to its headcount (a slot's capacity is the staff on
//     duty), ignoring lead times and no-shows.
//   - Rework at a stage multiplies its visits by 1/(1-p); rework sent to
//     another stage adds there, without repeating the stages between.
//   - The demand effect of reputation is left out.

// stageLoad is the offered load of one stage on the day × interval grid.
type stageLoad struct {
	visits []float64 // expected customers reaching the stage in the cell
	work   []float64 // their expected service time at speed 1 (minutes)
}

// loadGrid is the geometry of the grid: cell d*nInt+k is interval k of
// simulated day d.
type loadGrid struct {
	m    *sim.Model
	nInt int
}

func (g loadGrid) cells() int { return g.m.Days * g.nInt }

func (g loadGrid) weekday(d int) int { return (int(g.m.StartDay) + d) % 7 }

// counted reports whether day d is after the warm-up, so that it enters
// the statistics the targets are checked on.
func (g loadGrid) counted(d int) bool { return float64(d+1)*sim.MinutesPerDay > g.m.Warmup }

// shift moves the load in v later by dt minutes; load shifted past the
// last simulated day is dropped, as the simulation drops it.
func (g loadGrid) shift(v []float64, dt float64) []float64 {
	if !(dt > 0) {
		return v
	}
	q := int(dt / g.m.Interval)
	r := dt/g.m.Interval - float64(q)
	out := make([]float64, len(v))
	for i, x := range v {
		if x == 0 {
			continue
		}
		if j := i + q; j < len(out) {
			out[j] += x * (1 - r)
		}
		if j := i + q + 1; j < len(out) && r > 0 {
			out[j] += x * r
		}
	}
	return out
}

// staffedCapacity is the stage's staff on duty per cell (staff-minutes).
func (g loadGrid) staffedCapacity(s *sim.Stage) []float64 {
	out := make([]float64, g.cells())
	for d := range g.m.Days {
		wd := g.weekday(d)
		for k := range g.nInt {
			from, to := float64(k)*g.m.Interval, float64(k+1)*g.m.Interval
			for _, gr := range s.Groups {
				out[d*g.nInt+k] += integrate(gr.Staff[wd], from, to, sim.Window{From: 0, To: sim.MinutesPerDay})
			}
		}
	}
	return out
}

// integrate is the integral of the piecewise-constant segs over [from, to)
// within the window w.
func integrate(segs []sim.Segment, from, to float64, w sim.Window) float64 {
	if w.Closed() {
		return 0
	}
	from, to = max(from, w.From), min(to, w.To)
	sum := 0.0
	for _, s := range segs {
		if a, b := max(s.From, from), min(s.To, to); b > a {
			sum += s.Value * (b - a)
		}
	}
	return sum
}

// channelArrivals is the expected number of channel ci's arrivals per
// cell.
func (g loadGrid) channelArrivals(ci int) []float64 {
	out := make([]float64, g.cells())
	if len(g.m.Trace) > 0 {
		for _, a := range g.m.Trace {
			if a.Channel == ci {
				if i := int(a.T / g.m.Interval); i >= 0 && i < len(out) {
					out[i]++
				}
			}
		}
		return out
	}
	c := &g.m.Channels[ci]
	for d := range g.m.Days {
		wd := g.weekday(d)
		for k := range g.nInt {
			out[d*g.nInt+k] = integrate(c.Rates[wd], float64(k)*g.m.Interval, float64(k+1)*g.m.Interval, g.m.Open[wd])
		}
	}
	return out
}

// meanService is the mean service time (speed 1) at stage s for a
// customer of channel ci, over the class shares.
func meanService(m *sim.Model, s *sim.Stage, ci int) float64 {
	classes := m.Classes
	if len(classes) == 0 {
		classes = []sim.Class{{Share: 1}}
	}
	sum := 0.0
	for k, cl := range classes {
		d := s.Service
		if k < len(s.ServiceByClass) && s.ServiceByClass[k] != nil {
			d = s.ServiceByClass[k]
		}
		if ci < len(s.ServiceByChannel) && s.ServiceByChannel[ci] != nil {
			d = s.ServiceByChannel[ci]
		}
		sum += cl.Share * d.Mean()
	}
	return sum
}

// reworkShare is the mean share of customers served at s who come back,
// over its groups.
func reworkShare(s *sim.Stage) float64 {
	sum := 0.0
	for _, g := range s.Groups {
		if g.FixRate > 0 {
			sum += 1 - g.FixRate
		} else {
			sum += s.Rework.Prob
		}
	}
	return sum / float64(len(s.Groups))
}

func distMean(d sim.Dist) float64 {
	if d == nil {
		return 0
	}
	return d.Mean()
}

// offeredLoad is the offered load of every stage of m (see above).
func offeredLoad(m *sim.Model) (loadGrid, []stageLoad) {
	g := loadGrid{m: m, nInt: int(sim.MinutesPerDay / m.Interval)}
	loads := make([]stageLoad, len(m.Stages))
	for i := range loads {
		loads[i] = stageLoad{visits: make([]float64, g.cells()), work: make([]float64, g.cells())}
	}
	add := func(si int, v []float64, service float64) {
		for i, x := range v {
			loads[si].visits[i] += x
			loads[si].work[i] += x * service
		}
	}
	for ci := range m.Channels {
		c := &m.Channels[ci]
		reach := g.channelArrivals(ci)
		for _, st := range c.Route {
			s := &m.Stages[st.Stage]
			p := min(max(st.Prob, 0), 1)
			visit := make([]float64, len(reach))
			skip := make([]float64, len(reach))
			for i, x := range reach {
				visit[i], skip[i] = x*p, x*(1-p)
			}
			if st.ByAppointment {
				visit = spread(visit, g.staffedCapacity(s))
			}
			visit = g.shift(visit, distMean(s.Delay))
			service := meanService(m, s, ci)
			if r := reworkShare(s); r > 0 {
				if s.Rework.To == st.Stage || s.Rework.To < 0 || s.Rework.To >= len(m.Stages) {
					for i := range visit {
						visit[i] /= 1 - r
					}
				} else {
					back := make([]float64, len(visit))
					for i, x := range visit {
						back[i] = x * r / (1 - r)
					}
					to := &m.Stages[s.Rework.To]
					add(s.Rework.To, g.shift(back, service+distMean(s.Rework.Delay)+distMean(to.Delay)), meanService(m, to, ci))
				}
			}
			add(st.Stage, visit, service)
			// Those served go on after their service; those who skipped
			// at once.
			done := g.shift(visit, service/stageSpeed(m, st.Stage))
			for i := range reach {
				reach[i] = skip[i] + done[i]
			}
		}
	}
	return g, loads
}

// spread redistributes the total of v over the cells in proportion to
// capacity.
func spread(v, capacity []float64) []float64 {
	total, capSum := 0.0, 0.0
	for i := range v {
		total += v[i]
		capSum += capacity[i]
	}
	out := make([]float64, len(v))
	if capSum == 0 {
		return out
	}
	for i := range out {
		out[i] = total * capacity[i] / capSum
	}
	return out
}
