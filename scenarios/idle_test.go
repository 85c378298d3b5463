package scenarios_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/scenarios"
)

// sundayOnly is open on Sundays only; with days: 1 from a Monday a run
// measures none of its opening hours, which more days would fix.
const sundayOnly = `name: sunday
days: %s
start: monday
open: {sun: 09:00-12:00}
channels:
  - name: walk_in
    rates: {09:00-12:00: 6/h}
    route: [desk]
stages:
  - name: desk
    service: exponential(5m)
    target: 5m
    staff: 1
`

// TestIdleDays: a file whose own days measure none of its opening hours
// loads (--days may fix it), its model carries Options.AllowIdle to the
// run, and Validate warns that a run refuses it as it stands — unless
// AllowIdle, with which it runs as a what-if.
func TestIdleDays(t *testing.T) {
	tests := []struct {
		name      string
		days      string
		allowIdle bool
		warning   string // the start of the one warning; "" for none
	}{
		{"one day", "1", false, "F: a run refuses it as it stands: the run measures only day 1, a Monday (days: 1, no warm-up), and the scenario is closed on it (open: Sun 09:00-12:00); valid: more days (--days 7 or more)"},
		{"one day, allowed", "1", true, ""},
		{"a week", "7", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "s.yaml")
			if err := os.WriteFile(path, []byte(strings.Replace(sundayOnly, "%s", tt.days, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			opt := scenarios.Options{AllowIdle: tt.allowIdle}
			sc, err := scenarios.LoadContext(t.Context(), path, opt)
			if err != nil {
				t.Fatalf("LoadContext: %v", err)
			}
			if sc.Model.AllowIdle != tt.allowIdle {
				t.Errorf("Model.AllowIdle = %v; want %v", sc.Model.AllowIdle, tt.allowIdle)
			}
			v, err := scenarios.Validate(t.Context(), path, opt)
			if err != nil {
				t.Fatalf("Validate: %v", err)
			}
			want := strings.ReplaceAll(tt.warning, "F:", path+":")
			switch {
			case want == "" && len(v.Warnings) != 0:
				t.Errorf("Warnings = %q; want none", v.Warnings)
			case want != "" && (len(v.Warnings) != 1 || !strings.HasPrefix(v.Warnings[0], want)):
				t.Errorf("Warnings = %q; want one starting %q", v.Warnings, want)
			}
		})
	}
}

// TestResolveAllowIdle: a built-in resolved with AllowIdle carries it
// to its model and its variants', as a file does.
func TestResolveAllowIdle(t *testing.T) {
	for _, allow := range []bool{false, true} {
		sc, err := scenarios.Resolve(t.Context(), "clinic", scenarios.Options{AllowIdle: allow})
		if err != nil {
			t.Fatal(err)
		}
		if sc.Model.AllowIdle != allow {
			t.Errorf("AllowIdle %v: Model.AllowIdle = %v", allow, sc.Model.AllowIdle)
		}
		for _, v := range sc.Variants {
			if v.Model.AllowIdle != allow {
				t.Errorf("AllowIdle %v: variant %q: Model.AllowIdle = %v", allow, v.Variant, v.Model.AllowIdle)
			}
		}
	}
}
