package calibrate

import (
	"fmt"
	"math"
)

// Fit fits every touchpoint's tolerance and, when the survey has any
// rating, the weights (nil otherwise: only tolerances and steepness can
// be fitted). Errors name the survey's file.
func (s *Survey) Fit(file string) (tol []Tolerance, wt *Weights, err error) {
	for k := range s.Touchpoints {
		t, err := s.FitTolerance(k)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", file, err)
		}
		tol = append(tol, t)
	}
	if !s.HasRating() {
		return tol, nil, nil
	}
	w, err := s.FitWeights(tol)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: weights: %w", file, err)
	}
	return tol, &w, nil
}

// HasRating reports whether any respondent gave the 0–10 rating.
func (s *Survey) HasRating() bool {
	for _, r := range s.Rating {
		if !math.IsNaN(r) {
			return true
		}
	}
	return false
}
