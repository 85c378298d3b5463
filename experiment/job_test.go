package experiment

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/sim"
)

// TestJob: a job keeps a checkpoint per finished point, writes its
// folder, and a second job over the same folder resumes every point.
func TestJob(t *testing.T) {
	path := t.TempDir()
	dir, err := resultset.Prepare(path)
	if err != nil {
		t.Fatal(err)
	}
	o := Options{Options: sim.Options{Replications: 2, Seed: 4}, Days: 1, Version: "test"}
	pts := sweepPoints(t)
	pts[2].Err = errors.New("unreadable")
	j := &Job{Points: pts, Options: o, Command: "sweep clinic", Params: []string{"stages.booking.staff"}, Version: "test", Dir: dir, Checkpoints: true}
	if err := j.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := j.Write(context.Background()); err != nil {
		t.Fatal(err)
	}
	if j.Done() != 2 {
		t.Errorf("Done() = %d; want 2 (the third point has an error)", j.Done())
	}
	cps, _ := filepath.Glob(filepath.Join(path, CheckpointDir, "*.gob"))
	if len(cps) != 2 {
		t.Errorf("%d checkpoints; want one per finished point, 2", len(cps))
	}
	for _, f := range []string{"manifest.json", "summary.csv", "replications.csv"} {
		if _, err := os.Stat(filepath.Join(path, f)); err != nil {
			t.Errorf("the folder lacks %s: %v", f, err)
		}
	}
	again := sweepPoints(t)[:2]
	kept, err := Resume(context.Background(), path, again, o, nil)
	if err != nil || kept != 2 {
		t.Errorf("Resume kept %d, %v; want 2", kept, err)
	}
	if err := (&Job{Points: pts}).Write(context.Background()); err != nil {
		t.Errorf("Write without a folder = %v; want nothing written", err)
	}
}
