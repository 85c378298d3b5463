package scenarios

import (
	"strings"
	"testing"
)

// TestZeroTarget: targets may include 0, the share served without any
// wait, and alerts can refer to its KPI.
func TestZeroTarget(t *testing.T) {
	src := strings.Replace(minimal, "    target: 1m", "    target: 1m\n    targets: [0s, 20s]", 1) + "alerts: [desk.service_level(0m) < 50%]\n"
	s, err := parse(t, src)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Model.Stages[0].Targets; len(got) != 2 || got[0] != 0 || got[1] != 20.0/60 {
		t.Errorf("targets = %v; want [0 0.333…] minutes", got)
	}
	if len(s.Model.Thresholds) != 1 {
		t.Errorf("alerts = %v; want the one on desk.service_level(0m)", s.Model.Thresholds)
	}
	if err := s.Model.Validate(); err != nil {
		t.Errorf("model with a 0 target does not validate: %v", err)
	}
}
