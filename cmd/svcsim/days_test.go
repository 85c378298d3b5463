package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestDaysAssumptions checks that every command that writes a result set
// states the days it ran with --days, as run does, not the scenario
// file's: the report puts the assumptions beside results that cover the
// overridden days. The base scenario's assumptions must be those of
// 'run --days' of the same file, string for string (the files indent
// them differently). A sweep varies the service
// staff to the file's own value, so its point is the base scenario too.
func TestDaysAssumptions(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "tiny.yaml", variantsScenario) // days: 2
	base := t.TempDir()
	days := []string{"--days", "3", "-r", "2", "-q"}
	runDir := filepath.Join(base, "run")
	mustRun(t, append([]string{"run", path, "--out", runDir}, days...)...)
	var sum struct {
		Assumptions []string `json:"assumptions"`
	}
	readJSON(t, filepath.Join(runDir, "summary.json"), &sum)
	if len(sum.Assumptions) == 0 || !strings.HasPrefix(sum.Assumptions[0], "3 simulated day(s)") {
		t.Fatalf("run --days 3: got assumptions %q; want 3 simulated days first", sum.Assumptions)
	}
	shards := filepath.Join(base, "shards")
	for i := range 2 {
		mustRun(t, append([]string{"compare", path, "--out", filepath.Join(shards, fmt.Sprint(i)), "--shard", fmt.Sprintf("%d/2", i)}, days...)...)
	}
	tests := []struct {
		name string
		args []string // the output directory follows
	}{
		{"compare", []string{"compare", path}},
		{"batch", []string{"batch", path}},
		{"sweep", []string{"sweep", path, "--vary", "stages.service.staff=3"}},
		{"merge of a sharded compare", []string{"merge", shards}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(base, tt.name)
			args := append(tt.args, "--out", dir)
			if tt.args[0] != "merge" {
				args = append(args, days...)
			}
			mustRun(t, args...)
			var set struct {
				Scenarios []struct {
					Name        string   `json:"name"`
					Assumptions []string `json:"assumptions"`
				} `json:"scenarios"`
			}
			readJSON(t, filepath.Join(dir, "results.json"), &set)
			if len(set.Scenarios) == 0 {
				t.Fatal("results.json has no scenarios")
			}
			if got := set.Scenarios[0].Assumptions; !slices.Equal(got, sum.Assumptions) {
				t.Errorf("%s: got assumptions %q; want those of run --days 3, %q", set.Scenarios[0].Name, got, sum.Assumptions)
			}
			for _, sc := range set.Scenarios[1:] {
				if len(sc.Assumptions) == 0 || !strings.HasPrefix(sc.Assumptions[0], "3 simulated day(s)") {
					t.Errorf("%s: got assumptions %q; want 3 simulated days first", sc.Name, sc.Assumptions)
				}
			}
		})
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}
