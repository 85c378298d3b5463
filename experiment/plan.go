package experiment

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/svcsim/svcsim/internal/userfile"
	"github.com/svcsim/svcsim/resultset"
)

// Plan says how an experiment is split over shards: the file 'svcsim
// plan --shards N --write FILE' writes, for the shards and for the merge,
// so that the shard count never comes from the size of a job array.
type Plan struct {
	Version      string `json:"svcsim_version"`
	Scenarios    int    `json:"scenarios"`
	Replications int    `json:"replications"`
	Seed         uint64 `json:"seed"`
	WorkUnits    int    `json:"work_units"`
	Shards       int    `json:"shards"`
}

// ReadPlan reads the plan file path, refusing unknown fields and counts
// below 1.
func ReadPlan(path string) (*Plan, error) {
	b, err := userfile.Read(path, userfile.Plan)
	if err != nil {
		return nil, err
	}
	var p Plan
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("%s is not a plan written by 'svcsim plan --write': %w", path, err)
	}
	if p.Shards < 1 || p.Replications < 1 || p.Scenarios < 1 {
		return nil, fmt.Errorf("%s: shards, scenarios and replications must be >= 1 (got %d, %d, %d)", path, p.Shards, p.Scenarios, p.Replications)
	}
	if p.Shards > MaxShards {
		return nil, fmt.Errorf("%s: shards must be at most %d (got %d)", path, MaxShards, p.Shards)
	}
	return &p, nil
}

// Matches reports whether the plan is of an experiment of scenarios
// points, replications and seed.
func (p *Plan) Matches(scenarios, replications int, seed uint64) bool {
	return p.Scenarios == scenarios && p.Replications == replications && p.Seed == seed
}

// Write writes p as the JSON file path, atomically, creating its
// directory if missing; ReadPlan reads it back. A path that is not a
// missing or regular file is refused with a *resultset.TargetError, and
// a file that is not a plan with a *NotPlanError.
func (p *Plan) Write(ctx context.Context, path string) error {
	if err := resultset.CheckFile(path); err != nil {
		return err
	}
	if err := CheckPlanTarget(path); err != nil {
		return err
	}
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	// Not resultset.Prepare: the plan's folder is any folder, not a
	// result folder whose every entry must be a file or a directory;
	// WriteFiles refuses a path that is not a file and makes the folder.
	return resultset.WriteFiles(ctx, filepath.Dir(path), resultset.File{Name: filepath.Base(path), Data: append(b, '\n')})
}

// A NotPlanError says that the file a plan was to be written to exists
// and is not a plan: a scenario file named by mistake would be lost.
type NotPlanError struct {
	Path string
	Err  error // why ReadPlan did not read it
}

func (e *NotPlanError) Error() string {
	return e.Path + " exists and is not a plan 'svcsim plan --write' wrote (" + e.Err.Error() + "); valid: a new file, or such a plan to replace"
}

func (e *NotPlanError) Unwrap() error { return e.Err }

// CheckPlanTarget returns a *NotPlanError when path exists and is not a
// plan ReadPlan reads, and the error of a path it cannot look at.
// Plan.Write calls it; a command calls it before its work too, so that a
// wrong path fails at once.
func CheckPlanTarget(path string) error {
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	if _, err := ReadPlan(path); err != nil {
		if why := errors.Unwrap(err); why != nil { // what the decoder found
			err = why
		}
		return &NotPlanError{Path: path, Err: err}
	}
	return nil
}
