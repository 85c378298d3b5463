package workbench

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/svcsim/svcsim/rota"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
	"github.com/svcsim/svcsim/staffing"
)

// TestRotaFillsGrid asks the workbench for the helpline's rota with the
// fallback solver and checks every cell of the grid it fills against
// staffing.Rota run directly on the same model, targets and settings:
// the rota's stage gets the staff on duty the rota was simulated with,
// the other rows stay as they were, and cost, bound, solver and verdict
// are the rota's.
func TestRotaFillsGrid(t *testing.T) {
	if testing.Short() {
		t.Skip("a rota: solves and simulates for seconds")
	}
	b := newBench(t, Options{})
	b.w.rotaSolver = rota.Fallback
	d, err := b.w.doc("builtin:helpline", "")
	if err != nil {
		t.Fatal(err)
	}
	targets := []string{"agents.service_level >= 80%", "agents.abandonment <= 5%"}
	set := Settings{Days: 5, Replications: 10, Seed: 23}
	q := map[string]any{"doc": d.ID, "hash": d.Hash, "edit": d.Unchanged(), "settings": map[string]any{"days": set.Days, "replications": set.Replications, "seed": "23"},
		"targets": strings.Join(targets, "\n")}
	status, lines := b.post("/api/rota", q)
	var got rotaView
	last(t, lines, "rota", &got)
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	var progress, logs int
	for _, l := range lines {
		progress += len(l["progress"])
		logs += len(l["log"])
	}
	if progress == 0 || logs == 0 {
		t.Errorf("no progress (%d) or log (%d) before the answer", progress, logs)
	}

	res := rotaDirect(t, d, targets, set)
	t.Logf("%s: cost %.2f, LP bound %.2f, met %v; %s", res.Solver, res.Cost, res.LPBound, res.Met, got.Message)
	checkRotaAnswer(t, got, res)
	filled := checkRotaGrid(t, d.Grid, got.Staff, res.Model)
	if filled == 0 || math.IsNaN(got.Cost) {
		t.Errorf("no cell of agents checked")
	}
}

