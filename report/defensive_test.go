package report

import (
	"bytes"
	"context"
	"testing"

	"github.com/svcsim/svcsim/plots"
	"github.com/svcsim/svcsim/resultset"
	svcscenarios "github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// briefResults are a day of the call centre, two replications.
func briefResults(t *testing.T) *sim.Results {
	t.Helper()
	sc, err := svcscenarios.Builtin("callcentre")
	if err != nil {
		t.Fatal(err)
	}
	m := *sc.Model
	m.Days = 1
	res, err := sim.Run(context.Background(), &m, sim.Options{Replications: 2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestReportWithoutResults: a Set built in code rather than read by
// resultset.Load may lack what Load checks; the report, the workbook and
// the charts refuse it or draw what they can, and never panic.
func TestReportWithoutResults(t *testing.T) {
	res := briefResults(t)
	noKPIs := *res
	noKPIs.KPIs = nil
	ghost := *res
	ghost.Stages = append([]string{"ghost"}, res.Stages...)
	fewer := *res
	fewer.KPIs = nil
	for _, k := range res.KPIs {
		k.Values = k.Values[:1]
		fewer.KPIs = append(fewer.KPIs, k)
	}
	tests := []struct {
		name string
		set  *resultset.Set
		err  string // of HTML and Workbook; "" for none
	}{
		{"no scenarios", &resultset.Set{Command: "compare"}, "report: no scenario with results"},
		{"null results", &resultset.Set{Command: "compare", Scenarios: []resultset.Scenario{{Name: "a", Results: res}, {Name: "b"}}},
			`report: scenario "b" has no results`},
		{"no KPIs", &resultset.Set{Command: "run", Scenarios: []resultset.Scenario{{Name: "a", Results: &noKPIs}}}, ""},
		{"stage without KPIs", &resultset.Set{Command: "compare", Scenarios: []resultset.Scenario{{Name: "a", Results: &ghost}, {Name: "b", Results: res}}}, ""},
		{"fewer replications", &resultset.Set{Command: "compare", Scenarios: []resultset.Scenario{{Name: "a", Results: res}, {Name: "b", Results: &fewer}}}, ""},
	}
	sty, _, err := plots.NewStyle("")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			Texts(tt.set)
			Charts(tt.set, sty)
			var b bytes.Buffer
			for what, err := range map[string]error{
				"HTML":     HTML(&b, tt.set, Options{Style: sty, Size: plots.Size{Width: 300, Height: 200}}),
				"Workbook": Workbook(&b, tt.set),
			} {
				if got := errString(err); got != tt.err {
					t.Errorf("%s: %q; want %q", what, got, tt.err)
				}
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
