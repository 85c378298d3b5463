package plots

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// results runs every scenario of a built-in for a short time.
func results(t *testing.T, name string) []Scenario {
	t.Helper()
	sc, err := scenarios.Builtin(name)
	if err != nil {
		t.Fatal(err)
	}
	var out []Scenario
	for _, s := range sc.All() {
		m := *s.Model
		m.Days = min(m.Days, 3)
		m.Warmup = 0
		r, err := sim.Run(context.Background(), &m, sim.Options{Replications: 3, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, Scenario{Name: s.Name(), Results: r})
	}
	return out
}

// notBlank checks that a PNG has more than one colour.
func notBlank(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	first := img.At(0, 0)
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y += 3 {
		for x := bounds.Min.X; x < bounds.Max.X; x += 3 {
			if img.At(x, y) != first {
				return img
			}
		}
	}
	t.Fatal("the PNG is blank")
	return nil
}

func TestCharts(t *testing.T) {
	sty := DefaultStyle()
	clinic := results(t, "clinic")
	diffs, err := sim.Compare(clinic[0].Results, clinic[1].Results)
	if err != nil {
		t.Fatal(err)
	}
	charts := map[string]func() (*Chart, error){
		"bars":     func() (*Chart, error) { return sty.KPIBars(clinic, "nps") },
		"tod":      func() (*Chart, error) { return sty.ByTimeOfDay(clinic, "booking", "service_level") },
		"queue":    func() (*Chart, error) { return sty.QueueAndStaff(clinic, "booking") },
		"heat":     func() (*Chart, error) { return sty.UtilisationHeatmap(clinic[0]) },
		"change":   func() (*Chart, error) { return sty.UtilisationDifference(clinic[0], clinic[1]) },
		"rep":      func() (*Chart, error) { _, r, err := sty.DemandReputation(clinic); return r, err },
		"forest":   func() (*Chart, error) { return sty.Forest("booking+1", clinic[0], diffs[:20], 1) },
		"waits":    func() (*Chart, error) { return sty.WaitDistribution(clinic, "booking") },
		"demand":   func() (*Chart, error) { d, _, err := sty.DemandReputation(clinic); return d, err },
		"frontier": func() (*Chart, error) { return frontier(sty, clinic) },
		"curve": func() (*Chart, error) {
			return sty.StaffingCurve("booking service level", "booking staff", sim.Share, "",
				[]SweepPoint{{2, sim.Estimate{Mean: 0.6, HalfWidth: 0.04, N: 3}}, {3, sim.Estimate{Mean: 0.8, HalfWidth: 0.03, N: 3}}, {4, sim.Estimate{Mean: 0.91, HalfWidth: 0.02, N: 3}}}, []Target{{KPI: "booking.service_level", Limit: 0.8}})
		},
	}
	dir := t.TempDir()
	for name, chart := range charts {
		p, err := chart()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for _, f := range Formats() {
			if f == "png" && testing.Short() && name != "heat" {
				// TestGolden compares a PNG of every chart with its golden
				// file already; one PNG of the clinic's own results is
				// still drawn and looked at.
				continue
			}
			path := filepath.Join(dir, name+"."+f)
			if err := sty.Save(p, path, DefaultSize()); err != nil {
				t.Errorf("%s: %v", path, err)
				continue
			}
			b, _ := os.ReadFile(path)
			if len(b) < 1000 {
				t.Errorf("%s: only %d bytes", path, len(b))
			}
			if f == "png" {
				notBlank(t, b)
			}
		}
	}
	files := len(charts) * len(Formats())
	if testing.Short() {
		files -= len(charts) - 1 // one PNG
	}
	if entries, _ := os.ReadDir(dir); len(entries) != files {
		t.Errorf("%d files in the output directory; temporary files left behind?", len(entries))
	}
}

func frontier(sty *Style, sc []Scenario) (*Chart, error) {
	var pts []FrontierPoint
	for i, s := range sc {
		pts = append(pts, FrontierPoint{Name: s.Name, Index: i, Cost: s.Results.KPI("cost.per_day").Estimate, Score: s.Results.KPI("nps").Estimate, Chosen: i == 1})
	}
	return sty.CostFrontier(pts, "staff cost per day", "NPS")
}

// TestNoData checks that every chart of results without its data is
// ErrNoData, not an empty chart.
func TestNoData(t *testing.T) {
	sty := DefaultStyle()
	empty := []Scenario{{Name: "empty", Results: &sim.Results{Stages: []string{"booking"}, Interval: 60}}}
	tests := []struct {
		name  string
		chart func() (*Chart, error)
	}{
		{"bars of a missing KPI", func() (*Chart, error) { return sty.KPIBars(results(t, "clinic"), "no.such.kpi") }},
		{"by time of day", func() (*Chart, error) { return sty.ByTimeOfDay(empty, "booking", "wait") }},
		{"queue and staff", func() (*Chart, error) { return sty.QueueAndStaff(empty, "booking") }},
		{"heat map", func() (*Chart, error) { return sty.UtilisationHeatmap(empty[0]) }},
		{"heat map of a change", func() (*Chart, error) { return sty.UtilisationDifference(empty[0], empty[0]) }},
		{"staffing curve", func() (*Chart, error) { return sty.StaffingCurve("t", "x", sim.Minutes, "", nil, nil) }},
		{"forest", func() (*Chart, error) { return sty.Forest("t", empty[0], nil, 1) }},
		{"demand", func() (*Chart, error) { d, _, err := sty.DemandReputation(empty); return d, err }},
		{"cost frontier", func() (*Chart, error) { return sty.CostFrontier(nil, "cost", "NPS") }},
		{"waits", func() (*Chart, error) { return sty.WaitDistribution(empty, "booking") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if p, err := tt.chart(); !errors.Is(err, ErrNoData) {
				t.Errorf("got %v, %v; want ErrNoData", p, err)
			}
		})
	}
}
