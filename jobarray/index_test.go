package jobarray

import (
	"strings"
	"testing"
)

// clearEnv clears every variable the package reads, so that a test run
// inside a real array job sees only what it sets.
func clearEnv(t *testing.T, kv ...string) {
	t.Helper()
	for _, v := range append(IndexVars, "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_MAX", "SLURM_CPUS_PER_TASK", "SLURM_CPUS_ON_NODE") {
		t.Setenv(v, "")
	}
	for i := 0; i+1 < len(kv); i += 2 {
		t.Setenv(kv[i], kv[i+1])
	}
}

func TestIndex(t *testing.T) {
	tests := []struct {
		name    string
		env     []string
		n       int
		planned bool
		want    int
		err     string // part of the error; "" for none
	}{
		{"Kubernetes", []string{"JOB_COMPLETION_INDEX", "2"}, 4, false, 2, ""},
		{"AWS Batch", []string{"AWS_BATCH_JOB_ARRAY_INDEX", "0"}, 4, false, 0, ""},
		{"Slurm, within the array", []string{"SLURM_ARRAY_TASK_ID", "3", "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_MAX", "3"}, 4, true, 3, ""},
		{"Slurm, one index resubmitted", []string{"SLURM_ARRAY_TASK_ID", "2", "SLURM_ARRAY_TASK_COUNT", "1", "SLURM_ARRAY_TASK_MAX", "2"}, 4, true, 2, ""},
		{"Slurm, 1-based array", []string{"SLURM_ARRAY_TASK_ID", "1", "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_MAX", "4"}, 4, true, 0, "a 1-based array never runs shard 0"},
		{"Slurm, the array's size for the shard count", []string{"SLURM_ARRAY_TASK_ID", "0", "SLURM_ARRAY_TASK_COUNT", "1"}, 1, false, 0, ""},
		{"Slurm, a resubmission's size for the count", []string{"SLURM_ARRAY_TASK_ID", "3", "SLURM_ARRAY_TASK_COUNT", "1"}, 1, false, 0, "not the number of shards"},
		{"past the last shard", []string{"JOB_COMPLETION_INDEX", "4"}, 4, false, 0, "shards are 0..3"},
		{"not a number", []string{"JOB_COMPLETION_INDEX", "x"}, 4, false, 0, "not a shard index"},
		{"no index at all", nil, 4, false, 0, "needs a shard index"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearEnv(t, tt.env...)
			got, err := Index(tt.n, tt.planned)
			switch {
			case tt.err == "" && (err != nil || got != tt.want):
				t.Errorf("Index(%d) = %d, %v; want %d", tt.n, got, err, tt.want)
			case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
				t.Errorf("Index(%d) = %d, %v; want an error with %q", tt.n, got, err, tt.err)
			}
		})
	}
}
