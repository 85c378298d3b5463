// Package jobarray tells a process which task of a job array it is, and
// how many CPUs its scheduler gave it, from the environment Slurm,
// Kubernetes Indexed Jobs and AWS Batch array jobs set.
//
// A task learns its index from the environment but never how many shards
// there are: a Slurm array's size (SLURM_ARRAY_TASK_COUNT) is the size of
// one submission, which is 1 when a failed index is resubmitted alone.
// The count comes from the caller (svcsim's plan file or --shards), and
// Index checks the task's index against it. See ExampleIndex.
package jobarray
