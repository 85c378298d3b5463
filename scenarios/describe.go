package scenarios

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/svcsim/svcsim/figures"
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
// A stage's single group is called "staff" unless the file names it, so
// that name is not repeated ("staff staff").
func describeStage(st *sim.Stage, currency string) string {
	var groups []string
	for _, g := range st.Groups {
		name := g.Name
		if len(st.Groups) == 1 && name == "staff" {
			name = ""
		}
		groups = append(groups, staffDesc(name, &g.Staff, g.Cost, currency))
	}
	var staff string
	switch {
	case len(groups) == 0:
		staff = "no staff of its own"
	case len(groups) == 1 && st.Groups[0].Name == "staff":
		staff = "staff " + groups[0]
	case len(groups) == 1:
		staff = "staff group " + groups[0]
	default:
		staff = "staff groups " + strings.Join(groups, "; ")
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

// staffDesc is a staff schedule in words, after its name if any: the
// staff on duty on the weekdays with the same day, Monday first, and
// the cost: "(Monday–Friday: 08:00-12:00 3, 12:00-18:00 2; Saturday:
// 09:00-13:00 1), 24 EUR per hour", or "(nobody on duty)".
func staffDesc(name string, staff *[7][]sim.Segment, cost float64, currency string) string {
	desc := name
	if desc != "" {
		desc += " "
	}
	week := weekDesc(staff)
	if week == "" {
		return desc + "(nobody on duty)"
	}
	desc += "(" + week + ")"
	if cost > 0 {
		desc += strings.TrimSpace(fmt.Sprintf(", %g %s", cost, currency)) + " per hour"
	}
	return desc
}

// weekDesc is the staff on duty by weekday, the weekdays with the same
// day together, in order of their first day from Monday:
// "Monday–Friday: 08:00-12:00 3, 12:00-18:00 2; Saturday: 09:00-13:00 1".
// Stretches with nobody on duty are left out, and so are days without
// staff; it is "" for a schedule with nobody on duty at all.
func weekDesc(staff *[7][]sim.Segment) string {
	var days []uint8 // weekdays of each distinct day, in order
	var texts []string
	for i := range 7 {
		wd := (int(time.Monday) + i) % 7
		var parts []string
		for _, seg := range staff[wd] {
			if seg.Value > 0 {
				parts = append(parts, fmt.Sprintf("%s-%s %g", fmtClock(seg.From), fmtClock(seg.To), seg.Value))
			}
		}
		if len(parts) == 0 {
			continue
		}
		text := strings.Join(parts, ", ")
		if k := slices.Index(texts, text); k >= 0 {
			days[k] |= 1 << wd
			continue
		}
		days, texts = append(days, 1<<wd), append(texts, text)
	}
	var out []string
	for k, text := range texts {
		out = append(out, weekdaysText(days[k])+": "+text)
	}
	return strings.Join(out, "; ")
}

// weekdaysText names a set of weekdays (bit d is time.Weekday d) in
// words from Monday, runs of three or more as a range: "Monday–Friday",
// "Monday, Wednesday", "Monday–Wednesday, Saturday", "every day".
func weekdaysText(days uint8) string {
	if days&0x7f == 0x7f {
		return "every day"
	}
	return dayRuns(days, func(d int) string { return time.Weekday(d).String() }, "–", ", ")
}

func minutes(m float64) string {
	switch {
	case m == 0:
		return "none"
	case m >= sim.MinutesPerDay && math.Mod(m, sim.MinutesPerDay) == 0:
		return fmt.Sprintf("%gd", m/sim.MinutesPerDay)
	case m >= 60 && math.Mod(m, 60) == 0:
		return fmt.Sprintf("%gh", m/60)
	case m != math.Trunc(m):
		return figures.Compact(m) // 20s, not 0.3333333333333333m
	}
	return fmt.Sprintf("%gm", m)
}
