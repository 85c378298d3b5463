package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/svcsim/svcsim/resultset"
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
	// A table (or, wider than 100 columns, several) of a head of KPIs,
	// one of their units and the 3 grid points.
	for _, want := range []string{"stages.service.staff    booking.wait.mean", "\n                        min", "\n2 ", "\n3 ", "\n4 "} {
		if !strings.Contains(out, want) {
			t.Errorf("sweep table lacks %q:\n%s", want, out)
		}
	}
	var m resultset.Manifest
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

// TestSweepRefusesVaryPaths: a --vary path that changes nothing the
// points run, or one field varied twice, is a usage error naming the path
// and what is valid, before anything runs.
func TestSweepRefusesVaryPaths(t *testing.T) {
	path := writeFile(t, "tiny.yaml", tinyScenario)
	tests := []struct {
		name string
		vary []string
		want string
	}{
		{"seed", []string{"seed=1,2"}, "--vary seed: cannot be varied"},
		{"replications", []string{"replications=1,2"}, "--vary replications: cannot be varied"},
		{"extends", []string{"extends=1"}, "--vary extends: cannot be varied"},
		{"variants", []string{"variants=1"}, "--vary variants: cannot be varied"},
		{"twice", []string{"stages.service.staff=2,3", "stages.service.staff=4,5"}, "--vary stages.service.staff: varied twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := []string{"sweep", path, "-r", "1", "-q"}
			for _, v := range tt.vary {
				args = append(args, "--vary", v)
			}
			out, errOut, status := svcsim(t, t.Context(), args...)
			if status != 2 || !strings.Contains(errOut, tt.want) || out != "" {
				t.Errorf("status %d, stderr %q, stdout %q; want status 2 and %q", status, errOut, out, tt.want)
			}
		})
	}
}

// TestPlanCountsWhatRuns: plan counts exactly what batch or sweep would
// run, and refuses what they refuse; the sharding flags are refused
// where a shard cannot do the work, and beyond the shard limit.
func TestPlanCountsWhatRuns(t *testing.T) {
	a := writeFile(t, "a.yaml", variantsScenario) // the scenario and one variant
	b := writeFile(t, "b.yaml", strings.Replace(variantsScenario, "name: tiny", "name: other", 1))
	out := filepath.Join(t.TempDir(), "out")
	tests := []struct {
		name   string
		args   []string
		status int
		want   string // in stdout (status 0) or stderr
	}{
		{"a file twice is run once", []string{"plan", a, a, "-r", "2"}, 0, "2 scenarios × 2 replications"},
		{"two files", []string{"plan", a, b, "-r", "2"}, 0, "4 scenarios × 2 replications"},
		{"a built-in among files", []string{"plan", "clinic", a}, 2, "plan: clinic: no such file or directory"},
		{"--vary with a missing file", []string{"plan", a, "nosuch.yaml", "--vary", "stages.service.staff=1,2"}, 2, "plan: with --vary, give one scenario"},
		{"--vary with two files", []string{"plan", a, b, "--vary", "stages.service.staff=1,2"}, 2, "plan: with --vary, give one scenario"},
		{"--vary a fixed path", []string{"plan", a, "--vary", "seed=1,2"}, 2, "plan: --vary seed: cannot be varied"},
		{"--vary no such path", []string{"plan", a, "--vary", "stages.servce.staff=1,2"}, 2, "plan: --vary stages.servce.staff: no such field"},
		{"--vary", []string{"plan", a, "--vary", "stages.service.staff=1,2", "-r", "2"}, 0, "2 scenarios × 2 replications"},
		{"compare --precision --shard", []string{"compare", a, "--precision", "50%", "--shard", "0/2", "--out", out}, 2, "compare: --precision does not go with sharding"},
		{"--shard beyond the limit", []string{"batch", a, "--shard", "0/100001", "--out", out}, 2, `--shard "0/100001": N must be between 1 and 100000`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, status := svcsim(t, t.Context(), tt.args...)
			got := stderr
			if tt.status == 0 {
				got = stdout
			}
			if status != tt.status || !strings.Contains(got, tt.want) {
				t.Errorf("%q: status %d, stdout %q, stderr %q; want status %d and %q", tt.args, status, stdout, stderr, tt.status, tt.want)
			}
		})
	}
	// A batch of the same file twice holds to the plan of it.
	plan := filepath.Join(t.TempDir(), "plan.json")
	mustRun(t, "plan", a, a, "-r", "2", "--shards", "2", "--write", plan)
	mustRun(t, "batch", a, a, "-r", "2", "-q", "--plan", plan, "--shard", "0/2", "--out", out)
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

