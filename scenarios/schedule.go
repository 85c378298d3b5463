package scenarios

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/svcsim/svcsim/sim"
	yaml "go.yaml.in/yaml/v4"
)

// schedule reads a value that follows the time of day and the weekday:
// staff on duty or an arrival rate. Three forms are accepted:
//
//	staff: 3                              # all opening hours, every open day
//	staff: {08:00-12:00: 3, 12:00-18:00: 2}   # every open day
//	staff:
//	  mon-fri: {08:00-12:00: 3, 12:00-18:00: 2}
//	  sat: 2                              # all of Saturday's opening hours
//
// Later weekday keys replace earlier ones for the days they name, so
// "daily: 3" followed by "sat: 2" means 2 on Saturdays. Ranges of one day
// must not overlap; time not covered has value 0.
func (d *decoder) schedule(n *yaml.Node, path string, open [7]sim.Window, val func(string) (float64, error)) (out [7][]sim.Segment) {
	if n == nil {
		return out
	}
	openDays := func(v float64) {
		for wd, w := range open {
			if !w.Closed() {
				out[wd] = []sim.Segment{{From: w.From, To: w.To, Value: v}}
			}
		}
	}
	if n.Kind == yaml.ScalarNode {
		if v, ok := parseAny(d, n, path, val); ok {
			openDays(v)
		}
		return out
	}
	es := d.entries(n, path)
	if len(es) == 0 {
		if es != nil || n.Kind == yaml.MappingNode {
			d.errorf(n, path, "is empty")
		}
		return out
	}
	if _, err := parseRange(es[0].key.Value); err == nil {
		segs := d.segments(es, path, val)
		for wd, w := range open {
			if !w.Closed() {
				out[wd] = segs
			}
		}
		return out
	}
	for _, e := range es {
		days, err := parseDays(e.key.Value)
		if err != nil {
			if _, rerr := parseRange(e.key.Value); rerr == nil {
				d.errorf(e.key, path, "mixes weekday keys and time ranges; put the ranges under a weekday key such as mon-fri")
			} else {
				d.errorf(e.key, path, "%v", err)
			}
			continue
		}
		p := path + "." + e.key.Value
		var segs []sim.Segment
		switch e.val.Kind {
		case yaml.ScalarNode:
			v, ok := parseAny(d, e.val, p, val)
			if !ok {
				continue
			}
			for wd := range 7 {
				if days&(1<<wd) == 0 {
					continue
				}
				if w := open[wd]; !w.Closed() {
					out[wd] = []sim.Segment{{From: w.From, To: w.To, Value: v}}
				} else if v != 0 {
					d.errorf(e.val, p, "%s is closed, so a value for all its opening hours means nothing; give time ranges", dayNames[wd])
				} else {
					out[wd] = nil
				}
			}
			continue
		default:
			segs = d.segments(d.entries(e.val, p), p, val)
		}
		for wd := range 7 {
			if days&(1<<wd) != 0 {
				out[wd] = segs
			}
		}
	}
	return out
}

// segments reads "HH:MM-HH:MM: value" entries into sorted, non-overlapping
// segments.
func (d *decoder) segments(es []entry, path string, val func(string) (float64, error)) []sim.Segment {
	var segs []sim.Segment
	var keys []*yaml.Node
	for _, e := range es {
		w, err := parseRange(e.key.Value)
		if err != nil {
			d.errorf(e.key, path, "%v", err)
			continue
		}
		v, ok := parseAny(d, e.val, path+"."+e.key.Value, val)
		if !ok {
			continue
		}
		segs = append(segs, sim.Segment{From: w.From, To: w.To, Value: v})
		keys = append(keys, e.key)
	}
	idx := make([]int, len(segs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(segs[a].From, segs[b].From) })
	sorted := make([]sim.Segment, len(segs))
	for i, j := range idx {
		sorted[i] = segs[j]
		if i > 0 && sorted[i].From < sorted[i-1].To {
			d.errorf(keys[j], path, "%s overlaps %s", fmtRange(sorted[i]), fmtRange(sorted[i-1]))
		}
	}
	return sorted
}

func fmtRange(s sim.Segment) string { return fmtClock(s.From) + "-" + fmtClock(s.To) }

func fmtClock(m float64) string {
	return fmt.Sprintf("%02d:%02d", int(m)/60, int(m)%60)
}

// headcount parses a number of staff, 0 to sim.MaxPoolStaff (the bound
// of the CLI's --max-staff too): past it a run's staff-hours overflow
// and read 0 rather than failing here.
func headcount(s string) (float64, error) {
	v, err := wholeIn(s, 0, sim.MaxPoolStaff)
	if _, ok := errors.AsType[*RangeError](err); ok {
		return 0, err
	}
	if err != nil || strings.HasSuffix(s, "%") {
		return 0, fmt.Errorf("%q is not a number of staff; valid: a whole number from 0 to %d", s, sim.MaxPoolStaff)
	}
	return float64(v), nil
}

// openingHours reads the open: section.
//
//	open: 08:00-18:00            # every day
//	open:
//	  mon-fri: 08:00-18:00
//	  sat: 09:00-13:00
//	  sun: closed
func (d *decoder) openingHours(n *yaml.Node, path string) (open [7]sim.Window) {
	if n == nil {
		return open
	}
	window := func(v *yaml.Node, p string) (sim.Window, bool) {
		s, ok := d.scalar(v, p)
		if !ok {
			return sim.Window{}, false
		}
		if strings.EqualFold(s, "closed") {
			return sim.Window{}, true
		}
		w, err := parseRange(s)
		if err != nil {
			d.errorf(v, p, "%v (or closed)", err)
			return sim.Window{}, false
		}
		return w, true
	}
	if n.Kind == yaml.ScalarNode {
		if w, ok := window(n, path); ok {
			for i := range open {
				open[i] = w
			}
		}
		return open
	}
	for _, e := range d.entries(n, path) {
		days, err := parseDays(e.key.Value)
		if err != nil {
			d.errorf(e.key, path, "%v", err)
			continue
		}
		w, ok := window(e.val, path+"."+e.key.Value)
		if !ok {
			continue
		}
		for wd := range 7 {
			if days&(1<<wd) != 0 {
				open[wd] = w
			}
		}
	}
	return open
}
