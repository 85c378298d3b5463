package scenarios

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/sim"
)

// workforceBase is a small scenario whose agents are staffed 08:00-20:00
// on weekdays and 09:00-13:00 on Saturdays, in quarter hours; the tests
// append a workforce section to it.
const workforceBase = `name: wf
interval: 15m
open: {mon-fri: 08:00-20:00, sat: 09:00-13:00}
channels:
  - name: phone
    rates: {08:00-20:00: 60/h}
    route: [agents]
stages:
  - name: agents
    service: exponential(4m)
    target: 20s
    staff: 5
`

// goodPatterns cover the base's hours.
const goodPatterns = `      patterns:
        - name: day
          starts: 08:00-12:00 every 30m
          lengths: [8h]
          breaks:
            - {length: 30m, window: 3h-5h, paid: no}
          days: mon-fri
          cost_per_hour: 20
        - name: saturday
          starts: 09:00
          lengths: 4h
          days: sat
          cost_per_hour: 25
`

func TestWorkforce(t *testing.T) {
	src := workforceBase + "workforce:\n  shrinkage: 15%\n  occupancy: 85%\n  stages:\n    agents:\n      max_headcount: 40\n      part_time: {below: 6h, max_share: 30%}\n" + goodPatterns
	s, err := Parse(nil, "wf.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	w := s.Workforce
	if w == nil || len(w.Stages) != 1 {
		t.Fatalf("workforce %+v; want one stage", w)
	}
	ws := w.Stages[0]
	day := ws.Patterns[0]
	checks := []struct {
		name      string
		got, want any
	}{
		{"shrinkage", w.Shrinkage, 0.15},
		{"occupancy", w.Occupancy, 0.85},
		{"stage", ws.Name, "agents"},
		{"max_headcount", ws.MaxHeadcount, 40},
		{"part_time.below", ws.PartTimeBelow, 360.0},
		{"part_time.max_share", ws.MaxPartTimeShare, 0.3},
		{"day starts", len(day.Starts), 9},
		{"day first start", day.Starts[0], 480.0},
		{"day last start", day.Starts[8], 720.0},
		{"day lengths", day.Lengths[0], 480.0},
		{"lunch", day.Breaks[0].WindowTo, 300.0},
		{"lunch paid", day.Breaks[0].Paid, false},
		{"day days", ws.Days[0], uint8(0x3e)},
		{"saturday days", ws.Days[1], uint8(1 << 6)},
		{"saturday cost", ws.Patterns[1].CostPerHour, 25.0},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %v; want %v", c.name, c.got, c.want)
		}
	}
}

// TestWorkforceLeftOut: the start/length combinations of a pattern that
// lie outside a day's staffed hours are left out of that day's rota, by
// the rota's own test, and a note says so when the file is read; the
// same test makes a pattern with none inside an error (TestWorkforceErrors).
func TestWorkforceLeftOut(t *testing.T) {
	head := workforceBase + "workforce:\n  stages:\n    agents:\n"
	tests := []struct {
		name, patterns string
		want           []string
	}{
		{"all inside", goodPatterns, nil},
		{"one start outside on saturday", strings.Replace(goodPatterns, "starts: 09:00\n", "starts: [08:00, 09:00]\n", 1),
			[]string{"workforce.stages.agents.patterns.saturday: on sat, 1 of its 2 start/length combinations lie outside the staffed hours 09:00-13:00 and are left out of the rota"}},
		{"late starts outside on weekdays", strings.Replace(goodPatterns, "starts: 08:00-12:00 every 30m", "starts: 08:00-13:00 every 30m", 1),
			[]string{"workforce.stages.agents.patterns.day: on mon-fri, 2 of its 11 start/length combinations lie outside the staffed hours 08:00-20:00 and are left out of the rota"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse(nil, "wf.yaml", []byte(head+tt.patterns))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(s.Notes, tt.want) {
				t.Errorf("notes %q; want %q", s.Notes, tt.want)
			}
		})
	}
}

