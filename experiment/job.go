package experiment

import (
	"context"
	"fmt"
	"strings"

	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/sim"
)

// A Job is an experiment run into a result folder: its points, its
// options, the command line that names the work (recorded in the
// folder's manifest) and the folder itself.
type Job struct {
	Points  []*Point
	Options Options
	Command string   // the work, without where it goes or which shard runs it: see CommandLine
	Params  []string // a sweep's parameters
	Version string   // of svcsim, recorded in the folder
	// Dir is the result folder; nil for none.
	Dir *resultset.Dir
	// Checkpoints, with a Dir, keeps a Checkpoint of each finished point
	// in Dir's CheckpointDir, for Resume.
	Checkpoints bool
}

// CommandLine is the part of a command line that names the work of a
// Job: the command's name, its arguments and a sweep's --vary values, in
// that order, without where the results go (--out) or which shard runs
// it, so that a merged manifest equals an unsharded one.
func CommandLine(name string, args []string, vary []string) string {
	parts := append([]string{name}, args...)
	for _, v := range vary {
		parts = append(parts, "--vary", v)
	}
	return strings.Join(parts, " ")
}

// Run runs the job's points with Run. A checkpoint that could not be
// written is an error once the points have run.
func (j *Job) Run(ctx context.Context) error {
	o := j.Options
	var saveErr error
	if j.Checkpoints && j.Dir != nil {
		o.Finished = func(p *Point, m *sim.Model) {
			if err := j.checkpoint(p); err != nil && saveErr == nil {
				saveErr = fmt.Errorf("--out: checkpoint for %s: %w", p.Name, err)
			}
		}
	}
	Run(ctx, j.Points, o)
	return saveErr
}

// checkpoint writes finished point p's checkpoint into the folder.
func (j *Job) checkpoint(p *Point) error {
	name, data, err := j.Options.Checkpoint(p)
	if err != nil {
		return err
	}
	return j.Dir.Write(context.Background(), resultset.File{Name: CheckpointDir + "/" + name, Data: data})
}

// Write writes the job's folder — ResultSet's files, all together — even
// when ctx is cancelled, so that an interrupted experiment keeps what it
// ran. Without a Dir it writes nothing.
func (j *Job) Write(ctx context.Context) error {
	if j.Dir == nil {
		return nil
	}
	files, err := ResultSet(j.Version, j.Command, j.Params, j.Points, j.Options).Files()
	if err != nil {
		return err
	}
	if err := j.Dir.WriteSet(context.WithoutCancel(ctx), files...); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	return nil
}

// Done is the number of the job's points that have results.
func (j *Job) Done() int {
	n := 0
	for _, p := range j.Points {
		if p.Results != nil {
			n++
		}
	}
	return n
}
