package jobarray

import (
	"os"
	"runtime"
	"strconv"
)

// CPUs is the number of CPUs this process may use. Go's
// GOMAXPROCS already honours the CPU affinity mask and a cgroup's CPU
// limit (a Kubernetes pod's); a Slurm task without CPU binding
// (TaskPlugin=task/none) sees the whole node, so its allocation comes
// from SLURM_CPUS_PER_TASK (set by --cpus-per-task), else
// SLURM_CPUS_ON_NODE (what the batch step was given).
func CPUs() int {
	n := runtime.GOMAXPROCS(0)
	for _, v := range []string{"SLURM_CPUS_PER_TASK", "SLURM_CPUS_ON_NODE"} {
		if c, err := strconv.Atoi(os.Getenv(v)); err == nil && c > 0 {
			return min(n, c)
		}
	}
	return n
}
