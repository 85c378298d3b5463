package scenarios

import (
	"context"
	"math"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/svcsim/svcsim/sim"
)

// TestBuiltinsNoUnboundedQueue checks that no built-in, base or variant,
// offers a stage more work than its staff can do: a built-in teaches by
// example, and a queue that grows for as long as the run lasts makes every
// figure depend on the run's length.
func TestBuiltinsNoUnboundedQueue(t *testing.T) {
	for _, info := range Builtins() {
		t.Run(info.Name, func(t *testing.T) {
			s, err := Builtin(info.Name)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range s.All() {
				for _, w := range sim.LoadWarnings(v.Model) {
					t.Errorf("%s: %s", v.Name(), w)
				}
			}
		})
	}
}

// TestBuiltinStandalone checks that the standalone text of every built-in
// loads with no files beside it into the same model as the built-in.
func TestBuiltinStandalone(t *testing.T) {
	for _, info := range Builtins() {
		t.Run(info.Name, func(t *testing.T) {
			want, err := Builtin(info.Name)
			if err != nil {
				t.Fatal(err)
			}
			src, err := BuiltinStandalone(info.Name)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Parse(fstest.MapFS{}, info.Name+".yaml", src)
			if err != nil {
				t.Fatalf("standalone text does not load on its own: %v", err)
			}
			if len(got.All()) != len(want.All()) {
				t.Fatalf("%d scenarios; want %d", len(got.All()), len(want.All()))
			}
			for i, g := range got.All() {
				w := want.All()[i]
				if !reflect.DeepEqual(g.Model, w.Model) {
					t.Errorf("%s: model differs from the built-in's", w.Name())
				}
			}
			data, err := BuiltinData(info.Name)
			if err != nil {
				t.Fatal(err)
			}
			plain, _ := BuiltinSource(info.Name)
			if len(data) == 0 && string(src) != string(plain) {
				t.Errorf("built-in without data files: standalone text is not the source verbatim")
			}
		})
	}
}

func TestBuiltinData(t *testing.T) {
	data, err := BuiltinData("repairshop")
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range data {
		paths = append(paths, f.Path)
		if len(f.Data) == 0 {
			t.Errorf("%s is empty", f.Path)
		}
	}
	// The variant's arrival trace counts too, not only the base's files.
	want := "data/arrivals_week.csv data/phone_volumes.csv data/repair_minutes.csv data/roster.csv"
	if got := strings.Join(paths, " "); got != want {
		t.Errorf("repairshop data files = %s; want %s", got, want)
	}
	if data, err := BuiltinData(DefaultBuiltin); err != nil || len(data) != 0 {
		t.Errorf("BuiltinData(%s) = %v, %v; want no files", DefaultBuiltin, data, err)
	}
}

// TestClinicSteadyState checks that the clinic's appointment book does not
// build up a backlog: over 60 days almost every patient gets a slot, and
// the mean lead time matches the default run's and a 5-day run's. The
// runs share seeds, so their estimates are positively correlated and the
// half-width of a difference is at most sqrt(h1² + h2²) (independent
// runs); twice that, about 4 standard errors, allows for noise while a
// growing book (the old clinic went from 2.0 to 7.1 days) fails by far.
func TestClinicSteadyState(t *testing.T) {
	s, err := Builtin("clinic")
	if err != nil {
		t.Fatal(err)
	}
	run := func(days int) (lead, leadHW, noSlot float64) {
		m := *s.Model
		m.Days = days
		r, err := sim.Run(context.Background(), &m, sim.Options{Replications: s.Replications, Seed: s.Seed})
		if err != nil {
			t.Fatal(err)
		}
		l, n := r.KPI("consultation.lead.mean"), r.KPI("consultation.no_slot")
		if l == nil || n == nil {
			t.Fatal("no consultation.lead.mean or consultation.no_slot KPI")
		}
		return l.Mean, l.HalfWidth, n.Mean
	}
	long, longHW, noSlot := run(60)
	if noSlot >= 0.01 {
		t.Errorf("over 60 days %.1f%% could not get an appointment; want < 1%%", 100*noSlot)
	}
	for _, days := range []int{5, s.Model.Days} {
		lead, hw, _ := run(days)
		if tol := 2 * math.Hypot(hw, longHW); math.Abs(long-lead) > tol {
			t.Errorf("mean lead time %.3f days over 60 days, %.3f over %d; want within %.3f (2 × the difference's half-width)", long, lead, days, tol)
		}
	}
}
