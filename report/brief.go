package report

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/sim"
)

// alternative is what the report's opening says of one scenario against
// the baseline.
type alternative struct {
	Name string
	// Changes are its assumptions that the baseline's do not share.
	Changes []string
	// Answer is the sentence of its distinguishable differences.
	Answer string
	// PerUnit is the staff cost per unit of improvement, "" if none.
	PerUnit string
	// Noise are the headline KPIs whose difference may be noise.
	Noise []string
}

// brief is the report's opening: for each scenario after the first, what
// it changes and what that does to the headline KPIs, in sentences, with
// the paired differences' confidence intervals.
func (d *data) brief(s *resultset.Set) {
	first := s.Scenarios[0]
	for _, sc := range s.Scenarios[1:] {
		ds, err := sim.Compare(first.Results, sc.Results)
		if err != nil {
			continue
		}
		a := alternative{Name: sc.Name}
		for _, line := range sc.Assumptions {
			if !slices.Contains(first.Assumptions, line) {
				a.Changes = append(a.Changes, strings.TrimSuffix(line, "."))
			}
		}
		byName := map[string]sim.Diff{}
		for _, x := range ds {
			byName[x.Name] = x
		}
		var parts []string
		for _, name := range HeadlineKPIs(first.Results) {
			x, ok := byName[name]
			if !ok || name == "cost.per_day" {
				continue
			}
			if !x.Distinguishable {
				a.Noise = append(a.Noise, kpiName(first.Results.KPI(name)))
				continue
			}
			parts = append(parts, change(x, first.Results.KPI(name), first.Currency))
		}
		if c, ok := byName["cost.per_day"]; ok {
			if !c.Distinguishable {
				a.Noise = append(a.Noise, "staff cost")
			} else {
				p := "staff cost " + signedPM(c.Estimate, 1) + " " + moneyUnit(c.Unit, first.Currency)
				if w, ok := byName["cost.per_week"]; ok {
					p += " (" + signedPM(w.Estimate, 1) + " " + moneyUnit(w.Unit, first.Currency) + ")"
				}
				parts = append(parts, p)
				lost, ok := lostPerDay(first.Results, sc.Results)
				a.PerUnit = perUnit(c, byName["nps"], lost, ok, first.Currency)
			}
		}
		switch {
		case len(parts) > 0:
			a.Answer = "With " + sc.Name + ", against " + first.Name + ": " + strings.Join(parts, "; ") + "."
		default:
			a.Answer = "With " + sc.Name + ", no headline KPI differs from " + first.Name + " by more than the noise of the replications."
		}
		a.Answer += poolSentences(sc.Results, first.Currency)
		d.Brief = append(d.Brief, a)
	}
}

// kpiName is k's label for a sentence: "booking: abandoned".
func kpiName(k *sim.KPI) string {
	if k.Stage != "" {
		return k.Stage + ": " + k.Label
	}
	return k.Label
}

// change is "booking: abandoned falls from 20.5% to 10.6% (-9.9 ± 0.5
// pp)": a KPI's values in both scenarios and their paired difference,
// differences of shares in percentage points, else with the relative
// change where the baseline is not zero.
func change(x sim.Diff, k *sim.KPI, currency string) string {
	scale, unit := x.Unit.Display(currency, figures.Largest(x.Base.Mean, x.Other.Mean))
	verb := "rises"
	if x.Mean < 0 {
		verb = "falls"
	}
	b, _ := figures.PM(x.Base.Mean*scale, x.Base.HalfWidth*scale)
	o, _ := figures.PM(x.Other.Mean*scale, x.Other.HalfWidth*scale)
	diff := signedPM(x.Estimate, scale)
	switch {
	case x.Unit == sim.Share:
		return fmt.Sprintf("%s %s from %s%% to %s%% (%s pp)", kpiName(k), verb, b, o, diff)
	case x.Unit == sim.Rating:
		return fmt.Sprintf("%s %s from %s to %s (%s)", kpiName(k), verb, b, o, diff)
	case (x.Unit == sim.Minutes || x.Unit == sim.PerDay) && x.Base.Mean != 0 && !math.IsNaN(x.Base.Mean):
		// A relative change helps for a wait or a count, not for a
		// score with an arbitrary zero.
		rel := 100 * x.Mean / math.Abs(x.Base.Mean)
		f := "%s %s from %s to %s %s (%s %s, %+.0f%%)"
		if math.Abs(rel) < 9.5 {
			f = "%s %s from %s to %s %s (%s %s, %+.1f%%)"
		}
		return fmt.Sprintf(f, kpiName(k), verb, b, o, unit, diff, unit, rel)
	}
	return fmt.Sprintf("%s %s from %s to %s %s (%s %s)", kpiName(k), verb, b, o, unit, diff, unit)
}

