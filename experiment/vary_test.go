package experiment

import (
	"strings"
	"testing"

	"github.com/svcsim/svcsim/scenarios"
)

// TestCheckKPIs: --kpi names are checked before anything runs; unknown
// and repeated names are each named, with valid examples.
func TestCheckKPIs(t *testing.T) {
	clinic, err := scenarios.Builtin("clinic")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		kpis []string
		want []string // substrings of the error; none: accepted
	}{
		{"none", nil, nil},
		{"known", []string{"nps", "booking.wait.mean"}, nil},
		{"repeated", []string{"nps", "booking.wait.mean", "nps"}, []string{`KPI given twice (got "nps" again); valid: each KPI once`}},
		{"three times", []string{"nps", "nps", "nps"}, []string{`(got "nps" again)`, `(got "nps" again); valid: each KPI once; KPI given twice`}},
		{"unknown, with its stage's names", []string{"booking.wiat.mean"}, []string{`no such KPI (got "booking.wiat.mean"); valid: one of the scenario's`, "such as booking.arrivals, "}},
		{"unknown stage", []string{"nosuch.kpi"}, []string{`no such KPI (got "nosuch.kpi")`, "'svcsim run --format csv' lists them"}},
		{"both", []string{"x", "nps", "nps"}, []string{`no such KPI (got "x")`, `; KPI given twice (got "nps" again)`}},
		{"an unknown name twice", []string{"x", "x"}, []string{`no such KPI (got "x"); valid:`, `; KPI given twice (got "x" again)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckKPIs(clinic.Model, tt.kpis)
			if tt.want == nil {
				if err != nil {
					t.Errorf("CheckKPIs(%q) = %v; want nil", tt.kpis, err)
				}
				return
			}
			for _, w := range tt.want {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("CheckKPIs(%q) = %v; want %q", tt.kpis, err, w)
				}
			}
		})
	}
}
