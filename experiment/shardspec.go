package experiment

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/jobarray"
	"github.com/svcsim/svcsim/resultset"
)

// ShardSpec says which shard of an experiment a process runs: Index "I/N"
// (as svcsim's --shard gives it), or a count — Shards, or Plan's — with
// the index from a job array's environment (jobarray.Index). A task
// never takes the count from the array's size: see package jobarray.
type ShardSpec struct {
	Index  string // "I/N", or ""
	Shards int    // the number of shards, 0 when not given
	Plan   string // a plan file 'svcsim plan --write' wrote, or ""
}

// Resolve returns the shard to run, i of n (n = 0: the whole experiment,
// unsharded), and the plan when s names one. Disagreeing counts, and
// more than MaxShards, are an error.
func (s ShardSpec) Resolve() (i, n int, plan *Plan, err error) {
	count := s.Shards
	if count < 0 || count > MaxShards {
		return 0, 0, nil, fmt.Errorf("--shards must be between 1 and %d (got %d)", MaxShards, count)
	}
	if s.Plan != "" {
		if plan, err = ReadPlan(s.Plan); err != nil {
			return 0, 0, nil, fmt.Errorf("--plan: %w", err)
		}
		if count > 0 && count != plan.Shards {
			return 0, 0, nil, fmt.Errorf("--shards %d disagrees with --plan %s (%d shards); give one of them", count, s.Plan, plan.Shards)
		}
		count = plan.Shards
	}
	if s.Index != "" {
		a, b, ok := strings.Cut(s.Index, "/")
		i, err1 := strconv.Atoi(a)
		n, err2 := strconv.Atoi(b)
		if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
			return 0, 0, nil, fmt.Errorf("--shard %q: write I/N with 0 <= I < N, e.g. 0/4", s.Index)
		}
		if n > MaxShards {
			return 0, 0, nil, fmt.Errorf("--shard %q: N must be between 1 and %d (got %d)", s.Index, MaxShards, n)
		}
		if count > 0 && count != n {
			by := "--shards"
			if s.Plan != "" {
				by = "--plan " + s.Plan
			}
			return 0, 0, nil, fmt.Errorf("--shard %s disagrees with %s (%d shards)", s.Index, by, count)
		}
		return i, n, plan, nil
	}
	if count == 0 {
		return 0, 0, plan, nil
	}
	i, err = jobarray.Index(count, s.Plan != "")
	if err != nil {
		return 0, 0, nil, err
	}
	return i, count, plan, nil
}

// CheckPlan refuses to run a shard of an experiment other than the one
// plan (read from the file planFile) counted: the parts would not merge,
// or would merge into the wrong experiment. pts are the experiment's
// points, those with an error not counted; a nil plan checks nothing.
func CheckPlan(plan *Plan, planFile string, pts []*Point, o Options) error {
	if plan == nil {
		return nil
	}
	valid := 0
	for _, pt := range pts {
		if pt.Err == nil {
			valid++
		}
	}
	if !plan.Matches(valid, o.Replications, o.Seed) {
		return fmt.Errorf("--plan %s: the plan is %d scenarios × %d replications with seed %d, but this command is %d × %d with seed %d: run the command that was planned",
			planFile, plan.Scenarios, plan.Replications, plan.Seed, valid, o.Replications, o.Seed)
	}
	return nil
}

// RunInto runs the shard and writes its part file, PartName(I, N), into
// dir, even when ctx is cancelled after the run.
func (s *Shard) RunInto(ctx context.Context, dir *resultset.Dir) error {
	p, err := s.Run(ctx)
	if err != nil {
		return err
	}
	b, err := p.Encode()
	if err != nil {
		return err
	}
	return dir.Write(context.WithoutCancel(ctx), resultset.File{Name: PartName(s.I, s.N), Data: b})
}
