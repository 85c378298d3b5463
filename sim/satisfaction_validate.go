package sim

import (
	"fmt"
	"math"
)

// Validate reports the first impossible parameter, naming it. The checks
// run section by section: wait touchpoints, service quality, incidents,
// scores, reputation and revenue.
func (s *Satisfaction) Validate(m *Model) error {
	wsum, err := s.checkWaits(m)
	if err != nil {
		return err
	}
	if q := s.Quality; q != nil {
		if err := q.check(m); err != nil {
			return err
		}
		wsum += q.Weight
	}
	if !(wsum > 0) {
		return fmt.Errorf("sim: satisfaction: the touchpoint weights must sum to a positive number")
	}
	for _, in := range s.Incidents {
		if err := in.check(m); err != nil {
			return err
		}
	}
	for _, e := range []error{satScore(s.RatingMax, "rating max"), satScore(s.LostRating, "lost-customer rating")} {
		if e != nil {
			return e
		}
	}
	if !(s.NoiseSD >= 0) {
		return fmt.Errorf("sim: satisfaction: rating noise must be >= 0 (got %g)", s.NoiseSD)
	}
	if err := s.Reputation.check(); err != nil {
		return err
	}
	if !(s.Revenue >= 0) {
		return fmt.Errorf("sim: satisfaction: revenue must be >= 0")
	}
	return nil
}

// satStage checks that i, named by what, is a stage of m.
func satStage(m *Model, i int, what string) error {
	if i < 0 || i >= len(m.Stages) {
		return fmt.Errorf("sim: satisfaction: %s names stage %d of %d", what, i, len(m.Stages))
	}
	return nil
}

// satUnit checks that v, named by what, is in [0, 1].
func satUnit(v float64, what string) error {
	if !(v >= 0 && v <= 1) {
		return fmt.Errorf("sim: satisfaction: %s must be in [0, 1] (got %g)", what, v)
	}
	return nil
}

// satScore checks that v, named by what, is a score in [0, 10].
func satScore(v float64, what string) error {
	if !(v >= 0 && v <= 10) {
		return fmt.Errorf("sim: satisfaction: %s must be in [0, 10] (got %g)", what, v)
	}
	return nil
}

// checkWaits checks the wait touchpoints and returns the sum of their
// weights.
func (s *Satisfaction) checkWaits(m *Model) (wsum float64, err error) {
	if len(s.Waits) > maxTouchpoints {
		return 0, fmt.Errorf("sim: satisfaction: at most %d wait touchpoints (got %d)", maxTouchpoints, len(s.Waits))
	}
	seen := map[int]bool{}
	for _, w := range s.Waits {
		if err := satStage(m, w.Stage, "touchpoint "+w.Name); err != nil {
			return 0, err
		}
		key := w.Stage
		if w.Lead {
			key = -1 - w.Stage
			if m.Stages[w.Stage].Book == nil {
				return 0, fmt.Errorf("sim: satisfaction: touchpoint %s scores lead times at stage %q, which has no appointment book", w.Name, m.Stages[w.Stage].Name)
			}
		}
		if seen[key] {
			return 0, fmt.Errorf("sim: satisfaction: two touchpoints for the same wait at stage %q", m.Stages[w.Stage].Name)
		}
		seen[key] = true
		if !(w.Weight >= 0) || !(w.Tolerance > 0) || !(w.Steepness > 0) || !(w.Perception > 0) {
			return 0, fmt.Errorf("sim: satisfaction: touchpoint %s needs weight >= 0 and tolerance, steepness and perception > 0", w.Name)
		}
		wsum += w.Weight
	}
	return wsum, nil
}

// check checks the service-quality touchpoint against the staff groups of
// its stage.
func (q *QualityTouchpoint) check(m *Model) error {
	if err := satStage(m, q.Stage, "service quality"); err != nil {
		return err
	}
	if len(q.GroupQuality) != len(m.Stages[q.Stage].Groups) {
		return fmt.Errorf("sim: satisfaction: service quality has %d group scores for %d staff groups", len(q.GroupQuality), len(m.Stages[q.Stage].Groups))
	}
	for _, g := range q.GroupQuality {
		if err := satUnit(g, "staff quality"); err != nil {
			return err
		}
	}
	for _, e := range []error{satUnit(q.FailedFixPenalty, "failed-fix penalty"), satUnit(q.RecoveryBonus, "recovery bonus")} {
		if e != nil {
			return e
		}
	}
	if !(q.Weight >= 0) {
		return fmt.Errorf("sim: satisfaction: service quality weight must be >= 0")
	}
	return nil
}

// check checks an incident type: its stages, probability, penalty and
// complaint handling.
func (in *Incident) check(m *Model) error {
	if err := satStage(m, in.Stage, "incident "+in.Name); err != nil {
		return err
	}
	if in.Handler != -1 {
		if err := satStage(m, in.Handler, "incident "+in.Name+" handler"); err != nil {
			return err
		}
	}
	if err := satUnit(in.Prob, "incident probability"); err != nil {
		return err
	}
	if err := satUnit(in.RecoveryShare, "recovery share"); err != nil {
		return err
	}
	if err := satScore(in.Penalty, "incident penalty"); err != nil {
		return err
	}
	if in.Handler != -1 && !(in.Target > 0) {
		return fmt.Errorf("sim: satisfaction: incident %s needs a resolution target > 0", in.Name)
	}
	return nil
}

// check checks the reputation parameters.
func (r *Reputation) check() error {
	for _, e := range []error{
		satUnit(r.ReviewRate, "review rate"), satUnit(r.RepeatShare, "repeat share"), satUnit(r.Adaptation, "expectation adaptation"),
	} {
		if e != nil {
			return e
		}
	}
	switch {
	case !(r.DetractorPropensity >= 0) || !(r.PromoterPropensity >= 0) || r.ReviewRate*max(1, r.DetractorPropensity, r.PromoterPropensity) > 1:
		return fmt.Errorf("sim: satisfaction: review propensities must be >= 0 and keep review chances <= 1")
	case !(r.Memory > 0):
		return fmt.Errorf("sim: satisfaction: reputation memory must be > 0 (got %g)", r.Memory)
	case !(r.Initial >= 1 && r.Initial <= 5):
		return fmt.Errorf("sim: satisfaction: initial reputation must be 1 to 5 stars (got %g)", r.Initial)
	case !(r.DisplayRounding >= 0):
		return fmt.Errorf("sim: satisfaction: display rounding must be >= 0")
	case r.Lag < 1:
		return fmt.Errorf("sim: satisfaction: reputation lag must be >= 1 day (got %d)", r.Lag)
	case !(r.MinMultiplier > 0 && r.MinMultiplier <= 1 && r.MaxMultiplier >= 1):
		return fmt.Errorf("sim: satisfaction: multiplier bounds need 0 < min <= 1 <= max (got %g, %g)", r.MinMultiplier, r.MaxMultiplier)
	case math.IsNaN(r.DemandPerStar) || math.IsInf(r.DemandPerStar, 0):
		return fmt.Errorf("sim: satisfaction: demand per star must be a number")
	case !(r.RetentionCurvature >= 0):
		return fmt.Errorf("sim: satisfaction: retention curvature must be >= 0")
	}
	return nil
}
