package resultset

import (
	"testing"

	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// TestTargetsInKPIUnits checks that every target results.json records
// names a KPI the results report, with that KPI's unit and its limit in
// it: the clinic's alert 'consultation.lead.p90 > 2d' is 2 days, not
// 2880 minutes, and its target waits are on its wait KPIs, not on a
// "booking.wait" no KPI has.
func TestTargetsInKPIUnits(t *testing.T) {
	sc, err := scenarios.Builtin("clinic")
	if err != nil {
		t.Fatal(err)
	}
	m := sc.Model
	units := map[string]sim.Unit{}
	for _, k := range sim.KPIsOf(m) {
		units[k.Name] = k.Unit
	}
	ts := Targets(m)
	var lead *Target
	for i, tg := range ts {
		u, ok := units[tg.KPI]
		switch {
		case !ok:
			t.Errorf("target %+v: no KPI named %q", tg, tg.KPI)
		case tg.Unit != u:
			t.Errorf("target on %s: unit %q; want the KPI's, %q", tg.KPI, tg.Unit, u)
		}
		if tg.KPI == "consultation.lead.p90" {
			lead = &ts[i]
		}
	}
	if lead == nil || lead.Limit != 2 || lead.Unit != sim.Days || !lead.Above {
		t.Errorf("consultation.lead.p90 target: got %+v; want above a limit of 2 days", lead)
	}
	for _, st := range m.Stages {
		n := 0
		for _, tg := range ts {
			if tg.TargetWait && tg.KPI == st.Name+".wait.p90" {
				n++
				if tg.Limit != st.Target || tg.Unit != sim.Minutes {
					t.Errorf("%s target wait: got %g %s; want %g min", tg.KPI, tg.Limit, tg.Unit, st.Target)
				}
			}
		}
		if n != 1 {
			t.Errorf("stage %s: %d target waits on %s.wait.p90; want 1", st.Name, n, st.Name)
		}
	}
}
