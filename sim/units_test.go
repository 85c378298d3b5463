package sim

import (
	"math"
	"testing"
)

func TestUnitDisplay(t *testing.T) {
	tests := []struct {
		name      string
		unit      Unit
		currency  string
		magnitude float64
		scale     float64
		want      string
	}{
		{"short wait in minutes", Minutes, "", 119.9, 1, "min"},
		{"two hours in hours", Minutes, "", 120, 1.0 / 60, "h"},
		{"1168 min in hours", Minutes, "", 1168, 1.0 / 60, "h"},
		{"just under two days in hours", Minutes, "", 2879, 1.0 / 60, "h"},
		{"two days in days", Minutes, "", 2880, 1.0 / 1440, "days"},
		{"a negative difference by its size", Minutes, "", -300, 1.0 / 60, "h"},
		{"undefined in minutes", Minutes, "", math.NaN(), 1, "min"},
		{"no magnitude in minutes", Minutes, "", 0, 1, "min"},
		{"money in the currency", Money, "EUR", 1, 1, "EUR/day"},
		{"money without a currency", Money, "", 1, 1, "per day"},
		{"money per week without a currency", MoneyWeek, "", 1, 1, "per week"},
		{"money per week", MoneyWeek, "CNY", 1, 1, "CNY/week"},
		{"NPS in points", NPSPoints, "", 30, 1, "points"},
		{"shares in percent", Share, "", 0.5, 100, "%"},
		{"lead times stay in days", Days, "", 3, 1, "days"},
		{"stars as they are", Stars, "EUR", 4, 1, "stars"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			scale, label := tt.unit.Display(tt.currency, tt.magnitude)
			if label != tt.want || math.Abs(scale-tt.scale) > 1e-15 {
				t.Errorf("%q.Display(%q, %v) = %v, %q; want %v, %q", tt.unit, tt.currency, tt.magnitude, scale, label, tt.scale, tt.want)
			}
		})
	}
}
