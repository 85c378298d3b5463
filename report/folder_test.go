package report

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/experiment"
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
