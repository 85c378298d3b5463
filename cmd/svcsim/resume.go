package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/sim"
)

// A batch keeps, for every scenario it finishes, a checkpoint with the
// scenario's raw replications in DIR/checkpoints, named by a hash of
// everything its results depend on. 'batch --resume' into the same DIR
// keeps the results of every scenario whose checkpoint matches — same
// svcsim build, scenario file (SHA-256), variant, seed, replications,
// --days and --max-in-system — and runs the rest. The kept results are
// summarised from the same replications, so the output equals a run
// from scratch byte for byte.

const checkpointDir = "checkpoints"

// checkpointKey is everything a scenario's results depend on.
type checkpointKey struct {
	Version                     string
	Name, File, Variant, SHA256 string
	Seed                        uint64
	Replications, Days          int
	MaxInSystem                 int
}

type checkpoint struct {
	Key  checkpointKey
	Reps []sim.Replication
}

func (s *runSettings) checkpointKey(p *point, opt sim.Options) checkpointKey {
	return checkpointKey{Version: version(), Name: p.Name, File: p.File, Variant: p.Scenario.Variant, SHA256: p.Scenario.Hash,
		Seed: opt.Seed, Replications: opt.Replications, Days: s.days, MaxInSystem: s.maxInSystem}
}

func (k checkpointKey) file() string {
	var b bytes.Buffer
	gob.NewEncoder(&b).Encode(k) // cannot fail: plain fields
	h := sha256.Sum256(b.Bytes())
	return hex.EncodeToString(h[:12]) + ".gob"
}

// saveCheckpoint writes p's replications into dir's checkpoints.
func (s *runSettings) saveCheckpoint(dir *resultset.Dir, p *point, opt sim.Options) error {
	cp := checkpoint{Key: s.checkpointKey(p, opt), Reps: p.Results.Reps}
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(cp); err != nil {
		return err
	}
	return dir.Write(context.Background(), resultset.File{Name: checkpointDir + "/" + cp.Key.file(), Data: b.Bytes()})
}

// resume gives each point of pts whose checkpoint in dir matches its
// inputs the results summarised from it, and returns how many it kept.
// A checkpoint is untrusted input: it must match the key exactly and every
// replication must have the model's shape, or the point runs again.
func (s *runSettings) resume(ctx context.Context, dir string, pts []*point, opt sim.Options, stderr io.Writer) (int, error) {
	kept := 0
	for _, p := range pts {
		if ctx.Err() != nil {
			return kept, errInterrupted
		}
		if p.Err != nil {
			continue
		}
		key := s.checkpointKey(p, opt)
		path := filepath.Join(dir, checkpointDir, key.file())
		b, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return kept, fmt.Errorf("--resume: %w", err)
		}
		m, err := s.model(p)
		if err != nil {
			continue // runPoints reports it
		}
		var cp checkpoint
		if err := decodeGob(b, &cp); err != nil || cp.Key != key || len(cp.Reps) != opt.Replications || checkReps(m, cp.Reps) != nil {
			if !s.quiet {
				fmt.Fprintf(stderr, "warning: --resume: %s does not match %s; running it again\n", path, p.Name)
			}
			continue
		}
		p.Results = sim.Summarise(m, cp.Reps, opt.Seed, 0.95)
		kept++
	}
	return kept, nil
}

func checkReps(m *sim.Model, reps []sim.Replication) error {
	for i := range reps {
		if reps[i].Index != i {
			return fmt.Errorf("replication %d holds %d", i, reps[i].Index)
		}
		if err := reps[i].CheckShape(m); err != nil {
			return err
		}
	}
	return nil
}
