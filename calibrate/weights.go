package calibrate

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Weights is the fitted score model S = S_max - 10 + sum_k 10 w_k q_k of
// docs/model.md, with weights normalised to sum to 1.
type Weights struct {
	RatingMax, RatingMaxSE float64
	Weight, WeightSE       []float64 // per touchpoint, in Survey order
	NoiseSD                float64
	N                      int
	// Unrated counts the respondents who left the rating blank, NoWait
	// those who gave it but left a wait blank: both left out of the fit.
	Unrated, NoWait int
}

// FitWeights regresses the rating on the fitted scores of the touchpoints
// (ordinary least squares with an intercept): the coefficient of q_k is
// 10 w_k and the intercept S_max - 10. Ratings are whole numbers clipped
// to 0–10, so the fit is approximate when many ratings sit at 0 or 10:
// the clipped ratings flatten the fitted line and pull S_max down.
func (s *Survey) FitWeights(tol []Tolerance) (Weights, error) {
	var rows [][]float64
	var y []float64
	unrated, noWait := 0, 0
	for i, r := range s.Rating {
		if math.IsNaN(r) {
			unrated++
			continue
		}
		row := []float64{1}
		ok := true
		for k := range s.Touchpoints {
			w := s.Wait[k][i]
			if math.IsNaN(w) {
				ok = false
				break
			}
			row = append(row, tol[k].Score(w))
		}
		if !ok {
			noWait++
			continue
		}
		rows = append(rows, row)
		y = append(y, r)
	}
	p := len(s.Touchpoints) + 1
	out := Weights{N: len(y), Unrated: unrated, NoWait: noWait}
	if out.N < max(MinRows, 5*p) {
		return out, fmt.Errorf("only %d respondents gave a rating and every wait; the weights need at least %d", out.N, max(MinRows, 5*p))
	}
	X := mat.NewDense(out.N, p, slices.Concat(rows...))
	Y := mat.NewVecDense(out.N, y)
	var qr mat.QR
	qr.Factorize(X)
	var beta mat.VecDense
	if err := qr.SolveVecTo(&beta, false, Y); err != nil {
		return out, fmt.Errorf("the scores do not vary independently enough to separate the weights: %v", err)
	}
	var fitted, resid mat.VecDense
	fitted.MulVec(X, &beta)
	resid.SubVec(Y, &fitted)
	sigma2 := mat.Dot(&resid, &resid) / float64(out.N-p)
	var xtx, inv mat.Dense
	xtx.Mul(X.T(), X)
	if err := inv.Inverse(&xtx); err != nil {
		return out, fmt.Errorf("the scores do not vary independently enough to separate the weights")
	}
	sum := 0.0
	for k := 1; k < p; k++ {
		sum += beta.AtVec(k)
	}
	if !(sum > 0) {
		return out, fmt.Errorf("ratings do not rise with the wait scores; no weights fit")
	}
	out.NoiseSD = math.Sqrt(sigma2)
	out.RatingMax = beta.AtVec(0) + sum
	// Var(intercept + sum of slopes) from the covariance matrix.
	v := 0.0
	for i := range p {
		for j := range p {
			v += inv.At(i, j)
		}
	}
	out.RatingMaxSE = math.Sqrt(sigma2 * v)
	for k := 1; k < p; k++ {
		out.Weight = append(out.Weight, beta.AtVec(k)/sum)
		out.WeightSE = append(out.WeightSE, math.Sqrt(sigma2*inv.At(k, k))/sum)
	}
	return out, nil
}
