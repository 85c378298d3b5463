package rota

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// needCBC skips a test that needs the cbc binary when it is missing, and
// fails it instead when SVCSIM_REQUIRE_CBC=1 (set by .ci/run, which
// installs coinor-cbc).
func needCBC(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("cbc"); err != nil {
		if os.Getenv("SVCSIM_REQUIRE_CBC") == "1" {
			t.Fatalf("cbc is not on PATH but SVCSIM_REQUIRE_CBC=1: install the Debian package coinor-cbc")
		}
		t.Skip("cbc is not on PATH (install the Debian package coinor-cbc to test the exact solver)")
	}
}

// solvers are the two paths every known-optimum case runs on.
var solvers = []SolverKind{CBC, Fallback}

func solve(t *testing.T, p *Problem, k SolverKind) *Plan {
	t.Helper()
	if k == CBC {
		needCBC(t)
	}
	pl, err := Solve(context.Background(), p, Options{Solver: k})
	if err != nil {
		t.Fatalf("Solve: %v", err)
	}
	for i, c := range pl.Coverage {
		if c < p.Requirement[i] {
			t.Errorf("coverage[%d] = %d; want >= %d", i, c, p.Requirement[i])
		}
	}
	want := "cbc"
	if k == Fallback {
		want = "fallback"
	}
	if !strings.HasPrefix(pl.Solver, want) {
		t.Errorf("Solver = %q; want %s…", pl.Solver, want)
	}
	return pl
}

// hours is a problem on hour intervals from 08:00, small enough to check
// by hand.
func hours(req ...int) *Problem {
	return &Problem{Stage: "desk", From: 8 * 60, Interval: 60, Requirement: req}
}

