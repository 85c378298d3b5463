package scenarios

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestInputs: a scenario read from files names them all — the file, the
// file it extends and its data files — and so do its variants and a
// scenario made from it with With; a built-in names none.
func TestInputs(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "out"), 0o755); err != nil {
		t.Fatal(err)
	}
	files, err := BuiltinFiles("repairshop")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	main := filepath.Join(dir, files[0].Path)
	sc, err := Load(main)
	if err != nil {
		t.Fatal(err)
	}
	got := sc.Inputs()
	if len(got) != len(files) || !slices.ContainsFunc(got, func(p string) bool { return filepath.FromSlash(p) == main }) {
		t.Errorf("Inputs = %q; want the %d files of the built-in written out, %s first among them", got, len(files), main)
	}
	for _, p := range got {
		if _, err := os.Stat(filepath.FromSlash(p)); err != nil || !strings.HasPrefix(filepath.FromSlash(p), dir) {
			t.Errorf("input %q is not a file read from %s: %v", p, dir, err)
		}
	}
	w, err := sc.With([][2]string{{"days", "2"}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(w.Inputs(), got) {
		t.Errorf("With: Inputs = %q; want %q", w.Inputs(), got)
	}
	b, err := Builtin("repairshop")
	if err != nil {
		t.Fatal(err)
	}
	if in := b.Inputs(); len(in) != 0 {
		t.Errorf("a built-in's Inputs = %q; want none", in)
	}
}
