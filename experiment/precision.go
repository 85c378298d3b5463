package experiment

import (
	"context"
	"math"

	"github.com/svcsim/svcsim/sim"
)

// Precision is where ExtendToPrecision stopped.
type Precision struct {
	Replications int     // per point
	Worst        float64 // the largest relative half-width of the KPIs
	Reached      bool    // Worst is at most the target
}

// ExtendToPrecision adds replications to every point (all of which have
// results) until each of kpis has a relative half-width of at most target
// in every point, or the points have maxReps replications. KPIs that are
// zero or undefined in a point are left out there. The half-width
// shrinks like 1/sqrt(n), so each round aims at the replications the
// worst KPI needs, at most four times as many as before. No kpis means
// PrecisionKPIs of the first point.
func ExtendToPrecision(ctx context.Context, pts []*Point, o Options, kpis []string, target float64, maxReps int) (Precision, error) {
	if len(kpis) == 0 {
		kpis = PrecisionKPIs(pts[0].Results)
	}
	for {
		n := len(pts[0].Results.Reps)
		worst := worstPrecision(pts, kpis)
		if worst <= target || n >= maxReps {
			return Precision{Replications: n, Worst: worst, Reached: worst <= target}, nil
		}
		next := int(math.Ceil(float64(n) * math.Min(4, 1.1*(worst/target)*(worst/target))))
		next = min(max(next, n+2), maxReps)
		if err := extend(ctx, pts, o, next); err != nil {
			return Precision{}, err
		}
	}
}

// worstPrecision is the largest relative half-width of kpis over pts.
func worstPrecision(pts []*Point, kpis []string) float64 {
	worst := 0.0
	for _, p := range pts {
		for _, k := range kpis {
			if kp := p.Results.KPI(k); kp != nil && kp.Mean != 0 && !math.IsNaN(kp.Mean) {
				worst = math.Max(worst, kp.RelativeHalfWidth())
			}
		}
	}
	return worst
}

// extend runs every point to n replications.
func extend(ctx context.Context, pts []*Point, o Options, n int) error {
	for _, p := range pts {
		m, err := o.Model(p)
		if err != nil {
			return err
		}
		so := o.Options
		so.Progress = nil
		r, err := sim.Extend(ctx, m, p.Results, n, so)
		if ctx.Err() != nil {
			return ErrInterrupted
		}
		if err != nil {
			return err
		}
		p.Results = r
	}
	return nil
}
