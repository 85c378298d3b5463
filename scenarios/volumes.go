package scenarios

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
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
	t, err := d.data.readCSV(file)
	if err != nil {
		fail(err)
		return rates
	}
	header := t.header
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
	sums, dates, err := volumeSums(t, cols)
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
//
// A count is at most sim.MaxRatePerHour arrivals an hour over its
// interval. Since a row's interval and day appear at most once, the mean
// over a weekday's dates, the rate the run takes, is within the bound
// too, and the row that breaks it is the one to name.
func volumeSums(t *table, cols volumeColumns) (map[volumeKey]float64, [7]map[string]bool, error) {
	sums := map[volumeKey]float64{}
	dates := [7]map[string]bool{}
	for i := range dates {
		dates[i] = map[string]bool{}
	}
	seen := map[string]int{}
	for i := range t.rows {
		wd, day, err := volumeDay(t, i, cols)
		if err != nil {
			return nil, dates, err
		}
		w, err := parseRange(t.cell(i, cols.times[0]) + "-" + t.cell(i, cols.times[1]))
		if err != nil {
			e := t.errorf(i, cols.times[0], "%v", err)
			e.Column = "from/to"
			return nil, dates, e
		}
		most := sim.MaxRatePerHour * (w.To - w.From) / 60
		c, err := t.number(i, cols.times[2], 0, most, fmt.Sprintf("a count from 0 to %s (%s arrivals an hour over %s, the most a run takes)", fmtNumber(most), fmtNumber(sim.MaxRatePerHour), fmtRange(sim.Segment{From: w.From, To: w.To})))
		if err != nil {
			return nil, dates, err
		}
		id := day + " " + fmtClock(w.From)
		if prev, dup := seen[id]; dup {
			return nil, dates, t.errorf(i, -1, "repeats the interval of row %d (%s %s)", prev, day, fmtClock(w.From))
		}
		seen[id] = t.lines[i]
		dates[wd][day] = true
		sums[volumeKey{wd, w.From, w.To}] += c
	}
	return sums, dates, nil
}

// volumeDay reads the weekday of row i of a volumes file and the day it
// counts: its date, or its weekday when the file has no dates. A row with
// both has a weekday that is its date's, or none.
func volumeDay(t *table, i int, cols volumeColumns) (wd int, day string, err error) {
	if dc := cols.date; dc >= 0 {
		d, err := time.Parse("2006-01-02", t.cell(i, dc))
		if err != nil {
			return 0, "", t.errorf(i, dc, "not a date (got %q); valid: a date written YYYY-MM-DD", t.rows[i][dc])
		}
		if wc := cols.weekday; wc >= 0 && t.cell(i, wc) != "" {
			w, err := parseWeekday(strings.ToLower(t.cell(i, wc)))
			if err != nil {
				return 0, "", t.errorf(i, wc, "%v", err)
			}
			if w != d.Weekday() {
				return 0, "", t.errorf(i, wc, "contradicts the date %s, a %s (got %q); valid: %q, %q or empty", t.cell(i, dc), d.Weekday(), t.rows[i][wc], dayNames[d.Weekday()], fullDayNames[d.Weekday()])
			}
		}
		return int(d.Weekday()), t.cell(i, dc), nil
	}
	w, err := parseWeekday(strings.ToLower(t.cell(i, cols.weekday)))
	if err != nil {
		return 0, "", t.errorf(i, cols.weekday, "%v", err)
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
