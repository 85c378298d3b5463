package experiment

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestPlanWriteReplacesOnlyAPlan checks that a plan replaces an earlier
// plan but never another file, such as a scenario named by mistake.
func TestPlanWriteReplacesOnlyAPlan(t *testing.T) {
	dir := t.TempDir()
	scenario := filepath.Join(dir, "clinic.yaml")
	const src = "name: clinic\n"
	if err := os.WriteFile(scenario, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	plan := filepath.Join(dir, "plan.json")
	p := Plan{Version: "test", Scenarios: 3, Replications: 10, Seed: 9, WorkUnits: 30, Shards: 4}
	tests := []struct {
		name    string
		path    string
		notPlan bool
	}{
		{"a new file", plan, false},
		{"the plan again", plan, false},
		{"a scenario", scenario, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckPlanTarget(tt.path)
			if _, ok := errors.AsType[*NotPlanError](err); ok != tt.notPlan {
				t.Errorf("CheckPlanTarget(%s) = %v; want a *NotPlanError: %v", tt.path, err, tt.notPlan)
			}
			err = p.Write(t.Context(), tt.path)
			if _, ok := errors.AsType[*NotPlanError](err); ok != tt.notPlan || (!tt.notPlan && err != nil) {
				t.Errorf("Write(%s) = %v; want a *NotPlanError: %v", tt.path, err, tt.notPlan)
			}
		})
	}
	if b, err := os.ReadFile(scenario); err != nil || string(b) != src {
		t.Errorf("the scenario file reads %q, %v; want it unchanged", b, err)
	}
}
