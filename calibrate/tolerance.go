package calibrate

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// MinRows is the fewest answers a fit accepts.
const MinRows = 30

// Tolerance is a touchpoint's fitted tolerance curve
// q(W) = 1 / (1 + (W/T)^h), with standard errors.
type Tolerance struct {
	Name                   string
	T, TSE                 float64 // minutes
	H, HSE                 float64
	N, ZeroWaits, Unsatisf int
	// Blank counts the respondents who left NAME_satisfied blank (not
	// asked, or no answer), left out of the fit.
	Blank int
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
// information on the curve and are left out, as are those who left the
// satisfied cell blank; f counts both.
func (s *Survey) FitTolerance(k int) (Tolerance, error) {
	f := Tolerance{Name: s.Touchpoints[k]}
	var x, y []float64
	for i, w := range s.Wait[k] {
		sat := s.Satisfied[k][i]
		if sat < 0 {
			f.Blank++
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
	case separated(x, y):
		return f, fmt.Errorf("%s: every satisfied customer waited less than every unsatisfied one, so the curve's steepness cannot be estimated; more answers near the tolerance are needed", f.Name)
	}
	lg := logit{x, y}
	res, err := optimize.Minimize(optimize.Problem{Func: lg.nll, Grad: lg.grad, Hess: lg.hess}, []float64{0, -1}, nil, &optimize.Newton{})
	if err != nil && res == nil {
		return f, fmt.Errorf("%s: the fit did not converge: %v", f.Name, err)
	}
	a, b := res.X[0], res.X[1]
	if !(b < 0) || math.Abs(b) > 50 {
		return f, fmt.Errorf("%s: the answers do not fall with longer waits (slope %.3g), or separate perfectly; no tolerance curve fits", f.Name, -b)
	}
	h := mat.NewSymDense(2, nil)
	lg.hess(h, res.X)
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

// separated reports perfect separation: every satisfied customer (y = 1)
// waited less than every unsatisfied one. Such answers have no
// maximum-likelihood fit: the slope is infinite.
func separated(x, y []float64) bool {
	maxYes, minNo := math.Inf(-1), math.Inf(1)
	for i := range x {
		if y[i] == 1 {
			maxYes = math.Max(maxYes, x[i])
		} else {
			minNo = math.Min(minNo, x[i])
		}
	}
	return maxYes < minNo
}

// logit is the logistic model P(y = 1) = sigmoid(p0 + p1 x) of answers y
// (1 or 0) at log-waits x, with the negative log-likelihood and its
// derivatives in the parameters p for optimize.Newton.
type logit struct {
	x, y []float64
}

// nll is the negative log-likelihood at p.
func (lg logit) nll(p []float64) float64 {
	v := 0.0
	for i := range lg.x {
		z := p[0] + p[1]*lg.x[i]
		// -log likelihood of a logistic model, computed stably.
		v += softplus(z) - lg.y[i]*z
	}
	return v
}

// grad stores the gradient of nll at p in g.
func (lg logit) grad(g, p []float64) {
	g[0], g[1] = 0, 0
	for i := range lg.x {
		r := sigmoid(p[0]+p[1]*lg.x[i]) - lg.y[i]
		g[0] += r
		g[1] += r * lg.x[i]
	}
}

// hess stores the Hessian of nll at p (the Fisher information) in h.
func (lg logit) hess(h *mat.SymDense, p []float64) {
	var a, b, c float64
	for i := range lg.x {
		s := sigmoid(p[0] + p[1]*lg.x[i])
		w := s * (1 - s)
		a += w
		b += w * lg.x[i]
		c += w * lg.x[i] * lg.x[i]
	}
	h.SetSym(0, 0, a)
	h.SetSym(0, 1, b)
	h.SetSym(1, 1, c)
}

// sigmoid is the logistic function 1 / (1 + e^-z).
func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// softplus is ln(1 + e^z), computed without overflow.
func softplus(z float64) float64 {
	if z > 30 {
		return z
	}
	return math.Log1p(math.Exp(z))
}
