package scenarios

import (
	"fmt"
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
	header, rows, err := d.data.readCSV(file)
	if err != nil {
		fail(err)
		return
	}
	var cols [5]int
	for i, name := range []string{"stage", "start", "end", "weekdays", "count"} {
		if cols[i], err = col(file, header, name, true); err != nil {
			fail(err)
			return
		}
	}
	gc, _ := col(file, header, "group", false)
	type shift struct {
		days     uint8
		from, to float64
		count    float64
	}
	shifts := map[[2]string][]shift{}
	seen := map[string]int{}
	d.roster = map[[2]string]*rosterEntry{}
	for i, row := range rows {
		r := i + 2
		stage := strings.TrimSpace(row[cols[0]])
		if _, ok := stageIdx[stage]; !ok {
			fail(fmt.Errorf("%s: row %d, column stage: no stage named %q in the scenario", file, r, stage))
			return
		}
		group := "staff"
		if gc >= 0 && strings.TrimSpace(row[gc]) != "" {
			group = strings.TrimSpace(row[gc])
		}
		w, err := parseRange(strings.TrimSpace(row[cols[1]]) + "-" + strings.TrimSpace(row[cols[2]]))
		if err != nil {
			fail(fmt.Errorf("%s: row %d, columns start/end: %v (split a night shift at midnight)", file, r, err))
			return
		}
		days, err := parseDays(row[cols[3]])
		if err != nil {
			fail(fmt.Errorf("%s: row %d, column weekdays: %v", file, r, err))
			return
		}
		c, err := headcount(strings.TrimSpace(row[cols[4]]))
		if err != nil || c == 0 {
			fail(fmt.Errorf("%s: row %d, column count: %q is not a number of staff (a whole number >= 1)", file, r, row[cols[4]]))
			return
		}
		id := strings.Join([]string{stage, group, fmtClock(w.From), fmtClock(w.To), fmt.Sprint(days)}, "|")
		if prev, dup := seen[id]; dup {
			fail(fmt.Errorf("%s: row %d repeats row %d (same stage, group, times and weekdays); give one row with the total count", file, r, prev))
			return
		}
		seen[id] = r
		key := [2]string{stage, group}
		if d.roster[key] == nil {
			d.roster[key] = &rosterEntry{row: r}
		}
		shifts[key] = append(shifts[key], shift{days, w.From, w.To, c})
	}
	for key, ss := range shifts {
		e := d.roster[key]
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
					e.staff[wd] = append(e.staff[wd], sim.Segment{From: cuts[i], To: cuts[i+1], Value: v})
				}
			}
		}
	}
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
func (d *decoder) checkRoster(n *yaml.Node) {
	for k, e := range d.roster {
		if !e.used {
			d.errorf(n, "roster", "row %d names group %q of stage %s, which lists its groups without it", e.row, k[1], k[0])
		}
	}
}
