package experiment

import (
	"slices"
	"testing"
)

func TestPlanDescribe(t *testing.T) {
	tests := []struct {
		name    string
		plan    Plan
		written bool
		lines   []string
		warning string
	}{
		{"unsharded", Plan{Scenarios: 3, Replications: 10}, false, []string{
			"3 scenarios × 10 replications = 30 work units",
			"on N machines, run the same command with --shard I/N for I = 0..N-1 (each runs about 30/N units), then 'svcsim merge' the parts",
		}, ""},
		{"four shards", Plan{Scenarios: 3, Replications: 10, Shards: 4}, false, []string{
			"3 scenarios × 10 replications = 30 work units",
			"4 shards, 0..3, of 7 to 8 work units each: a Slurm --array=0-3, a Kubernetes Indexed Job of 4 completions, or an AWS Batch array of size 4",
			"give each shard --shards 4 (or write this plan with --write FILE and give --plan FILE), then 'svcsim merge' the parts",
		}, ""},
		{"written, idle shards", Plan{Scenarios: 1, Replications: 2, Shards: 3}, true, []string{
			"1 scenarios × 2 replications = 2 work units",
			"3 shards, 0..2, of 0 to 1 work units each: a Slurm --array=0-2, a Kubernetes Indexed Job of 3 completions, or an AWS Batch array of size 3",
		}, "1 of the 3 shards have no work unit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, warning := tt.plan.Describe(tt.written)
			if !slices.Equal(lines, tt.lines) || warning != tt.warning {
				t.Errorf("Describe = %q, %q; want %q, %q", lines, warning, tt.lines, tt.warning)
			}
		})
	}
}
