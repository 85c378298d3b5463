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
