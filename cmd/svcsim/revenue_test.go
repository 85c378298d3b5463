package main

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// TestRevenueReconciles checks, on every built-in that values its
// customers, that the revenue lines of the JSON
// output add up in every replication: what arrived = earned + lost +
// pending, lost = the sum of its causes, and earned = earned at base
// demand + the reputation effect.
func TestRevenueReconciles(t *testing.T) {
	t.Parallel()
	checked := 0
	for _, b := range scenarios.Builtins() {
		t.Run(b.Name, func(t *testing.T) {
			out, _ := mustRun(t, "run", b.Name, "-r", "3", "-q", "--format", "json")
			var rep struct {
				Results *sim.Results `json:"results"`
			}
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatal(err)
			}
			r := rep.Results
			if r.KPI("revenue.per_day") == nil {
				t.Skipf("%s gives no revenue per customer", b.Name)
			}
			checked++
			sum := func(i int, names ...string) float64 {
				s := 0.0
				for _, n := range names {
					k := r.KPI(n)
					if k == nil {
						t.Fatalf("no KPI %s", n)
					}
					s += k.Values[i]
				}
				return s
			}
			for i := range r.Replications {
				pairs := []struct {
					what       string
					total      string
					parts      []string
					wantExists bool
				}{
					{"arrived = earned + lost + pending", "revenue.potential", []string{"revenue.per_day", "revenue.lost_customers", "revenue.pending"}, true},
					{"lost = its causes", "revenue.lost_customers", []string{"revenue.lost.gave_up", "revenue.lost.sent_away", "revenue.lost.no_slot", "revenue.lost.no_show"}, true},
					{"earned = base demand + reputation", "revenue.per_day", []string{"revenue.base_demand", "revenue.reputation"}, r.Days > 1},
				}
				for _, p := range pairs {
					if !p.wantExists {
						continue
					}
					total, parts := sum(i, p.total), sum(i, p.parts...)
					if math.Abs(total-parts) > 1e-9*math.Max(1, math.Abs(total)) {
						t.Errorf("replication %d: %s: %s %g != %s %g", i, p.what, p.total, total, strings.Join(p.parts, " + "), parts)
					}
				}
			}
		})
	}
	if checked == 0 {
		t.Error("no built-in gives revenue: the test checked nothing")
	}
}
