package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/experiment"
)

// withSeed is tinyScenario named name with the line "seed: N" (none for
// a negative seed).
func withSeed(name string, seed int) string {
	s := strings.Replace(tinyScenario, "name: tiny", "name: "+name, 1)
	if seed >= 0 {
		s += "seed: " + strconv.Itoa(seed) + "\n"
	}
	return s
}

// runSeed is the seed and the first KPI line of 'svcsim run' as CSV.
func runSeed(t *testing.T, args ...string) (seed uint64, firstKPI string) {
	t.Helper()
	out, _ := mustRun(t, append([]string{"run", "-r", "3", "-q", "--format", "json"}, args...)...)
	var doc struct {
		Results struct {
			Seed uint64 `json:"seed"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	csv, _ := mustRun(t, append([]string{"run", "-r", "3", "-q", "--format", "csv"}, args...)...)
	return doc.Results.Seed, strings.Split(csv, "\n")[1]
}

// TestSeedZeroIsASeed: 0 is a seed like any other, in a file and on the
// command line, and differs from the default seed 1.
func TestSeedZeroIsASeed(t *testing.T) {
	dir := t.TempDir()
	zero := filepath.Join(dir, "zero.yaml")
	none := filepath.Join(dir, "none.yaml")
	os.WriteFile(zero, []byte(withSeed("tiny", 0)), 0o644)
	os.WriteFile(none, []byte(withSeed("tiny", -1)), 0o644)

	seed, fileZero := runSeed(t, zero)
	if seed != 0 {
		t.Errorf("seed: 0 ran with seed %d; want 0", seed)
	}
	seed, flagZero := runSeed(t, none, "--seed", "0")
	if seed != 0 {
		t.Errorf("--seed 0 ran with seed %d; want 0", seed)
	}
	seed, one := runSeed(t, none)
	if seed != experiment.DefaultSeed {
		t.Errorf("no seed ran with seed %d; want %d", seed, experiment.DefaultSeed)
	}
	if fileZero != flagZero {
		t.Errorf("seed: 0 gives %q, --seed 0 gives %q; want the same", fileZero, flagZero)
	}
	if fileZero == one {
		t.Errorf("seed 0 and seed 1 give the same output %q", one)
	}
	if seed, _ := runSeed(t, zero, "--seed", "5"); seed != 5 {
		t.Errorf("--seed 5 on a file with seed: 0 ran with seed %d; want 5", seed)
	}
}

// experimentSeeds reads an experiment directory's seeds: the manifest's
// common one (-1 when absent) and each scenario's, from manifest.json and
// from results.json.
func experimentSeeds(t *testing.T, dir string) (common int64, manifest, results map[string]uint64) {
	t.Helper()
	var m struct {
		Seed      *uint64 `json:"seed"`
		Scenarios []struct {
			Name string  `json:"name"`
			Seed *uint64 `json:"seed"`
		} `json:"scenarios"`
	}
	var r struct {
		Scenarios []struct {
			Name    string `json:"name"`
			Results struct {
				Seed uint64 `json:"seed"`
			} `json:"results"`
		} `json:"scenarios"`
	}
	for f, v := range map[string]any{"manifest.json": &m, "results.json": &r} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	common = -1
	if m.Seed != nil {
		common = int64(*m.Seed)
	}
	manifest, results = map[string]uint64{}, map[string]uint64{}
	for _, s := range m.Scenarios {
		if s.Seed == nil {
			t.Errorf("manifest: scenario %s has no seed", s.Name)
			continue
		}
		manifest[s.Name] = *s.Seed
	}
	for _, s := range r.Scenarios {
		results[s.Name] = s.Results.Seed
	}
	return common, manifest, results
}

// TestBatchSeeds: a batch runs each file with its own seed (not the seed
// of whichever file sorts first), and --seed, 0 included, overrides them
// all.
func TestBatchSeeds(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// a.yaml sorts first; with seed 0 it used to give every file seed 1.
	for name, seed := range map[string]int{"a": 0, "b": 7, "c": -1} {
		os.WriteFile(filepath.Join(dir, name+".yaml"), []byte(withSeed(name, seed)), 0o644)
	}
	tests := []struct {
		name   string
		flags  []string
		common int64
		want   map[string]uint64
	}{
		{"own seeds", nil, -1, map[string]uint64{"a": 0, "b": 7, "c": experiment.DefaultSeed}},
		{"--seed 3", []string{"--seed", "3"}, 3, map[string]uint64{"a": 3, "b": 3, "c": 3}},
		{"--seed 0", []string{"--seed", "0"}, 0, map[string]uint64{"a": 0, "b": 0, "c": 0}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), fmt.Sprint(i))
			mustRun(t, append([]string{"batch", "--out", out, "-r", "2", "-q", dir}, tt.flags...)...)
			common, manifest, results := experimentSeeds(t, out)
			if common != tt.common {
				t.Errorf("manifest seed %d; want %d (-1: none)", common, tt.common)
			}
			for name, want := range tt.want {
				if manifest[name] != want || results[name] != want {
					t.Errorf("%s: manifest seed %d, results seed %d; want %d", name, manifest[name], results[name], want)
				}
			}
		})
	}
}

// TestBatchSeedsSharded: the shards of a batch use each file's seed as
// the single run does, so the merge is byte-identical.
func TestBatchSeedsSharded(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.yaml"), []byte(withSeed("a", 0)), 0o644)
	os.WriteFile(filepath.Join(dir, "b.yaml"), []byte(withSeed("b", 7)), 0o644)
	base := t.TempDir()
	whole := filepath.Join(base, "whole")
	args := []string{"batch", dir, "-r", "3", "-q"}
	mustRun(t, append(args, "--out", whole)...)
	var parts []string
	for i := range 2 {
		d := filepath.Join(base, strconv.Itoa(i))
		mustRun(t, append(args, "--out", d, "--shard", fmt.Sprintf("%d/2", i))...)
		parts = append(parts, filepath.Join(d, fmt.Sprintf("part-%d-of-2.gob", i)))
	}
	merged := filepath.Join(base, "merged")
	mustRun(t, append([]string{"merge", "--out", merged}, parts...)...)
	for _, f := range []string{"replications.csv", "results.json", "manifest.json"} {
		a, _ := os.ReadFile(filepath.Join(whole, f))
		b, err := os.ReadFile(filepath.Join(merged, f))
		if err != nil || !bytes.Equal(a, b) || len(a) == 0 {
			t.Errorf("%s: merged differs from the single run (%v)", f, err)
		}
	}
	if _, m, _ := experimentSeeds(t, merged); m["a"] != 0 || m["b"] != 7 {
		t.Errorf("merged manifest seeds %v; want a: 0, b: 7", m)
	}
}

// TestSweepAndCompareSeeds: a sweep runs with the seed of the scenario it
// sweeps, a comparison with the baseline's, unless --seed (0 included)
// gives one.
func TestSweepAndCompareSeeds(t *testing.T) {
	t.Parallel()
	seven := writeFile(t, "b.yaml", withSeed("b", 7))
	zero := writeFile(t, "a.yaml", withSeed("a", 0))
	tests := []struct {
		name string
		args []string
		want int64
	}{
		{"sweep, file seed", []string{"sweep", seven, "--vary", "stages.service.staff=2..3"}, 7},
		{"sweep, file seed 0", []string{"sweep", zero, "--vary", "stages.service.staff=2..3"}, 0},
		{"sweep, --seed 0", []string{"sweep", seven, "--vary", "stages.service.staff=2..3", "--seed", "0"}, 0},
		{"compare, baseline's seed", []string{"compare", zero, seven}, 0},
		{"compare, --seed", []string{"compare", zero, seven, "--seed", "4"}, 4},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), fmt.Sprint(i))
			mustRun(t, append(tt.args, "-r", "2", "-q", "--out", out)...)
			common, _, results := experimentSeeds(t, out)
			if common != tt.want {
				t.Errorf("manifest seed %d; want %d", common, tt.want)
			}
			for name, got := range results {
				if int64(got) != tt.want {
					t.Errorf("%s ran with seed %d; want %d", name, got, tt.want)
				}
			}
		})
	}
}
