#!/bin/bash
# Merge the parts of a planned svcsim experiment into the directory $1, once
# every shard has finished:
#
#   sbatch --dependency=afterok:ARRAY_JOB_ID --kill-on-invalid-dep=yes merge.sh results
#
# It fails, naming the missing shards, unless every part of the plan in
# $SVCSIM_PARTS (default parts) is there.
#SBATCH --job-name=svcsim-merge
#SBATCH --cpus-per-task=1
#SBATCH --mem=1G
#SBATCH --time=00:10:00
set -euo pipefail
parts=${SVCSIM_PARTS:-parts}
exec svcsim merge --plan "$parts/plan.json" --out "$1" "$parts"
