package scenarios

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/svcsim/svcsim/sim"
)

// fuzzSeeds are scenarios exercising most of the file format: the
// built-ins, the minimal file and a few edge cases.
func fuzzSeeds() []string {
	seeds := []string{
		minimal,
		"name: x\nopen: {mon: 00:00-24:00}\nchannels: [{name: c, rates: {00:00-24:00: 2/h}, route: [s]}]\nstages: [{name: s, service: 20m, target: 1m, staff: 1, at_close: carry_over}]\n",
		"name: x\ninterval: 20s\ndays: 2\nwarmup: 2 hours\nopen: 08:00-09:00\nchannels: [{name: c, rates: {08:00-09:00: 60/h}, route: [s]}]\nstages: [{name: s, service: exponential(1 minute), patience: 30 seconds, target: 10s, staff: 1}]\n",
	}
	for _, b := range Builtins() {
		src, _ := BuiltinSource(b.Name)
		seeds = append(seeds, string(src))
	}
	return seeds
}

// FuzzParseRun parses a scenario and, when it is accepted, simulates a
// short replication of it and of its variants: no input may panic, an
// accepted model must run, the engine's clock never goes back (Replicate
// fails if it does) and every customer is accounted for.
func FuzzParseRun(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		s, err := Parse(nil, "fuzz.yaml", []byte(src))
		if err != nil {
			var es Errors
			if !errors.As(err, &es) || len(es) == 0 {
				t.Fatalf("error is not Errors: %v", err)
			}
			return
		}
		for i, v := range s.All() {
			if i == 3 {
				break
			}
			m := *v.Model
			if err := m.Validate(); err != nil {
				t.Fatalf("accepted an invalid model: %v", err)
			}
			// Keep each run short: at most three days and a few thousand
			// customers in the system; skip loads that would take long.
			m.Days = min(m.Days, 3)
			if m.Warmup >= float64(m.Days)*sim.MinutesPerDay {
				m.Warmup = 0
			}
			m.MaxInSystem = 2000
			if work(&m) > 50000 {
				continue
			}
			rep, err := sim.Replicate(context.Background(), &m, 1, 0)
			var ce *sim.CapacityError
			if errors.As(err, &ce) {
				continue
			}
			if err != nil {
				t.Fatalf("accepted model does not run: %v", err)
			}
			if err := rep.CheckAccounts(&m); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// work estimates the stage visits of a run of m: expected arrivals times
// the visits that retries and rework multiply them by.
func work(m *sim.Model) float64 {
	arrivals := float64(len(m.Trace))
	if len(m.Trace) == 0 {
		for _, c := range m.Channels {
			for wd, segs := range c.Rates {
				w := m.Open[wd]
				for _, sg := range segs {
					if lo, hi := max(sg.From, w.From), min(sg.To, w.To); hi > lo {
						arrivals += sg.Value * (hi - lo) * math.Ceil(float64(m.Days)/7)
					}
				}
			}
		}
	}
	visits := arrivals * float64(len(m.Stages))
	for _, s := range m.Stages {
		p := max(s.Retry.Prob, s.Rework.Prob)
		for _, g := range s.Groups {
			if g.FixRate > 0 {
				p = max(p, 1-g.FixRate)
			}
		}
		visits /= 1 - math.Min(p, 0.999)
	}
	for _, c := range m.Channels {
		if c.Retry != nil {
			visits /= 1 - math.Min(c.Retry.Prob, 0.999)
		}
	}
	return visits
}
