package resultset

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestPrepare(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		path   string
		parent bool
	}{
		{"the path is a file", file, false},
		{"a parent is a file", filepath.Join(file, "out"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Prepare(tt.path)
			var nd *NotDirError
			if !errors.As(err, &nd) || nd.Parent != tt.parent {
				t.Errorf("Prepare(%s) = %v; want a NotDirError with Parent %v", tt.path, err, tt.parent)
			}
		})
	}
	// What Prepare made goes again with Discard, what was there stays.
	d, err := Prepare(filepath.Join(root, "a", "b"))
	if err != nil {
		t.Fatal(err)
	}
	d.Discard()
	if _, err := os.Stat(filepath.Join(root, "a")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Discard left %s (%v)", filepath.Join(root, "a"), err)
	}
	if _, err := os.Stat(root); err != nil {
		t.Errorf("Discard removed %s, which was there before", root)
	}
}

// TestWriteFilesSubdirectories: names may reach into subdirectories,
// which are made as needed.
func TestWriteFilesSubdirectories(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	err := WriteFiles(t.Context(), dir, File{"a.yaml", []byte("a")}, File{"data/b.csv", []byte("b")})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"a.yaml": "a", "data/b.csv": "b"} {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
}

func TestLoadNothing(t *testing.T) {
	_, err := Load(t.TempDir())
	var nr *NoResultsError
	if !errors.As(err, &nr) {
		t.Errorf("Load of an empty folder = %v; want a NoResultsError", err)
	}
}
