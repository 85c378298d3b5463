package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const variantsScenario = tinyScenario + `variants:
  - name: more booking staff
    stages:
      - {name: booking, staff: 3}
`

func TestCompare(t *testing.T) {
	path := writeFile(t, "tiny.yaml", variantsScenario)
	out, _ := mustRun(t, "compare", path, "-r", "4", "-q")
	for _, want := range []string{"baseline", "more booking staff", "difference", "mean wait (served)"} {
		if !strings.Contains(out, want) {
			t.Errorf("compare table lacks %q:\n%s", want, out)
		}
	}
	// The service stage is unchanged downstream of more booking staff only
	// through who gets through; the staff time at booking must differ.
	out, _ = mustRun(t, "compare", path, "-r", "4", "-q", "--format", "csv")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		if r[0] == "more booking staff" && r[1] == "booking.staff_hours" {
			found = r[10] == "true"
		}
	}
	if !found {
		t.Error("the extra booking staff hours are not a distinguishable difference")
	}
	_, errOut, status := svcsim(t, t.Context(), "compare", writeFile(t, "one.yaml", tinyScenario))
	if status != 2 || !strings.Contains(errOut, "no variants") {
		t.Errorf("one scenario: status %d, %q", status, errOut)
	}
}

func TestComparePrecision(t *testing.T) {
	path := writeFile(t, "tiny.yaml", variantsScenario)
	_, errOut := mustRun(t, "compare", path, "-r", "3", "--precision", "5%", "--kpi", "service.throughput")
	if !strings.Contains(errOut, "precision") || !strings.Contains(errOut, "replications") {
		t.Errorf("stderr %q does not report the replications needed", errOut)
	}
}

func TestSweep(t *testing.T) {
	path := writeFile(t, "tiny.yaml", tinyScenario)
	dir := filepath.Join(t.TempDir(), "out")
	out, _ := mustRun(t, "sweep", path, "--vary", "stages.service.staff=2..4", "-r", "3", "-q", "--out", dir)
	if lines := strings.Count(out, "\n"); lines != 4 {
		t.Errorf("want a header and 3 grid points, got:\n%s", out)
	}
	var m manifest
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &m); err != nil || !m.Complete || len(m.Scenarios) != 3 || m.Params[0] != "stages.service.staff" {
		t.Errorf("manifest %+v, %v", m, err)
	}
	_, errOut, status := svcsim(t, t.Context(), "sweep", path, "--vary", "stages.servce.staff=2..4")
	if status != 2 || !strings.Contains(errOut, "stages.service.staff") {
		t.Errorf("bad path: status %d, %q; want the valid path suggested", status, errOut)
	}
}

func TestBatchReportsBadFilesAndRunsTheRest(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.yaml"), []byte(tinyScenario), 0o644)
	os.WriteFile(filepath.Join(dir, "b.yaml"), []byte(invalidScenario), 0o644)
	out := filepath.Join(dir, "results")
	var stdout, stderr strings.Builder
	err := run(t.Context(), []string{"batch", "--out", out, "-r", "2", "-q", dir}, &stdout, &stderr)
	if code(err) != 1 {
		t.Errorf("exit status %d; want 1 (one file failed)", code(err))
	}
	if !strings.Contains(stderr.String(), "b.yaml:") {
		t.Errorf("stderr %q does not name the bad file", stderr.String())
	}
	b, err := os.ReadFile(filepath.Join(out, "replications.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "tiny,0,booking.wait.mean") {
		t.Errorf("replications.csv lacks the good scenario:\n%.300s", b)
	}
}

func TestStaff(t *testing.T) {
	path := writeFile(t, "tiny.yaml", tinyScenario)
	out, _ := mustRun(t, "staff", path, "--target", "booking.service_level >= 70%", "--stage", "booking", "-r", "5", "-q")
	if !strings.Contains(out, "staffings simulated") || !strings.Contains(out, "true") {
		t.Errorf("staff output:\n%s", out)
	}
	_, errOut, status := svcsim(t, t.Context(), "staff", path, "--target", "booking.wait.p42 < 1m")
	if status != 2 || !strings.Contains(errOut, "p42") {
		t.Errorf("bad target: status %d, %q", status, errOut)
	}
}

// TestBatchInterrupted cancels a batch while it runs: the scenarios that
// finished are written and marked complete, the rest incomplete, and no
// temporary file is left.
func TestBatchInterrupted(t *testing.T) {
	dir := t.TempDir()
	long := strings.Replace(tinyScenario, "days: 2", "days: 400", 1)
	os.WriteFile(filepath.Join(dir, "a.yaml"), []byte(tinyScenario), 0o644)
	os.WriteFile(filepath.Join(dir, "b.yaml"), []byte(strings.Replace(long, "name: tiny", "name: long", 1)), 0o644)
	out := filepath.Join(dir, "results")
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error)
	var stdout, stderr strings.Builder
	go func() { done <- run(ctx, []string{"batch", "--out", out, "-r", "50", "-q", dir}, &stdout, &stderr) }()
	// Cancel once the short scenario has had time to finish.
	time.Sleep(300 * time.Millisecond)
	start := time.Now()
	cancel()
	err := <-done
	if waited := time.Since(start); waited > time.Second {
		t.Errorf("stopped %v after the cancellation; want under a second", waited)
	}
	if err != errInterrupted {
		t.Errorf("error %v; want interrupted", err)
	}
	b, rerr := os.ReadFile(filepath.Join(out, "manifest.json"))
	if rerr != nil {
		t.Fatal(rerr)
	}
	var m manifest
	json.Unmarshal(b, &m)
	if m.Complete || len(m.Scenarios) != 2 {
		t.Errorf("manifest: %+v", m)
	}
	for _, s := range m.Scenarios {
		if s.Name == "long" && s.Complete {
			t.Error("the long scenario is marked complete")
		}
		if s.Name == "tiny" && !s.Complete {
			t.Error("the finished scenario is marked incomplete")
		}
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func TestCalibrate(t *testing.T) {
	out, _ := mustRun(t, "calibrate", "../../calibrate/testdata/survey.csv")
	for _, want := range []string{"satisfaction:", "booking_wait:", "tolerance:", "weight:", "rating_max:"} {
		if !strings.Contains(out, want) {
			t.Errorf("calibrate output lacks %q:\n%s", want, out)
		}
	}
	bad := writeFile(t, "s.csv", "x_minutes,x_satisfied\n3,perhaps\n")
	_, errOut, status := svcsim(t, t.Context(), "calibrate", bad)
	if status != 2 || !strings.Contains(errOut, "row 2, column x_satisfied") {
		t.Errorf("bad survey: status %d, %q", status, errOut)
	}
}
