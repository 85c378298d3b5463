package jobarray

import (
	"fmt"
	"os"
	"strconv"
)

// IndexVars are the environment variables that carry a job array task's
// index, in the order Index looks at them.
var IndexVars = []string{"JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID", "AWS_BATCH_JOB_ARRAY_INDEX"}

// Index is this task's shard index below n, from the first of IndexVars
// that is set. planned says that n comes from a plan file rather than
// from the command line, where it may be mistaken for the array's size.
// A Slurm array reaching past shard n-1 (a 1-based --array=1-N, which
// never runs shard 0) is refused in every task, before any work is done.
func Index(n int, planned bool) (int, error) {
	for _, v := range IndexVars {
		e := os.Getenv(v)
		if e == "" {
			continue
		}
		i, err := strconv.Atoi(e)
		if err != nil || i < 0 {
			return 0, fmt.Errorf("%s=%q is not a shard index (a whole number from 0)", v, e)
		}
		if v == "SLURM_ARRAY_TASK_ID" {
			if err := checkSlurm(i, n, planned); err != nil {
				return 0, err
			}
		}
		if i >= n {
			return 0, fmt.Errorf("%s=%d is not a shard index below %d: shards are 0..%d", v, i, n, n-1)
		}
		return i, nil
	}
	return 0, fmt.Errorf("--shards %d needs a shard index from JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID or AWS_BATCH_JOB_ARRAY_INDEX, or give --shard I/%d", n, n)
}

// checkSlurm checks Slurm task i of a run of n shards.
func checkSlurm(i, n int, planned bool) error {
	// --shards "$SLURM_ARRAY_TASK_COUNT" is right only for the first,
	// whole submission: say so before blaming the array.
	if c := os.Getenv("SLURM_ARRAY_TASK_COUNT"); i >= n && !planned && c == strconv.Itoa(n) {
		return fmt.Errorf("SLURM_ARRAY_TASK_ID=%d is not a shard index below %d: --shards %d equals this submission's SLURM_ARRAY_TASK_COUNT, "+
			"which is the size of this array, not the number of shards (resubmitting one index alone makes an array of 1): "+
			"give the count 'svcsim plan' chose (--plan FILE, or --shards N written into the job script); and shards are 0-based (--array=0-N-1)",
			i, n, n)
	}
	return checkSlurmArray(n)
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
		return fmt.Errorf("SLURM_ARRAY_TASK_MAX=%q is not a whole number", hi)
	}
	if max < n {
		return nil
	}
	return fmt.Errorf("this Slurm array (SLURM_ARRAY_TASK_MIN=%s, SLURM_ARRAY_TASK_MAX=%d) reaches past the last of %d shards, which are numbered 0..%d: "+
		"submit the array as --array=0-%d (or --array=I to re-run shard I alone); a 1-based array never runs shard 0",
		lo, max, n, n-1, n-1)
}
