package experiment

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/svcsim/svcsim/sim"
)

// TestCheckpointName pins a checkpoint's file name. It was once a hash of
// the key's gob encoding, which holds type numbers that depend on what
// the process encoded before: a plain batch (which encodes a checkpoint
// first) and a resumed one (which names the key first) disagreed, and
// --resume never found the checkpoints of an interrupted batch. The
// value is the first 12 bytes of the SHA-256 of the key's JSON, from
//
//	printf %s '{"Version":"devel","Name":"clinic","File":"clinic.yaml","Variant":"","SHA256":"ab","Seed":1,"Replications":3,"Days":0,"MaxInSystem":0}' | sha256sum
func TestCheckpointName(t *testing.T) {
	k := checkpointKey{Version: "devel", Name: "clinic", File: "clinic.yaml", SHA256: "ab", Seed: 1, Replications: 3}
	if got, want := k.file(), "38d2ca072feee2c304b88e5a.gob"; got != want {
		t.Errorf("file() = %s; want %s", got, want)
	}
}

// TestResumeOwnSeeds: a point with a seed of its own (a batch file's) is
// checkpointed and summarised with it, not with the experiment's.
func TestResumeOwnSeeds(t *testing.T) {
	dir := t.TempDir()
	opt := Options{Options: sim.Options{Replications: 2, Seed: 3}, Days: 2, Version: "test"}
	seed := uint64(11)
	pts := sweepPoints(t)[:1]
	pts[0].Seed = &seed
	Run(context.Background(), pts, opt)
	name, data, err := opt.Checkpoint(pts[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, CheckpointDir), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, CheckpointDir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
	again := sweepPoints(t)[:1]
	again[0].Seed = &seed
	kept, err := Resume(context.Background(), dir, again, opt, nil)
	if err != nil || kept != 1 {
		t.Fatalf("Resume kept %d, %v; want 1", kept, err)
	}
	if got := again[0].Results.Seed; got != seed {
		t.Errorf("resumed results have seed %d; want the point's own %d", got, seed)
	}
	other := uint64(12)
	again = sweepPoints(t)[:1]
	again[0].Seed = &other
	if kept, _ := Resume(context.Background(), dir, again, opt, nil); kept != 0 {
		t.Errorf("a checkpoint of seed %d was kept for seed %d", seed, other)
	}
}