func TestKnownOptima(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		p        *Problem
		cost     float64 // the optimum, worked out in the comment
		bound    float64 // the LP relaxation's optimum
		head, pt int
	}{
		{
			// One 4 h shift covers the day: 4 h × 10.
			name: "one shift",
			p: func() *Problem {
				p := hours(1, 1, 1, 1)
				p.Patterns = []Pattern{{Name: "day", Starts: []float64{480}, Lengths: []float64{240}, CostPerHour: 10}}
				return p
			}(),
			cost: 40, bound: 40, head: 1,
		},
		{
			// A 4 h shift with an unpaid 1 h break at 09:00 or 10:00
			// (window 1–3 h) costs 30 and works 3 h; a 1 h cover costs
			// 15. With a+b of the two placements, the need of 2 an hour
			// costs 30(a+b) + 15(8 − 3(a+b)) ≥ 90 once a+b = 2 leaves
			// 2 cover hours (a+b > 2 over-covers 08:00 and 11:00). So 90,
			// with the LP at 90 too.
			name: "lunch placements and a cover",
			p: func() *Problem {
				p := hours(2, 2, 2, 2)
				p.Patterns = []Pattern{
					{Name: "day", Starts: []float64{480}, Lengths: []float64{240}, CostPerHour: 10,
						Breaks: []Break{{Length: 60, WindowFrom: 60, WindowTo: 180}}},
					{Name: "cover", Starts: Every(480, 660, 60), Lengths: []float64{60}, CostPerHour: 15},
				}
				return p
			}(),
			cost: 90, bound: 90, head: 4,
		},
		{
			// The odd cycle: shifts cover {08,09}, {09,10} or, with an
			// unpaid break 09:00–10:00, {08,10}, each costing 20. The LP
			// takes half of each (30); whole people need two (40): a gap
			// of 1/3 that no solver can close.
			name: "odd cycle",
			p: func() *Problem {
				p := hours(1, 1, 1)
				p.Patterns = []Pattern{
					{Name: "two", Starts: []float64{480, 540}, Lengths: []float64{120}, CostPerHour: 10},
					{Name: "split", Starts: []float64{480}, Lengths: []float64{180}, CostPerHour: 10,
						Breaks: []Break{{Length: 60, WindowFrom: 60, WindowTo: 120}}},
				}
				return p
			}(),
			cost: 40, bound: 30, head: 2,
		},
		{
			// Part-timers (2 h at 8/h = 16, at 08:00 or 10:00) are
			// cheaper than a 4 h full-timer (40) per hour, but may be at
			// most half the staff: f full-timers and p per half need
			// f + p ≥ 3 and 2p ≤ f + 2p over 2, so f ≥ 2; f = 2, p = 1:
			// 80 + 32 = 112.
			name: "part-time share",
			p: func() *Problem {
				p := hours(3, 3, 3, 3)
				p.Patterns = []Pattern{
					{Name: "full", Starts: []float64{480}, Lengths: []float64{240}, CostPerHour: 10},
					{Name: "part", Starts: []float64{480, 600}, Lengths: []float64{120}, CostPerHour: 8},
				}
				p.PartTimeBelow, p.MaxPartTimeShare = 180, 0.5
				return p
			}(),
			cost: 112, bound: 112, head: 4, pt: 2,
		},
		{
			// The same with at most 3 staff: only 3 full-timers fit.
			name: "headcount",
			p: func() *Problem {
				p := hours(3, 3, 3, 3)
				p.Patterns = []Pattern{
					{Name: "full", Starts: []float64{480}, Lengths: []float64{240}, CostPerHour: 10},
					{Name: "part", Starts: []float64{480, 600}, Lengths: []float64{120}, CostPerHour: 8},
				}
				p.MaxHeadcount = 3
				return p
			}(),
			cost: 120, bound: 120, head: 3,
		},
		{
			// Without limits six part-timers (96) beat everything; a
			// minimum of one full-timer makes it 40 + 4 × 16 = 104, and a
			// maximum of 2 part-timers leaves f ≥ 2: 2 × 40 + 2 × 16 = 112.
			name: "pattern minimum and maximum",
			p: func() *Problem {
				p := hours(3, 3, 3, 3)
				p.Patterns = []Pattern{
					{Name: "full", Starts: []float64{480}, Lengths: []float64{240}, CostPerHour: 10, Min: 1},
					{Name: "part", Starts: []float64{480, 600}, Lengths: []float64{120}, CostPerHour: 8, Max: 2},
				}
				return p
			}(),
			cost: 112, bound: 112, head: 4,
		},
		{
			// A paid break is paid: the 4 h shift with a paid 1 h break
			// costs 40 and works 3 h, so the 4 h shift without one (also
			// 40) wins for 1 staff all day.
			name: "paid break",
			p: func() *Problem {
				p := hours(1, 1, 1, 1)
				p.Patterns = []Pattern{
					{Name: "paid", Starts: []float64{480}, Lengths: []float64{240}, CostPerHour: 10,
						Breaks: []Break{{Length: 60, WindowFrom: 60, WindowTo: 180, Paid: true}}},
					{Name: "cover", Starts: Every(480, 660, 60), Lengths: []float64{60}, CostPerHour: 20},
					{Name: "plain", Starts: []float64{480}, Lengths: []float64{240}, CostPerHour: 10.5},
				}
				return p
			}(),
			// paid + one cover = 60; plain = 42
			cost: 42, bound: 42, head: 1,
		},
	}
	for _, tc := range cases {
		for _, k := range solvers {
			t.Run(tc.name+"/"+k.String(), func(t *testing.T) {
				pl := solve(t, tc.p, k)
				if math.Abs(pl.Cost-tc.cost) > 1e-9 {
					t.Errorf("Cost = %v; want %v (shifts %+v)", pl.Cost, tc.cost, pl.Shifts)
				}
				// The fallback's LP rows are loosened by up to 1e-6.
				if math.Abs(pl.LPBound-tc.bound) > 1e-4 {
					t.Errorf("LPBound = %v; want %v", pl.LPBound, tc.bound)
				}
				if want := (tc.cost - tc.bound) / tc.bound; math.Abs(pl.Gap-want) > 1e-4 {
					t.Errorf("Gap = %v; want %v", pl.Gap, want)
				}
				if pl.Headcount != tc.head || pl.PartTime != tc.pt {
					t.Errorf("Headcount, PartTime = %d, %d; want %d, %d", pl.Headcount, pl.PartTime, tc.head, tc.pt)
				}
				sum, cost := 0, 0.0
				for _, s := range pl.Shifts {
					sum += s.Count
					cost += float64(s.Count) * s.Cost
				}
				if sum != pl.Headcount || math.Abs(cost-pl.Cost) > 1e-9 {
					t.Errorf("shifts sum to %d staff, %v; plan says %d, %v", sum, cost, pl.Headcount, pl.Cost)
				}
				if k == CBC && !pl.Optimal {
					t.Errorf("Optimal = false; CBC proves these small cases")
				}
			})
		}
	}
}

