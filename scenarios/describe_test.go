package scenarios

import (
	"strings"
	"testing"
)

// TestDescribeStaff: the assumptions name the weekdays each staffing
// covers, days that differ separately, and do not repeat the default
// group name "staff".
func TestDescribeStaff(t *testing.T) {
	tests := []struct {
		builtin, variant string
		want             []string // lines of Describe, in full or as a prefix ending in "…"
	}{
		{"clinic", "", []string{
			"Stage booking: service lognormal(mean 3m, sd 1.5m), target wait 1m; staff (Monday–Friday: 08:00-10:00 3, 10:00-14:00 2, 14:00-18:00 1), 28 EUR per hour. Patience exponential(mean 3m).",
			"Stage consultation: service gamma(mean 12m, sd 5m), target wait 15m; staff group doctor (Monday–Friday: 08:00-12:00 6, 12:00-13:00 3, 13:00-18:00 6), 85 EUR per hour.",
		}},
		// Monday differs from the rest of the week.
		{"repairshop", "", []string{
			"Stage booking: service lognormal(mean 3m, sd 1.5m), target wait 30s; staff (Monday: 08:00-10:00 3, 10:00-12:00 5, 12:00-14:00 4, 14:00-18:00 2; Tuesday–Friday: 08:00-10:00 2, 10:00-14:00 4, 14:00-18:00 2), 26 EUR per hour. Patience exponential(mean 2m).",
			"Stage repair: …; staff groups senior (Monday–Friday: 08:00-16:30 2), 45 EUR per hour; junior (Monday–Friday: 09:30-18:00 3), 32 EUR per hour.",
		}},
		// Saturday differs; a group off the whole week says so.
		{"aftersales", "", []string{
			"Stage repair: …; staff groups senior (Monday–Friday: 08:30-18:30 2; Saturday: 09:00-14:00 1), 48 EUR per hour; junior (Monday–Friday: 08:30-18:30 3; Saturday: 09:00-14:00 1), 34 EUR per hour; trainee (Monday–Friday: 10:00-16:00 1), 22 EUR per hour.",
		}},
		{"aftersales", "two seniors instead of junior+trainee", []string{
			"Stage repair: …; trainee (nobody on duty).",
		}},
		// Open every day of a one-day run; no currency; a target in seconds.
		{"callcentre", "", []string{
			"Stage agents: service exponential(mean 4m), target wait 20s; staff (every day: 08:00-20:00 9), 25 per hour. Patience exponential(mean 3m).",
		}},
		{"reception", "pool, booking first", []string{
			"Stage booking: …; staff (nobody on duty). Patience exponential(mean 8m).",
			"Pool desk: cross-trained staff (Monday–Friday: 08:00-18:00 3), 24 EUR per hour, serving booking, follow_up, in that order of priority.",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.builtin+"/"+tt.variant, func(t *testing.T) {
			b, err := Builtin(tt.builtin)
			if err != nil {
				t.Fatal(err)
			}
			s := b
			for _, v := range b.All() {
				if v.Variant == tt.variant {
					s = v
				}
			}
			if s.Variant != tt.variant {
				t.Fatalf("no variant %q", tt.variant)
			}
			lines := s.Describe()
			for _, want := range tt.want {
				if !hasLine(lines, want) {
					t.Errorf("no line %q in\n%s", want, strings.Join(lines, "\n"))
				}
			}
		})
	}
}

// hasLine reports whether lines hold want, where "…" in want stands for
// any text.
func hasLine(lines []string, want string) bool {
	head, tail, elided := strings.Cut(want, "…")
	for _, l := range lines {
		if l == want || elided && strings.HasPrefix(l, head) && strings.HasSuffix(l[len(head):], tail) {
			return true
		}
	}
	return false
}

// TestDescribeBuiltins: no built-in's assumptions name the default group
// "staff staff", say only what happens "on Monday", or leave a gap for a
// missing word (a currency).
func TestDescribeBuiltins(t *testing.T) {
	for _, info := range Builtins() {
		s, err := Builtin(info.Name)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range s.All() {
			for _, l := range v.Describe() {
				if strings.Contains(l, "staff staff") || strings.Contains(l, "on Monday") || strings.Contains(l, "  ") {
					t.Errorf("%s: %q", v.Name(), l)
				}
			}
		}
	}
}

func TestWeekdaysText(t *testing.T) {
	tests := []struct {
		days string
		want string
	}{
		{"mon-fri", "Monday–Friday"},
		{"mon", "Monday"},
		{"mon,tue", "Monday, Tuesday"},
		{"mon,wed,fri", "Monday, Wednesday, Friday"},
		{"mon-wed,sat", "Monday–Wednesday, Saturday"},
		{"sat,sun", "Saturday, Sunday"},
		{"fri-mon", "Monday, Friday–Sunday"},
		{"daily", "every day"},
	}
	for _, tt := range tests {
		days, err := parseDays(tt.days)
		if err != nil {
			t.Fatal(err)
		}
		if got := weekdaysText(days); got != tt.want {
			t.Errorf("%s: got %q; want %q", tt.days, got, tt.want)
		}
	}
}
