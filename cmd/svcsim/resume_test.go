package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/experiment"
)

// TestBatchResume: --resume keeps the scenarios whose inputs match a
// checkpoint, runs the rest, and writes exactly what a batch from scratch
// writes.
func TestBatchResume(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a := filepath.Join(dir, "a.yaml")
	b := filepath.Join(dir, "b.yaml")
	for _, f := range []struct{ path, src string }{{a, tinyScenario}, {b, strings.Replace(tinyScenario, "name: tiny", "name: other", 1)}} {
		if err := os.WriteFile(f.path, []byte(f.src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "out")
	fresh := filepath.Join(dir, "fresh")
	args := []string{"batch", "-r", "3", a, b}
	mustRun(t, append(args, "--out", out, "-q")...)

	// Everything matches: both kept.
	_, errOut := mustRun(t, append(args, "--out", out, "--resume")...)
	if !strings.Contains(errOut, "resume: kept 2 of 2 scenarios") {
		t.Errorf("unchanged inputs: stderr %q", errOut)
	}
	// Another seed: nothing matches.
	_, errOut = mustRun(t, append(args, "--out", out, "--resume", "--seed", "7")...)
	if !strings.Contains(errOut, "resume: kept 0 of 2") {
		t.Errorf("another seed: stderr %q", errOut)
	}
	// An edited file runs again; the other is kept.
	if err := os.WriteFile(b, []byte(strings.Replace(tinyScenario, "name: tiny", "name: other", 1)+"# edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut = mustRun(t, append(args, "--out", out, "--resume")...)
	if !strings.Contains(errOut, "resume: kept 1 of 2") {
		t.Errorf("one edited file: stderr %q", errOut)
	}
	mustRun(t, append(args, "--out", fresh, "-q")...)
	for _, f := range []string{"replications.csv", "summary.csv", "intervals.csv", "results.json", "manifest.json"} {
		x, _ := os.ReadFile(filepath.Join(out, f))
		y, err := os.ReadFile(filepath.Join(fresh, f))
		if err != nil || !bytes.Equal(x, y) || len(x) == 0 {
			t.Errorf("%s: the resumed batch differs from a fresh one (%v)", f, err)
		}
	}
	// A damaged checkpoint is not trusted: the scenario runs again.
	cps, _ := filepath.Glob(filepath.Join(out, experiment.CheckpointDir, "*.gob"))
	if len(cps) == 0 {
		t.Fatal("no checkpoints written")
	}
	for _, cp := range cps {
		b, err := os.ReadFile(cp)
		if err != nil {
			t.Fatal(err)
		}
		b[len(b)-1] ^= 1 // one bit of the payload
		if err := os.WriteFile(cp, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, errOut = mustRun(t, append(args, "--out", out, "--resume")...)
	if !strings.Contains(errOut, "damaged (checksum mismatch); running it again") || strings.Contains(errOut, "kept 1") {
		t.Errorf("damaged checkpoints: stderr %q", errOut)
	}
	for _, cp := range cps {
		if err := os.WriteFile(cp, []byte("garbage"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, errOut = mustRun(t, append(args, "--out", out, "--resume")...)
	if !strings.Contains(errOut, "has no svcsim checkpoint header") {
		t.Errorf("garbage checkpoints: stderr %q", errOut)
	}
}
