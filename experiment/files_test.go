package experiment

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

func TestParseVary(t *testing.T) {
	tests := []struct {
		name   string
		vary   []string
		params []string
		sizes  []int
		err    string
	}{
		{"two", []string{"stages.booking.staff=2..4", "days=1,3"}, []string{"stages.booking.staff", "days"}, []int{3, 2}, ""},
		{"no =", []string{"stages.booking.staff"}, nil, nil, `"stages.booking.staff": write PATH=VALUES`},
		{"empty values", []string{"days="}, nil, nil, "write PATH=VALUES"},
		{"bad range", []string{"days=4..2"}, nil, nil, `days: "4..2": a range`},
		{"too large", []string{"a=1..1000", "b=1..1000"}, nil, nil, ErrGridTooLarge.Error()},
		{"twice", []string{"stages.booking.staff=2,3", "stages.booking.staff=4,5"}, nil, nil, "stages.booking.staff: varied twice; give each path once, with all its values (stages.booking.staff=2,3,...)"},
		{"value twice", []string{"stages.booking.staff=2,3,2"}, nil, nil, "stages.booking.staff: 2 is given twice; give each value once"},
		{"same number", []string{"days=1", "stages.booking.staff=2,2.0"}, nil, nil, "stages.booking.staff: 2.0 is the same value as 2; give each value once"},
		{"leading zero", []string{"stages.booking.staff=2,02"}, nil, nil, "stages.booking.staff: 02 is the same value as 2"},
		{"exponent", []string{"days=10,1e1"}, nil, nil, "days: 1e1 is the same value as 10"},
		{"percent", []string{"channels.phone.retry.probability=0.5,50%"}, nil, nil, "50% is the same value as 0.5"},
		{"same duration", []string{"stages.booking.target=90s,1m30s"}, nil, nil, "stages.booking.target: 1m30s is the same value as 90s"},
		{"zero duration", []string{"stages.booking.target=0,0s"}, nil, nil, "0s is the same value as 0"},
		{"near numbers differ", []string{"x=9007199254740992,9007199254740993"}, []string{"x"}, []int{2}, ""},
		{"distinct texts", []string{"x=serve,send_away"}, []string{"x"}, []int{2}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			params, values, err := ParseVary(tt.vary)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("ParseVary(%q) error = %v; want %q", tt.vary, err, tt.err)
				}
				return
			}
			if err != nil || !slices.Equal(params, tt.params) {
				t.Fatalf("ParseVary(%q) = %q, %v; want %q", tt.vary, params, err, tt.params)
			}
			for i, v := range values {
				if len(v) != tt.sizes[i] {
					t.Errorf("values[%d] = %q; want %d values", i, v, tt.sizes[i])
				}
			}
		})
	}
}

func TestDefaultKPIs(t *testing.T) {
	pts := sweepPoints(t)[:1]
	Run(context.Background(), pts, Options{Options: sim.Options{Replications: 2, Seed: 1}, Days: 1})
	r := pts[0].Results
	if r == nil {
		t.Fatal(pts[0].Err)
	}
	for _, kpis := range [][]string{SweepKPIs(r), PrecisionKPIs(r)} {
		if err := CheckKPIs(pts[0].Scenario.Model, kpis); len(kpis) == 0 || err != nil {
			t.Errorf("default KPIs %q: %v", kpis, err)
		}
	}
	if got := PrecisionKPIs(r); len(got) != len(r.Stages) || got[0] != r.Stages[0]+".wait.mean" {
		t.Errorf("PrecisionKPIs = %q; want each stage's mean wait", got)
	}
	if err := CheckKPIs(pts[0].Scenario.Model, []string{"nps", "nosuch.kpi"}); err == nil || !strings.Contains(err.Error(), `"nosuch.kpi"`) {
		t.Errorf("CheckKPIs = %v; want nosuch.kpi refused", err)
	}
}

