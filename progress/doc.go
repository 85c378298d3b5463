// Package progress shows how many replications of a run or an experiment
// are done: a bar with an estimated time left on a terminal, a plain line
// every ten seconds elsewhere (CI logs, a cluster job's output file), and
// nothing when quiet. It writes only to the writer it is given (stderr in
// svcsim), so results never depend on it.
//
// A Bar's Update method has the signature of experiment.Options.Progress;
// see Example.
package progress
