package sim

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// LoadWarnings compares, before a run, each stage's offered load with its
// staffed capacity and describes where customers who never abandon will
// pile up. A stage without patience whose offered load (arrivals per
// minute × mean service minutes, in erlangs) meets or exceeds its capacity
// (staff × speed) in an interval has a queue that grows for as long as the
// overload lasts; if that holds over a whole week, the queue grows without
// bound. Stages reached after a delay are checked on weekly totals only,
// since the delay moves their demand in time.
//
// The estimate is deliberately simple: customers lost at earlier stages are
// not subtracted, and rework adds 1/(1-p) visits to the stages it repeats.
// Stages with an appointment book are not checked; stages a pool serves
// are checked with the pool (poolWarnings). The run goes ahead either
// way; these are warnings.
func LoadWarnings(m *Model) []string {
	if m.Validate() != nil {
		return nil
	}
	nInt := int(MinutesPerDay / m.Interval)
	var warns []string
	for si := range m.Stages {
		s := &m.Stages[si]
		if s.Patience != nil || s.Book != nil || m.Pooled(si) {
			// A stage a pool serves shares its capacity with the pool's
			// other stages: not checked.
			// An appointment book never books beyond its slots: the
			// overload shows as lead times and lost bookings instead.
			continue
		}
		load, capy := stageLoad(m, si, nInt)
		var week [2]float64 // offered work, capacity: over the weekdays the run covers
		for i := range min(m.Days, 7) {
			d := (int(m.StartDay) + i) % 7
			for k := range nInt {
				week[0] += load[d][k]
				week[1] += capy[d][k]
			}
		}
		if week[0] > 0 && week[0] >= week[1] {
			warns = append(warns, fmt.Sprintf(
				"stage %q: offered work (%.1f staff-hours a week) meets or exceeds staffed capacity (%.1f) and customers never abandon (no patience): the queue grows without bound",
				s.Name, week[0]*m.Interval/60, week[1]*m.Interval/60))
			continue
		}
		if s.Delay != nil {
			continue
		}
		warns = append(warns, overloadWarnings(m, s, &load, &capy, nInt)...)
	}
	return append(warns, poolWarnings(m)...)
}

// stageLoad returns the offered load at stage si (erlangs: arrivals per
// minute × visits × mean service minutes) and its staffed capacity (staff
// × speed), by weekday and reporting interval.
func stageLoad(m *Model, si, nInt int) (load, capy [7][]float64) {
	s := &m.Stages[si]
	for d := range 7 {
		load[d] = make([]float64, nInt)
		capy[d] = make([]float64, nInt)
		for k := range nInt {
			from, to := float64(k)*m.Interval, float64(k+1)*m.Interval
			for ci := range m.Channels {
				v := visits(m, ci, si)
				if v == 0 {
					continue
				}
				rate := meanOver(clip(m.Channels[ci].Rates[d], m.Open[d]), from, to)
				svc := s.Service
				if s.ServiceByChannel != nil && s.ServiceByChannel[ci] != nil {
					svc = s.ServiceByChannel[ci]
				}
				load[d][k] += rate * v * svc.Mean()
			}
			for _, g := range s.Groups {
				capy[d][k] += meanOver(g.Staff[d], from, to) * g.Speed
			}
		}
	}
	return load, capy
}

// overloadWarnings describes the intervals in which the load at stage s
// meets or exceeds its capacity, grouping the weekdays that have the same
// overloaded ranges.
func overloadWarnings(m *Model, s *Stage, load, capy *[7][]float64, nInt int) []string {
	byRanges := map[string][]string{}
	var order []string
	for i := range min(m.Days, 7) {
		d := (int(m.StartDay) + i) % 7
		ranges := overloadRanges(m, load[d], capy[d], nInt)
		if len(ranges) == 0 {
			continue
		}
		key := strings.Join(ranges, ", ")
		if _, ok := byRanges[key]; !ok {
			order = append(order, key)
		}
		byRanges[key] = append(byRanges[key], time.Weekday(d).String()[:3])
	}
	var warns []string
	for _, key := range order {
		warns = append(warns, fmt.Sprintf(
			"stage %q: offered load meets or exceeds staffed capacity on %s %s and customers never abandon (no patience): the queue grows throughout",
			s.Name, strings.Join(byRanges[key], ","), key))
	}
	return warns
}

// overloadRanges describes the runs of intervals of one day in which load
// meets or exceeds capy, with the largest excess of each.
func overloadRanges(m *Model, load, capy []float64, nInt int) []string {
	var ranges []string
	for k := 0; k < nInt; k++ {
		if load[k] == 0 || load[k] < capy[k] {
			continue
		}
		j := k
		peak := 0.0
		for ; j < nInt && load[j] > 0 && load[j] >= capy[j]; j++ {
			peak = max(peak, load[j]-capy[j])
		}
		ranges = append(ranges, fmt.Sprintf("%s-%s (load exceeds capacity by up to %.1f staff)",
			clock(float64(k)*m.Interval), clock(float64(j)*m.Interval), peak))
		k = j
	}
	return ranges
}

// visits returns the expected number of visits a customer of channel ci
// pays to stage si: the route probabilities of the steps naming si, times
// 1/(1-p) for rework that repeats it.
func visits(m *Model, ci, si int) float64 {
	route := m.Channels[ci].Route
	v := 0.0
	for p, st := range route {
		if st.Stage != si {
			continue
		}
		f := st.Prob
		// Rework at step q sends customers back to the latest visit of its
		// target at or before q (or repeats q): visit p is repeated when
		// that point is at or before p.
		for q := p; q < len(route); q++ {
			rw := m.Stages[route[q].Stage].Rework
			if rw.Prob == 0 {
				continue
			}
			b := q
			for i := q; i >= 0; i-- {
				if route[i].Stage == rw.To {
					b = i
					break
				}
			}
			if b <= p {
				f /= 1 - rw.Prob
			}
		}
		v += f
	}
	return v
}

// meanOver is the average of the piecewise-constant segs over [from, to).
func meanOver(segs []Segment, from, to float64) float64 {
	sum := 0.0
	for _, s := range segs {
		f, t := max(s.From, from), min(s.To, to)
		if t > f {
			sum += (t - f) * s.Value
		}
	}
	return sum / (to - from)
}

// clock formats minutes since midnight as HH:MM.
func clock(min float64) string {
	m := int(math.Round(min))
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}