// TestGapRealistic is the acceptance check on the 12-hour, 15-minute,
// 526-shift day: within 2% of the LP bound with CBC, 10% with the
// fallback.
func TestGapRealistic(t *testing.T) {
	t.Parallel()
	p := realistic()
	m, err := expand(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.cols) < 500 {
		t.Fatalf("the instance has %d shifts; want 500+", len(m.cols))
	}
	for _, k := range solvers {
		t.Run(k.String(), func(t *testing.T) {
			pl := solve(t, p, k)
			limit := map[SolverKind]float64{CBC: 0.02, Fallback: 0.10}[k]
			t.Logf("%s: cost %.2f, LP bound %.2f, gap %.3f%%, %d staff", pl.Solver, pl.Cost, pl.LPBound, 100*pl.Gap, pl.Headcount)
			if pl.Gap > limit || pl.Gap < 0 {
				t.Errorf("Gap = %.4f; want in [0, %v]", pl.Gap, limit)
			}
		})
	}
}

// TestGapRandom checks the same limits on seeded random days that are
// harder than the realistic one (the fallback is measured 0–4.3% above
// the bound on seeds 1–30).
func TestGapRandom(t *testing.T) {
	t.Parallel()
	seeds := []uint64{1, 6, 12, 18, 19, 26}
	if testing.Short() {
		seeds = seeds[:1] // one hard case; the rest under the full suite
	}
	for _, seed := range seeds {
		p := randomProblem(seed, seed%3 == 0)
		for _, k := range solvers {
			t.Run(fmt.Sprintf("seed %d/%s", seed, k), func(t *testing.T) {
				if k == CBC {
					needCBC(t)
				}
				pl, err := Solve(context.Background(), p, Options{Solver: k, TimeLimit: 20 * time.Second})
				if err != nil {
					t.Fatal(err)
				}
				limit := map[SolverKind]float64{CBC: 0.02, Fallback: 0.10}[k]
				t.Logf("seed %d: %s: cost %.2f, LP bound %.2f, gap %.3f%%", seed, pl.Solver, pl.Cost, pl.LPBound, 100*pl.Gap)
				if pl.Gap > limit || pl.Gap < 0 {
					t.Errorf("seed %d: Gap = %.4f; want in [0, %v]", seed, pl.Gap, limit)
				}
			})
		}
	}
}

// TestWithoutBreaksIntegral checks the consecutive-ones property: without
// breaks the LP optimum is integral, so both solvers reach the bound.
func TestWithoutBreaksIntegral(t *testing.T) {
	t.Parallel()
	p := realistic()
	for i := range p.Patterns {
		p.Patterns[i].Breaks = nil
	}
	p.PartTimeBelow = 0
	for _, k := range solvers {
		t.Run(k.String(), func(t *testing.T) {
			pl := solve(t, p, k)
			if pl.Gap > 1e-6 {
				t.Errorf("Gap = %v; want 0 (cost %v, bound %v)", pl.Gap, pl.Cost, pl.LPBound)
			}
		})
	}
}

func TestExpand(t *testing.T) {
	p := realistic()
	m, err := expand(p)
	if err != nil {
		t.Fatal(err)
	}
	// 8 h: 17 starts × lunch starting 3:00–5:30 on the quarter hour (11);
	// 6 h: 25 × 2:00–4:00 (9); 4 h: 33 × 1; 10 h: 9 × 4:00–6:00 (9).
	if want := 17*11 + 25*9 + 33 + 9*9; len(m.cols) != want {
		t.Errorf("%d shifts; want %d", len(m.cols), want)
	}
	c := m.cols[0] // 8 h from 07:00, lunch 10:00–10:30
	if c.start != 420 || c.length != 480 || len(c.breaks) != 1 || c.breaks[0] != 600 {
		t.Errorf("first shift = %+v; want 07:00 8 h lunch at 10:00", c)
	}
	if len(c.rows) != 30 || c.cost != 20*7.5 {
		t.Errorf("first shift works %d quarter hours at cost %v; want 30 at 150", len(c.rows), c.cost)
	}
	for _, r := range c.rows {
		if r == 12 || r == 13 {
			t.Errorf("first shift works interval %d, its lunch", r)
		}
	}

	// MinShift: the 4 h shifts take no lunch, the 8 h ones do; starts
	// past the horizon are left out and counted.
	q := &Problem{From: 420, Interval: 30, Requirement: make([]int, 20), // 07:00–17:00
		Patterns: []Pattern{{Name: "mixed", Starts: Every(420, 600, 60), Lengths: []float64{240, 480},
			Breaks: []Break{{Length: 30, WindowFrom: 180, WindowTo: 300, MinShift: 360}}, CostPerHour: 1}}}
	m, err = expand(q)
	if err != nil {
		t.Fatal(err)
	}
	// 4 h: 4 starts, no break; 8 h: 07:00–09:00 fit (3), 10:00 ends
	// 18:00 and is left out, 4 lunch placements each.
	if len(m.cols) != 4+3*4 || m.skipped[0] != 1 {
		t.Errorf("%d shifts, %d left out; want 16, 1", len(m.cols), m.skipped[0])
	}
	for _, c := range m.cols {
		if (c.length == 240) != (len(c.breaks) == 0) {
			t.Errorf("shift %+v: the lunch applies to shifts of 6 h and more only", c)
		}
	}
	q.Requirement[0] = 1
	pl, err := Solve(context.Background(), q, Options{Solver: Fallback})
	if err != nil {
		t.Fatal(err)
	}
	if len(pl.Messages) == 0 || !strings.Contains(pl.Messages[0], `"mixed": 1 start/length combinations lie outside the horizon 07:00–17:00`) {
		t.Errorf("Messages = %q; want the left-out combination", pl.Messages)
	}
}

