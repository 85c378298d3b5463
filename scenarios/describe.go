package scenarios

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/svcsim/svcsim/sim"
)

// Describe states the scenario's assumptions in plain words, one line
// each, for reports: calendar, demand, staffing and costs per stage.
func (s *Scenario) Describe() []string {
	m := s.Model
	var out []string
	if s.Title != "" {
		out = append(out, s.Title)
	}
	out = append(out, describeCalendar(m)...)
	for ci := range m.Channels {
		out = append(out, describeChannel(m, &m.Channels[ci]))
	}
	for si := range m.Stages {
		out = append(out, describeStage(&m.Stages[si], s.Currency))
	}
	for pi := range m.Pools {
		out = append(out, describePool(m, &m.Pools[pi], s.Currency))
	}
	return out
}

// describeCalendar is the run's length, warm-up and intervals, and the
// opening hours from Monday.
func describeCalendar(m *sim.Model) []string {
	run := fmt.Sprintf("%d simulated day(s) from a %v, warm-up %s, reporting intervals of %s.", m.Days, m.StartDay, minutes(m.Warmup), minutes(m.Interval))
	var open []string
	for d := range 7 {
		wd := (int(time.Monday) + d) % 7
		if w := m.Open[wd]; !w.Closed() {
			open = append(open, fmt.Sprintf("%s %s-%s", dayNames[wd], fmtClock(w.From), fmtClock(w.To)))
		}
	}
	return []string{run, "Open " + strings.Join(open, ", ") + "."}
}

// describeChannel is a channel's mean arrivals per open day and its route.
func describeChannel(m *sim.Model, c *sim.Channel) string {
	var route []string
	for _, st := range c.Route {
		r := m.Stages[st.Stage].Name
		if st.ByAppointment {
			r += " (appointment)"
		}
		if st.Prob < 1 {
			r += fmt.Sprintf(" (%.0f%%)", st.Prob*100)
		}
		route = append(route, r)
	}
	return fmt.Sprintf("Channel %s: about %.0f customers per open day; route %s.", c.Name, perOpenDay(m, c), strings.Join(route, " → "))
}

// perOpenDay is the mean number of arrivals on c per open day, counting
// only the rates within the opening hours.
func perOpenDay(m *sim.Model, c *sim.Channel) float64 {
	perDay := 0.0
	days := 0
	for wd, segs := range c.Rates {
		if m.Open[wd].Closed() {
			continue
		}
		days++
		for _, sg := range segs {
			from, to := max(sg.From, m.Open[wd].From), min(sg.To, m.Open[wd].To)
			if to > from {
				perDay += sg.Value * (to - from)
			}
		}
	}
	if days > 0 {
		perDay /= float64(days)
	}
	return perDay
}

// describeStage is a stage's service, target, staff groups and patience.
func describeStage(st *sim.Stage, currency string) string {
	var groups []string
	for _, g := range st.Groups {
		groups = append(groups, staffDesc(g.Name, &g.Staff, g.Cost, currency))
	}
	staff := "staff " + strings.Join(groups, "; ")
	if len(groups) == 0 {
		staff = "no staff of its own"
	}
	line := fmt.Sprintf("Stage %s: service %v, target wait %s; %s.", st.Name, st.Service, minutes(st.Target), staff)
	if st.Patience != nil {
		line += fmt.Sprintf(" Patience %v.", st.Patience)
	}
	return line
}

// describePool is a pool's staff, the stages it serves and its rule.
func describePool(m *sim.Model, p *sim.Pool, currency string) string {
	var serves []string
	for _, ps := range p.Serves {
		sv := m.Stages[ps.Stage].Name
		if ps.Speed != 1 {
			sv += fmt.Sprintf(" at speed %g", ps.Speed)
		}
		if ps.Reserve > 0 {
			sv += fmt.Sprintf(" (%d kept free for it)", ps.Reserve)
		}
		serves = append(serves, sv)
	}
	rule := "in that order of priority"
	if p.Rule == sim.PoolLongestWaiting {
		rule = "longest waiting first"
	}
	return fmt.Sprintf("Pool %s: cross-trained staff %s, serving %s, %s.", p.Name, staffDesc("", &p.Staff, p.Cost, currency), strings.Join(serves, ", "), rule)
}

// staffDesc is a staff schedule in words: its Monday, and its cost.
func staffDesc(name string, staff *[7][]sim.Segment, cost float64, currency string) string {
	var parts []string
	for _, seg := range staff[int(time.Monday)] {
		parts = append(parts, fmt.Sprintf("%s-%s %g", fmtClock(seg.From), fmtClock(seg.To), seg.Value))
	}
	desc := strings.TrimSpace(fmt.Sprintf("%s (Monday: %s)", name, strings.Join(parts, ", ")))
	if len(parts) == 0 {
		desc = strings.TrimSpace(name + " (none on Monday)")
	}
	if cost > 0 {
		desc += fmt.Sprintf(", %g %s per hour", cost, currency)
	}
	return desc
}

func minutes(m float64) string {
	switch {
	case m == 0:
		return "none"
	case m >= sim.MinutesPerDay && math.Mod(m, sim.MinutesPerDay) == 0:
		return fmt.Sprintf("%gd", m/sim.MinutesPerDay)
	case m >= 60 && math.Mod(m, 60) == 0:
		return fmt.Sprintf("%gh", m/60)
	}
	return fmt.Sprintf("%gm", m)
}
