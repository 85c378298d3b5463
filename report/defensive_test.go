package report

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
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

// TestReportIncomplete: the results of an interrupted experiment are
// said to be incomplete at the top of the report and on stderr, and a
// complete one says nothing of the kind.
func TestReportIncomplete(t *testing.T) {
	res := briefResults(t)
	tests := []struct {
		name    string
		missing []string
	}{
		{"complete", nil},
		{"interrupted", []string{"c: did not run (interrupted)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &resultset.Set{Command: "compare a b c", Incomplete: tt.missing,
				Scenarios: []resultset.Scenario{{Name: "a", Results: res}, {Name: "b", Results: res}}}
			var warned []string
			warn := func(msg string) { warned = append(warned, msg) }
			path := filepath.Join(t.TempDir(), "report.html")
			if err := SaveHTML(context.Background(), s, path, ChartOptions{Size: plots.Size{Width: 300, Height: 200}}, Options{Warn: warn}); err != nil {
				t.Fatal(err)
			}
			page, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			notice := strings.Index(string(page), `id="incomplete"`)
			summary := strings.Index(string(page), `id="summary"`)
			incomplete := strings.Contains(strings.Join(warned, "\n"), "the results are incomplete")
			if tt.missing == nil {
				if notice >= 0 || incomplete {
					t.Errorf("complete results: notice at %d, warnings %q; want neither", notice, warned)
				}
				return
			}
			if notice < 0 || notice > summary || !strings.Contains(string(page), tt.missing[0]) {
				t.Errorf("report: notice at %d (summary at %d); want one before the summary naming %q", notice, summary, tt.missing[0])
			}
			if !incomplete || !strings.Contains(warned[0], tt.missing[0]) {
				t.Errorf("warnings %q; want one that the results are incomplete, naming %q", warned, tt.missing[0])
			}
		})
	}
}
