package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/jobarray"
	"github.com/svcsim/svcsim/resultset"
)

// arrayEnv sets a job array's environment, clearing every variable that
// svcsim reads from one, so that a test run inside a real array job sees
// only what it sets.
func arrayEnv(t *testing.T, kv ...string) {
	t.Helper()
	for _, v := range append(jobarray.IndexVars, "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_MAX", "SLURM_CPUS_PER_TASK", "SLURM_CPUS_ON_NODE") {
		t.Setenv(v, "")
	}
	for i := 0; i+1 < len(kv); i += 2 {
		t.Setenv(kv[i], kv[i+1])
	}
}

// shardSweep is a small sweep of 2 scenarios × 5 replications, and a
// plan of it in 3 shards.
func shardSweep(t *testing.T) (args []string, plan string) {
	t.Helper()
	path := writeFile(t, "tiny.yaml", variantsScenario)
	args = []string{"sweep", path, "--vary", "stages.service.staff=2..3", "-r", "5", "--seed", "7", "-q"}
	plan = filepath.Join(t.TempDir(), "plan.json")
	out, _ := mustRun(t, "plan", path, "--vary", "stages.service.staff=2..3", "-r", "5", "--seed", "7", "--shards", "3", "--write", plan)
	for _, want := range []string{"10 work units", "--array=0-2", "wrote " + plan} {
		if !strings.Contains(out, want) {
			t.Errorf("plan output lacks %q:\n%s", want, out)
		}
	}
	return args, plan
}

// TestShardResubmitOne is problem 1: resubmitting one failed index alone
// (sbatch --array=2) makes an array of 1. The shard count comes from the
// plan, so the resubmitted task writes the same part as --shard 2/3; a
// count taken from SLURM_ARRAY_TASK_COUNT is refused with the fix.
func TestShardResubmitOne(t *testing.T) {
	args, plan := shardSweep(t)
	base := t.TempDir()
	arrayEnv(t)
	mustRun(t, append(args, "--shard", "2/3", "--out", filepath.Join(base, "want"))...)
	arrayEnv(t, "SLURM_ARRAY_TASK_ID", "2", "SLURM_ARRAY_TASK_COUNT", "1", "SLURM_ARRAY_TASK_MIN", "2", "SLURM_ARRAY_TASK_MAX", "2")
	mustRun(t, append(args, "--plan", plan, "--out", filepath.Join(base, "got"))...)
	want, _ := os.ReadFile(filepath.Join(base, "want", "part-2-of-3.gob"))
	got, err := os.ReadFile(filepath.Join(base, "got", "part-2-of-3.gob"))
	if err != nil || len(want) == 0 || !bytes.Equal(got, want) {
		t.Errorf("the resubmitted index 2 does not write shard 2 of 3 (%v)", err)
	}
	_, errOut, status := svcsim(t, t.Context(), append(args, "--shards", "1", "--out", filepath.Join(base, "bad"))...)
	if status != 2 || !strings.Contains(errOut, "SLURM_ARRAY_TASK_COUNT") || !strings.Contains(errOut, "--plan FILE") {
		t.Errorf("--shards from the array's count: status %d, %q", status, errOut)
	}
	// The plan and the command must be the same experiment.
	other := slices.Clone(args)
	other[slices.Index(other, "-r")+1] = "6"
	_, errOut, status = svcsim(t, t.Context(), append(other, "--plan", plan, "--out", filepath.Join(base, "other"))...)
	if status != 2 || !strings.Contains(errOut, "run the command that was planned") {
		t.Errorf("a shard of another experiment: status %d, %q", status, errOut)
	}
	_, errOut, status = svcsim(t, t.Context(), append(args, "--shards", "4", "--plan", plan, "--out", filepath.Join(base, "other"))...)
	if status != 2 || !strings.Contains(errOut, "disagrees") {
		t.Errorf("--shards against --plan: status %d, %q", status, errOut)
	}
}

// TestShardArrayRange is problem 2: a 1-based array (--array=1-3 for 3
// shards) would never run shard 0; every task refuses with the fix,
// while a subset of 0..N-1 (a resubmission) runs.
func TestShardArrayRange(t *testing.T) {
	args, plan := shardSweep(t)
	base := t.TempDir()
	for _, id := range []string{"1", "3"} {
		arrayEnv(t, "SLURM_ARRAY_TASK_ID", id, "SLURM_ARRAY_TASK_COUNT", "3", "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_MAX", "3")
		_, errOut, status := svcsim(t, t.Context(), append(args, "--plan", plan, "--out", filepath.Join(base, id))...)
		if status != 2 || !strings.Contains(errOut, "--array=0-2") || !strings.Contains(errOut, "never runs shard 0") {
			t.Errorf("task %s of --array=1-3: status %d, %q", id, status, errOut)
		}
	}
	arrayEnv(t, "SLURM_ARRAY_TASK_ID", "1", "SLURM_ARRAY_TASK_COUNT", "2", "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_MAX", "2")
	mustRun(t, append(args, "--plan", plan, "--out", filepath.Join(base, "subset"))...)
	if _, err := os.Stat(filepath.Join(base, "subset", "part-1-of-3.gob")); err != nil {
		t.Errorf("task 1 of --array=1-2: %v", err)
	}
	// Without --plan or --shards the array's size is not taken as the
	// count: the command runs unsharded.
	mustRun(t, append(args, "--out", filepath.Join(base, "whole"))...)
	if _, err := os.Stat(filepath.Join(base, "whole", "summary.csv")); err != nil {
		t.Errorf("no --shards in an array: %v", err)
	}
}

