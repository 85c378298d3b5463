package experiment

import "fmt"

// Describe says how to run the plan, a line each: its work units and,
// without Shards, how to split them; with Shards, the shards' sizes, the
// job arrays that run them and, unless the plan is written to a file
// (written), how to give each shard the count. warning is set when some
// shards would have no work unit.
func (p *Plan) Describe(written bool) (lines []string, warning string) {
	units := p.Scenarios * p.Replications
	lines = append(lines, fmt.Sprintf("%d scenarios × %d replications = %d work units", p.Scenarios, p.Replications, units))
	k := p.Shards
	if k == 0 {
		return append(lines, fmt.Sprintf("on N machines, run the same command with --shard I/N for I = 0..N-1 (each runs about %d/N units), then 'svcsim merge' the parts", units)), ""
	}
	lines = append(lines, fmt.Sprintf("%d shards, 0..%d, of %d to %d work units each: a Slurm --array=0-%d, a Kubernetes Indexed Job of %d completions, or an AWS Batch array of size %d",
		k, k-1, units/k, (units+k-1)/k, k-1, k, k))
	if units < k {
		warning = fmt.Sprintf("%d of the %d shards have no work unit", k-units, k)
	}
	if !written {
		lines = append(lines, fmt.Sprintf("give each shard --shards %d (or write this plan with --write FILE and give --plan FILE), then 'svcsim merge' the parts", k))
	}
	return lines, warning
}
