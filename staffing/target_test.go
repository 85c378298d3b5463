package staffing

import (
	"strings"
	"testing"

	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// TestTargetComparisonsAreExact: a staffing target "KPI >= L" is met by a
// KPI whose confidence interval reaches down exactly to L; "KPI > L" is
// not, and likewise for <= and <.
//
// The interval is cut to the values the KPI's unit can take: a share's
// interval reaching below 0% (few replications) still meets ">= 0%", and
// one above 100% still meets "<= 100%".
func TestTargetComparisonsAreExact(t *testing.T) {
	for _, tt := range []struct {
		target    string
		mean, hw  float64
		wantMeets bool
	}{
		{"desk.service_level >= 0%", 0.61, 2.9, true},
		{"desk.service_level <= 100%", 0.61, 2.9, true},
		{"desk.service_level >= 1%", 0.61, 2.9, false},
		{"desk.wait.mean >= 0s", 0.2, 0.5, true},
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
		k := &sim.KPI{Name: th.KPI, Unit: sim.Minutes}
		if strings.HasSuffix(th.KPI, "service_level") {
			k.Unit = sim.Share
		}
		k.Mean, k.HalfWidth = tt.mean, tt.hw
		if got := (Target{Text: tt.target, Threshold: th}).Met(k); got != tt.wantMeets {
			t.Errorf("%s with %g ± %g: met = %v; want %v", tt.target, tt.mean, tt.hw, got, tt.wantMeets)
		}
	}
}
