// Package calibrate fits the satisfaction model's parameters to a
// planner's own survey (docs/model.md, "Calibrating from your own
// survey"): each touchpoint's tolerance T and steepness h by logistic
// regression of "satisfied with the wait?" on ln(wait), and the rating
// ceiling, touchpoint weights and rating noise by least squares of the
// 0–10 recommendation answer on the fitted wait scores.
package calibrate

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/scenarios"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// Survey is one row per respondent: for each touchpoint the actual wait
// (minutes; NaN when not asked) and whether they were satisfied with it
// (-1 when not asked), and the 0–10 rating (NaN when not asked).
type Survey struct {
	Touchpoints []string
	Wait        [][]float64 // [touchpoint][respondent]
	Satisfied   [][]int8    // [touchpoint][respondent]: 1, 0 or -1
	Rating      []float64
}

// ReadSurvey reads a survey CSV with a header row: for each touchpoint
// NAME a column NAME_minutes (the actual wait in minutes) and optionally
// NAME_satisfied (yes/no, 1/0, true/false; empty when not asked), and
// optionally a rating column (0–10). Errors name the file, row and column.
func ReadSurvey(r io.Reader, file string) (*Survey, error) {
	cr := csv.NewReader(r)
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: the file is empty (expected a header row)", file)
	}
	if err != nil {
		return nil, scenarios.CSVError(file, err)
	}
	s := &Survey{}
	waitCol, satCol := map[string]int{}, map[string]int{}
	ratingCol := -1
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		switch {
		case h == "rating":
			ratingCol = i
		case strings.HasSuffix(h, "_minutes"):
			name := strings.TrimSuffix(h, "_minutes")
			waitCol[name] = i
			s.Touchpoints = append(s.Touchpoints, name)
		case strings.HasSuffix(h, "_satisfied"):
			satCol[strings.TrimSuffix(h, "_satisfied")] = i
		}
	}
	for name := range satCol {
		if _, ok := waitCol[name]; !ok {
			return nil, fmt.Errorf("%s: column %s_satisfied has no %s_minutes column with the waits", file, name, name)
		}
	}
	if len(s.Touchpoints) == 0 {
		return nil, fmt.Errorf("%s: no NAME_minutes columns (waits per touchpoint, e.g. booking_wait_minutes); the header has: %s", file, strings.Join(header, ", "))
	}
	s.Wait = make([][]float64, len(s.Touchpoints))
	s.Satisfied = make([][]int8, len(s.Touchpoints))
	for row := 2; ; row++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, scenarios.CSVError(file, err)
		}
		for k, name := range s.Touchpoints {
			w := math.NaN()
			if cell := strings.TrimSpace(rec[waitCol[name]]); cell != "" {
				v, err := strconv.ParseFloat(cell, 64)
				if err != nil || v < 0 || math.IsInf(v, 0) || math.IsNaN(v) {
					return nil, fmt.Errorf("%s: row %d, column %s_minutes: %q is not a wait in minutes (a number >= 0)", file, row, name, cell)
				}
				w = v
			}
			s.Wait[k] = append(s.Wait[k], w)
			sat := int8(-1)
			if c, ok := satCol[name]; ok {
				switch strings.ToLower(strings.TrimSpace(rec[c])) {
				case "":
				case "yes", "y", "1", "true":
					sat = 1
				case "no", "n", "0", "false":
					sat = 0
				default:
					return nil, fmt.Errorf("%s: row %d, column %s_satisfied: %q is not yes or no", file, row, name, rec[c])
				}
			}
			if sat >= 0 && math.IsNaN(w) {
				return nil, fmt.Errorf("%s: row %d: %s_satisfied is answered but %s_minutes is empty", file, row, name, name)
			}
			s.Satisfied[k] = append(s.Satisfied[k], sat)
		}
		rating := math.NaN()
		if ratingCol >= 0 {
			if cell := strings.TrimSpace(rec[ratingCol]); cell != "" {
				v, err := strconv.ParseFloat(cell, 64)
				if err != nil || v < 0 || v > 10 {
					return nil, fmt.Errorf("%s: row %d, column rating: %q is not a rating from 0 to 10", file, row, cell)
				}
				rating = v
			}
		}
		s.Rating = append(s.Rating, rating)
	}
	if len(s.Rating) == 0 {
		return nil, fmt.Errorf("%s: no data rows after the header", file)
	}
	return s, nil
}

