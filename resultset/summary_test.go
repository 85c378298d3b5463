package resultset

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/sim"
)

// summaryFields is Summary without its methods: what encoding/json writes
// for it is what Summary.WriteJSON must write.
type summaryFields Summary

// TestSummaryWriteJSON wants Summary.WriteJSON, which writes the results
// directly, to give the bytes of the encoder WriteJSON uses, into a
// bytes.Buffer (already holding text or not) and into another writer, with
// every optional field present and absent; and on an error to write
// nothing.
func TestSummaryWriteJSON(t *testing.T) {
	res := &sim.Results{Model: "m & n", Confidence: 0.95, Stages: []string{"a"},
		KPIs:      []sim.KPI{{Name: "a.wait.mean", Stage: "a", Group: "a", Label: "<wait>", Unit: sim.Minutes, Values: []float64{1, 2}}},
		Intervals: []sim.IntervalRow{{Stage: "a", From: 0, To: 60}}}
	tests := []struct {
		name string
		s    Summary
	}{
		{"full", Summary{Version: "v1", Command: "staff", Scenario: ScenarioRef{"s", "a <b>.yaml", "abc"},
			Warnings: []string{"w \"1\"", "tab\there\\", "\u2028\x01", "bad \xff"}, Assumptions: []string{"x & y", ""}, Currency: "€", Results: res}},
		{"bare", Summary{Version: "devel", Scenario: ScenarioRef{Name: "s", Source: "builtin:s"}, Results: res}},
		{"no results", Summary{Version: "devel"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ref := tt.s
			if ref.Warnings == nil {
				ref.Warnings = []string{}
			}
			var want bytes.Buffer
			if err := WriteJSON(&want, (*summaryFields)(&ref)); err != nil {
				t.Fatal(err)
			}
			got := bytes.NewBufferString("before\n")
			if err := tt.s.WriteJSON(got); err != nil {
				t.Fatal(err)
			}
			if g := strings.TrimPrefix(got.String(), "before\n"); g != want.String() {
				t.Errorf("into a bytes.Buffer: got\n%s\nwant\n%s", g, want.String())
			}
			var other strings.Builder
			if err := tt.s.WriteJSON(&other); err != nil {
				t.Fatal(err)
			}
			if other.String() != want.String() {
				t.Errorf("into a strings.Builder: got\n%s\nwant\n%s", other.String(), want.String())
			}
		})
	}
	bad := Summary{Version: "devel", Results: &sim.Results{Confidence: math.NaN()}}
	var b bytes.Buffer
	if err := bad.WriteJSON(&b); err == nil || b.Len() > 0 {
		t.Errorf("NaN confidence: got error %v and %d bytes; want encoding/json's error and nothing", err, b.Len())
	}
}
