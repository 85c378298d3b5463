package resultset

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestWriteSetRemovesTheEarlierSet: a result set written over an earlier
// one leaves none of the earlier set's files it lacks (a pool_intervals.csv
// of pools the new scenario has not, the charts of the old results), and
// leaves alone what is not a result set's: the user's own files, links,
// shard parts and checkpoints.
func TestWriteSetRemovesTheEarlierSet(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	d, err := Prepare(out)
	if err != nil {
		t.Fatal(err)
	}
	old := []File{{"summary.json", []byte("{}")}, {"pool_intervals.csv", []byte("x")}, {"results.json", []byte("{}")}, {"report.html", []byte("x")}}
	if err := d.WriteSet(t.Context(), old...); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"charts", "checkpoints"} {
		if err := os.MkdirAll(filepath.Join(out, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"notes.txt", "part-0-of-2.gob", "charts/old.svg"} {
		if err := os.WriteFile(filepath.Join(out, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("notes.txt", filepath.Join(out, "results.xlsx")); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteSet(t.Context(), File{"summary.json", []byte(`{"new": 1}`)}, File{"summary.csv", []byte("a")}); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	want := []string{"checkpoints", "notes.txt", "part-0-of-2.gob", "results.xlsx", "summary.csv", "summary.json"}
	if !slices.Equal(got, want) {
		t.Errorf("the folder holds %v; want %v", got, want)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "summary.json")); string(b) != `{"new": 1}` {
		t.Errorf("summary.json = %s; want the new one", b)
	}
}
