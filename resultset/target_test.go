//go:build unix

package resultset

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// specials makes, in dir, one path of each kind the writer must not
// replace, and returns them by the kind TargetError names.
func specials(t *testing.T, dir string) map[string]string {
	t.Helper()
	paths := map[string]string{
		"a directory":     filepath.Join(dir, "adir"),
		"a named pipe":    filepath.Join(dir, "fifo"),
		"a symbolic link": filepath.Join(dir, "link"),
		"a socket":        filepath.Join(dir, "sock"),
	}
	real := filepath.Join(dir, "real")
	if err := os.WriteFile(real, []byte("kept"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(paths["a directory"], 0o777); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(paths["a named pipe"], 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, paths["a symbolic link"]); err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("unix", paths["a socket"])
	if err != nil {
		t.Skipf("no unix socket here: %v", err)
	}
	t.Cleanup(func() { l.Close() })
	return paths
}

// TestWriteFileRefusesSpecialFiles checks that the atomic writer, which
// renames a temporary file over its target, refuses a target that is
// not a regular file, leaves it as it was and leaves no temporary file.
func TestWriteFileRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	for kind, path := range specials(t, dir) {
		t.Run(kind, func(t *testing.T) {
			before, err := os.Lstat(path)
			if err != nil {
				t.Fatal(err)
			}
			err = WriteFile(path, []byte("new"))
			var te *TargetError
			if !errors.As(err, &te) || te.Kind != kind || te.Path != path {
				t.Fatalf("got %v; want a *TargetError saying %s is %s", err, path, kind)
			}
			if want := path + " is " + kind + "; valid: a file path (a missing or regular file)"; err.Error() != want {
				t.Errorf("got %q; want %q", err, want)
			}
			after, err := os.Lstat(path)
			if err != nil || after.Mode() != before.Mode() {
				t.Errorf("%s changed: mode %v, then %v (%v)", path, before.Mode(), after.Mode(), err)
			}
			if err := CheckFile(path); !errors.As(err, &te) {
				t.Errorf("CheckFile: got %v; want a *TargetError", err)
			}
		})
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	for kind, path := range specials(t, t.TempDir()) {
		name := filepath.Base(path) + "-in-root"
		if err := os.Rename(path, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
		if err := WriteFileIn(root, name, []byte("new")); err == nil || err.Error() != name+" is "+kind+"; valid: a file path (a missing or regular file)" {
			t.Errorf("WriteFileIn over %s: got %v; want a *TargetError", kind, err)
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, "real")); err != nil || string(b) != "kept" {
		t.Errorf("the link's target holds %q (%v); want %q", b, err, "kept")
	}
	if tmp, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
	for _, ok := range []string{filepath.Join(dir, "real"), filepath.Join(dir, "missing")} {
		if err := CheckFile(ok); err != nil {
			t.Errorf("CheckFile(%s): got %v; want nil", ok, err)
		}
	}
}

// TestWriteFilesChecksEveryTargetFirst checks that one special target
// among several keeps all of them from being written.
func TestWriteFilesChecksEveryTargetFirst(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "b.csv"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := WriteFiles(t.Context(), dir, File{"a.csv", []byte("a")}, File{"b.csv", []byte("b")})
	if _, ok := errors.AsType[*TargetError](err); !ok {
		t.Fatalf("got %v; want a *TargetError", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "a.csv")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a.csv was written (%v); want nothing written", err)
	}
}

// TestPrepareRefusesSpecialEntries checks that a result folder holding a
// link, a pipe or a socket is refused before any work, and one holding
// only files and folders is not.
func TestPrepareRefusesSpecialEntries(t *testing.T) {
	for kind, path := range specials(t, t.TempDir()) {
		if kind == "a directory" {
			continue
		}
		t.Run(kind, func(t *testing.T) {
			out := t.TempDir()
			if err := os.Rename(path, filepath.Join(out, "summary.csv")); err != nil {
				t.Fatal(err)
			}
			_, err := Prepare(out)
			if te, ok := errors.AsType[*TargetError](err); !ok || te.Kind != kind {
				t.Fatalf("got %v; want a *TargetError saying summary.csv is %s", err, kind)
			}
		})
	}
	out := t.TempDir()
	if err := os.Mkdir(filepath.Join(out, "charts"), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "summary.csv"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Prepare(out); err != nil {
		t.Errorf("a folder of a file and a folder: got %v; want nil", err)
	}
}
