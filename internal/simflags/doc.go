// Package simflags holds the flag groups that svcsim's simulating commands
// share, and what those commands do with them alike: Settings (the
// replications, seed, workers, days and output folder of run, compare,
// batch, sweep, staff, rota and plan), Outputs (the charts, report and
// workbook a results folder gets), Charts (the chart options of plot,
// report and --charts) and Shard (which shard of a job array runs).
//
// Each group registers its flags on a command's pflag.FlagSet, checks
// their combinations as usage errors (see cmdline.UsageError), and turns
// them into the options of the library packages: experiment.Options,
// staffing.Options, report.Folder. A command keeps its own flags,
// printing and exit codes in cmd/svcsim; this package is how the commands
// agree on the flags they have in common, as cmd/go's shared build flags
// do.
//
// See Example for a command of a few lines built on Settings.
package simflags
