package figures

import (
	"fmt"
	"math"
	"strings"
	"time"
)

const minutesPerDay = 24 * 60

// Clock formats minutes since midnight as HH:MM, rounded to the nearest
// minute (24:00 for the end of the day).
func Clock(min float64) string {
	m := int(math.Round(min))
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}

// Duration formats minutes in words, in the largest unit that divides
// them: "2 days", "6 h", "90 min".
func Duration(min float64) string {
	switch {
	case min == 0:
		return "0 min"
	case math.Mod(min, minutesPerDay) == 0:
		if min == minutesPerDay {
			return "1 day"
		}
		return fmt.Sprintf("%g days", min/minutesPerDay)
	case math.Mod(min, 60) == 0:
		return fmt.Sprintf("%g h", min/60)
	default:
		return fmt.Sprintf("%g min", min)
	}
}

// Compact formats minutes as a scenario file writes a duration: whole days
// as "2d", else Go's duration form rounded to the second without zero
// parts: "15m", "1h30m", "1h", "20s"; nothing for 0.
func Compact(min float64) string {
	if min >= minutesPerDay && math.Mod(min, minutesPerDay) == 0 {
		return fmt.Sprintf("%gd", min/minutesPerDay)
	}
	d := time.Duration(min * float64(time.Minute)).Round(time.Second)
	if d == 0 {
		return ""
	}
	s := d.String()
	if strings.HasSuffix(s, "m0s") { // not "20s"
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
