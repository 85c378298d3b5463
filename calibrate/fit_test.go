package calibrate

import (
	"bytes"
	"math"
	"testing"
)

// TestFit: Fit gives what FitTolerance and FitWeights give one by one,
// and leaves the weights out of a survey without ratings.
func TestFit(t *testing.T) {
	s, err := ReadSurvey(bytes.NewReader(synthetic()), "survey.csv")
	if err != nil {
		t.Fatal(err)
	}
	tol, wt, err := s.Fit("survey.csv")
	if err != nil || len(tol) != len(s.Touchpoints) || wt == nil || !s.HasRating() {
		t.Fatalf("Fit = %d tolerances, weights %v, %v; want %d and weights", len(tol), wt != nil, err, len(s.Touchpoints))
	}
	for k := range s.Touchpoints {
		one, err := s.FitTolerance(k)
		if err != nil || one != tol[k] {
			t.Errorf("touchpoint %d: Fit %+v; FitTolerance %+v, %v", k, tol[k], one, err)
		}
	}
	w, err := s.FitWeights(tol)
	if err != nil || w.RatingMax != wt.RatingMax || w.NoiseSD != wt.NoiseSD {
		t.Errorf("Fit weights %+v; FitWeights %+v, %v", *wt, w, err)
	}
	for i := range s.Rating {
		s.Rating[i] = math.NaN()
	}
	if s.HasRating() {
		t.Error("HasRating with every rating blank")
	}
	if _, wt, err := s.Fit("survey.csv"); err != nil || wt != nil {
		t.Errorf("Fit without ratings = weights %v, %v; want none", wt, err)
	}
}
