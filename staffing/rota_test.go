package staffing

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/rota"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// needCBC skips a test without COIN-OR CBC, unless SVCSIM_REQUIRE_CBC=1
// (CI) says it must be there.
func needCBC(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("cbc"); err != nil {
		if os.Getenv("SVCSIM_REQUIRE_CBC") == "1" {
			t.Fatal("cbc is not on PATH and SVCSIM_REQUIRE_CBC=1 (Debian package coinor-cbc)")
		}
		t.Skip("cbc is not on PATH (Debian package coinor-cbc); set SVCSIM_REQUIRE_CBC=1 to fail instead")
	}
}

// rotaCase is a scenario with shift patterns and its targets.
type rotaCase struct {
	name    string
	load    func(t *testing.T) *scenarios.Scenario
	days    int // 0: the scenario's
	targets []string
	gap     float64 // CBC's RatioGap
}

var rotaCases = []rotaCase{
	{"helpline", func(t *testing.T) *scenarios.Scenario { return mustBuiltin(t, "helpline") }, 0,
		[]string{"agents.service_level >= 80%", "agents.abandonment <= 5%"}, 0.01},
	{"clinic", func(t *testing.T) *scenarios.Scenario { return mustLoad(t, "testdata/clinic_rota.yaml") }, 7,
		[]string{"booking.service_level >= 80%", "booking.abandonment <= 10%"}, 0},
}

