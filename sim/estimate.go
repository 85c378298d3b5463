package sim

import (
	"math"
	"sync"
	"sync/atomic"

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
	k := tKey{conf, df}
	if q, ok := tQuantiles.Load(k); ok {
		return q.(float64)
	}
	q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}.Quantile(1 - (1-conf)/2)
	if conf == conf && tQuantileCount.Add(1) <= maxTQuantiles { // a NaN key would never be found
		tQuantiles.Store(k, q)
	}
	return q
}

// tQuantiles remembers TQuantile's answers. Summarising a run asks for
// the same one or two (conf, df) pairs for every KPI, day and interval
// row, and each answer inverts an incomplete beta function, which was
// most of the time a summary took. A value is the same whichever call
// computed it, so a remembered one changes no result.
var (
	tQuantiles     sync.Map // tKey → float64
	tQuantileCount atomic.Int64
)

// maxTQuantiles bounds tQuantiles (a long-lived process could be asked
// for ever more confidence levels); beyond it answers are computed anew.
const maxTQuantiles = 4096

type tKey struct {
	conf float64
	df   int
}