// MinRows is the fewest answers a fit accepts.
const MinRows = 30

// Tolerance is a touchpoint's fitted tolerance curve
// q(W) = 1 / (1 + (W/T)^h), with standard errors.
type Tolerance struct {
	Name                   string
	T, TSE                 float64 // minutes
	H, HSE                 float64
	N, ZeroWaits, Unsatisf int
}

// Score is the fitted q(W); 1 for W = 0.
func (f Tolerance) Score(w float64) float64 {
	if w <= 0 {
		return 1
	}
	return 1 / (1 + math.Pow(w/f.T, f.H))
}

// FitTolerance fits T and h to the answers of touchpoint k by maximum
// likelihood: logit P(satisfied) = a + b ln W with h = -b and
// T = exp(a/h); standard errors from the inverse Fisher information (delta
// method for T). Respondents who did not wait (W = 0) carry no
// information on the curve and are left out.
func (s *Survey) FitTolerance(k int) (Tolerance, error) {
	f := Tolerance{Name: s.Touchpoints[k]}
	var x, y []float64
	for i, w := range s.Wait[k] {
		sat := s.Satisfied[k][i]
		if sat < 0 {
			continue
		}
		if w == 0 {
			f.ZeroWaits++
			continue
		}
		x = append(x, math.Log(w))
		y = append(y, float64(sat))
		if sat == 0 {
			f.Unsatisf++
		}
	}
	f.N = len(x)
	switch {
	case f.N < MinRows:
		return f, fmt.Errorf("%s: only %d answers with a wait above 0; a fit needs at least %d", f.Name, f.N, MinRows)
	case f.Unsatisf == 0 || f.Unsatisf == f.N:
		return f, fmt.Errorf("%s: every answer is the same, so the survey says nothing about where satisfaction falls", f.Name)
	}
	// Perfect separation (every satisfied customer waited less than every
	// unsatisfied one) has no maximum-likelihood fit: the slope is infinite.
	maxYes, minNo := math.Inf(-1), math.Inf(1)
	for i := range x {
		if y[i] == 1 {
			maxYes = math.Max(maxYes, x[i])
		} else {
			minNo = math.Min(minNo, x[i])
		}
	}
	if maxYes < minNo {
		return f, fmt.Errorf("%s: every satisfied customer waited less than every unsatisfied one, so the curve's steepness cannot be estimated; more answers near the tolerance are needed", f.Name)
	}
	nll := func(p []float64) float64 {
		v := 0.0
		for i := range x {
			z := p[0] + p[1]*x[i]
			// -log likelihood of a logistic model, computed stably.
			v += softplus(z) - y[i]*z
		}
		return v
	}
	grad := func(g, p []float64) {
		g[0], g[1] = 0, 0
		for i := range x {
			r := sigmoid(p[0]+p[1]*x[i]) - y[i]
			g[0] += r
			g[1] += r * x[i]
		}
	}
	hess := func(h *mat.SymDense, p []float64) {
		var a, b, c float64
		for i := range x {
			s := sigmoid(p[0] + p[1]*x[i])
			w := s * (1 - s)
			a += w
			b += w * x[i]
			c += w * x[i] * x[i]
		}
		h.SetSym(0, 0, a)
		h.SetSym(0, 1, b)
		h.SetSym(1, 1, c)
	}
	res, err := optimize.Minimize(optimize.Problem{Func: nll, Grad: grad, Hess: hess}, []float64{0, -1}, nil, &optimize.Newton{})
	if err != nil && res == nil {
		return f, fmt.Errorf("%s: the fit did not converge: %v", f.Name, err)
	}
	a, b := res.X[0], res.X[1]
	if !(b < 0) || math.Abs(b) > 50 {
		return f, fmt.Errorf("%s: the answers do not fall with longer waits (slope %.3g), or separate perfectly; no tolerance curve fits", f.Name, -b)
	}
	h := mat.NewSymDense(2, nil)
	hess(h, res.X)
	var cov mat.Dense
	if err := cov.Inverse(h); err != nil {
		return f, fmt.Errorf("%s: the fit is degenerate (all waits alike?)", f.Name)
	}
	f.H = -b
	f.HSE = math.Sqrt(cov.At(1, 1))
	f.T = math.Exp(-a / b)
	// Delta method: dT/da = -T/b, dT/db = T a / b^2.
	ga, gb := -f.T/b, f.T*a/(b*b)
	f.TSE = math.Sqrt(ga*ga*cov.At(0, 0) + 2*ga*gb*cov.At(0, 1) + gb*gb*cov.At(1, 1))
	return f, nil
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

func softplus(z float64) float64 {
	if z > 30 {
		return z
	}
	return math.Log1p(math.Exp(z))
}

// Weights is the fitted score model S = S_max - 10 + sum_k 10 w_k q_k of
// docs/model.md, with weights normalised to sum to 1.
type Weights struct {
	RatingMax, RatingMaxSE float64
	Weight, WeightSE       []float64 // per touchpoint, in Survey order
	NoiseSD                float64
	N                      int
}

// FitWeights regresses the rating on the fitted scores of the touchpoints
// (ordinary least squares with an intercept): the coefficient of q_k is
// 10 w_k and the intercept S_max - 10. Ratings are whole numbers clipped
// to 0–10, so the fit is approximate when many ratings sit at 0 or 10:
// the clipped ratings flatten the fitted line and pull S_max down.
func (s *Survey) FitWeights(tol []Tolerance) (Weights, error) {
	var rows [][]float64
	var y []float64
	for i, r := range s.Rating {
		if math.IsNaN(r) {
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
		if ok {
			rows = append(rows, row)
			y = append(y, r)
		}
	}
	p := len(s.Touchpoints) + 1
	out := Weights{N: len(y)}
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

// YAML writes the fitted parameters as a fragment of a scenario's
// satisfaction: section, with standard errors in comments.
func YAML(w io.Writer, source string, tol []Tolerance, wt *Weights) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Fitted by svcsim calibrate from %s. Add each touchpoint's stage: and\n# paste into the scenario's satisfaction: section. SE = standard error.\n", source)
	b.WriteString("satisfaction:\n  touchpoints:\n")
	for k, t := range tol {
		fmt.Fprintf(&b, "    %s:\n", t.Name)
		fmt.Fprintf(&b, "      tolerance: %s   # SE %s; %d answers (%d who did not wait left out)\n", minutes(t.T), minutes(t.TSE), t.N, t.ZeroWaits)
		fmt.Fprintf(&b, "      steepness: %.3g   # SE %.2g\n", t.H, t.HSE)
		if wt != nil {
			fmt.Fprintf(&b, "      weight: %.3g   # SE %.2g\n", wt.Weight[k], wt.WeightSE[k])
		}
	}
	if wt != nil {
		fmt.Fprintf(&b, "  rating_max: %.3g   # SE %.2g; %d ratings\n", wt.RatingMax, wt.RatingMaxSE, wt.N)
		fmt.Fprintf(&b, "  rating_noise_sd: %.3g\n", wt.NoiseSD)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func minutes(m float64) string {
	if m >= 120 {
		return strconv.FormatFloat(m/60, 'g', 3, 64) + "h"
	}
	if m < 1 {
		return strconv.FormatFloat(m*60, 'g', 3, 64) + "s"
	}
	return strconv.FormatFloat(m, 'g', 3, 64) + "m"
}
