package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/sim"
)

// maxDecimals bounds the decimals of a printed number; beyond it the digits
// say nothing a planner can use.
const maxDecimals = 6

// formatPM formats an estimate for people: the value and its half-width
// with the same number of decimals, chosen from the half-width by the
// Particle Data Group's rounding rule (Review of Particle Physics,
// Introduction, "Rounding"): if the three leading digits of the half-width
// are 100-354 it keeps two significant digits, otherwise one (950-999 round
// up to 1.0×10ⁿ, which again shows as two). So 12.4 ± 0.8 and 75.3 ± 1.2.
//
// pm is "" when the half-width is undefined (fewer than two replications);
// the value then gets three significant digits. A half-width of exactly 0
// (every replication agrees; or below a billionth of the value, which is
// rounding error) prints the value as briefly as possible and pm as "0".
// An undefined value prints as "n/a" with pm "".
func formatPM(v, hw float64) (val, pm string) {
	if !finite(v) {
		return "n/a", ""
	}
	// A half-width below a billionth of the value is rounding error in
	// the variance of values that all agree (2.2 ± 4e-16 staff).
	if hw < 1e-9*math.Abs(v) {
		hw = 0
	}
	if !finite(hw) || hw == 0 {
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

func finite(x float64) bool {
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

// display converts a KPI's value to the unit people read: shares as
// percentages, NPS in points (see sim.Unit.Display). It returns the factor
// to multiply by and the unit to print. Money stays "money/day" for the
// caller to name the currency; displayIn does that and also shows long
// waits in hours or days.
func display(u sim.Unit) (scale float64, unit string) {
	if u == sim.Money || u == sim.MoneyWeek {
		return 1, string(u)
	}
	return u.Display("", 0)
}

// displayIn is display for figures shown together whose largest
// absolute value (in the KPI's own unit) is magnitude: minutes become
// hours or days when magnitude is long, money is in currency ("EUR/day")
// or "per day" when the scenario names no currency.
func displayIn(u sim.Unit, currency string, magnitude float64) (scale float64, unit string) {
	return u.Display(currency, magnitude)
}

// largest returns the largest absolute value of xs that is finite, NaN
// if none is.
func largest(xs ...float64) float64 {
	m := math.NaN()
	for _, x := range xs {
		if finite(x) && !(math.Abs(x) <= m) {
			m = math.Abs(x)
		}
	}
	return m
}

// number formats x for scripts: shortest round-trip representation, empty
// for an undefined value.
func number(x float64) string {
	if !finite(x) {
		return ""
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// clock formats minutes since midnight as HH:MM (24:00 for the end of the
// day).
func clock(min float64) string {
	m := int(math.Round(min))
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}

// duration formats minutes in the largest unit that divides them: "2 days",
// "6 h", "90 min".
func duration(min float64) string {
	switch {
	case min == 0:
		return "0 min"
	case math.Mod(min, sim.MinutesPerDay) == 0:
		if min == sim.MinutesPerDay {
			return "1 day"
		}
		return fmt.Sprintf("%g days", min/sim.MinutesPerDay)
	case math.Mod(min, 60) == 0:
		return fmt.Sprintf("%g h", min/60)
	default:
		return fmt.Sprintf("%g min", min)
	}
}
