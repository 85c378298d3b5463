package figures

import (
	"math"
	"strconv"
)

// Number formats x for scripts: the shortest representation that reads
// back as x, empty for an undefined value.
func Number(x float64) string {
	if !Finite(x) {
		return ""
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// Largest returns the largest absolute value of xs that is finite, NaN if
// none is: the magnitude that chooses the unit of figures shown together.
func Largest(xs ...float64) float64 {
	m := math.NaN()
	for _, x := range xs {
		if Finite(x) && !(math.Abs(x) <= m) {
			m = math.Abs(x)
		}
	}
	return m
}

// YesNo is how a boolean reads in tables and CSV files.
func YesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
