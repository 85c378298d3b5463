package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"

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

// indexVars are the environment variables that carry a job array task's
// index, in the order they are looked at.
var indexVars = []string{"JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID", "AWS_BATCH_JOB_ARRAY_INDEX"}

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
	for _, v := range indexVars {
		e := os.Getenv(v)
		if e == "" {
			continue
		}
		i, err := strconv.Atoi(e)
		if err != nil || i < 0 {
			return usageErrorf("%s: %s=%q is not a shard index (a whole number from 0)", cmd, v, e)
		}
		if v == "SLURM_ARRAY_TASK_ID" {
			// --shards "$SLURM_ARRAY_TASK_COUNT" is right only for the
			// first, whole submission: say so before blaming the array.
			if c := os.Getenv("SLURM_ARRAY_TASK_COUNT"); i >= s.n && s.plan == "" && c == strconv.Itoa(s.n) {
				return usageErrorf("%s: SLURM_ARRAY_TASK_ID=%d is not a shard index below %d: --shards %d equals this submission's SLURM_ARRAY_TASK_COUNT, "+
					"which is the size of this array, not the number of shards (resubmitting one index alone makes an array of 1): "+
					"give the count 'svcsim plan' chose (--plan FILE, or --shards N written into the job script); and shards are 0-based (--array=0-N-1)",
					cmd, i, s.n, s.n)
			}
			if err := checkSlurmArray(s.n); err != nil {
				return fmt.Errorf("%s: %w", cmd, err)
			}
		}
		if i >= s.n {
			return usageErrorf("%s: %s=%d is not a shard index below %d: shards are 0..%d", cmd, v, i, s.n, s.n-1)
		}
		s.i = i
		return nil
	}
	return usageErrorf("%s: --shards %d needs a shard index from JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID or AWS_BATCH_JOB_ARRAY_INDEX, or give --shard I/%d", cmd, s.n, s.n)
}

// checkSlurmArray refuses a Slurm array that reaches past shard n-1. Such
// an array is almost always 1-based (--array=1-N): shard 0 would never run
// and the last task would fail, so every task refuses before any work is
// done. An array that covers only some of 0..n-1 is a resubmission of
// failed shards and is fine.
func checkSlurmArray(n int) error {
	lo, hi := os.Getenv("SLURM_ARRAY_TASK_MIN"), os.Getenv("SLURM_ARRAY_TASK_MAX")
	if hi == "" {
		return nil
	}
	max, err := strconv.Atoi(hi)
	if err != nil {
		return usageErrorf("SLURM_ARRAY_TASK_MAX=%q is not a whole number", hi)
	}
	if max < n {
		return nil
	}
	return usageErrorf("this Slurm array (SLURM_ARRAY_TASK_MIN=%s, SLURM_ARRAY_TASK_MAX=%d) reaches past the last of %d shards, which are numbered 0..%d: "+
		"submit the array as --array=0-%d (or --array=I to re-run shard I alone); a 1-based array never runs shard 0",
		lo, max, n, n-1, n-1)
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

// defaultJobs is the default of -j: the CPUs this process may use. Go's
// GOMAXPROCS already honours the CPU affinity mask and a cgroup's CPU
// limit (a Kubernetes pod's); a Slurm task without CPU binding
// (TaskPlugin=task/none) sees the whole node, so its allocation comes
// from SLURM_CPUS_PER_TASK (set by --cpus-per-task), else
// SLURM_CPUS_ON_NODE (what the batch step was given).
func defaultJobs() int {
	n := runtime.GOMAXPROCS(0)
	for _, v := range []string{"SLURM_CPUS_PER_TASK", "SLURM_CPUS_ON_NODE"} {
		if c, err := strconv.Atoi(os.Getenv(v)); err == nil && c > 0 {
			return min(n, c)
		}
	}
	return n
}

func cmpOrString(a, b string) string {
	if a != "" {
		return "--plan " + a
	}
	return b
}
