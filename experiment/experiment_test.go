package experiment

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

func TestValues(t *testing.T) {
	tests := []struct {
		spec string
		want []string
		ok   bool
	}{
		{"2..4", []string{"2", "3", "4"}, true},
		{"2, 4,8", []string{"2", "4", "8"}, true},
		{"7", []string{"7"}, true},
		{"4..2", nil, false},
		{"1..2000", nil, false},
		{"1,,2", nil, false},
	}
	for _, tt := range tests {
		got, err := Values(tt.spec)
		if (err == nil) != tt.ok || !slices.Equal(got, tt.want) {
			t.Errorf("Values(%q) = %q, %v; want %q (ok %v)", tt.spec, got, err, tt.want, tt.ok)
		}
	}
}

func TestGridSize(t *testing.T) {
	if n, err := GridSize([][]string{{"1", "2"}, {"a", "b", "c"}}); n != 6 || err != nil {
		t.Errorf("GridSize(2 × 3) = %d, %v; want 6", n, err)
	}
	big := make([]string, 1000)
	if _, err := GridSize([][]string{big, big}); !errors.Is(err, ErrGridTooLarge) {
		t.Errorf("GridSize(1000 × 1000) = %v; want ErrGridTooLarge", err)
	}
}

func TestUniqueNamesAndFailed(t *testing.T) {
	pts := []*Point{{Name: "a", File: "x.yaml"}, {Name: "a", File: "y.yaml"}, {Name: "b"}}
	UniqueNames(pts)
	if pts[0].Name != "a (x.yaml)" || pts[1].Name != "a (y.yaml)" || pts[2].Name != "b" {
		t.Errorf("names %q, %q, %q", pts[0].Name, pts[1].Name, pts[2].Name)
	}
	pts[0].Results = &sim.Results{}
	pts[1].Err = ErrInterrupted
	if err := Failed(pts); err != ErrInterrupted {
		t.Errorf("Failed = %v; want ErrInterrupted", err)
	}
	pts[1].Err = errors.New("broken")
	if err := Failed(pts); err == nil || err.Error() != "2 of 3 scenarios did not run" {
		t.Errorf("Failed = %v; want 2 of 3", err)
	}
}

// sweepPoints is a small sweep of the clinic's booking desk.
func sweepPoints(t *testing.T) []*Point {
	t.Helper()
	clinic, err := scenarios.Builtin("clinic")
	if err != nil {
		t.Fatal(err)
	}
	pts, err := Sweep(clinic, []string{"stages.booking.staff"}, [][]string{{"1", "2", "3"}})
	if err != nil {
		t.Fatal(err)
	}
	return pts
}

// TestShardsMergeToOneRun: three shards of an experiment, checked and
// merged, give the results one Run gives, replication for replication.
func TestShardsMergeToOneRun(t *testing.T) {
	opt := Options{Options: sim.Options{Replications: 4, Seed: 7, Workers: 2}, Days: 3, Version: "test"}
	whole := sweepPoints(t)
	Run(context.Background(), whole, opt)
	var parts []*Part
	var files []string
	for i := range 3 {
		p, err := NewShard(sweepPoints(t), opt, i, 3, "sweep", []string{"stages.booking.staff"}).Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		b, err := p.Encode()
		if err != nil {
			t.Fatal(err)
		}
		if p, err = DecodePart(b); err != nil {
			t.Fatal(err)
		}
		parts, files = append(parts, p), append(files, PartName(i, 3))
	}
	units, err := CheckParts(files, parts, "test", false)
	if err != nil {
		t.Fatal(err)
	}
	merged, err := Merge(parts[0], units, false)
	if err != nil {
		t.Fatal(err)
	}
	for i := range whole {
		a, _ := json.Marshal(whole[i].Results)
		b, _ := json.Marshal(merged[i].Results)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: merged results differ from one run's", whole[i].Name)
		}
	}
	// Without shard 1 the merge is refused, unless partial.
	if _, err := CheckParts([]string{files[0], files[2]}, []*Part{parts[0], parts[2]}, "test", false); err == nil {
		t.Error("a merge without shard 1 was accepted")
	}
	units, err = CheckParts([]string{files[0], files[2]}, []*Part{parts[0], parts[2]}, "test", true)
	if err != nil {
		t.Fatal(err)
	}
	partial, err := Merge(parts[0], units, true)
	if err != nil {
		t.Fatal(err)
	}
	// Units 1, 4, 7, 10 (point × 4 + replication) were shard 1's.
	if got := MissingUnits(partial); !slices.Equal(got, []string{
		"  stages.booking.staff=1: replication(s) 1",
		"  stages.booking.staff=2: replication(s) 0, 3",
		"  stages.booking.staff=3: replication(s) 2",
	}) {
		t.Errorf("MissingUnits = %q", got)
	}
	if _, err := CheckParts(files, parts, "other", false); err == nil {
		t.Error("parts of another build were accepted")
	}
}

