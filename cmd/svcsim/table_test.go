package main

import (
	"math"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
	"github.com/svcsim/svcsim/tables"
)

func TestDisplayIn(t *testing.T) {
	tests := []struct {
		name      string
		unit      sim.Unit
		currency  string
		magnitude float64
		scale     float64
		want      string
	}{
		{"short wait in minutes", sim.Minutes, "", 119.9, 1, "min"},
		{"two hours in hours", sim.Minutes, "", 120, 1.0 / 60, "h"},
		{"1168 min in hours", sim.Minutes, "", 1168, 1.0 / 60, "h"},
		{"just under two days in hours", sim.Minutes, "", 2879, 1.0 / 60, "h"},
		{"two days in days", sim.Minutes, "", 2880, 1.0 / 1440, "days"},
		{"a negative difference by its size", sim.Minutes, "", -300, 1.0 / 60, "h"},
		{"undefined in minutes", sim.Minutes, "", math.NaN(), 1, "min"},
		{"money in the currency", sim.Money, "EUR", 1, 1, "EUR/day"},
		{"money without a currency", sim.Money, "", 1, 1, "per day"},
		{"money per week without a currency", sim.MoneyWeek, "", 1, 1, "per week"},
		{"money per week", sim.MoneyWeek, "CNY", 1, 1, "CNY/week"},
		{"NPS in points", sim.NPSPoints, "", 30, 1, "points"},
		{"shares in percent", sim.Share, "", 0.5, 100, "%"},
		{"lead times stay in days", sim.Days, "", 3, 1, "days"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			scale, unit := tt.unit.Display(tt.currency, tt.magnitude)
			if unit != tt.want || math.Abs(scale-tt.scale) > 1e-15 {
				t.Errorf("displayIn(%q, %q, %v) = %v, %q; want %v, %q", tt.unit, tt.currency, tt.magnitude, scale, unit, tt.scale, tt.want)
			}
		})
	}
}

// builtinViews are the tables people see of every built-in scenario by
// default: run (with the time-of-day tables) and, for a scenario with
// variants, compare.
//
// The views are computed once and shared by the tests that read them
// (several seconds of simulation); a failed computation is not kept.
func builtinViews(t *testing.T) map[string]string {
	t.Helper()
	c := &builtinViewsCache
	c.Lock()
	defer c.Unlock()
	if c.views != nil {
		return c.views
	}
	views := map[string]string{}
	// -short: 3 replications rather than the scenarios' 10 or 20; the
	// layout checked is the same, with wider half-widths if anything.
	var reps []string
	if testing.Short() {
		reps = []string{"-r", "3"}
	}
	for _, b := range scenarios.Builtins() {
		views["run "+b.Name], _ = mustRun(t, append([]string{"run", b.Name, "-q"}, reps...)...)
		views["run --intervals "+b.Name], _ = mustRun(t, append([]string{"run", b.Name, "-q", "--intervals"}, reps...)...)
		views["run --by-weekday "+b.Name], _ = mustRun(t, append([]string{"run", b.Name, "-q", "--by-weekday"}, reps...)...)
		sc, err := scenarios.Builtin(b.Name)
		if err != nil {
			t.Fatal(err)
		}
		if len(sc.Variants) > 0 {
			views["compare "+b.Name], _ = mustRun(t, append([]string{"compare", b.Name, "-q"}, reps...)...)
		}
	}
	views["sweep callcentre"], _ = mustRun(t, append([]string{"sweep", "callcentre", "--vary", "stages.agents.staff=8..12", "-q"}, reps...)...)
	views["sweep clinic"], _ = mustRun(t, "sweep", "clinic", "--vary", "stages.booking.staff=2..3", "-q", "-r", "3")
	views["scenarios"], _ = mustRun(t, "scenarios")
	views["staff callcentre"], _ = mustRun(t, "staff", "callcentre", "--target", "agents.service_level >= 80%", "-q", "-r", "3")
	views["calibrate"], _ = mustRun(t, "calibrate", "../../calibrate/testdata/survey.csv")
	if !t.Failed() {
		c.views = views
	}
	return views
}

var builtinViewsCache struct {
	sync.Mutex
	views map[string]string // read only once set
}

