package sim

import (
	"context"
	"fmt"
	"math"
)

// Diff is the paired difference of one KPI between a scenario and the
// baseline: replication i of both was run from the same seed, so their
// customers, service requirements and patience are the same wherever the
// scenarios allow (common random numbers), and the differences vary far
// less than the KPIs themselves.
type Diff struct {
	Name  string
	Label string
	Unit  Unit
	Base  Estimate // the baseline's KPI
	Other Estimate // this scenario's KPI
	// Estimate is the mean paired difference (other - base) with its
	// confidence half-width over replications where both are defined.
	Estimate
	// Distinguishable is false when the confidence interval of the
	// difference contains zero: the difference may be noise.
	Distinguishable bool
}

// Compare returns the paired differences other - base of every KPI both
// results report, in base's order. Both must come from the same number of
// replications under the same master seed.
func Compare(base, other *Results) ([]Diff, error) {
	if base.Seed != other.Seed || len(base.Reps) != len(other.Reps) {
		return nil, fmt.Errorf("sim: paired comparison needs the same seed and replications (got seed %d with %d, seed %d with %d)",
			base.Seed, len(base.Reps), other.Seed, len(other.Reps))
	}
	var out []Diff
	for _, b := range base.KPIs {
		o := other.KPI(b.Name)
		if o == nil {
			continue
		}
		if len(o.Values) != len(b.Values) {
			// Results read back from a file have no Reps to compare.
			return nil, fmt.Errorf("sim: paired comparison needs the same replications (got %d values of %s against %d)",
				len(o.Values), b.Name, len(b.Values))
		}
		d := make([]float64, len(b.Values))
		for i := range d {
			d[i] = o.Values[i] - b.Values[i] // NaN where either is undefined
		}
		e := estimate(d, base.Confidence)
		out = append(out, Diff{
			Name: b.Name, Label: b.Label, Unit: b.Unit, Base: b.Estimate, Other: o.Estimate, Estimate: e,
			Distinguishable: e.N >= 2 && !math.IsNaN(e.HalfWidth) && math.Abs(e.Mean) > e.HalfWidth,
		})
	}
	return out, nil
}

// RelativeHalfWidth is the confidence half-width as a share of |Mean|
// (+Inf when the mean is 0 or undefined).
func (e Estimate) RelativeHalfWidth() float64 {
	if e.N < 2 || e.Mean == 0 || math.IsNaN(e.Mean) {
		return math.Inf(1)
	}
	return e.HalfWidth / math.Abs(e.Mean)
}

// Extend adds replications to r, a result of Run on m, until it has n,
// and summarises again. Replication i depends only on the seed and i, so
// the extended result equals a Run with n replications.
func Extend(ctx context.Context, m *Model, r *Results, n int, opt Options) (*Results, error) {
	have := len(r.Reps)
	if n <= have {
		return r, nil
	}
	opt.Seed = r.Seed
	opt.Confidence = r.Confidence
	more, err := runReps(ctx, m, opt, have, n)
	if err != nil {
		return nil, err
	}
	reps := append(append([]Replication(nil), r.Reps...), more...)
	return summarise(m, reps, r.Seed, r.Confidence), nil
}
