package resultset

import "testing"

func TestReplaces(t *testing.T) {
	tests := []struct {
		name, path, dir string
		want            bool
	}{
		{"a result", "out/summary.json", "out", true},
		{"a result, the folder named otherwise", "out/../out/summary.json", "./out/", true},
		{"the file kept", "out/report.html", "out", false},
		{"another file", "out/notes.html", "out", false},
		{"a result's name elsewhere", "elsewhere/summary.json", "out", false},
		{"a result in a subfolder", "out/charts/summary.json", "out", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Replaces(tt.path, tt.dir, "report.html"); got != tt.want {
				t.Errorf("Replaces(%q, %q, report.html) = %v; want %v", tt.path, tt.dir, got, tt.want)
			}
		})
	}
}
