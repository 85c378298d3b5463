#!/bin/bash
# One shard of a planned svcsim experiment, run as a task of a Slurm array:
#
#   svcsim plan sweep-args... --shards 4 --write parts/plan.json
#   sbatch --array=0-3 shard.sh sweep sweep-args...
#   sbatch --dependency=afterok:ARRAY_JOB_ID --kill-on-invalid-dep=yes merge.sh results
#
# The arguments are the experiment's command line (batch, sweep or compare,
# with its seed and replications). The shard count comes from the plan, not
# from the array, so a failed shard I is re-run alone with
# 'sbatch --array=I shard.sh ...'. Parts go to $SVCSIM_PARTS (default
# parts, relative to the directory sbatch was run in).
#SBATCH --job-name=svcsim-shard
#SBATCH --cpus-per-task=1
#SBATCH --mem=1G
#SBATCH --time=01:00:00
set -euo pipefail
parts=${SVCSIM_PARTS:-parts}
exec svcsim "$@" --plan "$parts/plan.json" --out "$parts/$SLURM_ARRAY_TASK_ID"
