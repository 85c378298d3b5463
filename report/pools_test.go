package report

import (
	"testing"

	"github.com/svcsim/svcsim/sim"
)

func TestPoolSentences(t *testing.T) {
	e := func(m, hw float64) sim.Estimate { return sim.Estimate{Mean: m, HalfWidth: hw, N: 3} }
	r := &sim.Results{Pools: []string{"desk"}, KPIs: []sim.KPI{
		{Name: "desk.utilisation", Unit: sim.Share, Estimate: e(0.508, 0.023)},
		{Name: "desk.time.booking", Unit: sim.StaffHours, Estimate: e(9.6, 0.4)},
		{Name: "desk.time.follow_up", Unit: sim.StaffHours, Estimate: e(5.7, 0.5)},
		{Name: "desk.cost", Unit: sim.Money, Estimate: e(722.5, 2.2)},
	}}
	want := " Pool desk is busy 50.8 ± 2.3% of its time on duty: 9.6 ± 0.4 staff-h/day at booking, 5.7 ± 0.5 at follow_up; staff cost 722.5 ± 2.2 EUR per open day."
	if got := poolSentences(r, "EUR"); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if got := poolSentences(&sim.Results{}, "EUR"); got != "" {
		t.Errorf("without pools: %q; want nothing", got)
	}
}
