package simflags

import (
	"context"
	"fmt"
	"io"

	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/internal/buildinfo"
	"github.com/svcsim/svcsim/progress"
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/scenarios"
)

// Job prepares the experiment command over pts, whose first valid
// scenario is first: its options, and its --out folder, made now so that
// an experiment fails early rather than after simulating. command names
// the work in the manifest (see experiment.CommandLine).
func (s *Settings) Job(command string, params []string, pts []*experiment.Point, first *scenarios.Scenario) (*experiment.Job, error) {
	j := &experiment.Job{Points: pts, Options: s.Options(first), Command: command, Params: params, Version: buildinfo.Version()}
	if s.Out != "" {
		dir, err := resultset.Prepare(s.Out)
		if err != nil {
			return nil, fmt.Errorf("--out: %w", err)
		}
		dir.Inputs = s.inputs
		for _, p := range pts {
			if p.Scenario != nil {
				dir.Inputs = append(dir.Inputs, p.Scenario.Inputs()...)
			}
		}
		if err := resultset.CheckOwned(dir.Path, dir.Inputs, experimentFiles...); err != nil {
			dir.Discard()
			return nil, fmt.Errorf("--out: %w", err)
		}
		j.Dir = dir
	}
	return j, nil
}

// Run runs j with progress on stderr unless --quiet; with a shard flag,
// only this shard's units, into a part file (sharded: nothing more to
// do).
func (s *Settings) Run(ctx context.Context, j *experiment.Job, stderr io.Writer) (sharded bool, err error) {
	if s.Sharded() {
		return true, s.runShard(ctx, j, stderr)
	}
	bar := progress.New(stderr, len(j.Points)*j.Options.Replications, s.Quiet)
	j.Options.Progress = bar.Update
	err = j.Run(ctx)
	bar.Finish()
	j.Options.Progress = nil
	for _, p := range j.Points {
		if p.Results != nil {
			s.Warn(stderr, p.Name+": ", p.Results.EndWarnings())
		}
	}
	return false, err
}

// Warn prints warnings on stderr, each after prefix, unless --quiet.
func (s *Settings) Warn(stderr io.Writer, prefix string, warnings []string) {
	if s.Quiet {
		return
	}
	for _, w := range warnings {
		fmt.Fprintf(stderr, "warning: %s%s\n", prefix, w)
	}
}

// Write writes j's folder, when it has one, with its charts, report and
// workbook when asked.
func (s *Settings) Write(ctx context.Context, j *experiment.Job, stderr io.Writer) error {
	if j.Dir == nil {
		return nil
	}
	if err := j.Write(ctx); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return nil
	}
	return s.Outputs.Write(ctx, s.Out, stderr)
}

// Tidy removes j's folder again if the command made it and it is still
// empty: a command that failed before writing leaves nothing behind.
func Tidy(j *experiment.Job) {
	if j.Dir != nil {
		j.Dir.Discard()
	}
}

// Resume keeps the results of the points whose checkpoints in --out match
// their inputs and returns how many it kept.
func (s *Settings) Resume(ctx context.Context, pts []*experiment.Point, opt experiment.Options, stderr io.Writer) (int, error) {
	kept, err := experiment.Resume(ctx, s.Out, pts, opt, func(path string, p *experiment.Point, why string) {
		s.Warn(stderr, "", []string{fmt.Sprintf("--resume: %s (%s): %s; running it again", path, p.Name, why)})
	})
	if err != nil && err != experiment.ErrInterrupted {
		return kept, fmt.Errorf("--resume: %w", err)
	}
	return kept, err
}