func TestBadInput(t *testing.T) {
	base := func() *Problem {
		p := hours(1, 1, 1, 1)
		p.Patterns = []Pattern{{Name: "day", Starts: []float64{480}, Lengths: []float64{240}, CostPerHour: 10}}
		return p
	}
	cases := []struct {
		name string
		edit func(p *Problem)
		want []string
	}{
		{"uncovered interval", func(p *Problem) {
			p.Requirement = []int{1, 1, 1, 1, 2, 3}
		}, []string{`stage "desk"`, "interval 12:00–14:00 needs up to 3 staff but no shift"}},
		{"interval on a break", func(p *Problem) {
			p.Patterns[0].Breaks = []Break{{Length: 60, WindowFrom: 60, WindowTo: 120}}
		}, []string{"interval 09:00–10:00 needs up to 1 staff"}},
		{"start off the grid", func(p *Problem) {
			p.Patterns[0].Starts = []float64{490}
		}, []string{"patterns[0].starts[0]: must be on the 1h grid from 08:00 (got 08:10)"}},
		{"length off the grid", func(p *Problem) {
			p.Patterns[0].Lengths = []float64{250}
		}, []string{"patterns[0].lengths[0]: must be a positive multiple of the interval 1h (got 4h10m)"}},
		{"no placement", func(p *Problem) {
			p.Patterns[0].Breaks = []Break{{Length: 60, WindowFrom: 270, WindowTo: 400}}
		}, []string{"patterns[0].breaks: no placement of the breaks fits a 4h shift"}},
		{"break window too short", func(p *Problem) {
			p.Patterns[0].Breaks = []Break{{Length: 60, WindowFrom: 60, WindowTo: 90}}
		}, []string{"patterns[0].breaks[0].window: must hold the 1h break"}},
		{"min above max", func(p *Problem) {
			p.Patterns[0].Min, p.Patterns[0].Max = 3, 2
		}, []string{"patterns[0].min: must be <= max 2 (got 3)"}},
		{"every problem reported", func(p *Problem) {
			p.Patterns[0].CostPerHour = 0
			p.Patterns = append(p.Patterns, Pattern{Name: "day", Starts: []float64{480}, Lengths: []float64{240}, CostPerHour: 1})
			p.Requirement[1] = -1
		}, []string{"patterns[0].cost_per_hour: must be positive (got 0)", `patterns[1].name: "day" is already the name of patterns[0]`, "requirement[1]: interval 09:00–10:00 must need >= 0 staff (got -1)"}},
		{"outside the horizon", func(p *Problem) {
			p.Patterns[0].Starts = []float64{600}
		}, []string{`patterns[0]: "day" has no shift inside the horizon 08:00–12:00`}},
		{"maximum below the need", func(p *Problem) {
			p.Requirement = []int{1, 3, 1, 1}
			p.Patterns[0].Max = 2
		}, []string{`interval 09:00–10:00 needs 3 staff but the patterns that work then allow at most 2 ("day" max 2)`}},
		{"headcount below the need", func(p *Problem) {
			p.Requirement = []int{1, 3, 1, 1}
			p.MaxHeadcount = 2
		}, []string{"max_headcount: 2 is below the 3 staff interval 09:00–10:00 needs"}},
		{"minimums above the headcount", func(p *Problem) {
			p.Patterns[0].Min = 3
			p.MaxHeadcount = 2
		}, []string{"max_headcount: 2 is below the patterns' minimums, which add up to 3"}},
		{"share out of range", func(p *Problem) {
			p.PartTimeBelow, p.MaxPartTimeShare = 300, 1.5
		}, []string{"max_part_time_share: must be in [0, 1] (got 1.5)"}},
		{"limits contradict jointly", func(p *Problem) {
			// f ≤ 2 full-timers leaves p ≥ 1 part-timers per half, 2 in
			// all, but a 40% share allows 0.4(f+p) ≥ p only for p ≤ 1.33.
			p.Requirement = []int{3, 3, 3, 3}
			p.Patterns[0].Max = 2
			p.Patterns = append(p.Patterns, Pattern{Name: "part", Starts: []float64{480, 600}, Lengths: []float64{120}, CostPerHour: 8})
			p.PartTimeBelow, p.MaxPartTimeShare = 180, 0.4
		}, []string{`limits: no rota meets the requirement within these limits together: pattern "day" max 2; max_part_time_share 0.4 of shifts under 3h`}},
		{"interval", func(p *Problem) { p.Interval = 0 }, []string{"interval: must be positive (got 0m)"}},
	}
	t.Run("fields", func(t *testing.T) {
		// Each problem is a *FieldError a file reader can place.
		p := base()
		p.Patterns[0].Lengths = []float64{250}
		p.MaxHeadcount = -1
		_, err := Solve(context.Background(), p, Options{Solver: Fallback})
		var fields []string
		var walk func(error)
		walk = func(err error) {
			if fe, ok := err.(*FieldError); ok {
				fields = append(fields, fe.Field)
			}
			if j, ok := err.(interface{ Unwrap() []error }); ok {
				for _, e := range j.Unwrap() {
					walk(e)
				}
			} else if e := errors.Unwrap(err); e != nil {
				walk(e)
			}
		}
		walk(err)
		if want := []string{"max_headcount", "patterns[0].lengths[0]"}; !slices.Equal(fields, want) {
			t.Errorf("fields %q; want %q (error %v)", fields, want, err)
		}
	})
	for _, tc := range cases {
		for _, k := range solvers {
			t.Run(tc.name+"/"+k.String(), func(t *testing.T) {
				if k == CBC {
					needCBC(t)
				}
				p := base()
				tc.edit(p)
				pl, err := Solve(context.Background(), p, Options{Solver: k})
				if err == nil {
					t.Fatalf("Solve = %+v, nil; want an error", pl)
				}
				for _, w := range tc.want {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q\ndoes not say %q", err, w)
					}
				}
			})
		}
	}
}