// TestWorkforceErrors checks that every bad workforce section is an
// error at its line and column, with the field, what is wrong and what
// is valid, before any solve.
func TestWorkforceErrors(t *testing.T) {
	head := workforceBase + "workforce:\n  stages:\n    agents:\n"
	pattern := func(fields string) string {
		return head + "      patterns:\n        - name: p\n" + fields + goodPatterns[len("      patterns:\n"):]
	}
	tests := []struct {
		name, src, want string
	}{
		{"unknown stage", workforceBase + "workforce:\n  stages:\n    agent:\n" + goodPatterns,
			`wf.yaml:15:5: workforce.stages.agent: no stage or pool named "agent" in the scenario; valid: stage agents`},
		{"no stages", workforceBase + "workforce:\n  shrinkage: 10%\n",
			"wf.yaml:14:3: workforce.stages: missing"},
		{"shrinkage", workforceBase + "workforce:\n  shrinkage: 95%\n  stages:\n    agents:\n" + goodPatterns,
			"wf.yaml:14:14: workforce.shrinkage: must be between 0 and 0.9 (got 0.95)"},
		{"no patterns", head + "      max_headcount: 3\n",
			"workforce.stages.agents.patterns: missing: give at least one shift pattern"},
		{"weekday without shifts", head + strings.Replace(goodPatterns, "days: sat", "days: sun", 1),
			"workforce.stages.agents.patterns: stage agents is staffed on sat (09:00-13:00) but no pattern works that day"},
		{"interval no pattern covers", head + strings.Replace(goodPatterns, "starts: 08:00-12:00 every 30m", "starts: 09:00-12:00 every 30m", 1),
			"workforce.stages.agents.patterns: stage agents is staffed on mon in 08:00-09:00 but no pattern's shift works then"},
		{"pattern with no shift on a day it works", head + strings.Replace(goodPatterns, "days: mon-fri", "days: mon-sat", 1),
			"wf.yaml:22:17: workforce.stages.agents.patterns.day.days: the pattern has no shift inside the staffed hours 09:00-13:00 on sat, so a rota cannot use it then (got starts 08:00 to 12:00, lengths 8h); valid: days without sat, or a start and a length that fit in 09:00-13:00"},
		{"daily pattern with no shift on saturday", pattern("          starts: 08:00\n          lengths: 12h\n          cost_per_hour: 20\n"),
			"wf.yaml:17:11: workforce.stages.agents.patterns.p.days: the pattern has no shift inside the staffed hours 09:00-13:00 on sat, so a rota cannot use it then (got starts 08:00, lengths 12h); valid: days without sat"},
		{"interval reached only by a shift left out", head + strings.Replace(goodPatterns, "lengths: 4h", "lengths: [3h, 5h]", 1),
			"workforce.stages.agents.patterns: stage agents is staffed on sat in 12:00-13:00 but no pattern's shift works then; add starts or lengths that reach it (only shifts inside the staffed hours 09:00-13:00 count)"},
		{"step off the grid", pattern("          starts: 08:00-12:00 every 20m\n          lengths: 4h\n          cost_per_hour: 20\n"),
			"wf.yaml:18:19: workforce.stages.agents.patterns.p.starts: the step must be a multiple of the scenario's interval 15m (got 20m)"},
		{"bad starts", pattern("          starts: 8 to 12\n          lengths: 4h\n          cost_per_hour: 20\n"),
			`wf.yaml:18:19: workforce.stages.agents.patterns.p.starts: "8 to 12" is not a start time; valid: a time such as 07:30, or a range with a step such as 07:00-12:00 every 30m`},
		{"absurd step count", pattern("          starts: 00:00-15:45 every 15m\n          lengths: [8h]\n          breaks:\n            - {length: 15m, window: 0h-8h}\n            - {length: 15m, window: 0h-8h}\n            - {length: 15m, window: 0h-8h}\n          cost_per_hour: 20\n"),
			"wf.yaml:17:9: workforce.stages.agents.patterns: the patterns make 20065 concrete shifts (starts × lengths × break placements); at most 20000 can be solved"},
		{"cost above 1e9", pattern("          starts: 08:00\n          lengths: 4h\n          cost_per_hour: 2e9\n"),
			"wf.yaml:20:26: workforce.stages.agents.patterns.p.cost_per_hour: must be at most 1e+09 (got 2e+09); check the unit"},
		{"min above max", pattern("          starts: 08:00\n          lengths: 4h\n          cost_per_hour: 20\n          min: 5\n          max: 3\n"),
			"wf.yaml:22:16: workforce.stages.agents.patterns.p.max: must be at least min 5, or 0 for no limit (got 3)"},
		{"minimums above headcount", head + "      max_headcount: 3\n" + strings.Replace(goodPatterns, "cost_per_hour: 25\n", "cost_per_hour: 25\n          min: 4\n", 1),
			"wf.yaml:16:22: workforce.stages.agents.max_headcount: must be at least the patterns' minimums, which add up to 4 (got 3)"},
		{"length off the grid", pattern("          starts: 08:00\n          lengths: 4h10m\n          cost_per_hour: 20\n"),
			"workforce.stages.agents.patterns.p.lengths: must be a whole number of the scenario's 15m intervals (got 4h10m)"},
		{"past midnight", pattern("          starts: 20:00\n          lengths: 6h\n          cost_per_hour: 20\n"),
			"workforce.stages.agents.patterns.p.lengths: a 6h shift starting at 20:00 runs past midnight"},
		{"break window", pattern("          starts: 08:00\n          lengths: 8h\n          breaks: [{length: 1h, window: 3h-3h30m}]\n          cost_per_hour: 20\n"),
			"workforce.stages.agents.patterns.p.breaks[0].window: must hold the 1h break: its end must be at least its start plus the length (got 3h-3h30m)"},
		{"empty starts", pattern("          starts: []\n          lengths: 4h\n          cost_per_hour: 20\n"),
			"wf.yaml:18:19: workforce.stages.agents.patterns.p.starts: must list at least one (got an empty list); valid: starts: 08:00"},
		{"empty lengths", pattern("          starts: 08:00\n          lengths: []\n          cost_per_hour: 20\n"),
			"wf.yaml:19:20: workforce.stages.agents.patterns.p.lengths: must list at least one (got an empty list)"},
		{"break longer than the shift", pattern("          starts: 08:00\n          lengths: 4h\n          breaks: [{length: 5h, window: 0h-5h}]\n          cost_per_hour: 20\n"),
			"wf.yaml:20:19: workforce.stages.agents.patterns.p.breaks: no placement of the breaks fits a 4h shift: breaks[0] (5h in 0h-5h) cannot start at or after 0h and end by 4h"},
		{"break window past the shift", pattern("          starts: 08:00\n          lengths: 4h\n          breaks: [{length: 15m, window: 5h-6h}]\n          cost_per_hour: 20\n"),
			"workforce.stages.agents.patterns.p.breaks: no placement of the breaks fits a 4h shift"},
		{"breaks that add up to more than their windows", pattern("          starts: 08:00\n          lengths: 8h\n          breaks: [{length: 1h, window: 2h-3h30m}, {length: 1h, window: 2h-3h30m}]\n          cost_per_hour: 20\n"),
			"no placement of the breaks fits a 8h shift: breaks[1] (1h in 2h-3h30m) cannot start at or after 3h and end by 3h30m"},
		{"break window off the grid", pattern("          starts: 08:00\n          lengths: 8h\n          breaks: [{length: 15m, window: 2h7m-4h}]\n          cost_per_hour: 20\n"),
			"workforce.stages.agents.patterns.p.breaks[0].window: both ends must be whole numbers of the scenario's 15m intervals after the shift's start (got 2h7m-4h)"},
		{"min_shift over a day", pattern("          starts: 08:00\n          lengths: 8h\n          breaks: [{length: 15m, window: 2h-4h, min_shift: 30h}]\n          cost_per_hour: 20\n"),
			"breaks[0].min_shift: must be at most 24h, the longest shift (got 30h)"},
		{"part-time below over a day", head + "      part_time: {below: 48h, max_share: 30%}\n" + goodPatterns,
			"workforce.stages.agents.part_time.below: must be at most 24h, the longest shift (got 2d)"},
		{"unknown field", pattern("          starts: 08:00\n          lengths: 4h\n          cost: 20\n"),
			`unknown field "cost"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(nil, "wf.yaml", []byte(tt.src))
			if err == nil {
				t.Fatalf("no error; want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got\n%v\nwant an error containing\n%s", err, tt.want)
			}
		})
	}
}

// TestRosterRoundTrip writes roster rows and reads them back through a
// scenario's roster field: the staff on duty is the roster less
// shrinkage, floor(n × (1 − shrinkage)), exactly as RosterSchedule says.
func TestRosterRoundTrip(t *testing.T) {
	rows := []RosterRow{
		{Stage: "agents", Start: 480, End: 720, Days: 0x3e, Count: 4},
		{Stage: "agents", Start: 600, End: 1200, Days: 0x3e, Count: 3},
		{Stage: "agents", Start: 480, End: 720, Days: 0x3e, Count: 2},
		{Stage: "agents", Start: 540, End: 780, Days: 1 << 6, Count: 2},
	}
	merged := MergeRoster(rows)
	if len(merged) != 3 || merged[0].Count != 6 {
		t.Fatalf("MergeRoster: %+v; want 3 rows, the first with 6 staff", merged)
	}
	var csv bytes.Buffer
	if err := WriteRoster(&csv, merged); err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(workforceBase, "    staff: 5\n", "", 1) + "roster: roster.csv\nworkforce:\n  shrinkage: 20%\n  stages:\n    agents:\n" + goodPatterns +
		"data:\n  roster.csv: |\n    " + strings.ReplaceAll(strings.TrimSpace(csv.String()), "\n", "\n    ") + "\n"
	s, err := Parse(nil, "wf.yaml", []byte(src))
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	got := s.Model.Stages[0].Groups[0].Staff
	want := RosterSchedule(merged, 0.2)
	for wd := range 7 {
		if !slices.Equal(got[wd], want[wd]) {
			t.Errorf("weekday %d: read %v; want %v", wd, got[wd], want[wd])
		}
	}
	// Monday 10:00-12:00: 6 + 3 scheduled, floor(9 × 0.8) = 7 on duty.
	if v := valueAt(got[1], 660); v != 7 {
		t.Errorf("Monday 11:00: %v on duty; want 7", v)
	}
	if d := DaysText(0x3e); d != "mon-fri" {
		t.Errorf("DaysText(mon-fri) = %q", d)
	}
}

func valueAt(segs []sim.Segment, t float64) float64 {
	for _, s := range segs {
		if s.From <= t && t < s.To {
			return s.Value
		}
	}
	return 0
}

// TestWithRoster checks the scenario file 'svcsim rota --out' writes:
// the rota stages lose their staff, the file reads the roster, and the
// seed and replications are the ones given.
func TestWithRoster(t *testing.T) {
	src := workforceBase + "variants:\n  - name: more\n    stages:\n      - name: agents\n        staff: 6\nworkforce:\n  stages:\n    agents:\n" + goodPatterns
	s, err := Parse(nil, "wf.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	out, err := s.WithRoster([]string{"agents"}, "roster.csv", 3, 7, 99)
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, want := range []string{"roster: roster.csv", "days: 3", "replications: 7", "seed: 99", "workforce:"} {
		if !strings.Contains(text, want) {
			t.Errorf("written scenario lacks %q:\n%s", want, text)
		}
	}
	for _, bad := range []string{"staff: 5", "variants:"} {
		if strings.Contains(text, bad) {
			t.Errorf("written scenario still has %q:\n%s", bad, text)
		}
	}
	var es Errors
	if _, err := Parse(nil, "scenario.yaml", out); !errors.As(err, &es) || !strings.Contains(err.Error(), "roster.csv") {
		t.Errorf("without roster.csv beside it: %v; want an error naming roster.csv", err)
	}
}

// TestWorkforceBadInterval checks that a workforce section under an
// invalid interval reports the interval and does not hang placing shifts
// on a zero grid.
func TestWorkforceBadInterval(t *testing.T) {
	src := strings.Replace(workforceBase, "interval: 15m", "interval: 0m", 1) + "workforce:\n  stages:\n    agents:\n" + goodPatterns
	if _, err := Parse(nil, "wf.yaml", []byte(src)); err == nil || !strings.Contains(err.Error(), "interval") {
		t.Errorf("got %v; want an error about the interval", err)
	}
}

func TestWorkforceWeek(t *testing.T) {
	src := workforceBase + "workforce:\n  stages:\n    agents:\n      week: {days_on: 5, consecutive_off: yes}\n" + goodPatterns
	s, err := Parse(nil, "wf.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if ws := s.Workforce.Stages[0]; ws.DaysOn != 5 || !ws.ConsecutiveOff {
		t.Errorf("week: days_on %d, consecutive_off %v; want 5, true", ws.DaysOn, ws.ConsecutiveOff)
	}
	bad := workforceBase + "workforce:\n  stages:\n    agents:\n      week: {days_on: 8}\n" + goodPatterns
	if _, err := Parse(nil, "wf.yaml", []byte(bad)); err == nil || !strings.Contains(err.Error(), "wf.yaml:16:23: workforce.stages.agents.week.days_on: out of range (got 8); valid: 1–7") {
		t.Errorf("days_on 8: %v", err)
	}
}

// poolBase is a desk whose pool serves booking and follow-up calls,
// staffed 08:00-18:00 on weekdays; the tests append a workforce section.
const poolBase = `name: desk
interval: 30m
open: {mon-fri: 08:00-18:00}
channels:
  - name: phone
    rates: {08:00-18:00: 20/h}
    route: [booking, {stage: follow_up, probability: 0.4}]
stages:
  - name: booking
    service: exponential(4m)
    target: 30s
  - name: follow_up
    service: exponential(6m)
    target: 4h
pools:
  - name: desk
    staff: 3
    serves: [booking, follow_up]
workforce:
  stages:
    desk:
      patterns:
        - name: day
`

// TestWorkforcePool checks that workforce.stages may name a pool, whose
// patterns must cover the pool's hours, and that a rota's scenario drops
// the pool's own staff for the roster's.
func TestWorkforcePool(t *testing.T) {
	good := poolBase + "          starts: 08:00-10:00 every 1h\n          lengths: 8h\n          cost_per_hour: 24\n"
	s, err := Parse(nil, "desk.yaml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	ws := s.Workforce.Stages[0]
	if ws.Name != "desk" || ws.Pool != 0 || ws.Stage != -1 || ws.Kind() != "pool" {
		t.Errorf("workforce stage %s: pool %d, stage %d, kind %s; want desk: pool 0, stage -1, kind pool", ws.Name, ws.Pool, ws.Stage, ws.Kind())
	}
	if got := ws.Schedule(s.Model)[1]; len(got) != 1 || got[0].Value != 3 {
		t.Errorf("schedule on Monday %v; want the pool's 3 staff", got)
	}
	out, err := s.WithRoster([]string{"desk"}, "roster.csv", 7, 5, 1)
	if err != nil {
		t.Fatal(err)
	}
	if text := string(out); strings.Contains(text, "staff: 3") || !strings.Contains(text, "roster: roster.csv") {
		t.Errorf("written scenario keeps the pool's staff or lacks the roster:\n%s", text)
	}

	tests := []struct {
		name, src, want string
	}{
		{"hours uncovered", poolBase + "          starts: 09:00\n          lengths: 8h\n          cost_per_hour: 24\n",
			"desk.yaml:23:9: workforce.stages.desk.patterns: pool desk is staffed on mon in 08:00-09:00 but no pattern's shift works then"},
		{"neither stage nor pool", strings.Replace(good, "    desk:\n      patterns", "    front:\n      patterns", 1),
			`desk.yaml:21:5: workforce.stages.front: no stage or pool named "front" in the scenario; valid: pool desk`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(nil, "desk.yaml", []byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got\n%v\nwant an error containing\n%s", err, tt.want)
			}
		})
	}
}

// TestWorkforceAt checks that a field package rota names in an error is
// placed at its line, or at the nearest field that holds it.
func TestWorkforceAt(t *testing.T) {
	src := workforceBase + "workforce:\n  stages:\n    agents:\n      max_headcount: 40\n      part_time: {below: 6h, max_share: 30%}\n" + goodPatterns
	s, err := Parse(nil, "wf.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	lineOf := func(text string) int { return 1 + strings.Count(src[:strings.Index(src, text)], "\n") }
	tests := []struct {
		field, path string
		line        int
	}{
		{"max_headcount", "max_headcount", lineOf("max_headcount")},
		{"max_part_time_share", "part_time.max_share", lineOf("part_time:")},
		{"patterns[0].breaks[0].window", "patterns[0].breaks[0].window", lineOf("{length: 30m")},
		{"patterns[1].lengths[3]", "patterns[1].lengths[3]", lineOf("lengths: 4h")},
		{"requirement", "requirement", lineOf("max_headcount")}, // the stage's own entry
	}
	ws := &s.Workforce.Stages[0]
	for _, tt := range tests {
		p, path, ok := ws.At(tt.field)
		if !ok || p.File != "wf.yaml" || p.Line != tt.line || path != tt.path {
			t.Errorf("At(%q) = %+v, %q, %v; want wf.yaml line %d, %q", tt.field, p, path, ok, tt.line, tt.path)
		}
	}
}
