package main

import (
	"strings"
	"testing"
)

// TestStaffPool sizes the reception's pool in its longest-waiting variant
// and checks the flags that do not go with --pool.
func TestStaffPool(t *testing.T) {
	out, _ := mustRun(t, "staff", "reception", "--variant", "pool, longest waiting", "--pool", "desk",
		"--target", "booking.service_level >= 75%", "-r", "3", "--days", "7", "-q")
	for _, want := range []string{"smallest pool meeting every target", "desk  ", "Erlang start", "booking.service_level >= 75%"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--pool", "desk", "--stage", "booking"}, "does not go with --stage or --by-interval"},
		{[]string{"--pool", "dsk", "--variant", "pool, longest waiting"}, "no such pool; the pools are desk"},
		{[]string{"--pool", "desk"}, "the scenario has no pools"},
		{[]string{"--variant", "pool"}, `no such variant; the variants are "pool, booking first", "pool, longest waiting"`},
	} {
		args := append([]string{"staff", "reception", "--target", "booking.service_level >= 75%", "-q"}, tc.args...)
		_, errOut, status := svcsim(t, t.Context(), args...)
		if status != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("svcsim %s: status %d, stderr %q; want 2 and %q", strings.Join(args, " "), status, errOut, tc.want)
		}
	}
}
