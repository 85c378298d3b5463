package calibrate

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
)

// YAML writes the fitted parameters as a fragment of a scenario's
// satisfaction: section, with standard errors in comments, and how many
// answers each fit used and left out (blank cells among them, so that
// the fragment says what it rests on).
func YAML(w io.Writer, source string, tol []Tolerance, wt *Weights) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Fitted by svcsim calibrate from %s.\n# Add each touchpoint's stage: and paste into the scenario's satisfaction:\n# section. SE = standard error.\n", source)
	b.WriteString("satisfaction:\n  touchpoints:\n")
	for k, t := range tol {
		fmt.Fprintf(&b, "    %s:\n", yamlKey(t.Name))
		left := fmt.Sprintf("%d who did not wait", t.ZeroWaits)
		if t.Blank > 0 {
			left += fmt.Sprintf(" and %d blank", t.Blank)
		}
		fmt.Fprintf(&b, "      tolerance: %s   # SE %s; %d answers (%s left out)\n", minutes(t.T), minutes(t.TSE), t.N, left)
		fmt.Fprintf(&b, "      steepness: %.3g   # SE %.2g\n", t.H, t.HSE)
		if wt != nil {
			fmt.Fprintf(&b, "      weight: %.3g   # SE %.2g\n", wt.Weight[k], wt.WeightSE[k])
		}
	}
	if wt != nil {
		var left []string
		if wt.Unrated > 0 {
			left = append(left, fmt.Sprintf("%d blank", wt.Unrated))
		}
		if wt.NoWait > 0 {
			left = append(left, fmt.Sprintf("%d with a blank wait", wt.NoWait))
		}
		out := ""
		if len(left) > 0 {
			out = " (" + strings.Join(left, " and ") + " left out)"
		}
		fmt.Fprintf(&b, "  rating_max: %.3g   # SE %.2g; %d ratings%s\n", wt.RatingMax, wt.RatingMaxSE, wt.N, out)
		fmt.Fprintf(&b, "  rating_noise_sd: %.3g\n", wt.NoiseSD)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func minutes(m float64) string {
	if m >= 120 {
		return sig3(m/60) + "h"
	}
	if m < 1 {
		return sig3(m*60) + "s"
	}
	return sig3(m) + "m"
}

// sig3 is x to three significant digits, without an exponent: a scenario
// file reads "1670h", not "1.67e+03h".
func sig3(x float64) string {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return strconv.FormatFloat(x, 'g', 3, 64)
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 3, 64), 64)
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// yamlKey is name as a YAML mapping key: bare when it is made of letters,
// digits, '_', '-' and '.', else double-quoted ("a: b#c" would read as
// a mapping and a comment).
func yamlKey(name string) string {
	for _, r := range name {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-' || r == '.') {
			return strconv.Quote(name)
		}
	}
	if name == "" {
		return `""`
	}
	return name
}
