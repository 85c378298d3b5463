package staffing

import (
	"testing"

	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// TestTargetComparisonsAreExact: a staffing target "KPI >= L" is met by a
// KPI whose confidence interval reaches down exactly to L; "KPI > L" is
// not, and likewise for <= and <.
func TestTargetComparisonsAreExact(t *testing.T) {
	for _, tt := range []struct {
		target    string
		mean, hw  float64
		wantMeets bool
	}{
		{"desk.service_level >= 80%", 0.9, 0.1, true},
		{"desk.service_level > 80%", 0.9, 0.1, false},
		{"desk.service_level > 80%", 0.9, 0.05, true},
		{"desk.wait.mean <= 2m", 1.5, 0.5, true},
		{"desk.wait.mean < 2m", 1.5, 0.5, false},
		{"desk.wait.mean < 2m", 1.5, 0.25, true},
	} {
		th, err := scenarios.ParseThreshold(tt.target)
		if err != nil {
			t.Fatal(err)
		}
		k := &sim.KPI{Name: th.KPI}
		k.Mean, k.HalfWidth = tt.mean, tt.hw
		if got := (Target{Text: tt.target, Threshold: th}).Met(k); got != tt.wantMeets {
			t.Errorf("%s with %g ± %g: met = %v; want %v", tt.target, tt.mean, tt.hw, got, tt.wantMeets)
		}
	}
}
