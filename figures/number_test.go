package figures

import (
	"math"
	"testing"
)

func TestNumber(t *testing.T) {
	tests := []struct {
		x    float64
		want string
	}{
		{0.1, "0.1"},
		{270.50000000000006, "270.50000000000006"},
		{1e21, "1e+21"},
		{math.NaN(), ""},
		{math.Inf(-1), ""},
	}
	for _, tt := range tests {
		if got := Number(tt.x); got != tt.want {
			t.Errorf("Number(%v) = %q; want %q", tt.x, got, tt.want)
		}
	}
}

func TestLargest(t *testing.T) {
	if got := Largest(3, math.NaN(), -7, 5); got != 7 {
		t.Errorf("Largest(3, NaN, -7, 5) = %v; want 7", got)
	}
	if got := Largest(math.NaN()); !math.IsNaN(got) {
		t.Errorf("Largest(NaN) = %v; want NaN", got)
	}
}
