package main

import (
	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/experiment"
)

// A shard learns which shard it is from a job array's environment, but
// never how many shards there are: a Slurm array's size
// (SLURM_ARRAY_TASK_COUNT) is the size of this submission, which is 1
// when one failed index is resubmitted alone. The count comes from the
// plan file that 'svcsim plan --shards N --write FILE' wrote, or from an
// explicit --shards N.

// shardSpec is "--shard I/N", or "--shards N" or "--plan FILE" with the
// index from a scheduler's environment.
type shardSpec struct {
	fs    *pflag.FlagSet
	flag  string
	count int
	plan  string
	i, n  int
	// planned is the plan file's content when --plan was given.
	planned *experiment.Plan
}

func (s *shardSpec) register(fs *pflag.FlagSet) {
	s.fs = fs
	fs.StringVar(&s.flag, "shard", "", "run only shard `I/N` of the work (0-based), writing a part file for 'svcsim merge'")
	intFlag(fs, &s.count, "shards", "", 0, 1, maxShards, "run one shard of `N` in a job array (the plan's count, not the array's size): the index comes from JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID or AWS_BATCH_JOB_ARRAY_INDEX")
	fs.StringVar(&s.plan, "plan", "", "run one shard of the plan `FILE` written by 'svcsim plan --write', with the index from the job array as for --shards")
}

// resolve sets i and n; n = 0 means no sharding.
func (s *shardSpec) resolve(cmd string) error {
	var err error
	s.i, s.n, s.planned, err = experiment.ShardSpec{Index: s.flag, Shards: s.count, Plan: s.plan}.Resolve()
	if err != nil {
		return usageErrorf("%s: %v", cmd, err)
	}
	return nil
}
