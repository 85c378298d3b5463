package main

import (
	"context"
	"fmt"
	"io"

	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/resultset"
)

// saveCheckpoint writes finished point p's checkpoint into dir, for
// 'batch --resume' (see experiment.Resume).
func saveCheckpoint(dir *resultset.Dir, p *experiment.Point, opt experiment.Options) error {
	name, data, err := opt.Checkpoint(p)
	if err != nil {
		return err
	}
	return dir.Write(context.Background(), resultset.File{Name: experiment.CheckpointDir + "/" + name, Data: data})
}

// resume keeps the results of the points whose checkpoints in --out match
// their inputs and returns how many it kept.
func (s *runSettings) resume(ctx context.Context, pts []*experiment.Point, opt experiment.Options, stderr io.Writer) (int, error) {
	kept, err := experiment.Resume(ctx, s.out, pts, opt, func(path string, p *experiment.Point) {
		if !s.quiet {
			fmt.Fprintf(stderr, "warning: --resume: %s does not match %s; running it again\n", path, p.Name)
		}
	})
	if err != nil && err != errInterrupted {
		return kept, fmt.Errorf("--resume: %w", err)
	}
	return kept, err
}
