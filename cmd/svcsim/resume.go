package main

import (
	"context"
	"fmt"
	"io"

	"github.com/svcsim/svcsim/experiment"
)

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