// rotaDirect runs staffing.Rota with the fallback solver on d's model,
// targets and settings, as the workbench should.
func rotaDirect(t *testing.T, d *Doc, targets []string, set Settings) *staffing.RotaResult {
	m := *d.Scenario.Model
	m.Days = set.Days
	var ts []staffing.Target
	for _, text := range targets {
		tg, err := staffing.ParseTarget(text, &m)
		if err != nil {
			t.Fatal(err)
		}
		ts = append(ts, tg)
	}
	o := staffing.RotaOptions{Options: staffing.Options{Options: sim.Options{Replications: set.Replications, Seed: set.Seed}, MaxEvaluations: 100},
		Solver: rota.Fallback, TimeLimit: rota.DefaultTimeLimit, RatioGap: 0.01, MaxRounds: 20, FreshSeeds: 4}
	res, err := staffing.Rota(context.Background(), &m, d.Scenario.Workforce, ts, o)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// checkRotaAnswer checks the workbench's cost, bound, solver, verdict and
// details (got) against the rota res.
func checkRotaAnswer(t *testing.T, got rotaView, res *staffing.RotaResult) {
	if got.Cost != res.Cost || got.LPBound != res.LPBound || got.Gap != res.Gap || got.Solver != res.Solver || got.Met != res.Met {
		t.Errorf("got cost %v, bound %v, gap %v, solver %q, met %v; want %v, %v, %v, %q, %v",
			got.Cost, got.LPBound, got.Gap, got.Solver, got.Met, res.Cost, res.LPBound, res.Gap, res.Solver, res.Met)
	}
	if !strings.Contains(res.Solver, "fallback") {
		t.Errorf("solver %q; want the fallback", res.Solver)
	}
	if !got.Exact || got.Fill != "" {
		t.Errorf("the helpline's one row for mon-fri should hold the rota exactly; got exact %v, %q", got.Exact, got.Fill)
	}
	for _, want := range []string{"LP bound", "fallback", "agents.abandonment &lt;= 5%", "exactly the staffing simulated"} {
		if !strings.Contains(got.HTML, want) {
			t.Errorf("no %q in the rota's details", want)
		}
	}
}

// checkRotaGrid checks the filled grid staff against g: the agents rows
// hold the staff on duty of the rota's model rm on each of their days,
// the other rows the file's values. It returns how many agents cells it
// checked.
func checkRotaGrid(t *testing.T, g *Grid, staff [][]int, rm *sim.Model) (filled int) {
	if len(staff) != len(g.Rows) {
		t.Fatalf("%d rows; want %d", len(staff), len(g.Rows))
	}
	for i, r := range g.Rows {
		if len(staff[i]) != g.Cols {
			t.Fatalf("row %d: %d columns; want %d", i, len(staff[i]), g.Cols)
		}
		if r.Stage != "agents" {
			for c, v := range staff[i] {
				if v != r.Values[c] {
					t.Errorf("%s %s %s: %d; want the file's %d", r.Label(), r.DaysText, g.ColumnName(c), v, r.Values[c])
				}
			}
			continue
		}
		for wd := range 7 {
			if r.Days&(1<<wd) == 0 {
				continue
			}
			want := onDutyPerColumn(t, g, rm.Stages[0].Groups[0].Staff[wd])
			for c := range want {
				if staff[i][c] != want[c] {
					t.Errorf("%s %s: %d; want the rota's %d on %s", r.Label(), g.ColumnName(c), staff[i][c], want[c], dayNames[wd])
				}
				filled++
			}
		}
	}
	return filled
}

// onDutyPerColumn is the staff on duty of each of g's columns from one
// day's schedule: the segment that covers the whole column, else 0. A
// staffed segment that covers part of a column fails the test.
func onDutyPerColumn(t *testing.T, g *Grid, day []sim.Segment) []int {
	want := make([]int, g.Cols)
	for _, sg := range day {
		for c := range want {
			from := g.From + float64(c)*g.Step
			if from >= sg.From && from+g.Step <= sg.To {
				want[c] = int(sg.Value)
			} else if from < sg.To && from+g.Step > sg.From && sg.Value != 0 {
				t.Fatalf("the rota's %v does not fit the grid's column %s", sg, g.ColumnName(c))
			}
		}
	}
	return want
}

// TestRotaNeedsWorkforce: a scenario without a workforce section shows
// the button disabled with the reason, and the endpoint gives the same
// reason.
func TestRotaNeedsWorkforce(t *testing.T) {
	b := newBench(t, Options{})
	d := b.doc()
	const why = "this scenario has no shift patterns to make a rota of (no workforce: section"
	_, _, page := b.get("/open?id=file:clinic.yaml")
	if !strings.Contains(page, `id="rota-help" disabled`) || !strings.Contains(page, why) {
		t.Errorf("the clinic's page does not disable the rota with the reason")
	}
	q := runRequest(d, d.Unchanged())
	q["targets"] = "booking.service_level >= 80%"
	_, lines := b.post("/api/rota", q)
	var msg string
	last(t, lines, "error", &msg)
	if !strings.Contains(msg, why) {
		t.Errorf("got %q; want %q", msg, why)
	}
	_, _, page = b.get("/open?id=builtin:helpline")
	if strings.Contains(page, `id="rota-help" disabled`) {
		t.Errorf("the helpline's rota button is disabled")
	}
}

// TestRotaCancelled: the rota stops when its request's context ends.
func TestRotaCancelled(t *testing.T) {
	b := newBench(t, Options{})
	b.w.rotaSolver = rota.Fallback
	d, err := b.w.doc("builtin:helpline", "")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	_, err = b.w.rota(ctx, d, d.Unchanged(), Settings{Days: 5, Replications: 20, Seed: 1}, []string{"agents.service_level >= 80%"}, nil, nil)
	if err == nil || time.Since(start) > 5*time.Second {
		t.Errorf("cancelled rota: %v after %s", err, time.Since(start))
	}
}

// TestRotaFill checks the rules by which a rota's staff fills the grid:
// a row for several weekdays on which the rota differs gets the most on
// duty of those days, and says so; a rota that changes inside a column
// or staffs outside the grid is refused.
func TestRotaFill(t *testing.T) {
	b := newBench(t, Options{})
	d := b.doc() // booking: one row for mon-fri, columns of an hour from 08:00 to 18:00
	wf := &scenarios.Workforce{Stages: []scenarios.WorkforceStage{{Stage: 0, Name: "booking"}}}
	staffed := func(days map[int][]sim.Segment) *sim.Model {
		m := *d.Scenario.Model
		m.Stages = slices.Clone(m.Stages)
		var staff [7][]sim.Segment
		for wd, segs := range days {
			staff[wd] = segs
		}
		staffStage(&m, 0, staff)
		return &m
	}
	week := func(segs ...sim.Segment) map[int][]sim.Segment {
		return map[int][]sim.Segment{1: segs, 2: segs, 3: segs, 4: segs, 5: segs}
	}
	seg := func(from, to string, n float64) sim.Segment {
		return sim.Segment{From: clock(t, from), To: clock(t, to), Value: n}
	}
	fridayMore := week(seg("08:00", "18:00", 2))
	fridayMore[5] = []sim.Segment{seg("08:00", "12:00", 4), seg("12:00", "18:00", 1)}
	tests := []struct {
		name  string
		staff map[int][]sim.Segment
		want  []int  // booking's row
		fill  string // in the rule said, "" for an exact fill
		err   string
	}{
		{"same every day", week(seg("08:00", "10:00", 3), seg("10:00", "18:00", 2)), []int{3, 3, 2, 2, 2, 2, 2, 2, 2, 2}, "", ""},
		{"friday differs", fridayMore, []int{4, 4, 4, 4, 2, 2, 2, 2, 2, 2}, "booking on mon-fri", ""},
		{"inside a column", week(seg("08:00", "08:30", 3), seg("08:30", "18:00", 2)), nil, "", "on duty on mon from 08:00 to 08:30, which the grid (08:00 to 18:00 in steps of 1h) cannot show"},
		{"outside the grid", week(seg("07:00", "18:00", 2)), nil, "", "from 07:00 to 18:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, fill, err := d.rotaFill(d.Unchanged(), wf, staffed(tt.staff))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("got %v; want an error with %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(out.Staff[0], tt.want) {
				t.Errorf("booking %v; want %v", out.Staff[0], tt.want)
			}
			if !slices.Equal(out.Staff[1], d.Grid.Rows[1].Values) {
				t.Errorf("consultation changed: %v", out.Staff[1])
			}
			if (tt.fill == "") != (fill == "") || !strings.Contains(fill, tt.fill) {
				t.Errorf("rule %q; want one naming %q", fill, tt.fill)
			}
		})
	}
}

