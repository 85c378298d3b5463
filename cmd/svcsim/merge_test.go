package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/internal/buildinfo"
	"github.com/svcsim/svcsim/sim"
)

// TestMergeRejectsCraftedParts feeds merge experiment.Part files edited the way a
// broken or hostile shard could write them: each must be refused with
// exit status 2 and a message naming the file, never a panic or an
// allocation sized by a number in the file.
func TestMergeRejectsCraftedParts(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "tiny.yaml", variantsScenario)
	base := t.TempDir()
	args := []string{"sweep", path, "--vary", "stages.service.staff=2..3", "-r", "4", "-q"}
	var good []experiment.Part
	for i := range 2 {
		dir := filepath.Join(base, "shard", fmt.Sprint(i))
		mustRun(t, append(args, "--out", dir, "--shard", fmt.Sprintf("%d/2", i))...)
		b, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("part-%d-of-2.gob", i)))
		if err != nil {
			t.Fatal(err)
		}
		p, err := experiment.DecodePart(b)
		if err != nil {
			t.Fatal(err)
		}
		good = append(good, *p)
	}
	tests := []struct {
		name string
		edit func(p *experiment.Part)
		want string
	}{
		{"negative point", func(p *experiment.Part) { p.Units[0].Point = -1 }, "work unit (scenario -1, replication 1) is out of range"},
		{"negative replication", func(p *experiment.Part) { p.Units[0].Rep = -1 }, "is out of range"},
		{"point past the end", func(p *experiment.Part) { p.Units[0].Point = 7 }, "is out of range"},
		{"enormous replication count", func(p *experiment.Part) { p.Replications = 1 << 40 }, "1099511627776 replications is outside 1-100000"},
		{"negative shard", func(p *experiment.Part) { p.Shard = -1 }, "shard -1 is outside 0-1"},
		{"enormous shard count", func(p *experiment.Part) { p.Of = 1 << 40 }, "shard count 1099511627776 is outside 1-100000"},
		{"another build", func(p *experiment.Part) { p.Version = "v0.0.1" }, "was written by svcsim v0.0.1"},
		{"edited scenario file", func(p *experiment.Part) { p.Points[1].SHA256 = strings.Repeat("ab", 32) }, "the scenario file changed between shards"},
		{"a unit of the other shard", func(p *experiment.Part) { p.Units[0].Rep++ }, "belongs to shard"},
		{"a unit twice", func(p *experiment.Part) { p.Units[1] = p.Units[0] }, "appears twice"},
		{"a unit missing", func(p *experiment.Part) { p.Units = p.Units[1:] }, "holds 3 work units; shard 1 of 2 has 4"},
		{"a unit too many", func(p *experiment.Part) { p.Units = append(p.Units, p.Units[0]) }, "holds 5 work units"},
		{"wrong shape", func(p *experiment.Part) { p.Units[0].Stats.Stages = p.Units[0].Stats.Stages[:1] }, "stages: 1 entries for 2"},
		{"wrong intervals", func(p *experiment.Part) { p.Units[2].Stats.Stages[0].Intervals = nil }, "intervals: 0 entries for"},
		{"wrong index", func(p *experiment.Part) { p.Units[0].Stats.Index = 99 }, "holds replication 99"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Decode the good experiment.Part afresh so edits do not leak between cases.
			var b bytes.Buffer
			if err := gob.NewEncoder(&b).Encode(good[1]); err != nil {
				t.Fatal(err)
			}
			var p experiment.Part
			if err := gob.NewDecoder(&b).Decode(&p); err != nil {
				t.Fatal(err)
			}
			tt.edit(&p)
			dir := t.TempDir()
			files := []string{filepath.Join(dir, "part-0-of-2.gob"), filepath.Join(dir, "part-1-of-2.gob")}
			for i, q := range []experiment.Part{good[0], p} {
				b, err := q.Encode() // with a valid checksum: what a broken shard writes
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(files[i], b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			out := filepath.Join(dir, "merged")
			_, errOut, status := svcsim(t, t.Context(), "merge", "--out", out, files[0], files[1])
			if status != 2 || !strings.Contains(errOut, tt.want) {
				t.Errorf("status %d, stderr %q; want 2 and %q", status, errOut, tt.want)
			}
			if !strings.Contains(errOut, "part-") {
				t.Errorf("stderr %q does not name the experiment.Part file", errOut)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("a refused merge created %s", out)
			}
		})
	}
}

