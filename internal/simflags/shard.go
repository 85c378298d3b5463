package simflags

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/internal/cmdline"
	"github.com/svcsim/svcsim/progress"
)

// Sharding splits an experiment's work units — one replication of one
// scenario — over machines: unit u (scenario-major: scenario s,
// replication r is u = s × replications + r) goes to shard u mod n. Each
// shard writes a part file with its units' raw statistics and every
// scenario's model; 'svcsim merge' checks that every unit is present once
// and writes the same files as a run on one machine.
//
// A shard learns which shard it is from a job array's environment, but
// never how many shards there are: a Slurm array's size
// (SLURM_ARRAY_TASK_COUNT) is the size of this submission, which is 1
// when one failed index is resubmitted alone. The count comes from the
// plan file that 'svcsim plan --shards N --write FILE' wrote, or from an
// explicit --shards N.

// Shard is "--shard I/N", or "--shards N" or "--plan FILE" with the index
// from a scheduler's environment.
type Shard struct {
	flag  string
	count int
	plan  string
	i, n  int
	// planned is the plan file's content when --plan was given.
	planned *experiment.Plan
}

// Register defines --shard, --shards and --plan on fs.
func (s *Shard) Register(fs *pflag.FlagSet) {
	fs.StringVar(&s.flag, "shard", "", "run only shard `I/N` of the work (0-based), writing a part file for 'svcsim merge'")
	cmdline.IntVar(fs, &s.count, "shards", "", 0, 1, experiment.MaxShards, fmt.Sprintf("run one shard of `N` (1-%d) in a job array (the plan's count, not the array's size): the index comes from JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID or AWS_BATCH_JOB_ARRAY_INDEX", experiment.MaxShards))
	fs.StringVar(&s.plan, "plan", "", "run one shard of the plan `FILE` written by 'svcsim plan --write', with the index from the job array as for --shards")
}

// resolve sets i and n; n = 0 means no sharding.
func (s *Shard) resolve(cmd string) error {
	var err error
	s.i, s.n, s.planned, err = experiment.ShardSpec{Index: s.flag, Shards: s.count, Plan: s.plan}.Resolve()
	if err != nil {
		return cmdline.Usagef("%s: %v", cmd, err)
	}
	return nil
}

// runShard runs this shard's units of j's points, on its Workers
// goroutines, and writes its part file into its folder.
func (s *Settings) runShard(ctx context.Context, j *experiment.Job, stderr io.Writer) error {
	sh, opt := s.Shard, j.Options
	if err := experiment.CheckPlan(sh.planned, sh.plan, j.Points, opt); err != nil {
		return cmdline.Usagef("%v", err)
	}
	var bar *progress.Bar
	opt.Progress = func(name string, n int) { bar.Update(name, n) }
	w := experiment.NewShard(j.Points, opt, sh.i, sh.n, j.Command, j.Params)
	if !s.Quiet {
		fmt.Fprintf(stderr, "svcsim: shard %d of %d: %d of %d work units on %d worker(s)\n",
			sh.i, sh.n, w.Units(), len(j.Points)*opt.Replications, w.Workers())
	}
	bar = progress.New(stderr, w.Units(), s.Quiet)
	defer bar.Finish()
	if err := w.RunInto(ctx, j.Dir); err != nil {
		return err
	}
	// A scenario that did not load runs in no shard: each says so, as a
	// batch on one machine does, so that a job array does not look done.
	n := 0
	for _, p := range j.Points {
		if p.Err != nil {
			n++
		}
	}
	if n > 0 {
		return fmt.Errorf("%d of %d scenarios did not run: their files are invalid (above)", n, len(j.Points))
	}
	return nil
}
