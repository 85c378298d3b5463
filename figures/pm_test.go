package figures

import (
	"math"
	"testing"
)

func TestPM(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name    string
		v, hw   float64
		val, pm string
	}{
		{"one digit for 355-949", 12.4321, 0.8, "12.4", "0.8"},
		{"two digits for 100-354", 75.3456, 1.2, "75.3", "1.2"},
		{"354 keeps two", 5.12345, 0.0354, "5.123", "0.035"},
		{"355 keeps one", 5.12345, 0.0355, "5.12", "0.04"},
		{"950-999 rounds up to two", 3.14159, 0.0962, "3.14", "0.10"},
		{"large half-width, no decimals", 412.3, 35.2, "412", "35"},
		{"half-width above 354", 4123.4, 512, "4123", "512"},
		{"exact power of ten", 2.5, 0.1, "2.50", "0.10"},
		{"tiny half-width is capped", 1, 1e-8, "1.000000", "0.000000"},
		{"rounding-error half-width is zero", 2.2, 4e-16, "2.2", "0"},
		{"zero half-width", 7, 0, "7", "0"},
		{"zero half-width, fraction", 2.0 / 3, 0, "0.667", "0"},
		{"undefined half-width", 12.3456, nan, "12.3", ""},
		{"undefined half-width, large", 12345.6, nan, "12346", ""},
		{"undefined value", nan, nan, "n/a", ""},
		{"infinite value", math.Inf(1), 1, "n/a", ""},
		{"no negative zero", -0.0001, 0.02, "0.000", "0.020"},
		{"negative value", -1.26, 0.5, "-1.3", "0.5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			val, pm := PM(tt.v, tt.hw)
			if val != tt.val || pm != tt.pm {
				t.Errorf("PM(%v, %v) = %q, %q; want %q, %q", tt.v, tt.hw, val, pm, tt.val, tt.pm)
			}
		})
	}
}