// TestBuiltinTablesFit: the default tables of every built-in fit a
// terminal of 100 columns, by display width; and every column of
// figures lines up, CJK names included (servicehall).
func TestBuiltinTablesFit(t *testing.T) {
	t.Parallel()
	for name, out := range builtinViews(t) {
		for i, line := range strings.Split(out, "\n") {
			if w := tables.Width(line); w > tables.MaxWidth {
				t.Errorf("%s: line %d is %d columns wide; want <= %d:\n%s", name, i+1, w, tables.MaxWidth, line)
			}
		}
		checkAligned(t, name, out)
	}
}

// checkAligned checks that in every block of lines (between blank lines)
// the ± signs stand in no more display columns than a line has ± signs:
// a label wider or narrower than its display width would shift its
// line's ± out of line with the rest.
func checkAligned(t *testing.T, name, out string) {
	t.Helper()
	for _, block := range strings.Split(out, "\n\n") {
		cols := map[int]bool{}
		most := 0
		for _, line := range strings.Split(block, "\n") {
			n := 0
			for i := 0; ; {
				j := strings.Index(line[i:], "±")
				if j < 0 {
					break
				}
				cols[tables.Width(line[:i+j])] = true
				n++
				i += j + len("±")
			}
			most = max(most, n)
		}
		if len(cols) > most {
			t.Errorf("%s: the ± of a block stand in %d columns, more than the %d figures of a line:\n%s", name, len(cols), most, block)
		}
	}
}

// TestUnitWords: tables say points for NPS, the scenario's currency or
// "per day" for money, hours or days for long waits, and never the
// internal unit names.
func TestUnitWords(t *testing.T) {
	t.Parallel()
	views := builtinViews(t)
	for name, out := range views {
		for _, bad := range []string{"money", " nps\n", "(nps)", "true", "false"} {
			if strings.Contains(out, bad) {
				t.Errorf("%s: the table says %q:\n%s", name, bad, out)
			}
		}
	}
	tests := []struct {
		view string
		want string // a regular expression
	}{
		{"run clinic", `(?m)^  NPS +-?[0-9.]+ ± +[0-9.]+ points$`},
		{"run clinic", `(?m)^  staff cost +[0-9.]+ ± +[0-9.]+ EUR/day$`},
		{"run clinic", `(?m)^  staff cost +[0-9.]+ ± +[0-9.]+ EUR/week$`},
		// The clinic's follow-up calls wait most of a day (1168 min).
		{"run clinic", `(?m)^  95th percentile wait +[0-9.]+ ± +[0-9.]+ (h|days)$`},
		{"run clinic", `(?m)^  mean wait \(served\) +[0-9.]+ ± +[0-9.]+ min$`},
		// The service hall's call-backs wait more than two days.
		{"run servicehall", `(?m)^  longest wait +[0-9.]+ ± +[0-9.]+ days$`},
		{"run servicehall", `CNY/day`},
		{"run callcentre", `(?m)^  staff cost +[0-9.]+ ± +[0-9.]+ per day$`},
		{"sweep callcentre", `(?m)^ +min +% +points +per day$`},
		{"sweep clinic", `EUR/day`},
		{"compare clinic", `(?m)^  NPS +points +-?[0-9.]+ ± +[0-9.]+ +[-+]?[0-9.]+ ±`},
		{"compare clinic", `(?m)^  95th percentile wait +(h|days) +[0-9.]+ ±`},
		{"compare clinic", `(?m)^  staff cost +EUR/day +`},
		{"run --intervals clinic", `(?m)^ +/h +min +% +% +scheduled +customers$`},
	}
	for _, tt := range tests {
		if !regexp.MustCompile(tt.want).MatchString(views[tt.view]) {
			t.Errorf("%s lacks %s:\n%s", tt.view, tt.want, views[tt.view])
		}
	}
}

// TestCompareWide: the default comparison shows each scenario's
// difference from the baseline; --wide adds the scenario's own value.
func TestCompareWide(t *testing.T) {
	path := writeFile(t, "tiny.yaml", variantsScenario)
	narrow, _ := mustRun(t, "compare", path, "-r", "3", "-q")
	wide, _ := mustRun(t, "compare", path, "-r", "3", "-q", "--wide")
	head := regexp.MustCompile(`(?m)^booking +baseline +2 - baseline$`)
	if !head.MatchString(narrow) {
		t.Errorf("default compare heads:\n%s", narrow)
	}
	head = regexp.MustCompile(`(?m)^booking +baseline +scenario 2 +2 - baseline$`)
	if !head.MatchString(wide) {
		t.Errorf("--wide compare heads:\n%s", wide)
	}
}
