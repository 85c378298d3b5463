package main

import (
	"strconv"
	"strings"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/jobarray"
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
	fs.IntVar(&s.count, "shards", 0, "run one shard of `N` in a job array (the plan's count, not the array's size): the index comes from JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID or AWS_BATCH_JOB_ARRAY_INDEX")
	fs.StringVar(&s.plan, "plan", "", "run one shard of the plan `FILE` written by 'svcsim plan --write', with the index from the job array as for --shards")
}

// resolve sets i and n; n = 0 means no sharding.
func (s *shardSpec) resolve(cmd string) error {
	if s.fs != nil && s.fs.Changed("shards") && s.count < 1 {
		return usageErrorf("%s: --shards must be >= 1 (got %d)", cmd, s.count)
	}
	if s.plan != "" {
		p, err := experiment.ReadPlan(s.plan)
		if err != nil {
			return usageErrorf("%s: --plan: %v", cmd, err)
		}
		s.planned = p
		if s.count > 0 && s.count != p.Shards {
			return usageErrorf("%s: --shards %d disagrees with --plan %s (%d shards); give one of them", cmd, s.count, s.plan, p.Shards)
		}
		s.count = p.Shards
	}
	if s.flag != "" {
		a, b, ok := strings.Cut(s.flag, "/")
		i, err1 := strconv.Atoi(a)
		n, err2 := strconv.Atoi(b)
		if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
			return usageErrorf("%s: --shard %q: write I/N with 0 <= I < N, e.g. 0/4", cmd, s.flag)
		}
		if s.count > 0 && s.count != n {
			return usageErrorf("%s: --shard %s disagrees with %s (%d shards)", cmd, s.flag, cmpOrString(s.plan, "--shards"), s.count)
		}
		s.i, s.n = i, n
		return nil
	}
	if s.count == 0 {
		return nil
	}
	s.n = s.count
	i, err := jobarray.Index(s.n, s.plan != "")
	if err != nil {
		return usageErrorf("%s: %v", cmd, err)
	}
	s.i = i
	return nil
}

// checkPlan refuses to run a shard of an experiment other than the one
// its --plan file counted: the parts would not merge, or would merge into
// the wrong experiment.
func (s *shardSpec) checkPlan(scenarios int, opt experiment.Options) error {
	p := s.planned
	if p == nil {
		return nil
	}
	if !p.Matches(scenarios, opt.Replications, opt.Seed) {
		return usageErrorf("--plan %s: the plan is %d scenarios × %d replications with seed %d, but this command is %d × %d with seed %d: run the command that was planned",
			s.plan, p.Scenarios, p.Replications, p.Seed, scenarios, opt.Replications, opt.Seed)
	}
	return nil
}

func cmpOrString(a, b string) string {
	if a != "" {
		return "--plan " + a
	}
	return b
}