// TestLoadFiles: a directory of one valid file with a variant, one
// invalid file, read as a batch's points (and counted as a plan).
func TestLoadFiles(t *testing.T) {
	src, err := scenarios.BuiltinStandalone("clinic")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.yaml")
	if err := os.WriteFile(good, src, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte("name: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sc, err := scenarios.Load(good)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var told []string
	pts, first, invalid, err := LoadFiles(ctx, []string{good, bad}, scenarios.Options{}, func(*scenarios.Scenario) uint64 { return 5 },
		func(f string, _ *scenarios.Scenario, err error) {
			told = append(told, filepath.Base(f)+":"+map[bool]string{true: "ok", false: "bad"}[err == nil])
		})
	if err != nil || first == nil || invalid != 1 || len(pts) != len(sc.All())+1 {
		t.Fatalf("LoadFiles = %d points, first %v, %d invalid, %v; want %d points, 1 invalid", len(pts), first != nil, invalid, err, len(sc.All())+1)
	}
	if !slices.Equal(told, []string{"a.yaml:ok", "b.yaml:bad"}) || *pts[0].Seed != 5 || pts[len(pts)-1].Err == nil {
		t.Errorf("LoadFiles told %q, seed %d, last point error %v", told, *pts[0].Seed, pts[len(pts)-1].Err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, _, _, err := LoadFiles(cancelled, []string{good}, scenarios.Options{}, func(*scenarios.Scenario) uint64 { return 1 }, nil); err != ErrInterrupted {
		t.Errorf("LoadFiles on a cancelled context = %v; want ErrInterrupted", err)
	}
}

// TestMergeFiles: shard parts written to a folder merge whole; without
// one, only partially, with the shortfall named; no parts and a plan of
// another experiment are input errors.
func TestMergeFiles(t *testing.T) {
	ctx := context.Background()
	opt := Options{Options: sim.Options{Replications: 2, Seed: 3}, Days: 1, Version: "test"}
	dir := t.TempDir()
	for i := range 3 {
		p, err := NewShard(sweepPoints(t), opt, i, 3, "sweep", []string{"stages.booking.staff"}).Run(ctx)
		if err != nil {
			t.Fatal(err)
		}
		b, err := p.Encode()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, PartName(i, 3)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m, err := MergeFiles(ctx, []string{dir}, nil, "", "test", false)
	if err != nil {
		t.Fatal(err)
	}
	if lines, err := m.Shortfall(); len(m.Points) != 3 || lines != nil || err != nil {
		t.Errorf("complete merge: %d points, shortfall %q, %v; want 3 points and none", len(m.Points), lines, err)
	}
	one := filepath.Join(dir, PartName(1, 3))
	if err := os.Remove(one); err != nil {
		t.Fatal(err)
	}
	if _, err := MergeFiles(ctx, []string{dir}, nil, "", "test", false); !errors.As(err, new(*InputError)) {
		t.Errorf("merge without shard 1 = %v; want an InputError", err)
	}
	m, err = MergeFiles(ctx, []string{dir}, nil, "", "test", true)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := m.Shortfall()
	if err != nil || len(lines) != 3 || !strings.HasPrefix(lines[0], "partial: shard(s) 1 of 3 missing, 2 of 6 work units") {
		t.Errorf("partial shortfall = %q, %v; want shard 1 and its 2 units named", lines, err)
	}
	plan := &Plan{Shards: 4, Seed: 3, Replications: 2, Scenarios: 3}
	for _, tt := range []struct {
		args []string
		plan *Plan
		want string
	}{
		{[]string{t.TempDir()}, nil, "nothing to merge:"},
		{[]string{filepath.Join(dir, "part-*-of-5.gob")}, nil, "part-0-of-5.gob"},
		{[]string{dir}, plan, "is not from --plan plan.json: 3 shards"},
		{[]string{dir}, &Plan{Shards: 3, Seed: 3, Replications: 2, Scenarios: 4, WorkUnits: 8}, "the plan has 4 scenarios (got 3 in the part, 3 of them run)"},
		{[]string{dir}, &Plan{Shards: 3, Seed: 3, Replications: 2, Scenarios: 2, WorkUnits: 4}, "the plan has 2 scenarios (got 3 in the part, 3 of them run)"},
	} {
		_, err := MergeFiles(ctx, tt.args, tt.plan, "plan.json", "test", true)
		if ie, ok := errors.AsType[*InputError](err); !ok || !strings.Contains(ie.Error(), tt.want) {
			t.Errorf("MergeFiles(%q) = %v; want an InputError with %q", tt.args, err, tt.want)
		}
	}
}

func TestPlanWriteRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "plan.json")
	p := Plan{Version: "test", Scenarios: 3, Replications: 10, Seed: 9, WorkUnits: 30, Shards: 4}
	if err := p.Write(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	got, err := ReadPlan(path)
	if err != nil || *got != p {
		t.Errorf("ReadPlan = %+v, %v; want %+v", got, err, p)
	}
}

func TestResultSet(t *testing.T) {
	pts := sweepPoints(t)
	pts[2].Err = errors.New("boom")
	Run(context.Background(), pts[:2], Options{Options: sim.Options{Replications: 2, Seed: 1}, Days: 1})
	x := ResultSet("test", "sweep clinic", []string{"stages.booking.staff"}, pts, Options{Options: sim.Options{Replications: 2, Seed: 1}})
	if len(x.Entries) != 3 || x.Entries[2].Error != "boom" || x.Entries[0].Results == nil || *x.Entries[0].Seed != 1 || len(x.Entries[0].Assumptions) == 0 {
		t.Errorf("ResultSet entries = %+v", x.Entries)
	}
	if _, err := x.Files(); err != nil {
		t.Error(err)
	}
}

func TestSummary(t *testing.T) {
	sc, err := scenarios.Builtin("clinic")
	if err != nil {
		t.Fatal(err)
	}
	m := *sc.Model
	m.Days = 1
	res, err := sim.Run(context.Background(), &m, sim.Options{Replications: 2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	s := Summary("test", sc, []string{"w"}, res)
	if s.Scenario.Name != m.Name || s.Scenario.SHA256 != sc.Hash || s.Currency != sc.Currency || len(s.Assumptions) == 0 || s.Warnings[0] != "w" || s.Results != res {
		t.Errorf("Summary = %+v", s)
	}
}

func TestParsePrecision(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{{"5%", 0.05, true}, {"0.05", 0.05, true}, {"0.5%", 0.005, true}, {"100%", 0, false}, {"0", 0, false}, {"x%", 0, false}, {"", 0, false}}
	for _, tt := range tests {
		got, err := ParsePrecision(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParsePrecision(%q) = %g, %v; want %g (ok %v)", tt.in, got, err, tt.want, tt.ok)
		}
	}
}