// TestBatchInterrupted cancels a batch while it runs: the scenarios that
// finished are written and marked complete, the rest incomplete, and no
// temporary file is left.
func TestBatchInterrupted(t *testing.T) {
	dir := t.TempDir()
	// The long scenario takes minutes: were the cancellation ignored, it
	// would finish and be marked complete.
	long := strings.Replace(tinyScenario, "days: 2", "days: 3000", 1)
	for name, src := range map[string]string{
		"a.yaml": tinyScenario,
		"b.yaml": strings.Replace(long, "name: tiny", "name: long", 1),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "results")
	ctx := newPollCancel(t.Context())
	done := make(chan error)
	var stdout, stderr strings.Builder
	go func() {
		done <- run(ctx, []string{"batch", "--out", out, "-r", "50", "-q", dir}, &stdout, &stderr)
	}()
	if err := <-done; err != errInterrupted {
		t.Errorf("error %v; want interrupted", err)
	}
	if !ctx.polled.Load() {
		t.Fatal("no replication polled for cancellation: the batch ran to the end")
	}
	b, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m resultset.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("manifest.json: %v", err)
	}
	if m.Complete || len(m.Scenarios) != 2 {
		t.Errorf("manifest: %+v; want incomplete, with two scenarios", m)
	}
	seen := map[string]bool{}
	for _, s := range m.Scenarios {
		seen[s.Name] = true
		if s.Name == "long" && s.Complete {
			t.Error("the long scenario is marked complete")
		}
		if s.Name == "tiny" && !s.Complete {
			t.Error("the finished scenario is marked incomplete")
		}
	}
	if !seen["tiny"] || !seen["long"] {
		t.Errorf("manifest scenarios %+v; want tiny and long", m.Scenarios)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

// pollCancel is a context that cancels itself the first time a
// replication's engine asks for its error (its stack runs through
// sim's event loop): it polls for cancellation every 65536 events.
// Loading, which also asks, does not count. The tiny scenario's replications (about a thousand events)
// end without polling and the long one's first replication polls early,
// so the cancellation comes after the first scenario finished and while
// the second runs, however fast or loaded the machine: no sleep to guess.
type pollCancel struct {
	context.Context
	cancel context.CancelFunc
	polled atomic.Bool
}

func newPollCancel(parent context.Context) *pollCancel {
	ctx, cancel := context.WithCancel(parent)
	return &pollCancel{Context: ctx, cancel: cancel}
}

func (c *pollCancel) Err() error {
	buf := make([]byte, 4096)
	buf = buf[:runtime.Stack(buf, false)]
	if strings.Contains(string(buf), "sim.(*engine).run(") && c.polled.CompareAndSwap(false, true) {
		c.cancel()
	}
	return c.Context.Err()
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

// TestShardMerge runs a sweep on one machine and as three shards, and
// checks that the merged files equal the single run's byte for byte.
func TestShardMerge(t *testing.T) {
	path := writeFile(t, "tiny.yaml", variantsScenario)
	base := t.TempDir()
	whole := filepath.Join(base, "whole")
	args := []string{"sweep", path, "--vary", "stages.service.staff=2..3", "-r", "5", "-q"}
	mustRun(t, append(args, "--out", whole)...)
	var parts []string
	for i := range 3 {
		dir := filepath.Join(base, "shard", strconv.Itoa(i))
		mustRun(t, append(args, "--out", dir, "--shard", fmt.Sprintf("%d/3", i))...)
		parts = append(parts, filepath.Join(dir, fmt.Sprintf("part-%d-of-3.gob", i)))
	}
	merged := filepath.Join(base, "merged")
	_, errOut, status := svcsim(t, t.Context(), append([]string{"merge", "--out", merged}, parts[:2]...)...)
	if status != 2 || !strings.Contains(errOut, "shard(s) 2 of 3 missing") {
		t.Errorf("merge of two of three parts: status %d, %q", status, errOut)
	}
	mustRun(t, append([]string{"merge", "--out", merged}, parts...)...)
	for _, f := range []string{"replications.csv", "summary.csv", "intervals.csv", "results.json", "manifest.json"} {
		a, _ := os.ReadFile(filepath.Join(whole, f))
		b, err := os.ReadFile(filepath.Join(merged, f))
		if err != nil || !bytes.Equal(a, b) || len(a) == 0 {
			t.Errorf("%s: merged differs from the single run (%v)", f, err)
		}
	}
	// The scheduler's index works as --shard does.
	t.Setenv("JOB_COMPLETION_INDEX", "1")
	dir := filepath.Join(base, "k8s")
	mustRun(t, append(args, "--out", dir, "--shards", "3")...)
	a, _ := os.ReadFile(parts[1])
	b, _ := os.ReadFile(filepath.Join(dir, "part-1-of-3.gob"))
	if !bytes.Equal(a, b) {
		t.Error("--shards with JOB_COMPLETION_INDEX=1 differs from --shard 1/3")
	}
	out, _ := mustRun(t, "plan", path, "--vary", "stages.service.staff=2..3", "-r", "5")
	if !strings.Contains(out, "2 scenarios × 5 replications = 10 work units") {
		t.Errorf("plan: %q", out)
	}
}

// TestCompareSelection: one scenario is compared with its variants;
// several files with each other, their variants only with --variants.
func TestCompareSelection(t *testing.T) {
	a := writeFile(t, "a.yaml", variantsScenario)
	b := writeFile(t, "b.yaml", strings.Replace(variantsScenario, "name: tiny", "name: other", 1))
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"one file: its variants", []string{a}, []string{"tiny", "more booking staff"}},
		{"two files: just those", []string{a, b}, []string{"tiny", "other"}},
		{"two files --variants", []string{a, b, "--variants"}, []string{"tiny", "more booking staff (" + a + ")", "other", "more booking staff (" + b + ")"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _ := mustRun(t, append([]string{"compare", "-r", "2", "-q", "--format", "json"}, tt.args...)...)
			var doc struct {
				Scenarios []struct {
					Name string `json:"name"`
				} `json:"scenarios"`
			}
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range doc.Scenarios {
				got = append(got, s.Name)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("compared %q; want %q", got, tt.want)
			}
		})
	}
}