// signedPM is e×scale as "+13.3 ± 0.4": a difference, always signed.
func signedPM(e sim.Estimate, scale float64) string {
	v, pm := figures.PM(e.Mean*scale, e.HalfWidth*scale)
	if e.Mean > 0 && !strings.HasPrefix(v, "+") {
		v = "+" + v
	}
	return figures.JoinPM(v, pm)
}

// moneyUnit is "EUR per open day", "EUR per week".
func moneyUnit(u sim.Unit, currency string) string {
	c := currency
	if c == "" {
		c = "money"
	}
	if u == sim.MoneyWeek {
		return c + " per week"
	}
	return c + " per open day"
}

// lostPerDay is the paired difference other - base in customers who
// abandoned a queue per open day, summed over the stages, from the
// replications' abandonment shares and arrivals; ok is false when no
// stage reports abandonment.
func lostPerDay(base, other *sim.Results) (e sim.Estimate, ok bool) {
	perRep := func(r *sim.Results) []float64 {
		var out []float64
		for _, st := range r.Stages {
			ab, arr := r.KPI(st+".abandonment"), r.KPI(st+".arrivals")
			if ab == nil || arr == nil || len(ab.Values) != len(arr.Values) {
				continue
			}
			ok = true
			if out == nil {
				out = make([]float64, len(ab.Values))
			}
			for i := range out {
				out[i] += ab.Values[i] * arr.Values[i]
			}
		}
		return out
	}
	b, o := perRep(base), perRep(other)
	if !ok || len(b) != len(o) || len(b) < 2 {
		return sim.Estimate{}, false
	}
	var diffs []float64
	for i := range b {
		if x := o[i] - b[i]; !math.IsNaN(x) {
			diffs = append(diffs, x)
		}
	}
	n := len(diffs)
	if n < 2 {
		return sim.Estimate{}, false
	}
	mean := 0.0
	for _, x := range diffs {
		mean += x
	}
	mean /= float64(n)
	ss := 0.0
	for _, x := range diffs {
		ss += (x - mean) * (x - mean)
	}
	sd := math.Sqrt(ss / float64(n-1))
	return sim.Estimate{Mean: mean, HalfWidth: sim.TQuantile(base.Confidence, n-1) * sd / math.Sqrt(float64(n)), N: n}, true
}

// perUnit is the extra staff cost per NPS point gained and per abandoned
// customer avoided, each where both differences are distinguishable and
// go the right way. They are ratios of means, without an interval.
func perUnit(cost, nps sim.Diff, lost sim.Estimate, haveLost bool, currency string) string {
	if cost.Mean <= 0 {
		return ""
	}
	c := currency
	if c == "" {
		c = "money"
	}
	var parts []string
	if nps.Distinguishable && nps.Mean > 0 {
		v, _ := figures.PM(cost.Mean/nps.Mean, math.NaN())
		parts = append(parts, fmt.Sprintf("%s %s per open day for each NPS point gained", v, c))
	}
	if haveLost && lost.Mean < 0 && lost.HalfWidth < -lost.Mean {
		v, _ := figures.PM(cost.Mean/-lost.Mean, math.NaN())
		l, lpm := figures.PM(-lost.Mean, lost.HalfWidth)
		parts = append(parts, fmt.Sprintf("%s %s for each abandoned customer avoided (%s fewer per open day)", v, c, figures.JoinPM(l, lpm)))
	}
	if len(parts) == 0 {
		return ""
	}
	return "The extra staff cost is about " + strings.Join(parts, ", and ") + "; these are ratios of the means."
}
