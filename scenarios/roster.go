package scenarios

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/svcsim/svcsim/sim"
	yaml "go.yaml.in/yaml/v4"
)

// rosterEntry is one stage's staff group built from roster rows.
type rosterEntry struct {
	staff [7][]sim.Segment
	row   int // first row naming it
	used  bool
}

// readRoster reads "roster: FILE.csv", shifts with columns stage, group
// (optional; "staff" when absent), start, end (HH:MM, not crossing
// midnight), weekdays and count. Shifts of one group add up where they
// overlap (staggered shifts); a row repeated exactly is an error, since
// it is almost always a copy-paste slip (write count 2 instead).
func (d *decoder) readRoster(n *yaml.Node, stageIdx map[string]int) {
	file, ok := d.scalar(n, "roster")
	if !ok {
		return
	}
	fail := func(err error) { d.errorf(n, "roster", "%v", err) }
	t, err := d.data.readCSV(file)
	if err != nil {
		fail(err)
		return
	}
	header := t.header
	var cols rosterColumns
	for i, name := range []string{"stage", "start", "end", "weekdays", "count"} {
		if cols.fields[i], err = col(file, header, name, true); err != nil {
			fail(err)
			return
		}
	}
	cols.group, _ = col(file, header, "group", false)
	shifts := map[[2]string][]rosterShift{}
	seen := map[string]int{}
	d.roster = map[[2]string]*rosterEntry{}
	for i := range t.rows {
		r := t.lines[i]
		key, sh, err := rosterRow(t, i, cols, stageIdx)
		if err != nil {
			fail(err)
			return
		}
		id := strings.Join([]string{key[0], key[1], fmtClock(sh.from), fmtClock(sh.to), fmt.Sprint(sh.days)}, "|")
		if prev, dup := seen[id]; dup {
			fail(t.errorf(i, -1, "repeats row %d (same stage, group, times and weekdays); give one row with the total count", prev))
			return
		}
		seen[id] = r
		if d.roster[key] == nil {
			d.roster[key] = &rosterEntry{row: r}
		}
		shifts[key] = append(shifts[key], sh)
	}
	for key, ss := range shifts {
		d.roster[key].staff = OnDuty(addShifts(ss), d.shrinkage)
	}
}

// rosterColumns are the columns of a roster file: stage, start, end,
// weekdays and count, and group (-1 when absent).
type rosterColumns struct {
	fields [5]int
	group  int
}

// rosterShift is one roster row: count staff from from to to on days (a
// bit set of weekdays).
type rosterShift struct {
	days     uint8
	from, to float64
	count    float64
}

// rosterRow reads row i of a roster file: the (stage, group) it staffs
// and its shift.
func rosterRow(t *table, i int, cols rosterColumns, stageIdx map[string]int) (key [2]string, sh rosterShift, err error) {
	stage := t.cell(i, cols.fields[0])
	if _, ok := stageIdx[stage]; !ok {
		return key, sh, t.errorf(i, cols.fields[0], "no stage named %q in the scenario; valid: %s", stage, oneOf(slices.Sorted(maps.Keys(stageIdx))))
	}
	group := "staff"
	if gc := cols.group; gc >= 0 && t.cell(i, gc) != "" {
		group = t.cell(i, gc)
	}
	w, err := parseRange(t.cell(i, cols.fields[1]) + "-" + t.cell(i, cols.fields[2]))
	if err != nil {
		e := t.errorf(i, cols.fields[1], "%v (split a night shift at midnight)", err)
		e.Column = "start/end"
		return key, sh, e
	}
	days, err := parseDays(t.rows[i][cols.fields[3]])
	if err != nil {
		return key, sh, t.errorf(i, cols.fields[3], "%v", err)
	}
	cell := t.cell(i, cols.fields[4])
	c, err := headcount(cell)
	if re, ok := errors.AsType[*RangeError](err); ok {
		return key, sh, t.errorf(i, cols.fields[4], "out of range (got %s); valid: 1\u2013%s", re.Got, re.Hi)
	}
	if err != nil || c == 0 {
		return key, sh, t.errorf(i, cols.fields[4], "not a number of staff (got %q); valid: a whole number from 1 to %d", cell, sim.MaxPoolStaff)
	}
	return [2]string{stage, group}, rosterShift{days, w.From, w.To, c}, nil
}

// addShifts is the staff schedule of one group's shifts by weekday: the
// shifts add up where they overlap.
func addShifts(ss []rosterShift) (staff [7][]sim.Segment) {
	for wd := range 7 {
		// Add up the shifts on this weekday between their breakpoints.
		var cuts []float64
		for _, s := range ss {
			if s.days&(1<<wd) != 0 {
				cuts = append(cuts, s.from, s.to)
			}
		}
		slices.Sort(cuts)
		cuts = slices.Compact(cuts)
		for i := 0; i+1 < len(cuts); i++ {
			v := 0.0
			for _, s := range ss {
				if s.days&(1<<wd) != 0 && s.from <= cuts[i] && s.to >= cuts[i+1] {
					v += s.count
				}
			}
			if v > 0 {
				staff[wd] = append(staff[wd], sim.Segment{From: cuts[i], To: cuts[i+1], Value: v})
			}
		}
	}
	return staff
}

// rosterGroups returns the roster's groups of a stage, sorted by name.
func (d *decoder) rosterGroups(stage string) []string {
	var out []string
	for k, e := range d.roster {
		if k[0] == stage {
			out = append(out, k[1])
			e.used = true
		}
	}
	slices.Sort(out)
	return out
}

// checkRoster reports roster groups no stage took.
// The rows are reported in file order, so the messages do not depend on
// map iteration.
func (d *decoder) checkRoster(n *yaml.Node) {
	keys := slices.SortedFunc(maps.Keys(d.roster), func(a, b [2]string) int { return cmp.Compare(d.roster[a].row, d.roster[b].row) })
	for _, k := range keys {
		if e := d.roster[k]; !e.used {
			d.errorf(n, "roster", "row %d names group %q of stage %s, which does not use it (it gives its own staff or lists other groups)", e.row, k[1], k[0])
		}
	}
}
