package main

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/sim"
)

// checkOpenDayIntervals checks intervals.csv of testdata/opd.yaml: only
// pooled rows, closed outside 08:00-17:00, the staff of the schedule
// exactly and the arrival rate within widen half-widths.
func checkOpenDayIntervals(t *testing.T, path string, staff, rate func(from float64) float64, widen float64) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	num := func(rec []string, name string) float64 {
		v, err := strconv.ParseFloat(rec[col[name]], 64)
		if err != nil {
			t.Fatalf("intervals.csv %s: %q: %v", name, rec[col[name]], err)
		}
		return v
	}
	open := 0
	for _, rec := range recs[1:] {
		from := minutes(t, rec[col["from"]])
		if rec[col["weekday"]] != "all" {
			t.Errorf("row %v: weekdays do not differ, so only pooled rows are expected", rec)
		}
		if rec[col["closed"]] == "yes" {
			if from >= 8*60 && from < 17*60 {
				t.Errorf("row %v: an open interval marked closed", rec)
			}
			continue
		}
		if from < 8*60 || from >= 17*60 {
			t.Errorf("row %v: a closed interval shown as open", rec)
			continue
		}
		open++
		if got, want := num(rec, "staff"), staff(from); got != want || num(rec, "staff_hw") != 0 {
			t.Errorf("%s staff %g ± %g; want exactly %g", rec[col["from"]], got, num(rec, "staff_hw"), want)
		}
		if got, hw, want := num(rec, "arrivals_per_hour"), num(rec, "arrivals_hw"), rate(from); math.Abs(got-want) > widen*hw {
			t.Errorf("%s arrivals %g ± %g /h; want %g", rec[col["from"]], got, hw, want)
		}
	}
	if open != 18 {
		t.Errorf("%d open half-hours in intervals.csv; want 18 (08:00-17:00)", open)
	}
}

// TestOpenDaysFigures checks the figures a planner reads for a business
// open Monday to Friday with a lunch dip (testdata/opd.yaml), as the
// command line writes them: intervals.csv and the --intervals table show
// the schedule exactly, arrivals per open day and per interval match the
// configured rates, the weekly cost is five open days of scheduled cost
// plus overtime, and no alert names a closed hour.
func TestOpenDaysFigures(t *testing.T) {
	dir := t.TempDir()
	table, _ := mustRun(t, "run", "testdata/opd.yaml", "--intervals", "--out", dir)

	// The schedule, by interval start (minutes since midnight), and the
	// configured arrival rate per hour.
	staff := func(from float64) float64 {
		switch {
		case from < 12*60:
			return 4
		case from < 13*60:
			return 2
		}
		return 3
	}
	rate := func(from float64) float64 {
		switch {
		case from < 12*60:
			return 40
		case from < 13*60:
			return 20
		}
		return 30
	}
	// 95% half-widths from 20 replications, widened to 99.9% so that a
	// correct engine fails one check in a thousand: t(0.9995, 19) /
	// t(0.975, 19) = 3.883 / 2.093.
	const widen = 3.883 / 2.093

	checkOpenDayIntervals(t, filepath.Join(dir, "intervals.csv"), staff, rate, widen)

	// The table shows the same schedule.
	for _, c := range []struct {
		row  string
		want string
	}{{"08:00", "4 ± 0"}, {"12:00", "2 ± 0"}, {"13:00", "3 ± 0"}} {
		line := lineStarting(table, "  "+c.row+" ")
		if !regexp.MustCompile(`\s` + regexp.QuoteMeta(c.want) + `\s`).MatchString(line + " ") {
			t.Errorf("--intervals row %s lacks staff %q: %q", c.row, c.want, line)
		}
	}

	var rep struct {
		Results *sim.Results `json:"results"`
	}
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	r := rep.Results
	if r.OpenDays != 10 || r.OpenDaysPerWeek != 5 {
		t.Errorf("open days %g measured, %d a week; want 10 and 5", r.OpenDays, r.OpenDaysPerWeek)
	}
	kpi := func(name string) *sim.KPI {
		k := r.KPI(name)
		if k == nil {
			t.Fatalf("no KPI %s", name)
		}
		return k
	}
	// Arrivals per open day: 4h × 40 + 1h × 20 + 4h × 30 = 300.
	if k := kpi("booking.arrivals"); math.Abs(k.Mean-300) > widen*k.HalfWidth {
		t.Errorf("arrivals %g ± %g per open day; want 300", k.Mean, k.HalfWidth)
	}
	// Scheduled cost of an open day: (4×4 + 2×1 + 3×4) staff-hours × 30 EUR
	// = 900 EUR; overtime is paid at the same rate. Both identities hold
	// in every replication, so only rounding separates the two sides.
	perDay, perWeek, over := kpi("cost.per_day"), kpi("cost.per_week"), kpi("booking.overtime")
	for i := range perDay.Values {
		if want := 900 + 30*over.Values[i]; math.Abs(perDay.Values[i]-want) > 1e-9*want {
			t.Errorf("replication %d: cost %g per open day; want 900 + 30 × %g overtime hours = %g", i, perDay.Values[i], over.Values[i], want)
		}
		if want := 5 * perDay.Values[i]; math.Abs(perWeek.Values[i]-want) > 1e-9*want {
			t.Errorf("replication %d: cost %g per week; want five open days, %g", i, perWeek.Values[i], want)
		}
	}

	if len(r.Breaches) == 0 {
		t.Fatal("no alert crossed: the test scenario is meant to cross some")
	}
	for _, br := range r.Breaches {
		if br.From < 8*60 || br.To > 17*60 {
			t.Errorf("alert for a closed hour: %+v", br)
		}
	}
	for _, line := range strings.Split(table, "\n") {
		if m := regexp.MustCompile(` in (\d\d:\d\d)-`).FindStringSubmatch(line); m != nil {
			if from := minutes(t, m[1]); from < 8*60 || from >= 17*60 {
				t.Errorf("alert line names a closed hour: %q", line)
			}
		}
	}
}