// TestPrecision: ExtendToPrecision stops once the KPI is precise enough,
// or at the bound.
func TestPrecision(t *testing.T) {
	opt := Options{Options: sim.Options{Replications: 3, Seed: 1}, Days: 3}
	pts := sweepPoints(t)[:2]
	Run(context.Background(), pts, opt)
	p, err := ExtendToPrecision(context.Background(), pts, opt, []string{"booking.wait.mean"}, 1e-6, 8)
	if err != nil || p.Reached || p.Replications != 8 {
		t.Errorf("unreachable target: %+v, %v; want 8 replications, not reached", p, err)
	}
	p, err = ExtendToPrecision(context.Background(), pts, opt, []string{"booking.wait.mean"}, 0.5, 100)
	if err != nil || !p.Reached || p.Worst > 0.5 {
		t.Errorf("easy target: %+v, %v", p, err)
	}
}

// TestCheckGrid: CheckGrid refuses a grid Sweep refuses, whatever the
// position of the bad value, in a small grid (every point built) and in a
// large one (every value built once).
func TestCheckGrid(t *testing.T) {
	sc, err := scenarios.Builtin("clinic")
	if err != nil {
		t.Fatal(err)
	}
	if testing.Short() {
		// The long-grid path on a grid of 31 rather than 1001 points.
		old := checkEveryPoint
		checkEveryPoint = 30
		t.Cleanup(func() { checkEveryPoint = old })
	}
	many := make([]string, checkEveryPoint+1) // alone past checkEveryPoint
	for i := range many {
		many[i] = strconv.Itoa(i + 1)
	}
	tests := []struct {
		name   string
		params []string
		values [][]string
		want   string // "" for no error
	}{
		{"good", []string{"days", "stages.booking.staff"}, [][]string{{"1", "2"}, {"2", "3"}}, ""},
		{"days 0 second", []string{"days"}, [][]string{{"1", "0"}}, "days: out of range (got 0)"},
		{"negative staff", []string{"days", "stages.booking.staff"}, [][]string{{"1", "2"}, {"2", "-1"}}, "stages.booking.staff: out of range (got -1)"},
		{"not a number", []string{"stages.booking.staff"}, [][]string{{"1", "x"}}, `"x" is not a number of staff`},
		{"probability", []string{"channels.phone.retry.probability"}, [][]string{{"0.1", "1.1"}}, "must be between 0 and 0.999 (got 1.1)"},
		{"unknown path", []string{"stages.nosuch.staff"}, [][]string{{"1"}}, "stages.nosuch"},
		{"large good", []string{"stages.booking.staff"}, [][]string{many}, ""},
		{"large, bad last", []string{"stages.booking.staff", "days"}, [][]string{many, {"1", "0"}}, "days: out of range (got 0)"},
		{"large, bad in the long list", []string{"days", "stages.booking.staff"}, [][]string{{"1", "2"}, append(slices.Clone(many), "-3")}, "out of range (got -3)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckGrid(sc, tt.params, tt.values)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("got %v; want no error", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("got %v; want %q", err, tt.want)
			}
			if n, _ := GridSize(tt.values); n <= checkEveryPoint {
				if _, serr := Sweep(sc, tt.params, tt.values); (serr == nil) != (err == nil) {
					t.Errorf("Sweep: %v; CheckGrid: %v", serr, err)
				}
			}
		})
	}
}
