package staffing

import (
	"slices"
	"testing"

	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

func TestSummary(t *testing.T) {
	sc, err := scenarios.Builtin("callcentre")
	if err != nil {
		t.Fatal(err)
	}
	chosen := *sc.Model
	res := &sim.Results{Model: sc.Model.Name}
	s := Summary("test", sc, &chosen, res)
	if want := sc.Model.Name + " (staffed by svcsim staff)"; s.Scenario.Name != want || res.Model != want {
		t.Errorf("named %q (results %q); want %q", s.Scenario.Name, res.Model, want)
	}
	if !slices.Equal(s.Assumptions, sc.Describe()) || s.Scenario.SHA256 != sc.Hash {
		t.Errorf("assumptions %q; want the scenario's own when nothing changed", s.Assumptions)
	}
}