func clock(t *testing.T, s string) float64 {
	t.Helper()
	tm, err := time.Parse("15:04", s)
	if err != nil {
		t.Fatal(err)
	}
	return float64(tm.Hour()*60 + tm.Minute())
}

// staffStage gives stage si of m (a copy with its own Stages) the staff
// schedule staff.
func staffStage(m *sim.Model, si int, staff [7][]sim.Segment) {
	s := m.Stages[si]
	s.Groups = slices.Clone(s.Groups)
	s.Groups[0].Staff = staff
	m.Stages[si] = s
}

// TestRotaUnmet: a target no rota reaches is reported as unmet, with
// what fails, and the grid still gets the last rota tried.
func TestRotaUnmet(t *testing.T) {
	if testing.Short() {
		t.Skip("a rota: solves and simulates for seconds")
	}
	b := newBench(t, Options{})
	b.w.rotaSolver = rota.Fallback
	d, err := b.w.doc("builtin:helpline", "")
	if err != nil {
		t.Fatal(err)
	}
	// 99% answered within 20 s in every quarter hour, on four
	// replications of one day: each rota that holds on the seed fails on
	// one of its fresh seeds, until the 20 rounds run out.
	v, err := b.w.rota(context.Background(), d, d.Unchanged(), Settings{Days: 1, Replications: 4, Seed: 5}, []string{"agents.service_level >= 99%"}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if v.Met || v.Unmet == "" || len(v.Staff) != len(d.Grid.Rows) {
		t.Fatalf("met %v, unmet %q, %d rows", v.Met, v.Unmet, len(v.Staff))
	}
	for _, want := range []string{"No rota met every target", `class="unmet"`, "agents.service_level &gt;= 99%"} {
		if !strings.Contains(v.HTML, want) {
			t.Errorf("no %q in the details", want)
		}
	}
	if !strings.Contains(v.Unmet, "within 20 rounds") {
		t.Errorf("unmet %q; want the rounds in the page's words", v.Unmet)
	}
}
