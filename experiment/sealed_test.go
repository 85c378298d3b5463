package experiment

import (
	"bytes"
	"context"
	"encoding/gob"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/sim"
)

// damages are the ways a sealed file can change after it was written,
// each with the error its reader must give.
var damages = []struct {
	name string
	edit func(b []byte) []byte
	want string
}{
	{"one bit of the payload", func(b []byte) []byte { b[len(b)/2] ^= 1; return b }, "damaged (checksum mismatch)"},
	{"one bit of the checksum", func(b []byte) []byte { b[bytes.IndexByte(b, '=')+1] ^= 1; return b }, "damaged (checksum mismatch)"},
	{"garbage appended", func(b []byte) []byte { return append(b, "garbage\n"...) }, "damaged (checksum mismatch)"},
	{"cut short", func(b []byte) []byte { return b[:len(b)-10] }, "damaged (checksum mismatch)"},
	{"cut inside the header", func(b []byte) []byte { return b[:20] }, "damaged (checksum mismatch)"},
	{"a later format", func(b []byte) []byte { return bytes.Replace(b, []byte(" 2 sha256="), []byte(" 3 sha256="), 1) }, "format 3; this svcsim reads format 2"},
	{"format 1 (bare gob)", func(b []byte) []byte { _, p, _ := bytes.Cut(b, []byte("\n")); return p }, "has no svcsim"},
	{"not svcsim's", func([]byte) []byte { return []byte("garbage\n") }, "has no svcsim"},
}

// TestDamagedPartsRefused: a part file changed in any way after its shard
// wrote it is refused, naming the file, instead of merging into other
// numbers.
func TestDamagedPartsRefused(t *testing.T) {
	pts := sweepPoints(t)[:1]
	o := Options{Options: sim.Options{Replications: 2, Seed: 1}, Days: 1, Version: "test"}
	p, err := NewShard(pts, o, 0, 1, "sweep", nil).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	good, err := p.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := DecodePart(good); err != nil {
		t.Fatalf("the part as written: %v", err)
	}
	for _, d := range damages {
		t.Run(d.name, func(t *testing.T) {
			f := filepath.Join(t.TempDir(), PartName(0, 1))
			if err := os.WriteFile(f, d.edit(bytes.Clone(good)), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := ReadParts(context.Background(), []string{f})
			if err == nil || !strings.Contains(err.Error(), d.want) || !strings.HasPrefix(err.Error(), f) || !strings.Contains(err.Error(), "rerun the shard that wrote it") {
				t.Errorf("got %v; want %q, naming the file and the shard to rerun", err, d.want)
			}
		})
	}
	// A payload sealed with its checksum but followed by bytes the gob
	// decoder does not read is refused too.
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(p); err != nil {
		t.Fatal(err)
	}
	if _, err := DecodePart(seal(sealPart, append(b.Bytes(), 0))); err == nil || !strings.Contains(err.Error(), "1 bytes after the data") {
		t.Errorf("trailing byte inside the seal: got %v", err)
	}
}

// TestDamagedCheckpointsRunAgain: a checkpoint changed after it was
// written is not resumed from; its point runs again, and the caller is
// told why.
func TestDamagedCheckpointsRunAgain(t *testing.T) {
	opt := Options{Options: sim.Options{Replications: 2, Seed: 3}, Days: 1, Version: "test"}
	pts := sweepPoints(t)[:1]
	Run(context.Background(), pts, opt)
	name, good, err := opt.Checkpoint(pts[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range append(damages[:len(damages):len(damages)], struct {
		name string
		edit func(b []byte) []byte
		want string
	}{"as written", func(b []byte) []byte { return b }, ""}) {
		t.Run(d.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, CheckpointDir, name)
			if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, d.edit(bytes.Clone(good)), 0o644); err != nil {
				t.Fatal(err)
			}
			var why string
			kept, err := Resume(context.Background(), dir, sweepPoints(t)[:1], opt, func(_ string, _ *Point, w string) { why = w })
			switch {
			case err != nil:
				t.Fatal(err)
			case d.want == "" && (kept != 1 || why != ""):
				t.Errorf("kept %d (%q); want the checkpoint kept", kept, why)
			case d.want != "" && (kept != 0 || !strings.Contains(why, d.want)):
				t.Errorf("kept %d, told %q; want 0 and %q", kept, why, d.want)
			}
		})
	}
}

// TestChangedScenarioShowsBothHashes: parts whose scenario hashes differ
// only past the first 12 digits are refused with both hashes in full, not
// with two prefixes that read the same.
func TestChangedScenarioShowsBothHashes(t *testing.T) {
	pts := sweepPoints(t)[:1]
	o := Options{Options: sim.Options{Replications: 2, Seed: 1}, Days: 1, Version: "test"}
	var parts []*Part
	for i := range 2 {
		p, err := NewShard(pts, o, i, 2, "sweep", nil).Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, p)
	}
	h := []byte(parts[1].Points[0].SHA256)
	h[len(h)-1] ^= 1
	parts[1].Points[0].SHA256 = string(h)
	_, err := CheckParts([]string{"a.gob", "b.gob"}, parts, "test", false)
	if err == nil || !strings.Contains(err.Error(), string(h)) || !strings.Contains(err.Error(), parts[0].Points[0].SHA256) {
		t.Errorf("got %v; want both hashes in full", err)
	}
}
