package figures

import (
	"math"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/sim"
)

// maxDecimals bounds the decimals of a printed number; beyond it the digits
// say nothing a planner can use.
const maxDecimals = 6

// PM formats an estimate for people: the value and its half-width with the
// same number of decimals, chosen from the half-width by the Particle Data
// Group's rounding rule (Review of Particle Physics, Introduction,
// "Rounding"): if the three leading digits of the half-width are 100-354
// it keeps two significant digits, otherwise one (950-999 round up to
// 1.0×10ⁿ, which again shows as two). So 12.4 ± 0.8 and 75.3 ± 1.2.
//
// pm is "" when the half-width is undefined (fewer than two replications);
// the value then gets three significant digits. A half-width of exactly 0
// (every replication agrees; or below a billionth of the value, which is
// rounding error) prints the value as briefly as possible and pm as "0".
// An undefined value prints as "n/a" with pm "".
func PM(v, hw float64) (val, pm string) {
	if !Finite(v) {
		return "n/a", ""
	}
	// A half-width below a billionth of the value is rounding error in
	// the variance of values that all agree (2.2 ± 4e-16 staff).
	if hw < 1e-9*math.Abs(v) {
		hw = 0
	}
	if !Finite(hw) || hw == 0 {
		val = trimZeros(formatFixed(v, clampDecimals(2-exponent(v))))
		if hw == 0 {
			return val, "0"
		}
		return val, ""
	}
	e := exponent(hw)
	lead := int(math.Round(hw / math.Pow(10, float64(e-2))))
	d := -e
	if lead <= 354 {
		d = 1 - e
	}
	d = clampDecimals(d)
	return formatFixed(v, d), formatFixed(hw, d)
}

// JoinPM is "v ± pm", or v alone when pm is "".
func JoinPM(v, pm string) string {
	if pm == "" {
		return v
	}
	return v + " ± " + pm
}

// Display converts a value in unit u to the unit people read: shares as
// percentages, NPS in points (see sim.Unit.Display). It returns the factor
// to multiply by and the unit to print. Money stays "money/day", for the
// caller to name the currency; sim.Unit.Display does that and also shows
// long waits in hours or days.
func Display(u sim.Unit) (scale float64, unit string) {
	if u == sim.Money || u == sim.MoneyWeek {
		return 1, string(u)
	}
	return u.Display("", 0)
}

// Estimate is e in unit u for people: "81 ± 18 %", the unit as Display
// shows it.
func Estimate(e sim.Estimate, u sim.Unit) string {
	scale, unit := Display(u)
	v, pm := PM(e.Mean*scale, e.HalfWidth*scale)
	return JoinPM(v, pm) + " " + unit
}

// exponent returns floor(log10(|x|)), or 0 for x = 0.
func exponent(x float64) int {
	if x == 0 {
		return 0
	}
	return int(math.Floor(math.Log10(math.Abs(x))))
}

func clampDecimals(d int) int {
	return min(max(d, 0), maxDecimals)
}

// Finite reports whether x is neither NaN nor infinite.
func Finite(x float64) bool {
	return !math.IsNaN(x) && !math.IsInf(x, 0)
}

// formatFixed formats x with d decimals, without a minus sign on a value
// that rounds to zero.
func formatFixed(x float64, d int) string {
	s := strconv.FormatFloat(x, 'f', d, 64)
	if strings.HasPrefix(s, "-") && strings.Trim(s, "-0.") == "" {
		s = s[1:]
	}
	return s
}

// trimZeros removes trailing zeros after a decimal point, and the point.
func trimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}