// minutes parses a clock time "HH:MM".
func minutes(t *testing.T, clock string) float64 {
	t.Helper()
	h, m, ok := strings.Cut(clock, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil {
		t.Fatalf("not a clock time: %q", clock)
	}
	return float64(hh*60 + mm)
}

// lineStarting is the first line of text that starts with prefix.
func lineStarting(text, prefix string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}

// TestByWeekday: a Saturday morning opening makes the weekdays differ, so
// intervals.csv and --by-weekday give Saturday its own rows, which stop at
// its closing time, while the pooled rows average each interval over the
// days it is open (the afternoon over Monday to Friday only).
func TestByWeekday(t *testing.T) {
	src, err := os.ReadFile("testdata/opd.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sat := strings.Replace(string(src), "  mon-fri: 08:00-17:00\n", "  mon-fri: 08:00-17:00\n  sat: 08:00-12:00\n", 1)
	sat = strings.Replace(sat, "    staff: {08:00-12:00: 4, 12:00-13:00: 2, 13:00-17:00: 3}\n",
		"    staff:\n      mon-fri: {08:00-12:00: 4, 12:00-13:00: 2, 13:00-17:00: 3}\n      sat: 2\n", 1)
	path := writeFile(t, "opd-sat.yaml", sat)
	dir := t.TempDir()
	table, _ := mustRun(t, "run", path, "-r", "5", "--by-weekday", "--out", dir)
	if !strings.Contains(table, "booking on sat by time of day") || !strings.Contains(table, "booking on mon by time of day") {
		t.Fatalf("--by-weekday lacks Monday's or Saturday's table:\n%s", table)
	}
	satTable := table[strings.Index(table, "booking on sat"):]
	if strings.Contains(satTable, "\n  12:00 ") || !strings.Contains(satTable, "\n  11:30 ") {
		t.Errorf("Saturday's table should run 08:00-12:00:\n%s", satTable)
	}

	f, err := os.Open(filepath.Join(dir, "intervals.csv"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	days := map[string]int{}
	for _, rec := range recs[1:] {
		if rec[4] == "yes" { // closed
			continue
		}
		days[rec[1]]++
		if rec[1] == "sat" && minutes(t, rec[2]) >= 12*60 {
			t.Errorf("Saturday row after closing: %v", rec)
		}
		if rec[1] == "sat" && rec[13] != "2" {
			t.Errorf("Saturday row with staff %s; want 2: %v", rec[13], rec)
		}
		if rec[1] == "sun" {
			t.Errorf("a row for a closed Sunday: %v", rec)
		}
	}
	if days["all"] != 18 || days["mon"] != 18 || days["sat"] != 8 {
		t.Errorf("open rows by weekday %v; want all 18, mon 18, sat 8", days)
	}
	var rep struct {
		Results *sim.Results `json:"results"`
	}
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	// 14 days from a Monday: ten weekdays and two Saturday mornings.
	if r := rep.Results; r.OpenDays != 12 || r.OpenDaysPerWeek != 6 {
		t.Errorf("open days %g measured, %d a week; want 12 and 6", r.OpenDays, r.OpenDaysPerWeek)
	}
}