// TestDefaultJobs is problem 3: -j defaults to the CPUs the task was
// given, not to every core of the node.
func TestDefaultJobs(t *testing.T) {
	all := runtime.GOMAXPROCS(0)
	tests := []struct {
		name string
		env  []string
		want int
	}{
		{"outside Slurm", nil, all},
		{"--cpus-per-task=1", []string{"SLURM_CPUS_PER_TASK", "1"}, 1},
		{"the batch step's CPUs", []string{"SLURM_CPUS_ON_NODE", "1"}, 1},
		{"per task before the node", []string{"SLURM_CPUS_PER_TASK", "1", "SLURM_CPUS_ON_NODE", "64"}, 1},
		{"more than this process may use", []string{"SLURM_CPUS_PER_TASK", "100000"}, all},
		{"not a number", []string{"SLURM_CPUS_PER_TASK", "two"}, all},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arrayEnv(t, tt.env...)
			if got := jobarray.CPUs(); got != tt.want {
				t.Errorf("jobarray.CPUs() = %d; want %d", got, tt.want)
			}
		})
	}
	// A shard says how many workers it runs on.
	args, plan := shardSweep(t)
	arrayEnv(t, "SLURM_ARRAY_TASK_ID", "0", "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_MAX", "2", "SLURM_CPUS_PER_TASK", "1")
	_, errOut := mustRun(t, append(args[:len(args)-1], "--plan", plan, "--out", filepath.Join(t.TempDir(), "0"))...)
	if !strings.Contains(errOut, "shard 0 of 3: 4 of 10 work units on 1 worker(s)") {
		t.Errorf("shard's stderr: %q", errOut)
	}
}

// TestMergeNothing is problem 4: merge with no part says so and names the
// parts it expected, instead of failing on a shell's unexpanded glob.
func TestMergeNothing(t *testing.T) {
	_, plan := shardSweep(t)
	empty := t.TempDir()
	out := filepath.Join(t.TempDir(), "merged")
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"unexpanded glob", []string{filepath.Join(empty, "*", "part-*-of-4.gob")}, []string{"nothing to merge", "matches no part file", "part-0-of-4.gob", "part-3-of-4.gob"}},
		{"empty directory and a plan", []string{"--plan", plan, empty}, []string{"nothing to merge", "part-0-of-3.gob, part-1-of-3.gob, part-2-of-3.gob", "the 3 shards of " + plan}},
		{"no argument", nil, []string{"nothing to merge", "no part file given", "part-I-of-N.gob"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, status := svcsim(t, t.Context(), append([]string{"merge", "--out", out}, tt.args...)...)
			for _, w := range tt.want {
				if status != 2 || !strings.Contains(errOut, w) {
					t.Errorf("status %d, %q; want 2 and %q", status, errOut, w)
				}
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("merge with nothing to merge made --out")
			}
		})
	}
	if got := experiment.ExpectedParts(16); got != "part-0-of-16.gob, part-1-of-16.gob, …, part-15-of-16.gob" {
		t.Errorf("experiment.ExpectedParts(16) = %q", got)
	}
}

// TestMergePartial merges two of three shards: each scenario is
// summarised over the replications present, the manifest says which are
// missing, and the complete merge is still refused without --partial.
func TestMergePartial(t *testing.T) {
	args, plan := shardSweep(t)
	arrayEnv(t)
	base := t.TempDir()
	for i := range 2 {
		mustRun(t, append(args, "--shard", fmt.Sprintf("%d/3", i), "--out", filepath.Join(base, "parts", fmt.Sprint(i)))...)
	}
	merged := filepath.Join(base, "merged")
	_, errOut, status := svcsim(t, t.Context(), "merge", "--out", merged, "--plan", plan, filepath.Join(base, "parts"))
	if status != 2 || !strings.Contains(errOut, "shard(s) 2 of 3 missing") || !strings.Contains(errOut, "--array=2") || !strings.Contains(errOut, "--partial") {
		t.Errorf("merge without shard 2: status %d, %q", status, errOut)
	}
	_, errOut, status = svcsim(t, t.Context(), "merge", "--out", merged, "--partial", "--report", filepath.Join(base, "parts"))
	if status != 2 || !strings.Contains(errOut, "--partial draws no charts") {
		t.Errorf("--partial --report: status %d, %q", status, errOut)
	}
	// Units u = scenario × 5 + replication; shard 2 has u = 2, 5, 8.
	out, _ := mustRun(t, "merge", "--out", merged, "--plan", plan, "--partial", filepath.Join(base, "parts"))
	for _, want := range []string{"partial: shard(s) 2 of 3 missing, 3 of 10 work units", "stages.service.staff=2: replication(s) 2\n", "stages.service.staff=3: replication(s) 0, 3\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("merge --partial output lacks %q:\n%s", want, out)
		}
	}
	var m resultset.Manifest
	b, _ := os.ReadFile(filepath.Join(merged, "manifest.json"))
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m.Complete || len(m.Scenarios) != 2 || m.Scenarios[0].Complete || fmt.Sprint(m.Scenarios[1].Missing) != "[0 3]" {
		t.Errorf("manifest of a partial merge: %s", b)
	}
	// replications.csv numbers the replications present as they ran.
	reps, err := os.ReadFile(filepath.Join(merged, "replications.csv"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(string(reps), "\n") {
		if f := strings.Split(line, ","); len(f) > 3 && f[0] == "stages.service.staff=3" {
			seen[f[2]] = true
		}
	}
	if fmt.Sprint(seen) != "map[1:true 2:true 4:true]" {
		t.Errorf("replications of staff=3 in replications.csv: %v; want 1, 2, 4", seen)
	}
	sum, err := os.ReadFile(filepath.Join(merged, "summary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(sum), "stages.service.staff=3,3,service.wait.mean,") || !strings.Contains(string(sum), ",3\n") {
		t.Errorf("summary.csv of a partial merge does not give n = 3:\n%s", sum)
	}
}
