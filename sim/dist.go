package sim

import (
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// Dist is a distribution of non-negative durations in minutes (service
// times, patience, delays). The gonum distuv types do the sampling; Dist
// adds the parameterisation planners use (mean and standard deviation) and
// takes its random source per draw, so one distribution value can serve
// every customer's own stream.
type Dist interface {
	// Rand draws a value using src.
	Rand(src rand.Source) float64
	// Mean and Var return the distribution's mean and variance.
	Mean() float64
	Var() float64
	// Validate reports impossible parameters.
	Validate() error
	// String describes the distribution in the scenario file's words.
	String() string
}

// Exponential has the given mean (> 0).
type Exponential struct{ M float64 }

// Rand draws by the ziggurat method of math/rand/v2 (ExpFloat64), as
// distuv.Exponential does, scaled by the mean rather than divided by the
// rate; the engine draws the same way without the interface (see sample).
func (d Exponential) Rand(src rand.Source) float64 {
	return rand.New(src).ExpFloat64() * d.M
}
func (d Exponential) Mean() float64 { return d.M }
func (d Exponential) Var() float64  { return d.M * d.M }
func (d Exponential) Validate() error {
	return positive("mean", d.M)
}
func (d Exponential) String() string { return "exponential(mean " + fmtMin(d.M) + ")" }

// LogNormal has the given mean and standard deviation (both > 0): the
// underlying normal has sigma^2 = ln(1 + sd^2/mean^2) and
// mu = ln(mean) - sigma^2/2.
type LogNormal struct{ M, SD float64 }

func (d LogNormal) params() (mu, sigma float64) {
	s2 := math.Log1p(d.SD * d.SD / (d.M * d.M))
	return math.Log(d.M) - s2/2, math.Sqrt(s2)
}
func (d LogNormal) Rand(src rand.Source) float64 {
	mu, sigma := d.params()
	return distuv.LogNormal{Mu: mu, Sigma: sigma, Src: src}.Rand()
}
func (d LogNormal) Mean() float64 { return d.M }
func (d LogNormal) Var() float64  { return d.SD * d.SD }
func (d LogNormal) Validate() error {
	if err := positive("mean", d.M); err != nil {
		return err
	}
	return positive("sd", d.SD)
}
func (d LogNormal) String() string {
	return "lognormal(mean " + fmtMin(d.M) + ", sd " + fmtMin(d.SD) + ")"
}

// Gamma has the given mean and standard deviation (both > 0): shape
// (mean/sd)^2 and rate mean/sd^2.
type Gamma struct{ M, SD float64 }

func (d Gamma) Rand(src rand.Source) float64 {
	return distuv.Gamma{Alpha: d.M * d.M / (d.SD * d.SD), Beta: d.M / (d.SD * d.SD), Src: src}.Rand()
}
func (d Gamma) Mean() float64 { return d.M }
func (d Gamma) Var() float64  { return d.SD * d.SD }
func (d Gamma) Validate() error {
	if err := positive("mean", d.M); err != nil {
		return err
	}
	return positive("sd", d.SD)
}
func (d Gamma) String() string { return "gamma(mean " + fmtMin(d.M) + ", sd " + fmtMin(d.SD) + ")" }

// Erlang is the sum of K exponential phases with total mean M.
type Erlang struct {
	K int
	M float64
}

func (d Erlang) Rand(src rand.Source) float64 {
	return distuv.Gamma{Alpha: float64(d.K), Beta: float64(d.K) / d.M, Src: src}.Rand()
}
func (d Erlang) Mean() float64 { return d.M }
func (d Erlang) Var() float64  { return d.M * d.M / float64(d.K) }
func (d Erlang) Validate() error {
	if d.K < 1 {
		return fmt.Errorf("k must be a whole number >= 1 (got %d)", d.K)
	}
	return positive("mean", d.M)
}
func (d Erlang) String() string { return fmt.Sprintf("erlang(k %d, mean %s)", d.K, fmtMin(d.M)) }

// Triangular has support [Min, Max] and mode Mode.
type Triangular struct{ Min, Mode, Max float64 }

func (d Triangular) Rand(src rand.Source) float64 {
	return distuv.NewTriangle(d.Min, d.Max, d.Mode, src).Rand()
}
func (d Triangular) Mean() float64 { return (d.Min + d.Mode + d.Max) / 3 }
func (d Triangular) Var() float64 {
	a, b, c := d.Min, d.Max, d.Mode
	return (a*a + b*b + c*c - a*b - a*c - b*c) / 18
}
func (d Triangular) Validate() error {
	if d.Min < 0 || !(d.Min <= d.Mode && d.Mode <= d.Max && d.Min < d.Max) {
		return fmt.Errorf("need 0 <= min <= mode <= max and min < max (got min %s, mode %s, max %s)",
			fmtMin(d.Min), fmtMin(d.Mode), fmtMin(d.Max))
	}
	return nil
}
func (d Triangular) String() string {
	return "triangular(min " + fmtMin(d.Min) + ", mode " + fmtMin(d.Mode) + ", max " + fmtMin(d.Max) + ")"
}

// Uniform is uniform on [Min, Max].
type Uniform struct{ Min, Max float64 }

func (d Uniform) Rand(src rand.Source) float64 {
	return distuv.Uniform{Min: d.Min, Max: d.Max, Src: src}.Rand()
}
func (d Uniform) Mean() float64 { return (d.Min + d.Max) / 2 }
func (d Uniform) Var() float64  { w := d.Max - d.Min; return w * w / 12 }
func (d Uniform) Validate() error {
	if d.Min < 0 || !(d.Min < d.Max) {
		return fmt.Errorf("need 0 <= min < max (got min %s, max %s)", fmtMin(d.Min), fmtMin(d.Max))
	}
	return nil
}
func (d Uniform) String() string {
	return "uniform(min " + fmtMin(d.Min) + ", max " + fmtMin(d.Max) + ")"
}

// Deterministic always takes the value V.
type Deterministic struct{ V float64 }

func (d Deterministic) Rand(rand.Source) float64 { return d.V }
func (d Deterministic) Mean() float64            { return d.V }
func (d Deterministic) Var() float64             { return 0 }
func (d Deterministic) Validate() error {
	if d.V < 0 || math.IsNaN(d.V) || math.IsInf(d.V, 0) {
		return fmt.Errorf("value must be >= 0 (got %s)", fmtMin(d.V))
	}
	return nil
}
func (d Deterministic) String() string { return "deterministic(" + fmtMin(d.V) + ")" }

// Empirical resamples Values with equal probability (a bootstrap of
// observed durations).
type Empirical struct{ Values []float64 }

func (d Empirical) Rand(src rand.Source) float64 {
	// Lemire's multiply-shift maps a 64-bit draw to [0, n) without division;
	// the bias is below n/2^64.
	hi, _ := bits.Mul64(src.Uint64(), uint64(len(d.Values)))
	return d.Values[hi]
}

func (d Empirical) Mean() float64 {
	s := 0.0
	for _, v := range d.Values {
		s += v
	}
	return s / float64(len(d.Values))
}
func (d Empirical) Var() float64 {
	m, s := d.Mean(), 0.0
	for _, v := range d.Values {
		s += (v - m) * (v - m)
	}
	return s / float64(len(d.Values))
}
func (d Empirical) Validate() error {
	if len(d.Values) == 0 {
		return fmt.Errorf("needs at least one value")
	}
	for i, v := range d.Values {
		if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("value %d must be >= 0 (got %s)", i+1, fmtMin(v))
		}
	}
	return nil
}
func (d Empirical) String() string {
	return fmt.Sprintf("empirical(%d values, mean %s)", len(d.Values), fmtMin(d.Mean()))
}

func positive(name string, v float64) error {
	if !(v > 0) || math.IsInf(v, 0) {
		return fmt.Errorf("%s must be > 0 (got %s)", name, fmtMin(v))
	}
	return nil
}

// fmtMin formats a duration in minutes compactly ("90s", "4m", "1.5h").
func fmtMin(m float64) string {
	switch {
	case math.IsNaN(m) || math.IsInf(m, 0):
		return fmt.Sprint(m)
	case m != 0 && math.Abs(m) < 1:
		return fmt.Sprintf("%gs", round6(m*60))
	case math.Abs(m) >= 120:
		return fmt.Sprintf("%gh", round6(m/60))
	default:
		return fmt.Sprintf("%gm", round6(m))
	}
}

func round6(v float64) float64 { return math.Round(v*1e6) / 1e6 }
