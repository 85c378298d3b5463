package sim

import (
	"fmt"
	"strings"
)

// poolWarnings is LoadWarnings for the stages pools serve, on weekly
// totals over the weekdays the run covers: the work each stage's own
// staff cannot take (its offered load beyond its own capacity, at the
// pool's speed there) is the pool's; when it meets or exceeds the pool's
// staff time and some of those stages have customers who never abandon,
// their queues grow without bound. The estimate is as rough as
// LoadWarnings' own. A pool sharing a stage with another pool is not
// checked: how the two split its work depends on the run.
func poolWarnings(m *Model) []string {
	nInt := int(MinutesPerDay / m.Interval)
	shared := map[int]int{} // stage -> pools serving it
	for _, p := range m.Pools {
		for _, ps := range p.Serves {
			shared[ps.Stage]++
		}
	}
	var warns []string
pools:
	for pi := range m.Pools {
		p := &m.Pools[pi]
		if w := reserveWarning(p); w != "" {
			warns = append(warns, w)
		}
		for _, ps := range p.Serves {
			if shared[ps.Stage] > 1 {
				continue pools
			}
		}
		var need, capy float64 // staff-intervals a week
		var patient []string
		for _, ps := range p.Serves {
			s := &m.Stages[ps.Stage]
			if s.Book != nil {
				continue
			}
			if s.Patience == nil {
				patient = append(patient, s.Name)
			}
			load, own := stageLoad(m, ps.Stage, nInt)
			for i := range min(m.Days, 7) {
				d := (int(m.StartDay) + i) % 7
				for k := range nInt {
					need += max(0, load[d][k]-own[d][k]) / ps.Speed
				}
			}
		}
		for i := range min(m.Days, 7) {
			d := (int(m.StartDay) + i) % 7
			for k := range nInt {
				capy += meanOver(p.Staff[d], float64(k)*m.Interval, float64(k+1)*m.Interval)
			}
		}
		if need > 0 && need >= capy && len(patient) > 0 {
			warns = append(warns, fmt.Sprintf(
				"pool %q: the work its stages leave to it (%.1f staff-hours a week) meets or exceeds its staffed capacity (%.1f), and customers at %s never abandon (no patience): their queue grows without bound",
				p.Name, need*m.Interval/60, capy*m.Interval/60, strings.Join(patient, ", ")))
		}
	}
	return warns
}

// reserveWarning warns when p's reserves add up to more than its largest
// headcount: a stage can then take at most the staff the other stages'
// reserves leave free, so some of the pool is idle even with every queue
// full (with 3 staff and reserves of 2 and 2, each stage takes at most one
// person and the third never works).
func reserveWarning(p *Pool) string {
	total := 0
	for _, ps := range p.Serves {
		total += ps.Reserve
	}
	c := p.MaxStaff()
	if len(p.Serves) < 2 || total <= c {
		return ""
	}
	busy := 0
	for _, ps := range p.Serves {
		busy += max(0, c-(total-ps.Reserve))
	}
	return fmt.Sprintf("pool %q: its reserves add up to %d, more than its %d staff, so at most %d of them can ever be busy at once; lower a reserve, or give the stages their own staff",
		p.Name, total, c, min(busy, c))
}
