package calibrate_test

import (
	"fmt"
	"math"
	"os"
	"strings"

	"github.com/svcsim/svcsim/calibrate"
)

// A tiny survey built without randomness: at each wait from 2 to 40
// minutes, ten respondents, of whom round(10 q(W)) were satisfied, where
// q(W) = 1 / (1 + (W/10)^2) is a tolerance of 10 minutes with steepness 2.
// The fit recovers the curve and its standard errors.
func Example() {
	var b strings.Builder
	b.WriteString("service_wait_minutes,service_wait_satisfied\n")
	for w := 2.0; w <= 40; w += 2 {
		yes := int(math.Round(10 / (1 + math.Pow(w/10, 2))))
		for i := range 10 {
			answer := "no"
			if i < yes {
				answer = "yes"
			}
			fmt.Fprintf(&b, "%g,%s\n", w, answer)
		}
	}
	s, err := calibrate.ReadSurvey(strings.NewReader(b.String()), "survey.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	tol, err := s.FitTolerance(0)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: %d answers, tolerance %.1f min (SE %.1f), steepness %.1f (SE %.1f)\n",
		tol.Name, tol.N, tol.T, tol.TSE, tol.H, tol.HSE)
	if err := calibrate.YAML(os.Stdout, "survey.csv", []calibrate.Tolerance{tol}, nil); err != nil {
		fmt.Println(err)
	}
	// Output:
	// service_wait: 200 answers, tolerance 10.1 min (SE 1.1), steepness 2.0 (SE 0.3)
	// # Fitted by svcsim calibrate from survey.csv.
	// # Add each touchpoint's stage: and paste into the scenario's satisfaction:
	// # section. SE = standard error.
	// satisfaction:
	//   touchpoints:
	//     service_wait:
	//       tolerance: 10.1m   # SE 1.12m; 200 answers (0 who did not wait left out)
	//       steepness: 2   # SE 0.3
}
