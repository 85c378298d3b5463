//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
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

// TestInputPathsRefuseSpecialFiles checks that every kind of file read
// from a user's path — scenario, data file, survey, plan, part — is
// refused at once with exit status 2 when it is a named pipe (whose
// open would block) or a device (whose read would never end), and a
// scenario file when it is larger than it may be.
func TestInputPathsRefuseSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.csv")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	big := writeFile(t, "big.yaml", tinyScenario+strings.Repeat("# padding\n", 520_000))
	withData := writeFile(t, "trace.yaml", strings.Replace(tinyScenario, "days: 2\n", "days: 2\narrivals: fifo.csv\n", 1))
	if err := os.Rename(fifo, filepath.Join(filepath.Dir(withData), "fifo.csv")); err != nil {
		t.Fatal(err)
	}
	fifo = filepath.Join(filepath.Dir(withData), "fifo.csv")
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"validate a pipe", []string{"validate", fifo}, fifo + ": a named pipe, not a file; valid: the path of a scenario file"},
		{"run a device", []string{"run", "-q", "/dev/zero"}, "/dev/zero: a device, not a file; valid: the path of a scenario file"},
		{"run a directory", []string{"run", "-q", dir}, dir + ": a directory, not a file"},
		{"validate a large file", []string{"validate", big}, big + ": 5.2 MB is larger than the 4 MiB a scenario file may be"},
		{"a data file that is a pipe", []string{"validate", withData}, "data file fifo.csv: a named pipe, not a file; valid: the path of a data file"},
		{"calibrate a pipe", []string{"calibrate", fifo}, fifo + ": a named pipe, not a file; valid: the path of a survey"},
		{"merge a pipe", []string{"merge", "--out", filepath.Join(dir, "m"), fifo}, fifo + ": a named pipe, not a file; valid: the path of a part file"},
		{"merge --plan a device", []string{"merge", "--out", filepath.Join(dir, "m"), "--plan", "/dev/zero", fifo}, "/dev/zero: a device, not a file; valid: the path of a plan file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if strings.Contains(strings.Join(c.args, " "), "/dev/zero") {
				if _, err := os.Stat("/dev/zero"); err != nil {
					t.Skip(err)
				}
			}
			type result struct {
				stderr string
				status int
			}
			done := make(chan result, 1)
			go func() {
				_, stderr, status := svcsim(t, t.Context(), c.args...)
				done <- result{stderr, status}
			}()
			select {
			case r := <-done:
				if r.status != 2 || !strings.Contains(r.stderr, c.want) {
					t.Errorf("got status %d, stderr %q; want 2 and %q", r.status, r.stderr, c.want)
				}
			case <-time.After(30 * time.Second): // the open blocks or the read never ends
				t.Fatalf("svcsim %s has not returned after 30 s", strings.Join(c.args, " "))
			}
		})
	}
}
