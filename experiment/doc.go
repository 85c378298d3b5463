// Package experiment runs several scenarios as one experiment: with one
// master seed and one number of replications, so that replication i of
// every scenario sees the same customers wherever the scenarios allow
// (common random numbers) and their differences are paired.
//
// A Point is one scenario of an experiment. Run simulates a list of
// points; Differences pairs each with the first; ExtendToPrecision adds
// replications until chosen KPIs are as precise as asked; Sweep makes the
// points of a full-factorial grid over numeric fields of a scenario.
//
// An experiment also splits over machines. Its work units are the
// replications of its points, unit u = point × replications + replication
// going to shard u mod n; NewShard runs one shard's units into a Part,
// CheckParts checks parts read back (they are untrusted input) and Merge
// turns them into the points one machine would have run, byte for byte.
// A long batch keeps a Checkpoint of every finished point, so that Resume
// can run only the rest after an interruption.
//
// Around these sit the steps of svcsim's commands, for a Go program to
// call: LoadFiles makes a batch's points from scenario files (which a
// plan counts); ParseVary reads a sweep's parameters;
// SweepKPIs and PrecisionKPIs are the default KPIs; a Job runs points
// into a result folder (ResultSet) with checkpoints; ShardSpec says which
// shard to run, CheckPlan holds it to its plan and Shard.RunInto writes
// its part; MergeFiles reads, checks and merges part files. Input they
// cannot use is an *InputError.
//
// The package writes nothing to a terminal: progress arrives through
// Options.Progress. See Example for comparing two staffings.
package experiment
