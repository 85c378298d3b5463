package scenarios

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/svcsim/svcsim/sim"
	yaml "go.yaml.in/yaml/v4"
)

var timestampLayouts = []string{"2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02T15:04"}

func parseTimestamp(s string) (time.Time, error) {
	for _, l := range timestampLayouts {
		if t, err := time.Parse(l, strings.TrimSpace(s)); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("not a timestamp (got %q); valid: YYYY-MM-DD HH:MM[:SS], or with a T for the space", s)
}

// trace reads "arrivals: FILE.csv", a trace of arrivals with columns time,
// channel (when there is more than one channel) and class (optional).
// Day 0 of the run is the date of the earliest arrival.
func (d *decoder) trace(n *yaml.Node, m *sim.Model, chanIdx map[string]int) []sim.Arrival {
	file, ok := d.scalar(n, "arrivals")
	if !ok {
		return nil
	}
	fail := func(err error) []sim.Arrival { d.errorf(n, "arrivals", "%v", err); return nil }
	t, err := d.data.readCSV(file)
	if err != nil {
		return fail(err)
	}
	header := t.header
	tc, err := col(file, header, "time", true)
	if err != nil {
		return fail(err)
	}
	cc, err := col(file, header, "channel", len(m.Channels) > 1)
	if err != nil {
		return fail(fmt.Errorf("%v; with several channels each arrival needs one", err))
	}
	kc, _ := col(file, header, "class", false)
	classIdx := map[string]int{}
	for i, c := range m.Classes {
		classIdx[c.Name] = i
	}
	type stamped struct {
		t   time.Time
		a   sim.Arrival
		row int
	}
	var all []stamped
	for i, row := range t.rows {
		ts, err := parseTimestamp(row[tc])
		if err != nil {
			return fail(t.errorf(i, tc, "%v", err))
		}
		a := sim.Arrival{Class: -1}
		if cc >= 0 {
			ci, found := chanIdx[strings.TrimSpace(row[cc])]
			if !found {
				return fail(t.errorf(i, cc, "no channel named %q in the scenario; valid: %s", row[cc], oneOf(names(m.Channels, func(c sim.Channel) string { return c.Name }))))
			}
			a.Channel = ci
		}
		if kc >= 0 && strings.TrimSpace(row[kc]) != "" {
			ki, found := classIdx[strings.TrimSpace(row[kc])]
			if !found {
				valid := "empty (the scenario has no classes)"
				if len(m.Classes) > 0 {
					valid = oneOf(names(m.Classes, func(c sim.Class) string { return c.Name })) + " or empty"
				}
				return fail(t.errorf(i, kc, "no class named %q in the scenario; valid: %s", row[kc], valid))
			}
			a.Class = ki
		}
		all = append(all, stamped{ts, a, t.lines[i]})
	}
	slices.SortStableFunc(all, func(a, b stamped) int { return a.t.Compare(b.t) })
	y, mo, dd := all[0].t.Date()
	day0 := time.Date(y, mo, dd, 0, 0, 0, 0, time.UTC)
	m.StartDay = day0.Weekday()
	out := make([]sim.Arrival, len(all))
	last := 0.0
	for i, s := range all {
		out[i] = s.a
		out[i].T = s.t.Sub(day0).Minutes()
		last = out[i].T
	}
	if days := int(last/sim.MinutesPerDay) + 1; days > m.Days {
		d.errorf(n, "arrivals", "the trace covers %d days from %s but the scenario simulates %d; set days: %d", days, day0.Format("2006-01-02"), m.Days, days)
	}
	return out
}

// names lists the names of xs, for errors.
func names[T any](xs []T, name func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = name(x)
	}
	return out
}