func mustBuiltin(t *testing.T, name string) *scenarios.Scenario {
	t.Helper()
	sc, err := scenarios.Builtin(name)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

func mustLoad(t *testing.T, path string) *scenarios.Scenario {
	t.Helper()
	sc, err := scenarios.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// setup is the case's model (with its days) and parsed targets.
func (c rotaCase) setup(t *testing.T) (*scenarios.Scenario, *sim.Model, []Target) {
	sc := c.load(t)
	m := sc.Model
	if c.days > 0 {
		cp := *m
		cp.Days = c.days
		m = &cp
	}
	var ts []Target
	for _, text := range c.targets {
		tg, err := ParseTarget(text, m)
		if err != nil {
			t.Fatal(err)
		}
		ts = append(ts, tg)
	}
	return sc, m, ts
}

// TestRotaMeetsTargets solves the rota of the helpline and of the clinic
// with each solver, then simulates the rota again on two seeds the
// search never saw: every target must hold there with 95% confidence, in
// every staffed interval for the per-interval ones. The cost must be
// within 2% of the LP bound with CBC and within 10% with the fallback —
// except where the shift patterns' integrality gap is larger (the
// clinic's three-person desk), where CBC must prove its rota optimal
// instead.
func TestRotaMeetsTargets(t *testing.T) {
	for _, c := range rotaCases {
		for _, kind := range []rota.SolverKind{rota.CBC, rota.Fallback} {
			t.Run(c.name+"/"+kind.String(), func(t *testing.T) {
				if testing.Short() && (c.name == "helpline" || kind == rota.CBC) {
					t.Skip("-short: the helpline's rota and CBC's take seconds")
				}
				if kind == rota.CBC {
					needCBC(t)
				}
				sc, ts, res := solveRota(t, c, kind)
				for _, seed := range []uint64{424242, 9001} {
					checkSeed(t, res.Model, ts, seed, sc.Replications)
				}
			})
		}
	}
}

func checkGap(t *testing.T, name string, kind rota.SolverKind, res *RotaResult) {
	t.Helper()
	limit := 0.10
	if kind == rota.CBC {
		limit = 0.02
	}
	if res.Gap > limit && !(name == "clinic" && kind == rota.CBC && res.Optimal) {
		t.Errorf("gap to the LP bound %.2f%%; want <= %.0f%%", 100*res.Gap, 100*limit)
	}
}

// checkSeed simulates m on seed and checks every target, per staffed
// interval where it is a stage's wait or service level.
func checkSeed(t *testing.T, m *sim.Model, ts []Target, seed uint64, reps int) {
	t.Helper()
	out, err := sim.Run(context.Background(), m, sim.Options{Replications: reps, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	vary := []int{}
	for i := range m.Stages {
		if strings.HasPrefix(ts[0].KPI, m.Stages[i].Name+".") {
			vary = append(vary, i)
		}
	}
	p := &Problem{Model: m, Vary: vary, Targets: ts}
	fails, whole := p.intervalFailures(out)
	for _, f := range fails {
		if p.Staffed(f.Stage, f.Interval) {
			t.Errorf("seed %d: %s", seed, p.FailureText(out, f))
		}
	}
	for _, ti := range whole {
		k := out.KPI(ts[ti].KPI)
		t.Errorf("seed %d: %s", seed, ts[ti].NotMet(k.Estimate, k.Unit, ""))
	}
}

// TestRotaErrors checks that bad problems are errors that say what is
// wrong, and that a budget that runs out is said, never a silent partial
// rota.
func TestRotaErrors(t *testing.T) {
	c := rotaCases[1]
	sc, m, ts := c.setup(t)
	base := *sc.Workforce
	late := base
	late.Stages = []scenarios.WorkforceStage{base.Stages[0]}
	late.Stages[0].Patterns = append([]rota.Pattern(nil), base.Stages[0].Patterns...)
	late.Stages[0].Patterns[0].Starts = []float64{10 * 60} // full: 10:00-18:00
	late.Stages[0].Patterns[1].Starts = []float64{12 * 60} // part: 12:00-16:00
	capped := base
	capped.Stages = []scenarios.WorkforceStage{base.Stages[0]}
	capped.Stages[0].MaxHeadcount = 2
	tests := []struct {
		name string
		w    *scenarios.Workforce
		want []string
	}{
		{"no workforce", nil, []string{"no workforce section"}},
		{"uncovered interval", &late, []string{`stage "booking"`, "interval 08:00–10:00", "no shift of any pattern works then"}},
		{"contradictory limits", &capped, []string{`stage "booking"`, "max_headcount: 2 is below the"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := RotaOptions{Options: Options{Options: sim.Options{Replications: 3, Seed: 1}}, Solver: rota.Fallback}
			_, err := Rota(context.Background(), m, tt.w, ts, o)
			if err == nil {
				t.Fatal("got no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q; want it to contain %q", err, w)
				}
			}
		})
	}
	t.Run("rounds run out", func(t *testing.T) {
		hard, err := ParseTarget("nps >= 90", m) // staffing alone cannot get there
		if err != nil {
			t.Fatal(err)
		}
		o := RotaOptions{Options: Options{Options: sim.Options{Replications: 3, Seed: 1}}, Solver: rota.Fallback, MaxRounds: 1}
		res, err := Rota(context.Background(), m, sc.Workforce, []Target{hard}, o)
		if err != nil {
			t.Fatal(err)
		}
		if res.Met || !strings.Contains(res.Unmet, "--max-rounds 1") || !strings.Contains(res.Unmet, "not met") {
			t.Errorf("Met %v, Unmet %q; want not met, naming --max-rounds 1 and the failing target", res.Met, res.Unmet)
		}
	})
}

// TestRotaInterrupted checks that a cancelled context stops the rota with
// ErrInterrupted.
func TestRotaInterrupted(t *testing.T) {
	sc, m, ts := rotaCases[1].setup(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	o := RotaOptions{Options: Options{Options: sim.Options{Replications: 3, Seed: 1}}}
	if _, err := Rota(ctx, m, sc.Workforce, ts, o); err != ErrInterrupted {
		t.Errorf("got %v; want ErrInterrupted", err)
	}
}

// weekScenario is open Monday to Saturday, Saturday mornings only, with
// the weekly step asked for: five days on, two consecutive days off.
const weekScenario = `name: week
interval: 30m
days: 6
open: {mon-fri: 08:00-18:00, sat: 09:00-13:00}
channels:
  - name: phone
    rates: {08:00-18:00: 60/h}
    route: [agents]
stages:
  - name: agents
    service: exponential(4m)
    target: 1m
    staff: 5
workforce:
  stages:
    agents:
      week: {days_on: 5, consecutive_off: yes}
      patterns:
        - {name: day, starts: 08:00-10:00 every 1h, lengths: 8h, days: mon-fri, cost_per_hour: 20}
        - {name: sat, starts: 09:00, lengths: 4h, days: sat, cost_per_hour: 25}
`

// TestRotaWeek checks the weekly step: the staff on five-day rosters
// cover every day's rota headcount, Saturday's too.
func TestRotaWeek(t *testing.T) {
	sc, err := scenarios.Parse(nil, "week.yaml", []byte(weekScenario))
	if err != nil {
		t.Fatal(err)
	}
	tg, err := ParseTarget("agents.service_level >= 80%", sc.Model)
	if err != nil {
		t.Fatal(err)
	}
	o := RotaOptions{Options: Options{Options: sim.Options{Replications: 5, Seed: 3}}, Solver: rota.Fallback}
	res, err := Rota(context.Background(), sc.Model, sc.Workforce, []Target{tg}, o)
	if err != nil {
		t.Fatal(err)
	}
	st := res.Stages[0]
	if len(st.Days) != 2 || st.Week == nil {
		t.Fatalf("%d weekday groups, week %v; want mon-fri and sat, and a weekly plan", len(st.Days), st.Week)
	}
	need := [7]int{}
	for _, d := range st.Days {
		for wd := range 7 {
			if d.Weekdays&(1<<wd) != 0 {
				need[(wd+6)%7] = d.Plan.Headcount
			}
		}
	}
	for d, n := range need {
		if st.Week.OnDuty[d] < n {
			t.Errorf("%s: %d on weekly rosters; the day's rota has %d", rota.Weekdays[d], st.Week.OnDuty[d], n)
		}
	}
	for _, r := range st.Week.Rosters {
		off := 0
		for _, on := range r.On {
			if !on {
				off++
			}
		}
		if off != 2 {
			t.Errorf("roster %s has %d days off; want 2", r, off)
		}
	}
	t.Logf("need %v, week %d staff on %v", need, st.Week.Headcount, st.Week.OnDuty)
}

// TestOccupancyFloor checks the occupancy cap's floor on the call
// centre: 120 calls an hour of 4 minutes each offer 120 × 4 / 60 = 8
// Erlangs, so an 85% cap needs ceil(8 / 0.85) = 10 staff in every
// staffed interval, and no cap ceil(8) = 8.
func TestOccupancyFloor(t *testing.T) {
	m := mustBuiltin(t, "callcentre").Model
	for _, c := range []struct {
		occ  float64
		want int
	}{{0.85, 10}, {1, 8}} {
		floor := occupancyFloor(m, []int{0}, c.occ)
		for k, v := range floor[0] {
			from := float64(k) * m.Interval
			if staffed := from >= 8*60 && from < 20*60; staffed && v != c.want {
				t.Errorf("occupancy %v, %s: floor %d; want %d", c.occ, (&Problem{Model: m}).IntervalName(k), v, c.want)
			} else if !staffed && v != 0 {
				t.Errorf("occupancy %v, %s (closed): floor %d; want 0", c.occ, (&Problem{Model: m}).IntervalName(k), v)
			}
		}
	}
}

// solveRota solves case c with the solver kind on the scenario's seed,
// fails the test unless every target is met, and checks the gap.
func solveRota(t *testing.T, c rotaCase, kind rota.SolverKind) (*scenarios.Scenario, []Target, *RotaResult) {
	t.Helper()
	sc, m, ts := c.setup(t)
	o := RotaOptions{Options: Options{Options: sim.Options{Replications: sc.Replications, Seed: sc.Seed}}, Solver: kind, RatioGap: c.gap}
	res, err := Rota(context.Background(), m, sc.Workforce, ts, o)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Met {
		t.Fatalf("no rota met the targets: %s", res.Unmet)
	}
	t.Logf("%s: cost %.2f, LP bound %.2f, gap %.2f%%, optimal %v, %d rounds", res.Solver, res.Cost, res.LPBound, 100*res.Gap, res.Optimal, res.Rounds)
	checkGap(t, c.name, kind, res)
	return sc, ts, res
}
