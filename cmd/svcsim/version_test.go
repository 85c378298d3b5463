package main

import (
	"encoding/json"
	stdhtml "html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/internal/buildinfo"
	"github.com/svcsim/svcsim/resultset"
)

// TestVersionRecorded: the manifest and the report name the version from
// the build information; a report redrawn from older results names the
// version that made them and the one that drew it.
func TestVersionRecorded(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "tiny.yaml", variantsScenario)
	dir := filepath.Join(t.TempDir(), "results")
	mustRun(t, "compare", path, "-r", "2", "-q", "--out", dir, "--report")
	manifest := filepath.Join(dir, "manifest.json")
	b, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	var m resultset.Manifest
	if err := json.Unmarshal(b, &m); err != nil || m.Version != buildinfo.Version() {
		t.Errorf("manifest version %q (%v); want %q", m.Version, err, buildinfo.Version())
	}
	report := func() string {
		b, err := os.ReadFile(filepath.Join(dir, "report.html"))
		if err != nil {
			t.Fatal(err)
		}
		return stdhtml.UnescapeString(string(b))
	}
	if r := report(); !strings.Contains(r, "Simulated with svcsim "+buildinfo.Version()+".") || strings.Contains(r, "drawn later") {
		t.Errorf("report does not name the version %q alone", buildinfo.Version())
	}
	old := strings.Replace(string(b), `"svcsim_version": "`+buildinfo.Version()+`"`, `"svcsim_version": "v0.9.0"`, 1)
	if err := os.WriteFile(manifest, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "report", dir)
	if r := report(); !strings.Contains(r, "Simulated with svcsim v0.9.0.") || !strings.Contains(r, "drawn later, by svcsim "+buildinfo.Version()+".") {
		t.Errorf("a report redrawn from v0.9.0 results does not name both versions")
	}
}
