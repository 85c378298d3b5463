package scenarios

import (
	"strings"
	"testing"

	"github.com/svcsim/svcsim/sim"
)

// pooled is a scenario whose two stages are served by a pool; desk has
// one of its own as well, back has none.
const pooled = `name: pooled
open: 08:00-16:00
channels:
  - name: phone
    rates: {08:00-16:00: 30/h}
    route: [desk, back]
stages:
  - name: desk
    service: exponential(4m)
    target: 1m
    staff: 1
  - name: back
    service: exponential(4m)
    target: 1h
pools:
  - name: team
    staff: {08:00-12:00: 3, 12:00-16:00: 2}
    cost: 24
    rule: longest_waiting
    serves:
      - {stage: desk, reserve: 1}
      - {stage: back, speed: 0.8, first_time_fix: 0.9}
`

func TestPools(t *testing.T) {
	s, err := parse(t, pooled)
	if err != nil {
		t.Fatal(err)
	}
	m := s.Model
	if len(m.Pools) != 1 {
		t.Fatalf("%d pools; want 1", len(m.Pools))
	}
	p := m.Pools[0]
	want := sim.Pool{Name: "team", Cost: 24, Rule: sim.PoolLongestWaiting,
		Serves: []sim.PoolStage{{Stage: 0, Speed: 1, Reserve: 1}, {Stage: 1, Speed: 0.8, FixRate: 0.9}}}
	if p.Name != want.Name || p.Cost != want.Cost || p.Rule != want.Rule || len(p.Serves) != 2 || p.Serves[0] != want.Serves[0] || p.Serves[1] != want.Serves[1] {
		t.Errorf("got %+v; want %+v", p, want)
	}
	if got := p.Staff[1]; len(got) != 2 || got[0].Value != 3 || got[1].Value != 2 {
		t.Errorf("Monday's staff %+v; want 3 then 2", got)
	}
	if len(m.Stages[1].Groups) != 0 {
		t.Errorf("back has %d staff groups; want none (the pool serves it)", len(m.Stages[1].Groups))
	}
	// A variant or a sweep sets the pool's staff like a stage's.
	v, err := s.With([][2]string{{"pools.team.staff", "4"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := v.Model.Pools[0].MaxStaff(); got != 4 {
		t.Errorf("with pools.team.staff=4: %d staff", got)
	}
	// serves: as a list of names.
	short := strings.Replace(pooled, `    serves:
      - {stage: desk, reserve: 1}
      - {stage: back, speed: 0.8, first_time_fix: 0.9}`, "    serves: [back, desk]\n    rule: priority", 1)
	short = strings.Replace(short, "    rule: longest_waiting\n", "", 1)
	if s, err := parse(t, short); err != nil {
		t.Error(err)
	} else if p := s.Model.Pools[0]; p.Rule != sim.PoolPriority || p.Serves[0].Stage != 1 || p.Serves[1].Stage != 0 || p.Serves[0].Speed != 1 {
		t.Errorf("serves: [back, desk]: got %+v", p)
	}
}

// TestPoolErrors: every defect of a pool is reported at its line and
// column, with the field and what would be valid.
func TestPoolErrors(t *testing.T) {
	r := func(old, new string) string { return strings.Replace(pooled, old, new, 1) }
	checkPositions(t, []posCase{
		{"unknown stage", r("{stage: back, speed", "{stage: bakc, speed"), 22, 17, "pools.team.serves[1].stage", `no stage named "bakc" (did you mean "back"?)`},
		{"stage twice", r("{stage: back, speed", "{stage: desk, speed"), 22, 9, "pools.team.serves[1]", "stage desk is listed twice"},
		{"zero speed", r("speed: 0.8", "speed: 0"), 22, 30, "pools.team.serves[1].speed", "must be greater than 0 (got 0)"},
		{"negative speed", r("speed: 0.8", "speed: -1"), 22, 30, "pools.team.serves[1].speed", "must be greater than 0 (got -1)"},
		{"speed past any staff", r("speed: 0.8", "speed: 1e300"), 22, 30, "pools.team.serves[1].speed", "must be between 0.01 and 100, a factor that divides the service times (got 1e+300)"},
		{"speed near zero", r("speed: 0.8", "speed: 1e-300"), 22, 30, "pools.team.serves[1].speed", "must be between 0.01 and 100, a factor that divides the service times (got 1e-300)"},
		{"stage speed near zero", r("    staff: 1\n", "    staff: 1\n    speed: 0.001\n"), 12, 12, "stages.desk.speed", "must be between 0.01 and 100"},
		{"reserve as large as the pool", r("reserve: 1", "reserve: 3"), 21, 32, "pools.team.serves[0].reserve", "keeps 3 of the pool free, but the pool has at most 3 on duty"},
		{"overlapping shifts", r("{08:00-12:00: 3, 12:00-16:00: 2}", "{08:00-12:00: 3, 11:00-16:00: 2}"), 17, 29, "pools.team.staff", "overlap"},
		{"gap between shifts", r("{08:00-12:00: 3, 12:00-16:00: 2}", "{08:00-12:00: 3, 12:30-16:00: 2}"), 17, 12, "pools.team.staff", "a gap from 12:00 to 12:30 between two shifts; if the pool is off then, write 12:00-12:30: 0"},
		{"absurd staff", r("{08:00-12:00: 3, 12:00-16:00: 2}", "{08:00-12:00: 3000000, 12:00-16:00: 2}"), 17, 26, "pools.team.staff.08:00-12:00", "out of range (got 3000000); valid: 0–100000"},
		{"fractional staff", r("12:00-16:00: 2}", "12:00-16:00: 2.5}"), 17, 42, "pools.team.staff.12:00-16:00", "is not a number of staff"},
		{"cost past any pay", r("cost: 24", "cost: 1e308"), 18, 11, "pools.team.cost", "must be between 0 and 1e+09 (got 1e+308)"},
		{"overtime cost past any pay", r("cost: 24", "cost: 24\n    overtime_cost: 2e9"), 19, 20, "pools.team.overtime_cost", "must be between 0 and 1e+09 (got 2e+09)"},
		{"stage cost past any pay", r("    staff: 1\n", "    staff: 1\n    cost: 1e300\n"), 12, 11, "stages.desk.cost", "must be between 0 and 1e+09 (got 1e+300)"},
		{"unknown rule", r("rule: longest_waiting", "rule: longest"), 19, 11, "pools.team.rule", `"longest" is not valid`},
		{"unknown field", r("    cost: 24\n", "    costs: 24\n"), 18, 5, "pools[0]", `unknown field "costs" (did you mean "cost"?)`},
		{"name of a stage", r("  - name: team", "  - name: back"), 16, 11, "pools.back.name", "is the name of a stage"},
		{"no serves", r(`    serves:
      - {stage: desk, reserve: 1}
      - {stage: back, speed: 0.8, first_time_fix: 0.9}
`, ""), 16, 5, "pools.team", "missing serves"},
		{"no staff", r("    staff: {08:00-12:00: 3, 12:00-16:00: 2}\n", ""), 16, 5, "pools.team", "missing staff"},
		{"own speed on a pooled stage", r("    target: 1h\n", "    target: 1h\n    speed: 2\n"), 15, 12, "stages.back.speed", "no staff of its own"},
	})
}

// TestPoolIdle: a stage only an empty pool serves is idle.
func TestPoolIdle(t *testing.T) {
	src := strings.Replace(pooled, "{08:00-12:00: 3, 12:00-16:00: 2}", "0", 1)
	src = strings.Replace(src, "{stage: desk, reserve: 1}", "desk", 1)
	_, err := parse(t, src)
	if err == nil || !strings.Contains(err.Error(), "customers reach stage back but nobody is ever on duty there") {
		t.Errorf("got %v; want stage back idle", err)
	}
}

// TestPoolRoster: roster rows naming a pool staff it, breaks included.
func TestPoolRoster(t *testing.T) {
	src := strings.Replace(pooled, "    staff: {08:00-12:00: 3, 12:00-16:00: 2}\n", "", 1)
	src = strings.Replace(src, "pools:\n", "roster: roster.csv\npools:\n", 1)
	dir := writeTree(t, map[string]string{
		"s.yaml":     src,
		"roster.csv": "stage,start,end,weekdays,count\nteam,08:00,11:00,daily,2\nteam,12:00,16:00,daily,1\n",
	})
	s, err := Load(dir + "/s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := []sim.Segment{{From: 480, To: 660, Value: 2}, {From: 720, To: 960, Value: 1}}
	if got := s.Model.Pools[0].Staff[1]; len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("Monday's staff %+v; want %+v", got, want)
	}
}

// TestPoolStaffGaps: a stage served only by a pool is staffed while the
// pool is on duty (after the members it keeps free for other stages);
// the warning stays for the hours nobody can serve it.
func TestPoolStaffGaps(t *testing.T) {
	const base = `name: desk
open: {mon-fri: 08:00-18:00, sat: 09:00-13:00}
channels:
  - name: phone
    rates: {08:00-18:00: 20/h}
    route: [booking, follow_up]
stages:
  - name: booking
    service: exponential(4m)
    target: 5m
  - name: follow_up
    service: exponential(4m)
    target: 1h
pools:
`
	tests := []struct {
		name string
		pool string
		want []string // one substring per warning
	}{
		{"pool all day", `  - {name: desk, staff: 3, serves: [booking, follow_up]}`, nil},
		{"pool's own days", `  - {name: desk, staff: {mon-fri: 3}, serves: [booking, follow_up]}`, []string{
			"stage booking has nobody on duty while open (sat 09:00-13:00)",
			"stage follow_up has nobody on duty while open (sat 09:00-13:00)"}},
		{"pool's own hours", `  - {name: desk, staff: {08:00-12:00: 3, 12:00-13:00: 0, 13:00-18:00: 2}, serves: [booking, follow_up]}`, []string{
			"stage booking has nobody on duty while open (mon 12:00-13:00, tue 12:00-13:00, wed 12:00-13:00, thu 12:00-13:00, and 2 more)",
			"stage follow_up has nobody on duty while open (mon 12:00-13:00"}},
		{"reserve holds the whole pool", `  - name: desk
    staff: {08:00-12:00: 3, 12:00-18:00: 1}
    serves: [{stage: booking, reserve: 1}, follow_up]`, []string{
			"stage follow_up has nobody on duty while open (mon 12:00-18:00"}},
		{"two pools", `  - {name: desk, staff: {mon-fri: 3}, serves: [booking]}
  - {name: weekend, staff: {sat: 1}, serves: [booking, follow_up]}
  - {name: back, staff: {mon-fri: 1}, serves: [follow_up]}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := parse(t, base+tt.pool+"\n")
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Warnings) != len(tt.want) {
				t.Fatalf("warnings %q; want %d", s.Warnings, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.Contains(s.Warnings[i], w) {
					t.Errorf("warning %d: got %q; want %q", i, s.Warnings[i], w)
				}
			}
		})
	}
}
