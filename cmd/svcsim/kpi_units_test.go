package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
	"github.com/svcsim/svcsim/staffing"
)

// unitLimit writes value v of a KPI in unit u as a planner would write
// its limit: waits in minutes, lead times in hours (so the limit must be
// converted to days), staff-hours as a duration, shares as percentages,
// anything else as a plain number.
func unitLimit(u sim.Unit, v float64) string {
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', 10, 64) }
	switch u {
	case sim.Minutes:
		return f(v) + "m"
	case sim.Days:
		return f(v*24) + "h"
	case sim.StaffHours:
		return f(v) + "h"
	case sim.Share:
		return f(v*100) + "%"
	}
	return f(v)
}

// TestLimitsInKPIUnit checks, for a KPI of every unit the clinic
// reports, that an alert and a staffing target just above and just below
// the measured value breach, or are met, on the right side: the limit is
// compared in the KPI's unit whatever unit it was written in. With one
// replication the mean is the value; the limits are 0.01% of it (or 1e-6)
// away, far beyond rounding in the JSON and in the duration parser.
func TestLimitsInKPIUnit(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	src, _, status := svcsim(t, ctx, "scenarios", "show", "clinic")
	if status != 0 {
		t.Fatalf("scenarios show clinic: status %d", status)
	}
	alertsRE := regexp.MustCompile(`(?m)^alerts:\n(?:  - .*\n)+`)
	if !alertsRE.MatchString(src) {
		t.Fatal("the clinic has no alerts section to replace")
	}
	runJSON := func(file string) sim.Results {
		out, errOut, status := svcsim(t, ctx, "run", file, "-r", "1", "-q", "--format", "json")
		if status != 0 {
			t.Fatalf("run %s: status %d: %s", file, status, errOut)
		}
		var doc struct{ Results sim.Results }
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatal(err)
		}
		return doc.Results
	}
	dir := t.TempDir()
	base := filepath.Join(dir, "base.yaml")
	if err := os.WriteFile(base, []byte(alertsRE.ReplaceAllString(src, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	measured := runJSON(base)

	// One KPI of each unit, with a value inside its unit's range.
	type probe struct {
		k      sim.KPI
		lo, hi float64 // just below and just above the value
	}
	var probes []probe
	seen := map[sim.Unit]bool{}
	for _, k := range measured.KPIs {
		v := k.Mean
		if seen[k.Unit] || math.IsNaN(v) || v == 0 {
			continue
		}
		d := math.Max(math.Abs(v)*1e-4, 1e-6)
		if lo, hi, ok := sim.UnitRange(k.Unit); ok && (v-d < lo || v+d > hi) {
			continue
		}
		seen[k.Unit] = true
		probes = append(probes, probe{k, v - d, v + d})
	}
	for _, u := range []sim.Unit{sim.Minutes, sim.Days, sim.Share, sim.PerDay, sim.Customers, sim.StaffHours,
		sim.Money, sim.MoneyWeek, sim.NPSPoints, sim.Rating, sim.Points, sim.Stars, sim.Factor} {
		if !seen[u] {
			t.Errorf("the clinic reports no KPI in %s to check", u)
		}
	}

	// Each alert: breached (in the one replication) or not.
	type alert struct {
		text   string
		kpi    string
		above  bool
		limit  float64 // in the KPI's unit
		breach bool
	}
	var alerts []alert
	for _, p := range probes {
		lo, hi := unitLimit(p.k.Unit, p.lo), unitLimit(p.k.Unit, p.hi)
		alerts = append(alerts,
			alert{p.k.Name + " > " + lo, p.k.Name, true, p.lo, true},
			alert{p.k.Name + " > " + hi, p.k.Name, true, p.hi, false},
			alert{p.k.Name + " < " + hi, p.k.Name, false, p.hi, true},
			alert{p.k.Name + " < " + lo, p.k.Name, false, p.lo, false})
	}
	var lines strings.Builder
	lines.WriteString("alerts:\n")
	for _, a := range alerts {
		fmt.Fprintf(&lines, "  - %s\n", a.text)
	}
	file := filepath.Join(dir, "alerts.yaml")
	withAlerts := alertsRE.ReplaceAllString(src, lines.String())
	if err := os.WriteFile(file, []byte(withAlerts), 0o644); err != nil {
		t.Fatal(err)
	}
	got := runJSON(file)
	for _, a := range alerts {
		var b *sim.Breach
		for i := range got.Breaches {
			g := &got.Breaches[i]
			if g.KPI == a.kpi && g.Above == a.above && math.Abs(g.Limit-a.limit) <= 1e-9*math.Max(1, math.Abs(a.limit)) {
				b = g
			}
		}
		switch {
		case a.breach && b == nil:
			t.Errorf("alert %q: no breach; want one (value %g, limit %g in the KPI's unit)", a.text, got.KPI(a.kpi).Mean, a.limit)
		case !a.breach && b != nil:
			t.Errorf("alert %q: breach with limit %g; want none (value %g)", a.text, b.Limit, got.KPI(a.kpi).Mean)
		}
	}
	if len(got.Breaches) != len(alerts)/2 {
		t.Errorf("got %d breaches; want %d, one for each KPI and direction", len(got.Breaches), len(alerts)/2)
	}

	// The same limits as staffing targets, held to the same run: one just
	// on the right side is met, one just on the wrong side is not.
	sc, err := scenarios.Parse(os.DirFS(dir), "base.yaml", []byte(withAlerts))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range probes {
		k := got.KPI(p.k.Name)
		lo, hi := unitLimit(p.k.Unit, p.lo), unitLimit(p.k.Unit, p.hi)
		for _, tt := range []struct {
			text string
			met  bool
		}{
			{p.k.Name + " >= " + lo, true}, {p.k.Name + " >= " + hi, false},
			{p.k.Name + " <= " + hi, true}, {p.k.Name + " <= " + lo, false},
		} {
			tg, err := staffing.ParseTarget(tt.text, sc.Model)
			if err != nil {
				t.Errorf("target %q: %v", tt.text, err)
				continue
			}
			if got := tg.Met(k); got != tt.met {
				t.Errorf("target %q: met %v; want %v (value %g, limit %g)", tt.text, got, tt.met, k.Mean, tg.Limit)
			}
		}
	}
}

// TestLeadTimeLimits checks the figures a planner sees for a limit on a
// lead time, in days, written as a duration: the clinic's p90 lead time
// is about 0.76 days, so '> 12h' is breached and shown as 0.5 days, and a
// staffing target '<= 0.5d' is not met (it was met at 10 days when 0.5d
// was read as 720).
func TestLeadTimeLimits(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	src, _, _ := svcsim(t, ctx, "scenarios", "show", "clinic")
	dir := t.TempDir()
	file := filepath.Join(dir, "clinic.yaml")
	src = strings.Replace(src, "consultation.lead.p90 > 2d", "consultation.lead.p90 > 12h", 1)
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, status := svcsim(t, ctx, "run", file, "-q")
	if status != 0 {
		t.Fatalf("run: status %d: %s", status, errOut)
	}
	if !regexp.MustCompile(`consultation\.lead\.p90 above 0\.5 days \(mean when crossed 0\.7\d* days\)`).MatchString(out) {
		t.Errorf("run: no breach of 'consultation.lead.p90 > 12h' shown in days:\n%s", out)
	}

	out, _, status = svcsim(t, ctx, "staff", "clinic", "--target", "consultation.lead.p90 <= 0.5d", "--stage", "consultation", "--max-evaluations", "4", "-q")
	if status != 1 {
		t.Errorf("staff: status %d; want 1, the target not met", status)
	}
	if !regexp.MustCompile(`consultation\.lead\.p90 <= 0\.5d +0\.\d+ ± [0-9.]+ days +no`).MatchString(out) {
		t.Errorf("staff: want the lead-time target not met at under a day:\n%s", out)
	}
}

// TestArrivalsPerIntervalUnit checks that an alert on a stage's arrivals
// per interval, compared with customers an hour, says so: it was shown in
// the whole-run KPI's unit, per day. The tiny scenario's booking has 40
// arrivals an hour.
func TestArrivalsPerIntervalUnit(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "tiny.yaml")
	src := tinyScenario + "alerts:\n  - booking.arrivals > 20 per interval\n  - booking.arrivals > 80 per interval\n"
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, status := svcsim(t, ctx, "run", file, "-r", "2", "-q", "--format", "json")
	if status != 0 {
		t.Fatalf("run: status %d: %s", status, errOut)
	}
	var doc struct{ Results sim.Results }
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Results.Breaches) == 0 {
		t.Fatal("no breach of 'booking.arrivals > 20 per interval' at 40 an hour")
	}
	for _, b := range doc.Results.Breaches {
		if b.Limit != 20 || b.Unit != sim.PerHour {
			t.Errorf("breach of %s in %g-%g: limit %g %s; want 20 /h, and none of 80 /h", b.KPI, b.From, b.To, b.Limit, b.Unit)
		}
	}
	out, _, _ = svcsim(t, ctx, "run", file, "-r", "2", "-q")
	if !regexp.MustCompile(`booking\.arrivals in 09:00-10:00 above 20 /h \(mean when crossed \d+(\.\d+)? /h\)`).MatchString(out) {
		t.Errorf("run: want the breach in customers an hour:\n%s", out)
	}
}
