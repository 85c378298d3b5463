package tables

import (
	"bytes"
	"context"
	"testing"

	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// TestFormats: RunAs and CompareAs write what the writer of each format
// writes, and refuse an unknown format.
func TestFormats(t *testing.T) {
	sc, err := scenarios.Builtin("clinic")
	if err != nil {
		t.Fatal(err)
	}
	pts := experiment.Points(sc.Source, sc.All()...)
	experiment.Run(context.Background(), pts, experiment.Options{Options: sim.Options{Replications: 2, Seed: 1}, Days: 1})
	rep := experiment.Summary("test", sc, nil, pts[0].Results)
	run := []struct {
		format    string
		intervals bool
		direct    func(*bytes.Buffer) error
	}{
		{"table", true, func(b *bytes.Buffer) error { return Run(b, rep.Results, true, false, rep.Currency) }},
		{"json", false, func(b *bytes.Buffer) error { return rep.WriteJSON(b) }},
		{"csv", false, func(b *bytes.Buffer) error { return resultset.WriteSummaryCSV(b, rep.Results) }},
		{"csv", true, func(b *bytes.Buffer) error { return resultset.WriteIntervalsCSV(b, rep.Results) }},
	}
	for _, tt := range run {
		var got, want bytes.Buffer
		if err := RunAs(&got, tt.format, rep, tt.intervals, false); err != nil {
			t.Fatal(err)
		}
		if err := tt.direct(&want); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() || got.Len() == 0 {
			t.Errorf("RunAs %s (intervals %v) differs from its writer", tt.format, tt.intervals)
		}
	}
	cmp := []struct {
		format string
		direct func(*bytes.Buffer) error
	}{
		{"table", func(b *bytes.Buffer) error { return Compare(b, pts, true) }},
		{"csv", func(b *bytes.Buffer) error { return CompareCSV(b, pts) }},
		{"json", func(b *bytes.Buffer) error { return CompareJSON(b, pts, "test") }},
	}
	for _, tt := range cmp {
		var got, want bytes.Buffer
		if err := CompareAs(&got, tt.format, pts, true, "test"); err != nil {
			t.Fatal(err)
		}
		if err := tt.direct(&want); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() || got.Len() == 0 {
			t.Errorf("CompareAs %s differs from its writer", tt.format)
		}
	}
	if RunAs(&bytes.Buffer{}, "xml", rep, false, false) == nil || CompareAs(&bytes.Buffer{}, "xml", pts, false, "") == nil {
		t.Error("an unknown format was accepted")
	}
}
