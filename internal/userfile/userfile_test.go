//go:build unix

package userfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

// TestRead checks that Read refuses, at once and without opening it,
// what is not a regular file (a named pipe would block the open, a
// device such as /dev/zero would never end), and a file larger than its
// kind may be, naming the size and the limit.
func TestRead(t *testing.T) {
	dir := t.TempDir()
	fifo, big, ok := filepath.Join(dir, "fifo.yaml"), filepath.Join(dir, "big.yaml"), filepath.Join(dir, "ok.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(big, make([]byte, 5_200_000), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ok, []byte("name: ok\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, path string
		kind       Kind
		want       string // the *Error's message; "" for none
	}{
		{"named pipe", fifo, Scenario, fifo + ": a named pipe, not a file; valid: the path of a scenario file"},
		{"directory", dir, Data, dir + ": a directory, not a file; valid: the path of a data file"},
		{"device", "/dev/zero", Plan, "/dev/zero: a device, not a file; valid: the path of a plan file"},
		{"too large", big, Scenario, big + ": 5.2 MB is larger than the 4 MiB a scenario file may be"},
		{"large enough", big, Data, ""},
		{"small", ok, Scenario, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := os.Stat(c.path); err != nil {
				t.Skip(err)
			}
			done := make(chan error, 1)
			go func() {
				_, err := Read(c.path, c.kind)
				done <- err
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(10 * time.Second): // a blocked open or an endless read
				t.Fatalf("Read(%s) has not returned after 10 s", c.path)
			}
			if c.want == "" {
				if err != nil {
					t.Fatalf("got %v; want no error", err)
				}
				return
			}
			if _, ok := errors.AsType[*Error](err); !ok || err.Error() != c.want {
				t.Fatalf("got %v; want an *Error %q", err, c.want)
			}
		})
	}
	if _, err := Read(filepath.Join(dir, "missing"), Scenario); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: got %v; want fs.ErrNotExist", err)
	}
}

// TestReadFS checks the limit on a file system other than the
// operating system's, and that the bytes read are the file's.
func TestReadFS(t *testing.T) {
	fsys := fstest.MapFS{
		"a.csv": {Data: []byte("x\n1\n")},
		"b.csv": {Data: []byte(strings.Repeat("x", 2<<20))},
		"d":     {Mode: fs.ModeDir},
	}
	small := Kind{"a test file", 1 << 20}
	if b, err := ReadFS(fsys, "a.csv", small); err != nil || string(b) != "x\n1\n" {
		t.Errorf("a.csv: got %q, %v; want its text", b, err)
	}
	if _, err := ReadFS(fsys, "b.csv", small); err == nil || err.Error() != "b.csv: 2.1 MB is larger than the 1 MiB a test file may be" {
		t.Errorf("b.csv: got %v; want it too large", err)
	}
	if _, err := ReadFS(fsys, "d", small); err == nil || !strings.Contains(err.Error(), "a directory, not a file") {
		t.Errorf("d: got %v; want it refused as a directory", err)
	}
}
