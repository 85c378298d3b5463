package staffing

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/svcsim/svcsim/scenarios"
)

// TestOfferedLoad checks the analytical load on the grid against hand
// calculations: route probabilities, a fixed delay and the opening hours.
func TestOfferedLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "followup.yaml")
	if err := os.WriteFile(path, []byte(`name: followup
days: 3
interval: 1h
open: 09:00-12:00
channels:
  - name: phone
    rates: {09:00-12:00: 30/h, 12:00-14:00: 50/h}
    route: [desk, {stage: follow_up, probability: 0.4}]
stages:
  - name: desk
    service: deterministic(0m)
    target: 1m
    staff: 2
  - name: follow_up
    service: exponential(6m)
    delay: 1d
    target: 1h
    staff: 1
`), 0o644); err != nil {
		t.Fatal(err)
	}
	sc, err := scenarios.LoadContext(t.Context(), path, scenarios.Options{})
	if err != nil {
		t.Fatal(err)
	}
	g, loads := offeredLoad(sc.Model)
	tests := []struct {
		name         string
		stage, day   int
		hour         int
		visits, work float64
	}{
		{"desk while open", 0, 0, 9, 30, 0},
		{"desk after closing: no arrivals", 0, 0, 12, 0, 0},
		{"follow-up on day 0: none due yet", 1, 0, 10, 0, 0},
		{"follow-up a day later", 1, 1, 10, 0.4 * 30, 0.4 * 30 * 6},
		{"follow-up on the last day", 1, 2, 11, 0.4 * 30, 0.4 * 30 * 6},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cell := tc.day*g.nInt + tc.hour
			if got := loads[tc.stage].visits[cell]; math.Abs(got-tc.visits) > 1e-9 {
				t.Errorf("visits %g; want %g", got, tc.visits)
			}
			if got := loads[tc.stage].work[cell]; math.Abs(got-tc.work) > 1e-9 {
				t.Errorf("work %g min; want %g", got, tc.work)
			}
		})
	}
}
