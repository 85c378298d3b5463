package calibrate

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/survey.csv")

// The parameters the example survey was generated with.
var (
	trueT      = []float64{1.5, 12}
	trueH      = []float64{2, 1.5}
	trueW      = []float64{0.4, 0.6}
	trueSmax   = 9.0
	trueSigma  = 0.8
	surveyRows = 3000
)

// synthetic writes a survey drawn from the model with the true
// parameters: waits log-uniform from T/e^2 to eT (a fifth did not
// wait at all), satisfaction Bernoulli(q), ratings rounded and clipped.
// The waits and the noise keep ratings away from 0 and 10: least squares
// does not model the clipping there, which rotates the fitted line and
// pulls S_max down (by 0.16 when a tenth of the scores fall below 0).
func synthetic() []byte {
	r := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	b.WriteString("respondent,booking_wait_minutes,booking_wait_satisfied,service_wait_minutes,service_wait_satisfied,rating\n")
	for i := range surveyRows {
		fmt.Fprintf(&b, "%d", i+1)
		s := trueSmax - 10
		for k := range trueT {
			w := 0.0
			if r.Float64() > 0.2 {
				w = trueT[k] * math.Exp(r.Float64()*3-2)
			}
			q := 1.0
			if w > 0 {
				q = 1 / (1 + math.Pow(w/trueT[k], trueH[k]))
			}
			sat := "no"
			if r.Float64() < q {
				sat = "yes"
			}
			fmt.Fprintf(&b, ",%.3f,%s", w, sat)
			s += 10 * trueW[k] * q
		}
		rating := math.Max(0, math.Min(10, math.Round(s+trueSigma*r.NormFloat64())))
		fmt.Fprintf(&b, ",%g\n", rating)
	}
	return b.Bytes()
}

func TestExampleSurveyIsTheSynthetic(t *testing.T) {
	want := synthetic()
	if *update {
		os.WriteFile("testdata/survey.csv", want, 0o644)
	}
	got, err := os.ReadFile("testdata/survey.csv")
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("testdata/survey.csv is not the synthetic survey (run go test -update): %v", err)
	}
}

// TestRecoversParameters checks that calibrating the synthetic survey
// finds the parameters it was generated with, within 3 standard errors.
func TestRecoversParameters(t *testing.T) {
	s, err := ReadSurvey(bytes.NewReader(synthetic()), "survey.csv")
	if err != nil {
		t.Fatal(err)
	}
	var tol []Tolerance
	for k := range s.Touchpoints {
		f, err := s.FitTolerance(k)
		if err != nil {
			t.Fatal(err)
		}
		within(t, f.Name+" tolerance", f.T, f.TSE, trueT[k])
		within(t, f.Name+" steepness", f.H, f.HSE, trueH[k])
		tol = append(tol, f)
	}
	w, err := s.FitWeights(tol)
	if err != nil {
		t.Fatal(err)
	}
	for k := range trueW {
		within(t, s.Touchpoints[k]+" weight", w.Weight[k], w.WeightSE[k], trueW[k])
	}
	within(t, "rating max", w.RatingMax, w.RatingMaxSE, trueSmax)
	// Rounding to whole ratings adds variance 1/12.
	if math.Abs(w.NoiseSD-math.Sqrt(trueSigma*trueSigma+1.0/12)) > 0.1 {
		t.Errorf("noise SD %.3f, want about %.3f", w.NoiseSD, math.Sqrt(trueSigma*trueSigma+1.0/12))
	}
	var out bytes.Buffer
	YAML(&out, "survey.csv", tol, &w)
	for _, want := range []string{"booking_wait:", "tolerance:", "steepness:", "weight:", "rating_max:", "rating_noise_sd:"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("YAML lacks %q:\n%s", want, out.String())
		}
	}
}

func within(t *testing.T, what string, got, se, want float64) {
	t.Helper()
	if !(se > 0) || math.Abs(got-want) > 3*se {
		t.Errorf("%s = %.4g ± %.2g (SE), want %.4g", what, got, se, want)
	} else {
		t.Logf("%s = %.4g ± %.2g (SE), true %.4g", what, got, se, want)
	}
}

func TestRefusals(t *testing.T) {
	for _, c := range []struct{ csv, want string }{
		{"", "empty"},
		{"a,b\n1,2\n", "no NAME_minutes columns"},
		{"x_minutes,x_satisfied\n", "no data rows"},
		{"x_minutes,x_satisfied\n3,maybe\n", `row 2, column x_satisfied: not yes or no (got "maybe"); valid: yes, no`},
		{"x_minutes,x_satisfied\n-3,yes\n", "row 2, column x_minutes"},
		{"x_minutes,rating\n3,11\n", `row 2, column rating: out of range (got "11"); valid: a rating from 0 to 10`},
		{"x_minutes,rating\n3,NaN\n", `row 2, column rating: not a number (got "NaN"); valid: a rating from 0 to 10`},
		{"x_minutes\nInf\n", `row 2, column x_minutes: out of range (got "Inf"); valid: a wait in minutes >= 0`},
		{"x_minutes\n1e400\n", `row 2, column x_minutes: out of range (got "1e400")`},
		{"x_minutes\n-3\n", `row 2, column x_minutes: out of range (got "-3")`},
		{"x_minutes\n\n3\nNaN\n", `row 4, column x_minutes: not a number (got "NaN")`},
		{"x_minutes,x_satisfied\n3,yes\n4\n", "row 3 has a different number of columns"},
		{"y_satisfied\nyes\n", "no y_minutes column"},
		{"x_minutes,X_minutes\n3,4\n", `row 1, column x_minutes: columns 1 and 2 have the same name (got "x_minutes" twice); valid: each name once`},
		{"x_minutes\n3\r4\n", "line 2 ends in a carriage return alone"},
	} {
		_, err := ReadSurvey(strings.NewReader(c.csv), "s.csv")
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "s.csv") {
			t.Errorf("%q: got %v, want %q", c.csv, err, c.want)
		}
	}
	// Old Mac line ends read as line ends: one respondent a line.
	if s, err := ReadSurvey(strings.NewReader("x_minutes,rating\r3,7\r4,8\r"), "s.csv"); err != nil || len(s.Rating) != 2 {
		t.Errorf("CR line ends: got %v; want 2 respondents", err)
	}
	few := "x_minutes,x_satisfied\n" + strings.Repeat("3,yes\n4,no\n", 5)
	s, err := ReadSurvey(strings.NewReader(few), "s.csv")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.FitTolerance(0); err == nil || !strings.Contains(err.Error(), "at least") {
		t.Errorf("too few rows: %v", err)
	}
	same := "x_minutes,x_satisfied\n" + strings.Repeat("3,yes\n4,yes\n", 30)
	if s, err = ReadSurvey(strings.NewReader(same), "s.csv"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FitTolerance(0); err == nil || !strings.Contains(err.Error(), "same") {
		t.Errorf("no variation: %v", err)
	}
	sep := "x_minutes,x_satisfied\n" + strings.Repeat("1,yes\n9,no\n", 30)
	if s, err = ReadSurvey(strings.NewReader(sep), "s.csv"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FitTolerance(0); err == nil {
		t.Error("perfect separation gave a fit")
	}
}