// TestOutIsAFile: --out naming a file is a usage mistake (exit 2), and a
// scenario serving nobody is refused unless --allow-idle.
func TestOutIsAFileAndIdleScenarios(t *testing.T) {
	file := writeFile(t, "results", "not a directory\n")
	for _, args := range [][]string{
		{"run", "-q", "-r", "1", "--out", file},
		{"run", "-q", "-r", "1", "--out", filepath.Join(file, "sub")},
	} {
		_, errOut, status := svcsim(t, t.Context(), args...)
		if status != 2 || !strings.Contains(errOut, "not a directory") {
			t.Errorf("%v: status %d, %q; want 2 and 'not a directory'", args, status, errOut)
		}
	}
	idle := writeFile(t, "idle.yaml", strings.Replace(tinyScenario, "staff: 2", "staff: 0", 1))
	_, errOut, status := svcsim(t, t.Context(), "run", "-q", "-r", "1", idle)
	if status != 2 || !strings.Contains(errOut, "nobody is ever on duty") || !strings.Contains(errOut, "--allow-idle") {
		t.Errorf("idle scenario: status %d, %q", status, errOut)
	}
	if _, errOut, status := svcsim(t, t.Context(), "run", "-q", "-r", "1", "--allow-idle", idle); status != 0 {
		t.Errorf("--allow-idle: status %d, %q", status, errOut)
	}
}

// TestUnstableLoadStopsWithAMessage: a queue that grows past
// --max-in-system stops the run with a message naming the bound; nothing
// is written.
func TestUnstableLoadStopsWithAMessage(t *testing.T) {
	path := writeFile(t, "over.yaml", overloadedScenario)
	out := filepath.Join(t.TempDir(), "out")
	_, errOut, status := svcsim(t, t.Context(), "run", "-q", "-r", "2", "--max-in-system", "50", "--out", out, path)
	if status != 1 || !strings.Contains(errOut, "50 customers in the system at once") || !strings.Contains(errOut, "--max-in-system") {
		t.Errorf("status %d, %q; want 1 and the bound", status, errOut)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("a stopped run left %s", out)
	}
}

// FuzzMergeParts decodes two experiment.Part files from arbitrary payloads
// (sealed here with their checksum) and checks
// them as merge does: whatever the bytes, no panic, and parts that pass
// the checks summarise without one.
func FuzzMergeParts(f *testing.F) {
	dir := f.TempDir()
	path := filepath.Join(dir, "tiny.yaml")
	if err := os.WriteFile(path, []byte(variantsScenario), 0o644); err != nil {
		f.Fatal(err)
	}
	var parts [][]byte
	for i := range 2 {
		out := filepath.Join(dir, fmt.Sprint(i))
		var o, e bytes.Buffer
		if err := run(f.Context(), []string{"sweep", path, "--vary", "stages.service.staff=2..3", "-r", "3", "-q", "--out", out, "--shard", fmt.Sprintf("%d/2", i)}, &o, &e); err != nil {
			f.Fatalf("%v: %s", err, e.String())
		}
		b, err := os.ReadFile(filepath.Join(out, fmt.Sprintf("part-%d-of-2.gob", i)))
		if err != nil {
			f.Fatal(err)
		}
		_, payload, _ := bytes.Cut(b, []byte("\n")) // past the header, which the fuzz function writes
		parts = append(parts, payload)
	}
	f.Add(parts[0], parts[1])
	f.Add(parts[1], parts[0])
	f.Add(parts[0], parts[0])
	f.Fuzz(func(t *testing.T, a, b []byte) {
		var ps []*experiment.Part
		for _, payload := range [][]byte{a, b} {
			// Sealed with a valid checksum, as a crafted part would be, so
			// that the fuzzer reaches the decoding and the checks.
			sum := sha256.Sum256(payload)
			data := append([]byte(fmt.Sprintf("svcsim part 2 sha256=%x\n", sum)), payload...)
			p, err := experiment.DecodePart(data)
			if err != nil {
				return
			}
			ps = append(ps, p)
		}
		units, err := experiment.CheckParts([]string{"a.gob", "b.gob"}, ps, buildinfo.Version(), false)
		if err != nil {
			return
		}
		for i, pp := range ps[0].Points {
			if pp.Err == "" {
				sim.Summarise(pp.Model, units.Reps[i], ps[0].Seed, 0.95)
			}
		}
	})
}
