package main

import (
	"strings"
	"testing"
)

// bottleneckScenario books more customers with a second clerk, but its
// single technician is saturated either way: more bookings only lengthen
// the technician's queue.
const bottleneckScenario = `name: shop
days: 5
open: 08:00-18:00
channels:
  - name: phone
    rates: {08:00-18:00: 20/h}
    route: [booking, repair]
stages:
  - name: booking
    service: exponential(4m)
    patience: exponential(2m)
    target: 1m
    staff: 1
  - name: repair
    service: exponential(10m)
    target: 1h
    at_close: carry_over
    staff: 1
variants:
  - name: two clerks
    stages:
      - name: booking
        staff: 2
`

// TestCompareBottleneck: the comparison says that the extra bookings do
// not pass the saturated repair stage.
func TestCompareBottleneck(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "shop.yaml", bottleneckScenario)
	out, _ := mustRun(t, "compare", path, "-r", "10", "-q")
	note := lineStarting(out, "  scenario 2 (two clerks): booking completes +")
	if note == "" {
		t.Fatalf("no bottleneck note:\n%s", out)
	}
	flat := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{"but repair, the bottleneck (staff utilisation", "completes no more"} {
		if !strings.Contains(flat, want) {
			t.Errorf("note lacks %q:\n%s", want, out)
		}
	}
	// The baseline against a copy of itself has no bottleneck to report
	// (the file itself twice is refused as a usage mistake).
	base := writeFile(t, "base.yaml", strings.Split(bottleneckScenario, "variants:")[0])
	same := writeFile(t, "base.yaml", strings.Split(bottleneckScenario, "variants:")[0])
	if out, _ := mustRun(t, "compare", base, same, "-r", "10", "-q"); strings.Contains(out, "bottleneck") {
		t.Errorf("a scenario against itself reports a bottleneck:\n%s", out)
	}
}
