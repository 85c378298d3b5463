package scenarios

import (
	"cmp"
	"fmt"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/svcsim/svcsim/sim"
	yaml "go.yaml.in/yaml/v4"
)

// The planner's own data: arrival traces, historical volumes and rosters
// as CSV files with a header row. Every error names the file, the row
// (counting the header as row 1) and the column.

// col finds a column by name; required columns missing are an error.
func col(file string, header []string, name string, required bool) (int, error) {
	i := slices.Index(header, name)
	if i < 0 && required {
		return -1, missingColumn(file, header, name)
	}
	return i, nil
}

// missingColumn is the error for columns the header lacks. A data file
// may be any file the user can read (a link in the scenario's folder), so
// the message echoes no header cell except those close to a name asked
// for.
func missingColumn(file string, header []string, names ...string) error {
	var near []string
	for _, n := range names {
		for _, c := range closest(n, header) {
			if !slices.Contains(near, c) {
				near = append(near, c)
			}
		}
	}
	want := strings.Join(quoteAll(names), " or ")
	msg := fmt.Sprintf("%s: no column %s among the header's %d", file, want, len(header))
	if len(near) > 0 {
		msg += fmt.Sprintf(" (did you mean %s?)", strings.Join(quoteAll(near), " or "))
	}
	return fmt.Errorf("%s", msg)
}

var timestampLayouts = []string{"2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02T15:04"}

