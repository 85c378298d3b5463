package calibrate

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// YAML writes the fitted parameters as a fragment of a scenario's
// satisfaction: section, with standard errors in comments.
func YAML(w io.Writer, source string, tol []Tolerance, wt *Weights) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Fitted by svcsim calibrate from %s.\n# Add each touchpoint's stage: and paste into the scenario's satisfaction:\n# section. SE = standard error.\n", source)
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
