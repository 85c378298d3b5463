package staffing

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// oneStage is twoStagePool's pooled queue as one stage with its own
// staff: 48 callers an hour (0.8/min), one minute of exponential service,
// so a mean wait of at most 6 s needs 3 people by Erlang C (see
// TestPoolSearchFindsErlangC).
const oneStage = `name: onestage
open: 00:00-24:00
days: 3
warmup: 2h
interval: 1h
channels:
  - {name: calls, rates: {00:00-24:00: 48/h}, route: [a]}
stages:
  - {name: a, staff: 5, service: exponential(1m), target: 1m}
`

func stageProblem(t *testing.T, src string, targets ...string) *Problem {
	t.Helper()
	sc, err := scenarios.Parse(nil, "onestage.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var ts []Target
	for _, text := range targets {
		tg, err := ParseTarget(text, sc.Model)
		if err != nil {
			t.Fatal(err)
		}
		ts = append(ts, tg)
	}
	vary, err := Stages(sc.Model, nil, ts)
	if err != nil {
		t.Fatal(err)
	}
	return NewProblem(sc.Model, vary, ts)
}

// TestSearchesKeepToMaxStaff: when the Erlang starting point (3) is above
// MaxStaff (2), every search starts at MaxStaff, never simulates above
// it, and says that Erlang asks for more than the cap allows.
func TestSearchesKeepToMaxStaff(t *testing.T) {
	const maxStaff = 2
	// The log names each staffing simulated: "(a 2)", "(a 1-2 by
	// interval)", "(pool desk 2)".
	staffed := regexp.MustCompile(`\((?:a|pool desk) (\d+)(?:-(\d+))?`)
	cases := []struct {
		name   string
		search func(o Options) (staff []int, found bool, capped, failure string, err error)
		where  string
	}{
		{"uniform", func(o Options) ([]int, bool, string, string, error) {
			res, err := Cheapest(context.Background(), stageProblem(t, oneStage, "a.wait.mean <= 6s"), o)
			if err != nil {
				return nil, false, "", "", err
			}
			return res.Staff, res.Found, res.Capped, res.Failure, nil
		}, "about 3 at a"},
		{"by interval", func(o Options) ([]int, bool, string, string, error) {
			res, err := ByInterval(context.Background(), stageProblem(t, oneStage, "a.wait.mean <= 6s"), o)
			if err != nil {
				return nil, false, "", "", err
			}
			return res.Staff[0], res.Unmet == "", res.Capped, res.Unmet, nil
		}, "about 3 at a"},
		{"pool", func(o Options) ([]int, bool, string, string, error) {
			res, err := CheapestPool(context.Background(), poolProblem(t, twoStagePool, "a.wait.mean <= 6s", "b.wait.mean <= 6s"), o)
			if err != nil {
				return nil, false, "", "", err
			}
			return res.Staff, res.Found, res.Capped, res.Failure, nil
		}, "about 3 in pool desk"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var tried []string
			o := Options{Options: sim.Options{Replications: 3, Seed: 1}, MaxStaff: maxStaff}
			o.Log = func(msg string) { tried = append(tried, msg) }
			staff, found, capped, failure, err := c.search(o)
			if err != nil {
				t.Fatal(err)
			}
			if len(tried) == 0 {
				t.Fatal("nothing simulated")
			}
			for _, msg := range tried {
				m := staffed.FindStringSubmatch(msg)
				if m == nil {
					t.Fatalf("log %q names no staffing", msg)
				}
				for _, v := range m[1:] {
					if n, _ := strconv.Atoi(v); n > maxStaff {
						t.Errorf("simulated %q; want nothing above --max-staff %d", msg, maxStaff)
					}
				}
			}
			for _, n := range staff {
				if n > maxStaff {
					t.Errorf("staff %v; want at most %d", staff, maxStaff)
				}
			}
			if found {
				t.Fatalf("met the target with %v; 2 people cannot (mean wait 0.19 min by Erlang C)", staff)
			}
			want := c.where + " for the targets; --max-staff 2 allows at most 2"
			if !strings.Contains(capped, want) || !strings.Contains(failure, want) {
				t.Errorf("capped %q, failure %q; want both to say %q", capped, failure, want)
			}
		})
	}
}

// TestPoolFloorAboveMaxStaff: a pool whose reserves need more people than
// MaxStaff allows is an error, with nothing simulated.
func TestPoolFloorAboveMaxStaff(t *testing.T) {
	src := strings.Replace(twoStagePool, "serves: [a, b]", "serves: [{stage: a, reserve: 3}, b]", 1)
	p := poolProblem(t, src, "a.wait.mean <= 1h")
	_, err := CheapestPool(context.Background(), p, Options{Options: sim.Options{Replications: 1, Seed: 1}, MaxStaff: 2})
	if want := "pool desk needs at least 4 people (one more than its reserves); --max-staff 2 allows at most 2"; err == nil || err.Error() != want {
		t.Errorf("got %v; want %q", err, want)
	}
}
