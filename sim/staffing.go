package sim

import (
	"cmp"
	"slices"
)

type groupState struct {
	speed float64
	sched int // headcount on the schedule now
	floor int // staff held back at closing to empty the queue
	busy  int
	// cap is max(sched, floor), the staff who may serve now, kept by
	// setSched and setFloor: it is read on every service start and end.
	cap int
	// staffT is the time up to which the group's staff integrals are
	// kept (see addStaff).
	staffT float64
	segs   *[7][]Segment
}

func (g *groupState) capacity() int { return g.cap }

func (g *groupState) setSched(n int) { g.sched, g.cap = n, max(n, g.floor) }
func (g *groupState) setFloor(n int) { g.floor, g.cap = n, max(g.sched, n) }

func (g *groupState) present() int { return max(g.busy, g.sched, g.floor) }

// capacity is the number of staff who may serve now.
func (s *stageState) capacity() int {
	n := 0
	for i := range s.groups {
		n += s.groups[i].capacity()
	}
	return n
}

// staffChange applies stage si's group gi schedule at the current time and
// schedules the next change.
func (e *engine) staffChange(si, gi int) {
	s := &e.stages[si]
	e.addStaff(s, gi)
	g := &s.groups[gi]
	g.setSched(e.scheduleNow(g.segs, int32(si), uint32(gi)))
	e.dispatch(s)
}

// scheduleNow returns the headcount of the weekly schedule segs now and
// schedules its next change as an evStaff event (a, x).
func (e *engine) scheduleNow(segs *[7][]Segment, a int32, x uint32) int {
	day := int(e.now / MinutesPerDay)
	tod := e.now - float64(day)*MinutesPerDay
	today := segs[e.weekday(day)]
	next := MinutesPerDay - tod
	for _, sg := range today {
		if sg.From > tod {
			next = sg.From - tod
			break
		}
		if sg.To > tod {
			next = sg.To - tod
			break
		}
	}
	if t := e.now + next; t < e.end {
		e.fel.push(t, evStaff, a, x)
	}
	return int(valueAt(today, tod))
}

// initGroups sets up stage s's staff groups and their order of preference
// (see AssignRule).
func (s *stageState) initGroups() {
	for gi := range s.cfg.Groups {
		g := &s.cfg.Groups[gi]
		s.groups = append(s.groups, groupState{speed: g.Speed, segs: &g.Staff})
		s.order = append(s.order, gi)
	}
	fix := func(g int) float64 { return 1 - s.cfg.reworkProb(g) }
	slices.SortStableFunc(s.order, func(a, b int) int {
		if s.cfg.Assign == AssignMostSkilled {
			if c := cmp.Compare(fix(b), fix(a)); c != 0 {
				return c
			}
		}
		return cmp.Compare(s.groups[b].speed, s.groups[a].speed)
	})
	if s.cfg.Assign == AssignByClass {
		for _, pref := range s.cfg.ClassGroups {
			o := append([]int(nil), pref...)
			for _, g := range s.order {
				if !slices.Contains(o, g) {
					o = append(o, g)
				}
			}
			s.classOrder = append(s.classOrder, o)
		}
	}
}
