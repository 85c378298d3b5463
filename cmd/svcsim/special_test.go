//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestOutputPathsRefuseSpecialFiles checks that every command taking an
// output path refuses, with exit status 2 and before its work, a path
// the atomic writer would replace: a directory, a named pipe or a
// symbolic link given as the file, or such an entry in an --out folder.
func TestOutputPathsRefuseSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	res := filepath.Join(dir, "res")
	mustRun(t, "run", "clinic", "-r", "2", "--days", "1", "-q", "--out", res)
	fifo, link, adir, real := filepath.Join(dir, "fifo"), filepath.Join(dir, "link"), filepath.Join(dir, "adir"), filepath.Join(dir, "real")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(real, []byte("kept"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(adir, 0o777); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if err := os.Mkdir(out, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, filepath.Join(out, "summary.csv")); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"report -o a directory", []string{"report", res, "-o", adir}, "-o " + adir + ": " + adir + " is a directory; valid: a file path"},
		{"report -o a pipe", []string{"report", res, "-o", fifo}, fifo + " is a named pipe"},
		{"report -o a link", []string{"report", res, "-o", link}, link + " is a symbolic link"},
		{"plan --write a pipe", []string{"plan", "clinic", "--shards", "2", "--write", fifo}, "--write " + fifo + ": " + fifo + " is a named pipe"},
		{"run --out a folder with a link", []string{"run", "clinic", "-r", "2", "--out", out}, filepath.Join(out, "summary.csv") + " is a symbolic link"},
		{"compare --out a folder with a link", []string{"compare", "clinic", "-r", "2", "--out", out}, filepath.Join(out, "summary.csv") + " is a symbolic link"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			stdout, stderr, status := svcsim(t, t.Context(), c.args...)
			if status != 2 || !strings.Contains(stderr, c.want) {
				t.Errorf("got status %d, stderr %q; want 2 and %q", status, stderr, c.want)
			}
			if stdout != "" {
				t.Errorf("printed %q before failing; want nothing", stdout)
			}
		})
	}
	for _, p := range []string{fifo, link, adir} {
		if info, err := os.Lstat(p); err != nil || info.Mode().IsRegular() {
			t.Errorf("%s became a regular file (%v)", p, err)
		}
	}
	if b, _ := os.ReadFile(real); string(b) != "kept" {
		t.Errorf("the link's target holds %q; want %q", b, "kept")
	}
}