// fakeCBC writes a shell script standing in for cbc.
func fakeCBC(t *testing.T, body string) string {
	t.Helper()
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh to run a stand-in cbc")
	}
	path := filepath.Join(t.TempDir(), "cbc")
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestFallback covers the paths that end in the fallback and the ones
// that must not: a missing, failing or hanging cbc under Auto falls back
// with a message saying why; under CBC they are errors.
func TestFallback(t *testing.T) {
	p := hours(2, 2, 2, 2)
	p.Patterns = []Pattern{{Name: "day", Starts: []float64{480}, Lengths: []float64{240}, CostPerHour: 10}}
	old := cbcGrace
	cbcGrace = 100 * time.Millisecond
	t.Cleanup(func() { cbcGrace = old })
	cases := []struct {
		name string
		bin  func(t *testing.T) string
		msg  string
	}{
		{"missing", func(*testing.T) string { return filepath.Join(t.TempDir(), "no-cbc") }, "cbc not found"},
		{"failing", func(t *testing.T) string { return fakeCBC(t, "echo 'Version: 9.9'; echo 'boom' >&2; exit 3") }, "cbc 9.9 failed: exit status 3: Version: 9.9; boom"},
		{"no solution", func(t *testing.T) string { return fakeCBC(t, "exit 0") }, "cbc wrote no solution"},
		{"garbled solution", func(t *testing.T) string {
			return fakeCBC(t, `for a; do last=$a; done; echo 'Optimal - objective value 1' > "$last"; echo '0 x99 1 0' >> "$last"`)
		}, `unknown variable "x99"`},
		// A short limit here: the test waits it out twice.
		{"hanging", func(t *testing.T) string { return fakeCBC(t, "exec sleep 30") }, "cbc did not finish within its time limit of 300ms"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			bin := tc.bin(t)
			limit := time.Second
			if tc.name == "hanging" {
				limit = 300 * time.Millisecond
			}
			pl, err := Solve(context.Background(), p, Options{CBCPath: bin, TimeLimit: limit})
			if err != nil {
				t.Fatalf("Auto: %v", err)
			}
			if pl.Solver != fallbackName || len(pl.Messages) != 1 || !strings.Contains(pl.Messages[0], tc.msg) ||
				!strings.Contains(pl.Messages[0], "used the fallback solver instead") {
				t.Errorf("Auto: Solver %q, Messages %q; want the fallback and %q", pl.Solver, pl.Messages, tc.msg)
			}
			if pl.Cost != 80 {
				t.Errorf("Auto: Cost = %v; want 80", pl.Cost)
			}
			_, err = Solve(context.Background(), p, Options{Solver: CBC, CBCPath: bin, TimeLimit: limit})
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("CBC: error %v; want one saying %q", err, tc.msg)
			}
		})
	}
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := Solve(ctx, p, Options{CBCPath: fakeCBC(t, "exec sleep 30")}); err == nil {
			t.Errorf("Solve with a cancelled context: nil error")
		}
	})
}

