package scenarios

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/svcsim/svcsim/sim"
	yaml "go.yaml.in/yaml/v4"
)

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
