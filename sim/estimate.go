package sim

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// Estimate is a mean across replications with the half-width of its
// confidence interval (Student t with N-1 degrees of freedom). Replications
// in which the value is undefined (a mean wait with nobody served) are left
// out, so N can be below the number of replications; HalfWidth is NaN when
// N < 2 and Mean is NaN when N = 0.
type Estimate struct {
	Mean      float64
	HalfWidth float64
	N         int
}

// estimate returns the mean of the defined values with the half-width of
// the conf-level Student-t confidence interval.
func estimate(vals []float64, conf float64) Estimate {
	n, sum := 0, 0.0
	for _, v := range vals {
		if !math.IsNaN(v) {
			n++
			sum += v
		}
	}
	if n == 0 {
		return Estimate{Mean: math.NaN(), HalfWidth: math.NaN()}
	}
	mean := sum / float64(n)
	if n < 2 {
		return Estimate{Mean: mean, HalfWidth: math.NaN(), N: n}
	}
	ss := 0.0
	for _, v := range vals {
		if !math.IsNaN(v) {
			ss += (v - mean) * (v - mean)
		}
	}
	sd := math.Sqrt(ss / float64(n-1))
	return Estimate{Mean: mean, HalfWidth: TQuantile(conf, n-1) * sd / math.Sqrt(float64(n)), N: n}
}

// TQuantile returns the two-sided conf-level quantile of Student's t with
// df degrees of freedom: the factor that turns a standard error into a
// confidence half-width.
func TQuantile(conf float64, df int) float64 {
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}.Quantile(1 - (1-conf)/2)
}
