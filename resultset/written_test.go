package resultset

import (
	"os"
	"path/filepath"
	"testing"
)

func TestReplaces(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"out/charts", "out/checkpoints", "out/sub", "elsewhere"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("out", filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path, dir string
		want            bool
	}{
		{"a result", "out/summary.json", "out", true},
		{"a result, the folder named otherwise", "out/../out/summary.json", "out/", true},
		{"a result through a link to the folder", "link/summary.json", "out", true},
		{"a result, the folder given as the link", "out/intervals.csv", "link", true},
		{"the index", "out/" + IndexName, "out", true},
		{"the file kept", "out/report.html", "out", false},
		{"the file kept, through a link", "link/report.html", "out", false},
		{"another file", "out/notes.html", "out", false},
		{"a result's name elsewhere", "elsewhere/summary.json", "out", false},
		{"into the charts", "out/charts/summary.json", "out", true},
		{"into the checkpoints", "link/checkpoints/x.gob", "out", true},
		{"into a folder of the planner's", "out/sub/report.html", "out", false},
		{"a folder not there", "missing/summary.json", "missing", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, dir := filepath.Join(root, tt.path), filepath.Join(root, tt.dir)
			if got := Replaces(path, dir, "report.html"); got != tt.want {
				t.Errorf("Replaces(%q, %q, report.html) = %v; want %v", tt.path, tt.dir, got, tt.want)
			}
		})
	}
}
