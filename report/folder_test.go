package report

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/plots"
	"github.com/svcsim/svcsim/resultset"
	svcscenarios "github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

func TestParseFormats(t *testing.T) {
	tests := []struct {
		name, list string
		want       []string
		err        string
	}{
		{"default", "png,svg", []string{"png", "svg"}, ""},
		{"case and spaces", " PDF , png", []string{"pdf", "png"}, ""},
		{"unknown", "png,jpg", nil, `"jpg": use png, svg and/or pdf, comma-separated`},
		{"empty", "", nil, `"": use png, svg and/or pdf`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseFormats(tt.list)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("ParseFormats(%q) error = %v; want %q", tt.list, err, tt.err)
				}
				return
			}
			if err != nil || !slices.Equal(got, tt.want) {
				t.Errorf("ParseFormats(%q) = %q, %v; want %q", tt.list, got, err, tt.want)
			}
		})
	}
}

// TestFolderWrite adds the workbook to a run's result folder, and checks
// that a folder asking for nothing writes nothing and that an interrupted
// context stops before anything is drawn.
func TestFolderWrite(t *testing.T) {
	dir := runFolder(t)
	if err := (&Folder{}).Write(context.Background(), filepath.Join(dir, "absent")); err != nil {
		t.Errorf("an empty Folder wrote something: %v", err)
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	if err := (&Folder{Workbook: true}).Write(cancelled, dir); err != experiment.ErrInterrupted {
		t.Errorf("Write on a cancelled context = %v; want ErrInterrupted", err)
	}
	if err := (&Folder{Workbook: true}).Write(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(filepath.Join(dir, "results.xlsx")); err != nil || fi.Size() == 0 {
		t.Errorf("results.xlsx: %v; want a workbook", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "report.html")); err == nil {
		t.Errorf("report.html written without Report")
	}
}

// TestWriteChartsReplaces: charts are drawn into a folder of their own
// that takes the place of the old charts only when every chart is drawn,
// so a redraw leaves no stale chart and an interrupted one leaves the old
// charts as they were, with nothing half-drawn beside them.
func TestWriteChartsReplaces(t *testing.T) {
	dir := runFolder(t)
	charts := filepath.Join(dir, "charts")
	if err := os.MkdirAll(charts, 0o755); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(charts, "stale.png")
	if err := os.WriteFile(stale, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	o := ChartOptions{Formats: []string{"svg"}, Size: plots.DefaultSize()}
	if _, err := SaveCharts(cancelled, mustLoad(t, dir), dir, o, nil); err != experiment.ErrInterrupted {
		t.Errorf("SaveCharts on a cancelled context = %v; want ErrInterrupted", err)
	}
	if _, err := os.Stat(stale); err != nil {
		t.Errorf("an interrupted redraw removed the old charts: %v", err)
	}
	drawn, err := SaveCharts(context.Background(), mustLoad(t, dir), dir, o, nil)
	if err != nil || len(drawn) == 0 {
		t.Fatalf("SaveCharts = %d files, %v", len(drawn), err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("a redraw left the stale chart (%v)", err)
	}
	for _, f := range drawn {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("drawn chart %s: %v", f, err)
		}
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".charts-*"))
	if len(left) > 0 {
		t.Errorf("temporary folders left behind: %v", left)
	}
}

func mustLoad(t *testing.T, dir string) *resultset.Set {
	t.Helper()
	s, err := resultset.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// runFolder is a run's result folder: one day of the call centre, two
// replications.
func runFolder(t *testing.T) string {
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
	dir := t.TempDir()
	files, err := (&resultset.Summary{Version: "devel", Scenario: resultset.ScenarioRef{Name: m.Name}, Results: res}).Files()
	if err != nil {
		t.Fatal(err)
	}
	if err := resultset.WriteFiles(context.Background(), dir, files...); err != nil {
		t.Fatal(err)
	}
	return dir
}
