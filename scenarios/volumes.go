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
	var cols volumeColumns
	cols.date, _ = col(file, header, "date", false)
	cols.weekday, _ = col(file, header, "weekday", false)
	if cols.date < 0 && cols.weekday < 0 {
		fail(fmt.Errorf("%v: each row needs a date or a weekday", missingColumn(file, header, "date", "weekday")))
		return rates
	}
	for i, name := range []string{"from", "to", "count"} {
		if cols.times[i], err = col(file, header, name, true); err != nil {
			fail(err)
			return rates
		}
	}
	sums, dates, err := volumeSums(file, rows, cols)
	if err != nil {
		fail(err)
		return rates
	}
	rates, err = volumeRates(file, sums, dates)
	if err != nil {
		fail(err)
		return rates
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

// volumeColumns are the columns of a volumes file: date or weekday (-1
// when absent), and from, to and count.
type volumeColumns struct {
	date, weekday int
	times         [3]int
}

// volumeKey is an interval on a weekday.
type volumeKey struct {
	wd       int
	from, to float64
}

// volumeSums adds up the counts of the rows of a volumes file per weekday
// and interval, and collects the dates (or weekdays) each weekday has.
func volumeSums(file string, rows [][]string, cols volumeColumns) (map[volumeKey]float64, [7]map[string]bool, error) {
	sums := map[volumeKey]float64{}
	dates := [7]map[string]bool{}
	for i := range dates {
		dates[i] = map[string]bool{}
	}
	seen := map[string]int{}
	for i, row := range rows {
		r := i + 2
		wd, day, err := volumeDay(file, r, row, cols)
		if err != nil {
			return nil, dates, err
		}
		w, err := parseRange(strings.TrimSpace(row[cols.times[0]]) + "-" + strings.TrimSpace(row[cols.times[1]]))
		if err != nil {
			return nil, dates, fmt.Errorf("%s: row %d, columns from/to: %v", file, r, err)
		}
		c, err := strconv.ParseFloat(strings.TrimSpace(row[cols.times[2]]), 64)
		if err != nil || c < 0 {
			return nil, dates, fmt.Errorf("%s: row %d, column count: %q is not a count >= 0", file, r, row[cols.times[2]])
		}
		id := day + " " + fmtClock(w.From)
		if prev, dup := seen[id]; dup {
			return nil, dates, fmt.Errorf("%s: row %d repeats the interval of row %d (%s %s)", file, r, prev, day, fmtClock(w.From))
		}
		seen[id] = r
		dates[wd][day] = true
		sums[volumeKey{wd, w.From, w.To}] += c
	}
	return sums, dates, nil
}

// volumeDay reads the weekday of row r of a volumes file and the day it
// counts: its date, or its weekday when the file has no dates.
func volumeDay(file string, r int, row []string, cols volumeColumns) (wd int, day string, err error) {
	if dc := cols.date; dc >= 0 {
		t, err := time.Parse("2006-01-02", strings.TrimSpace(row[dc]))
		if err != nil {
			return 0, "", fmt.Errorf("%s: row %d, column date: %q is not a date (YYYY-MM-DD)", file, r, row[dc])
		}
		return int(t.Weekday()), row[dc], nil
	}
	w, err := parseWeekday(strings.ToLower(strings.TrimSpace(row[cols.weekday])))
	if err != nil {
		return 0, "", fmt.Errorf("%s: row %d, column weekday: %v", file, r, err)
	}
	return int(w), "weekday " + dayNames[w], nil
}

// volumeRates turns the sums into rates per minute: the mean count over
// the weekday's dates divided by the interval's length. Overlapping
// intervals are an error (the rates up to the overlap are returned).
func volumeRates(file string, sums map[volumeKey]float64, dates [7]map[string]bool) (rates [7][]sim.Segment, err error) {
	keys := slices.Collect(maps.Keys(sums))
	slices.SortFunc(keys, func(a, b volumeKey) int {
		return cmp.Or(cmp.Compare(a.wd, b.wd), cmp.Compare(a.from, b.from), cmp.Compare(a.to, b.to))
	})
	for _, k := range keys {
		segs := rates[k.wd]
		if len(segs) > 0 && segs[len(segs)-1].To > k.from {
			return rates, fmt.Errorf("%s: on %s the interval %s-%s overlaps %s", file, dayNames[k.wd], fmtClock(k.from), fmtClock(k.to), fmtRange(segs[len(segs)-1]))
		}
		rate := sums[k] / float64(len(dates[k.wd])) / (k.to - k.from)
		rates[k.wd] = append(segs, sim.Segment{From: k.from, To: k.to, Value: rate})
	}
	return rates, nil
}
