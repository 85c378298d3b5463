package report

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/plots"
	"github.com/svcsim/svcsim/sim"
)

// TestRenderStops: render returns soon after its context is cancelled
// even while gonum/plot is still drawing a chart that takes seconds (a
// curve of 200,000 points with error bars), and returns what was drawn
// when the context lives.
func TestRenderStops(t *testing.T) {
	if testing.Short() {
		t.Skip("draws a chart that takes seconds")
	}
	sty, _, err := plots.NewStyle("")
	if err != nil {
		t.Fatal(err)
	}
	pts := make([]plots.SweepPoint, 50000)
	for i := range pts {
		pts[i] = plots.SweepPoint{X: float64(i), Y: sim.Estimate{Mean: float64(i % 97), HalfWidth: 1, N: 2}}
	}
	ch, err := sty.StaffingCurve("wait against agents", "agents", sim.Minutes, "", pts, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	b, err := render(ctx, sty, ch, "svg", plots.DefaultSize())
	// A second is the bound a signal must meet; the drawing goes on for
	// several more.
	if took := time.Since(start); !errors.Is(err, context.Canceled) || took > time.Second {
		t.Errorf("render cancelled after 100ms = %d bytes, %v after %v; want context.Canceled within a second", len(b), err, took)
	}
	small, err := sty.StaffingCurve("wait against agents", "agents", sim.Minutes, "", pts[:10], nil)
	if err != nil {
		t.Fatal(err)
	}
	if b, err := render(context.Background(), sty, small, "svg", plots.DefaultSize()); err != nil || len(b) == 0 {
		t.Errorf("render = %d bytes, %v; want a chart", len(b), err)
	}
}

// TestSaveInterrupted: a report or workbook interrupted before it is
// written returns experiment.ErrInterrupted and leaves the earlier file
// as it was, with no temporary file beside it.
func TestSaveInterrupted(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	dir := runFolder(t)
	tests := []struct {
		name string
		file string
		save func() error
	}{
		{"report", "report.html", func() error {
			return SaveHTML(cancelled, mustLoad(t, dir), filepath.Join(dir, "report.html"), ChartOptions{}, Options{})
		}},
		{"folder report", "report.html", func() error { return (&Folder{Report: true}).Write(cancelled, dir) }},
		{"workbook", "results.xlsx", func() error { return (&Folder{Workbook: true}).Write(cancelled, dir) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			if err := os.WriteFile(path, []byte("earlier"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := tt.save(); err != experiment.ErrInterrupted {
				t.Errorf("interrupted: %v; want ErrInterrupted", err)
			}
			if b, err := os.ReadFile(path); err != nil || string(b) != "earlier" {
				t.Errorf("%s = %.20q, %v; want the earlier file", tt.file, b, err)
			}
			if left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
		})
	}
}
