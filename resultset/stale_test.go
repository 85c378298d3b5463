package resultset

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// folder lists the entries of dir (and of dir/charts, as charts/NAME).
func folder(t *testing.T, dir string) []string {
	t.Helper()
	var got []string
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		got = append(got, e.Name())
		if e.Name() == "charts" && e.IsDir() {
			sub, _ := os.ReadDir(filepath.Join(dir, "charts"))
			for _, s := range sub {
				got = append(got, "charts/"+s.Name())
			}
		}
	}
	return got
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestWriteSetRemovesTheEarlierSet: a result set written over an earlier
// one leaves none of the earlier set's files it lacks (a pool_intervals.csv
// of pools the new scenario has not, the charts of the old results), and
// leaves alone what svcsim did not write: the user's own files, even
// under a name svcsim uses or in its charts folder, links, shard parts
// and checkpoints.
func TestWriteSetRemovesTheEarlierSet(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	write(t, filepath.Join(out, "scenario.yaml"), "mine")
	d, err := Prepare(out)
	if err != nil {
		t.Fatal(err)
	}
	old := []File{{"summary.json", []byte("{}")}, {"pool_intervals.csv", []byte("x")}, {"results.json", []byte("{}")}, {"report.html", []byte("x")}}
	if err := d.WriteSet(t.Context(), old...); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(out, "charts", "waits.png"), "svcsim's")
	if err := Claim(out, false, "charts/waits.png"); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"notes.txt", "part-0-of-2.gob", "charts/mine.svg", "checkpoints/a.gob"} {
		write(t, filepath.Join(out, name), "x")
	}
	if err := os.Symlink("notes.txt", filepath.Join(out, "results.xlsx")); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteSet(t.Context(), File{"summary.json", []byte(`{"new": 1}`)}, File{"summary.csv", []byte("a")}); err != nil {
		t.Fatal(err)
	}
	want := []string{IndexName, "charts", "charts/mine.svg", "checkpoints", "notes.txt", "part-0-of-2.gob", "results.xlsx", "scenario.yaml", "summary.csv", "summary.json"}
	if got := folder(t, out); !slices.Equal(got, want) {
		t.Errorf("the folder holds %v; want %v", got, want)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "summary.json")); string(b) != `{"new": 1}` {
		t.Errorf("summary.json = %s; want the new one", b)
	}
	owned, err := Owned(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(owned) != 2 || !owned["summary.json"] || !owned["summary.csv"] {
		t.Errorf("the index lists %v; want the new set's two files", owned)
	}
}

// TestWriteSetKeepsOthersFiles: a set that would replace a file svcsim
// did not write, or a file the command reads, is refused before anything
// is written; a file the command reads that an earlier set wrote stays.
func TestWriteSetKeepsOthersFiles(t *testing.T) {
	t.Run("the planner's file", func(t *testing.T) {
		out := t.TempDir()
		write(t, filepath.Join(out, "scenario.yaml"), "mine")
		d := &Dir{Path: out}
		err := d.WriteSet(t.Context(), File{"summary.json", []byte("{}")}, File{"scenario.yaml", []byte("new")})
		if ne, ok := errors.AsType[*NotOwnedError](err); !ok || ne.Input {
			t.Fatalf("WriteSet = %v; want a *NotOwnedError", err)
		}
		if got := folder(t, out); !slices.Equal(got, []string{"scenario.yaml"}) {
			t.Errorf("the folder holds %v; want only scenario.yaml, untouched", got)
		}
	})
	t.Run("an input svcsim wrote", func(t *testing.T) {
		out := t.TempDir()
		d := &Dir{Path: out}
		if err := d.WriteSet(t.Context(), File{"scenario.yaml", []byte("rota")}, File{"roster.csv", []byte("r")}); err != nil {
			t.Fatal(err)
		}
		// A run of that scenario into the same folder reads both.
		d.Inputs = []string{filepath.Join(out, "scenario.yaml"), filepath.Join(out, "roster.csv")}
		if err := d.WriteSet(t.Context(), File{"summary.json", []byte("{}")}); err != nil {
			t.Fatal(err)
		}
		want := []string{IndexName, "roster.csv", "scenario.yaml", "summary.json"}
		if got := folder(t, out); !slices.Equal(got, want) {
			t.Errorf("the folder holds %v; want %v", got, want)
		}
		err := d.WriteSet(t.Context(), File{"roster.csv", []byte("new")})
		if ne, ok := errors.AsType[*NotOwnedError](err); !ok || !ne.Input {
			t.Errorf("replacing an input: %v; want a *NotOwnedError for an input", err)
		}
	})
	t.Run("a folder from before the index", func(t *testing.T) {
		out := t.TempDir()
		for _, n := range []string{"summary.json", "report.html", "scenario.yaml", "charts/a.png"} {
			write(t, filepath.Join(out, n), "old")
		}
		d := &Dir{Path: out}
		if err := d.WriteSet(t.Context(), File{"summary.json", []byte("{}")}); err != nil {
			t.Fatal(err)
		}
		want := []string{IndexName, "scenario.yaml", "summary.json"}
		if got := folder(t, out); !slices.Equal(got, want) {
			t.Errorf("the folder holds %v; want %v (the old results' files gone, the scenario kept)", got, want)
		}
	})
}
