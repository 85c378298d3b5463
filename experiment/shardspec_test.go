package experiment

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/jobarray"
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/sim"
)

func TestShardSpecResolve(t *testing.T) {
	for _, v := range jobarray.IndexVars {
		t.Setenv(v, "")
	}
	plan := filepath.Join(t.TempDir(), "plan.json")
	if err := (&Plan{Version: "test", Scenarios: 2, Replications: 3, Seed: 1, WorkUnits: 6, Shards: 4}).Write(context.Background(), plan); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		spec     ShardSpec
		env      string // JOB_COMPLETION_INDEX
		i, n     int
		withPlan bool
		err      string
	}{
		{"none", ShardSpec{}, "", 0, 0, false, ""},
		{"index", ShardSpec{Index: "2/5"}, "", 2, 5, false, ""},
		{"index agrees with count", ShardSpec{Index: "1/4", Shards: 4}, "", 1, 4, false, ""},
		{"index from the environment", ShardSpec{Shards: 3}, "2", 2, 3, false, ""},
		{"plan, index from the environment", ShardSpec{Plan: plan}, "3", 3, 4, true, ""},
		{"plan and index", ShardSpec{Index: "0/4", Plan: plan}, "", 0, 4, true, ""},
		{"bad index", ShardSpec{Index: "4/4"}, "", 0, 0, false, `--shard "4/4": write I/N`},
		{"not a number", ShardSpec{Index: "a/b"}, "", 0, 0, false, "write I/N"},
		{"most shards", ShardSpec{Index: "0/100000"}, "", 0, MaxShards, false, ""},
		{"too many shards", ShardSpec{Index: "0/100001"}, "", 0, 0, false, `--shard "0/100001": N must be between 1 and 100000 (got 100001)`},
		{"too large a count", ShardSpec{Shards: MaxShards + 1}, "", 0, 0, false, "--shards must be between 1 and 100000 (got 100001)"},
		{"index disagrees with count", ShardSpec{Index: "0/3", Shards: 4}, "", 0, 0, false, "--shard 0/3 disagrees with --shards (4 shards)"},
		{"index disagrees with plan", ShardSpec{Index: "0/3", Plan: plan}, "", 0, 0, false, "disagrees with --plan " + plan},
		{"count disagrees with plan", ShardSpec{Shards: 3, Plan: plan}, "", 0, 0, false, "--shards 3 disagrees with --plan"},
		{"no index in the environment", ShardSpec{Shards: 3}, "", 0, 0, false, "needs a shard index"},
		{"index beyond the count", ShardSpec{Shards: 3}, "3", 0, 0, false, "not a shard index below 3"},
		{"missing plan", ShardSpec{Plan: plan + ".none"}, "", 0, 0, false, "--plan: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("JOB_COMPLETION_INDEX", tt.env)
			i, n, p, err := tt.spec.Resolve()
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Resolve() error = %v; want %q", err, tt.err)
				}
				return
			}
			if err != nil || i != tt.i || n != tt.n || (p != nil) != tt.withPlan {
				t.Errorf("Resolve() = %d, %d, plan %v, %v; want %d, %d, plan %v", i, n, p != nil, err, tt.i, tt.n, tt.withPlan)
			}
		})
	}
}

func TestCheckPlanAndRunInto(t *testing.T) {
	pts := sweepPoints(t)
	pts[2].Err = errors.New("unreadable") // not counted
	o := Options{Options: sim.Options{Replications: 2, Seed: 1}, Days: 1, Version: "test"}
	if err := CheckPlan(&Plan{Scenarios: 2, Replications: 2, Seed: 1}, "p.json", pts, o); err != nil {
		t.Errorf("CheckPlan of the planned experiment: %v", err)
	}
	if err := CheckPlan(&Plan{Scenarios: 3, Replications: 2, Seed: 1}, "p.json", pts, o); err == nil || !strings.Contains(err.Error(), "--plan p.json: the plan is 3 scenarios") {
		t.Errorf("CheckPlan of another experiment = %v; want it refused", err)
	}
	if err := CheckPlan(nil, "", pts, o); err != nil {
		t.Errorf("CheckPlan without a plan = %v", err)
	}
	path := t.TempDir()
	dir, err := resultset.Prepare(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := NewShard(pts, o, 1, 2, "sweep", nil).RunInto(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	parts, err := ReadParts(context.Background(), []string{filepath.Join(path, PartName(1, 2))})
	if err != nil || parts[0].Shard != 1 || parts[0].Of != 2 {
		t.Errorf("the part written: %v", err)
	}
}