// TestCBCTimeLimit: a cbc stopped at its time limit with an integer rota
// gives that rota, not optimal, with a message.
func TestCBCTimeLimit(t *testing.T) {
	p := hours(2, 2, 2, 2)
	p.Patterns = []Pattern{{Name: "day", Starts: []float64{480}, Lengths: []float64{240}, CostPerHour: 10}}
	bin := fakeCBC(t, `for a; do last=$a; done
echo 'Version: 2.10.8'; echo 'Continuous objective value is 60 - 0.01 seconds'
echo 'Stopped on time - objective value 80.00000000' > "$last"
echo '      0 x0                   2                      0' >> "$last"`)
	pl, err := Solve(context.Background(), p, Options{Solver: CBC, CBCPath: bin, TimeLimit: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if pl.Optimal || pl.Cost != 80 || pl.LPBound != 60 || math.Abs(pl.Gap-1.0/3) > 1e-12 || pl.Solver != "cbc 2.10.8" {
		t.Errorf("plan: Optimal %v, Cost %v, LPBound %v, Gap %v, Solver %q; want false, 80, 60, 1/3, cbc 2.10.8",
			pl.Optimal, pl.Cost, pl.LPBound, pl.Gap, pl.Solver)
	}
	if len(pl.Messages) != 1 || !strings.Contains(pl.Messages[0], "cbc 2.10.8 stopped at its time limit of 5s") {
		t.Errorf("Messages = %q; want the time limit", pl.Messages)
	}
}

func TestEnvSolver(t *testing.T) {
	p := hours(1, 1)
	p.Patterns = []Pattern{{Name: "day", Starts: []float64{480}, Lengths: []float64{120}, CostPerHour: 10}}
	t.Setenv(EnvSolver, "fallback")
	pl, err := Solve(context.Background(), p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if pl.Solver != fallbackName || len(pl.Messages) != 0 {
		t.Errorf("Solver %q, Messages %q; want the fallback, silently as asked", pl.Solver, pl.Messages)
	}
	t.Setenv(EnvSolver, "glpk")
	if _, err := Solve(context.Background(), p, Options{}); err == nil ||
		!strings.Contains(err.Error(), `SVCSIM_ROTA_SOLVER: rota: solver: unknown solver (got "glpk"); valid: auto, cbc, fallback`) {
		t.Errorf("error %v; want the unknown solver named", err)
	}
}

func TestNothingToCover(t *testing.T) {
	p := hours(0, 0)
	p.Patterns = []Pattern{{Name: "day", Starts: []float64{480}, Lengths: []float64{120}, CostPerHour: 10}}
	for _, k := range solvers {
		t.Run(k.String(), func(t *testing.T) {
			pl := solve(t, p, k)
			if pl.Cost != 0 || pl.Headcount != 0 || len(pl.Shifts) != 0 {
				t.Errorf("plan %+v; want nobody", pl)
			}
		})
	}
}

func FuzzParseCBCSolution(f *testing.F) {
	f.Add([]byte("Optimal - objective value 40.00000000\n      0 x0                   1                      10\n"))
	f.Add([]byte("Stopped on time - objective value 12\n 1 x1 2.0000001 0\n"))
	f.Add([]byte("Infeasible - objective value 0\n"))
	f.Add([]byte("Stopped on time (no integer solution - continuous used) - objective value 3\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sol, err := parseCBCSolution(data, 3)
		if err == nil {
			for _, v := range sol.x {
				if v < 0 {
					t.Errorf("negative count %d accepted", v)
				}
			}
		}
	})
}
