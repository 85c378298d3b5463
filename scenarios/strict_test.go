package scenarios

import (
	"strings"
	"testing"
	"time"
)

// TestWeekdayNamesAreExact: a weekday is its short or full name, never
// any word sharing its first three letters.
func TestWeekdayNamesAreExact(t *testing.T) {
	checkPositions(t, []posCase{
		{"start: monkey", strings.Replace(minimal, "name: mini\n", "name: mini\nstart: monkey\n", 1), 2, 8, "start", `"monkey" is not a weekday`},
		{"start: mond", strings.Replace(minimal, "name: mini\n", "name: mini\nstart: mond\n", 1), 2, 8, "start", `"mond" is not a weekday`},
		{"open key wedding", strings.Replace(minimal, "open: 08:00-16:00", "open: {mon-fri: 08:00-16:00, wedding: closed}", 1), 2, 30, "open", `"wedding" is not a set of weekdays`},
		{"range of words", strings.Replace(minimal, "open: 08:00-16:00", "open: {monkey-friend: 08:00-16:00}", 1), 2, 8, "open", "is not a set of weekdays"},
	})
	for _, tt := range []struct {
		in   string
		want time.Weekday
	}{{"mon", time.Monday}, {"monday", time.Monday}, {"Wednesday", time.Wednesday}, {"SUN", time.Sunday}} {
		if got, err := parseWeekday(tt.in); err != nil || got != tt.want {
			t.Errorf("parseWeekday(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	if set, err := parseDays("monday-friday"); err != nil || set != 0x3e {
		t.Errorf("parseDays(monday-friday) = %#x, %v; want 0x3e", set, err)
	}
}
