package experiment

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/svcsim/svcsim/internal/userfile"
	"github.com/svcsim/svcsim/sim"
)

// A batch keeps, for every point it finishes, a checkpoint with the
// point's raw replications in DIR/checkpoints, named by a hash of
// everything its results depend on. Resume into the same DIR keeps the
// results of every point whose checkpoint matches — same svcsim build,
// scenario file (SHA-256), variant, seed, replications, days and bound on
// the customers in the system — and leaves the rest to run. The kept
// results are summarised from the same replications, so the output equals
// a run from scratch byte for byte.

// CheckpointDir is the subdirectory of a result folder that holds the
// checkpoints.
const CheckpointDir = "checkpoints"

// checkpointKey is everything a point's results depend on.
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

func (o *Options) checkpointKey(p *Point) checkpointKey {
	return checkpointKey{Version: o.Version, Name: p.Name, File: p.File, Variant: p.Scenario.Variant, SHA256: p.Scenario.Hash,
		Seed: p.SeedOr(o.Seed), Replications: o.Replications, Days: o.Days, MaxInSystem: o.MaxInSystem}
}

// file is the checkpoint's file name: a hash of the key's JSON, which,
// unlike gob's encoding, does not depend on what else the process
// encoded before.
func (k checkpointKey) file() string {
	b, _ := json.Marshal(k) // cannot fail: plain fields
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:12]) + ".gob"
}

// Checkpoint returns the checkpoint of finished point p: its file name
// within CheckpointDir and its contents, sealed with their SHA-256 (see
// seal).
func (o *Options) Checkpoint(p *Point) (name string, data []byte, err error) {
	cp := checkpoint{Key: o.checkpointKey(p), Reps: p.Results.Reps}
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(cp); err != nil {
		return "", nil, err
	}
	return cp.Key.file(), seal(sealCheckpoint, b.Bytes()), nil
}

// Resume gives each point of pts whose checkpoint in dir's CheckpointDir
// matches its inputs the results summarised from it, and returns how many
// it kept. A checkpoint is untrusted input: it must match the key exactly
// and every replication must have the model's shape, or the point runs
// again; mismatch is told of each such checkpoint's path and why:
// "damaged (checksum mismatch)" when the file changed after it was
// written, else why it cannot be used.
func Resume(ctx context.Context, dir string, pts []*Point, o Options, mismatch func(path string, p *Point, why string)) (int, error) {
	kept := 0
	for _, p := range pts {
		if ctx.Err() != nil {
			return kept, ErrInterrupted
		}
		if p.Err != nil {
			continue
		}
		key := o.checkpointKey(p)
		path := filepath.Join(dir, CheckpointDir, key.file())
		b, err := userfile.Read(path, userfile.Part)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return kept, err
		}
		m, err := o.Model(p)
		if err != nil {
			continue // Run reports it
		}
		var cp checkpoint
		payload, err := unseal(sealCheckpoint, b)
		if err == nil {
			if err = decodeGob(payload, &cp); err == nil && (cp.Key != key || len(cp.Reps) != o.Replications || checkReps(m, cp.Reps) != nil) {
				err = errNoMatch
			}
		}
		if err != nil {
			if mismatch != nil {
				mismatch(path, p, err.Error())
			}
			continue
		}
		p.Results = sim.Summarise(m, cp.Reps, p.SeedOr(o.Seed), 0.95)
		kept++
	}
	return kept, nil
}

// errNoMatch says that a checkpoint is of other inputs than its point's.
var errNoMatch = errors.New("does not match the point's inputs")

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
