package figures

import "testing"

func TestDuration(t *testing.T) {
	tests := []struct {
		min  float64
		want string
	}{
		{0, "0 min"},
		{90, "90 min"},
		{360, "6 h"},
		{1440, "1 day"},
		{2880, "2 days"},
	}
	for _, tt := range tests {
		if got := Duration(tt.min); got != tt.want {
			t.Errorf("Duration(%v) = %q; want %q", tt.min, got, tt.want)
		}
	}
}

func TestCompact(t *testing.T) {
	tests := []struct {
		min  float64
		want string
	}{
		{15, "15m"},
		{90, "1h30m"},
		{60, "1h"},
		{0.75, "45s"},
		{1.0 / 3, "20s"},
		{0.5, "30s"},
		{1.5, "1m30s"},
		{0, ""},
		{1440, "1d"},
		{2880, "2d"},
		{1500, "25h"},
	}
	for _, tt := range tests {
		if got := Compact(tt.min); got != tt.want {
			t.Errorf("Compact(%v) = %q; want %q", tt.min, got, tt.want)
		}
	}
}

func TestClock(t *testing.T) {
	tests := []struct {
		min  float64
		want string
	}{
		{0, "00:00"},
		{8*60 + 30, "08:30"},
		{59.6, "01:00"},
		{1440, "24:00"},
	}
	for _, tt := range tests {
		if got := Clock(tt.min); got != tt.want {
			t.Errorf("Clock(%v) = %q; want %q", tt.min, got, tt.want)
		}
	}
}
