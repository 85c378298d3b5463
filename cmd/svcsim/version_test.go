package main

import (
	"encoding/json"
	stdhtml "html"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/resultset"
)

func TestBuildVersion(t *testing.T) {
	vcs := func(kv ...string) []debug.BuildSetting {
		var out []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			out = append(out, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return out
	}
	rev := "138ac95135d2a101259d851e9a14d6894dc96e1a"
	tests := []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"no build information", nil, noVersion},
		{"release", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, "v1.2.3"},
		{"pseudo-version from a checkout",
			&debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261207133400-138ac95135d2+dirty"}, Settings: vcs("vcs.revision", rev)},
			"v0.0.0-20261207133400-138ac95135d2+dirty"},
		{"revision and time",
			&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("vcs.revision", rev, "vcs.time", "2026-12-07T13:34:00Z", "vcs.modified", "false")},
			"devel 138ac95135d2 (2026-12-07T13:34:00Z)"},
		{"modified",
			&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("vcs.revision", rev, "vcs.time", "2026-12-07T13:34:00Z", "vcs.modified", "true")},
			"devel 138ac95135d2 (2026-12-07T13:34:00Z, with uncommitted changes)"},
		{"nothing recorded", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("-buildmode", "exe")}, noVersion},
		{"empty main module (go test)", &debug.BuildInfo{}, noVersion},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := buildVersion(tt.info); got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}

// TestVersionRecorded: the manifest and the report name the version from
// the build information; a report redrawn from older results names the
// version that made them and the one that drew it.
func TestVersionRecorded(t *testing.T) {
	path := writeFile(t, "tiny.yaml", variantsScenario)
	dir := filepath.Join(t.TempDir(), "results")
	mustRun(t, "compare", path, "-r", "2", "-q", "--out", dir, "--report")
	manifest := filepath.Join(dir, "manifest.json")
	b, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	var m resultset.Manifest
	if err := json.Unmarshal(b, &m); err != nil || m.Version != version() {
		t.Errorf("manifest version %q (%v); want %q", m.Version, err, version())
	}
	report := func() string {
		b, err := os.ReadFile(filepath.Join(dir, "report.html"))
		if err != nil {
			t.Fatal(err)
		}
		return stdhtml.UnescapeString(string(b))
	}
	if r := report(); !strings.Contains(r, "Simulated with svcsim "+version()+".") || strings.Contains(r, "drawn later") {
		t.Errorf("report does not name the version %q alone", version())
	}
	old := strings.Replace(string(b), `"svcsim_version": "`+version()+`"`, `"svcsim_version": "v0.9.0"`, 1)
	if err := os.WriteFile(manifest, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "report", dir)
	if r := report(); !strings.Contains(r, "Simulated with svcsim v0.9.0.") || !strings.Contains(r, "drawn later, by svcsim "+version()+".") {
		t.Errorf("a report redrawn from v0.9.0 results does not name both versions")
	}
}