func parseTimestamp(s string) (time.Time, error) {
	for _, l := range timestampLayouts {
		if t, err := time.Parse(l, strings.TrimSpace(s)); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a timestamp; write it as YYYY-MM-DD HH:MM[:SS]", s)
}

// inlineData reads the data section, "data: {PATH: TEXT, ...}": the text
// of data files kept in the scenario file itself, so that one file holds
// everything (what 'svcsim scenarios show' prints for built-ins with
// data). A path given here is not read from disk.
func (d *decoder) inlineData(n *yaml.Node) map[string]string {
	if n == nil {
		return nil
	}
	out := map[string]string{}
	for _, e := range d.entries(n, "data") {
		name := e.key.Value
		field := "data." + name
		if e.val == nil || e.val.Kind != yaml.ScalarNode || e.val.Tag == "!!null" {
			d.errorf(e.val, field, "expected the file's text as a block, e.g. %s: |, then its lines indented (got %s)", name, describeOr(e.val))
			continue
		}
		out[path.Clean(name)] = e.val.Value
	}
	return out
}

func describeOr(n *yaml.Node) string {
	if n == nil {
		return "nothing"
	}
	return describe(n)
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
	header, rows, err := d.data.readCSV(file)
	if err != nil {
		return fail(err)
	}
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
	for i, row := range rows {
		r := i + 2
		t, err := parseTimestamp(row[tc])
		if err != nil {
			return fail(fmt.Errorf("%s: row %d, column time: %v", file, r, err))
		}
		a := sim.Arrival{Class: -1}
		if cc >= 0 {
			ci, found := chanIdx[strings.TrimSpace(row[cc])]
			if !found {
				return fail(fmt.Errorf("%s: row %d, column channel: no channel named %q in the scenario", file, r, row[cc]))
			}
			a.Channel = ci
		}
		if kc >= 0 && strings.TrimSpace(row[kc]) != "" {
			ki, found := classIdx[strings.TrimSpace(row[kc])]
			if !found {
				return fail(fmt.Errorf("%s: row %d, column class: no class named %q in the scenario", file, r, row[kc]))
			}
			a.Class = ki
		}
		all = append(all, stamped{t, a, r})
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

// volumes reads a channel's "volumes: FILE.csv", counts per interval as
// exported from a phone or booking system, with columns date (or weekday),
// from, to and count. The rate of an interval on a weekday is the mean
// count over the dates of that weekday in the file, per hour.
func (d *decoder) volumes(n *yaml.Node, path string, m *sim.Model, channel string) (rates [7][]sim.Segment) {
	file, ok := d.scalar(n, path)
	if !ok {
		return rates
	}
	fail := func(err error) { d.errorf(n, path, "%v", err) }
	header, rows, err := d.data.readCSV(file)
	if err != nil {
		fail(err)
		return rates
	}
	dc, _ := col(file, header, "date", false)
	wc, _ := col(file, header, "weekday", false)
	if dc < 0 && wc < 0 {
		fail(fmt.Errorf("%v: each row needs a date or a weekday", missingColumn(file, header, "date", "weekday")))
		return rates
	}
	var cols [3]int
	for i, name := range []string{"from", "to", "count"} {
		if cols[i], err = col(file, header, name, true); err != nil {
			fail(err)
			return rates
		}
	}
	type key struct {
		wd       int
		from, to float64
	}
	sums := map[key]float64{}
	dates := [7]map[string]bool{}
	for i := range dates {
		dates[i] = map[string]bool{}
	}
	seen := map[string]int{}
	for i, row := range rows {
		r := i + 2
		var wd int
		var day string
		if dc >= 0 {
			t, err := time.Parse("2006-01-02", strings.TrimSpace(row[dc]))
			if err != nil {
				fail(fmt.Errorf("%s: row %d, column date: %q is not a date (YYYY-MM-DD)", file, r, row[dc]))
				return rates
			}
			wd, day = int(t.Weekday()), row[dc]
		} else {
			w, err := parseWeekday(strings.ToLower(strings.TrimSpace(row[wc])))
			if err != nil {
				fail(fmt.Errorf("%s: row %d, column weekday: %v", file, r, err))
				return rates
			}
			wd, day = int(w), "weekday "+dayNames[w]
		}
		w, err := parseRange(strings.TrimSpace(row[cols[0]]) + "-" + strings.TrimSpace(row[cols[1]]))
		if err != nil {
			fail(fmt.Errorf("%s: row %d, columns from/to: %v", file, r, err))
			return rates
		}
		c, err := strconv.ParseFloat(strings.TrimSpace(row[cols[2]]), 64)
		if err != nil || c < 0 {
			fail(fmt.Errorf("%s: row %d, column count: %q is not a count >= 0", file, r, row[cols[2]]))
			return rates
		}
		id := day + " " + fmtClock(w.From)
		if prev, dup := seen[id]; dup {
			fail(fmt.Errorf("%s: row %d repeats the interval of row %d (%s %s)", file, r, prev, day, fmtClock(w.From)))
			return rates
		}
		seen[id] = r
		dates[wd][day] = true
		sums[key{wd, w.From, w.To}] += c
	}
	keys := slices.Collect(maps.Keys(sums))
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(a.wd, b.wd), cmp.Compare(a.from, b.from), cmp.Compare(a.to, b.to))
	})
	for _, k := range keys {
		segs := rates[k.wd]
		if len(segs) > 0 && segs[len(segs)-1].To > k.from {
			fail(fmt.Errorf("%s: on %s the interval %s-%s overlaps %s", file, dayNames[k.wd], fmtClock(k.from), fmtClock(k.to), fmtRange(segs[len(segs)-1])))
			return rates
		}
		rate := sums[k] / float64(len(dates[k.wd])) / (k.to - k.from)
		rates[k.wd] = append(segs, sim.Segment{From: k.from, To: k.to, Value: rate})
	}
	for wd := range 7 {
		if len(rates[wd]) == 0 {
			continue
		}
		var parts []string
		for _, s := range rates[wd] {
			parts = append(parts, fmt.Sprintf("%s %.1f/h", fmtRange(s), s.Value*60))
		}
		d.notes = append(d.notes, fmt.Sprintf("channel %s, %s (mean of %d day(s) in %s): %s", channel, dayNames[wd], len(dates[wd]), file, strings.Join(parts, ", ")))
	}
	return rates
}

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
