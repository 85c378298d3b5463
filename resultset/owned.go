package resultset

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
)

// IndexName is the file in a result folder that lists the files svcsim
// wrote there, one slash-separated path a line. svcsim replaces or
// removes a file of the folder only when the index lists it: the folder
// may hold the planner's own files (a scenario, its data, notes), even
// under names svcsim uses.
const IndexName = ".svcsim-files"

// legacyOwned are the files a result folder written before the index
// existed is taken to own, when svcsim's summary.json or manifest.json
// says it holds svcsim's results: the names only svcsim gives files there,
// and its charts (PNG, SVG and PDF files in a charts folder that is a
// folder, not a link). A scenario.yaml, roster.csv or shifts.csv beside them may be
// the planner's, so they are not.
var legacyOwned = []string{
	"summary.json", "summary.csv", "intervals.csv", "pool_intervals.csv", "replications.csv",
	"results.json", "manifest.json", "report.html", "results.xlsx",
}

// NotOwnedError says that a command would replace a file of a result
// folder that svcsim did not write, or one the command reads.
type NotOwnedError struct {
	Path string
	// Input says the file is one the command reads (its scenario or a
	// data file), not merely one svcsim did not write.
	Input bool
}

func (e *NotOwnedError) Error() string {
	if e.Input {
		return fmt.Sprintf("%s is a file this command reads, and writing the results would replace it (got the folder it is in); valid: another folder for the results", e.Path)
	}
	return fmt.Sprintf("%s was not written by svcsim, and writing the results would replace it (got a folder holding it); valid: another folder, or move the file away (svcsim replaces only the files its %s lists)", e.Path, IndexName)
}

// Owned returns the files of the folder dir that svcsim wrote, as
// slash-separated paths relative to dir: those its index lists, or, in a
// result folder from before the index, legacyOwned and the charts.
func Owned(dir string) (map[string]bool, error) {
	owned := map[string]bool{}
	b, err := os.ReadFile(filepath.Join(dir, IndexName))
	if errors.Is(err, fs.ErrNotExist) {
		return legacy(dir), nil
	}
	if err != nil {
		return nil, err
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if name := sc.Text(); name != "" && !strings.HasPrefix(name, "#") && fs.ValidPath(name) {
			owned[name] = true
		}
	}
	return owned, nil
}

// legacy is what a folder without an index is taken to own.
func legacy(dir string) map[string]bool {
	owned := map[string]bool{}
	if !svcsims(filepath.Join(dir, "summary.json")) && !svcsims(filepath.Join(dir, "manifest.json")) {
		return owned
	}
	for _, n := range legacyOwned {
		owned[n] = true
	}
	if !isDir(filepath.Join(dir, "charts")) {
		return owned
	}
	charts, _ := os.ReadDir(filepath.Join(dir, "charts"))
	for _, e := range charts {
		switch filepath.Ext(e.Name()) {
		case ".png", ".svg", ".pdf":
			if e.Type().IsRegular() {
				owned[path.Join("charts", e.Name())] = true
			}
		}
	}
	return owned
}

// svcsims reports whether the JSON file p is svcsim's: its first field is
// svcsim_version, as svcsim writes summary.json and manifest.json.
func svcsims(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 64)
	n, _ := io.ReadFull(f, head)
	return bytes.HasPrefix(bytes.TrimLeft(head[:n], " \t\r\n{"), []byte(`"svcsim_version"`))
}

// isDir reports whether p is a folder itself, not a link to one.
func isDir(p string) bool {
	info, err := os.Lstat(p)
	return err == nil && info.IsDir()
}

// Claim records names (slash-separated, relative to dir) in dir's index
// as files svcsim wrote; with replace, the index lists only them after.
// The index is read and written under a lock on dir, so that two commands
// adding to it at once lose neither's names.
func Claim(dir string, replace bool, names ...string) error {
	unlock, err := lockDir(dir)
	if err != nil {
		return err
	}
	defer unlock()
	return claim(dir, replace, names, nil)
}

// claim is Claim without the lock, dropping the names drop too.
func claim(dir string, replace bool, names, drop []string) error {
	owned := map[string]bool{}
	if !replace {
		var err error
		if owned, err = Owned(dir); err != nil {
			return err
		}
	}
	for _, n := range names {
		owned[n] = true
	}
	for _, n := range drop {
		delete(owned, n)
	}
	list := slices.Sorted(maps.Keys(owned))
	var b bytes.Buffer
	b.WriteString("# The files svcsim wrote in this folder. It replaces or removes only these;\n# every other file here is left as it is.\n")
	for _, n := range list {
		b.WriteString(n + "\n")
	}
	return WriteFile(filepath.Join(dir, IndexName), b.Bytes())
}

// Disown removes names from dir's index: svcsim removed those files.
func Disown(dir string, names ...string) error {
	if len(names) == 0 {
		return nil
	}
	unlock, err := lockDir(dir)
	if err != nil {
		return err
	}
	defer unlock()
	return claim(dir, false, nil, names)
}

// lockDir takes an exclusive lock on the folder dir (flock on the folder
// itself, so no lock file is left behind) and returns its release.
func lockDir(dir string) (unlock func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() { syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() }, nil
}

// CheckOwned returns a *NotOwnedError when one of names (relative to
// dir) exists in dir but svcsim did not write it, or when it is one of
// inputs (paths of files the command reads).
func CheckOwned(dir string, inputs []string, names ...string) error {
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return nil // nothing there yet, or not a folder: Prepare says so
	}
	owned, err := Owned(dir)
	if err != nil {
		return err
	}
	return checkOwned(dir, owned, inputs, names)
}

// checkOwned is CheckOwned with dir's index read already, as owned.
func checkOwned(dir string, owned map[string]bool, inputs, names []string) error {
	// An input first: it is the more basic mistake, and moving the file
	// the other error names would not mend it.
	for _, input := range []bool{true, false} {
		for _, n := range names {
			p := filepath.Join(dir, filepath.FromSlash(n))
			info, err := os.Lstat(p)
			if err != nil {
				continue // missing; or WriteFiles reports what is wrong
			}
			if input && isInput(info, inputs) {
				return &NotOwnedError{Path: p, Input: true}
			}
			if !input && !owned[n] && info.Mode().IsRegular() {
				return &NotOwnedError{Path: p}
			}
		}
	}
	return nil
}

// isInput reports whether the file info describes is one of inputs.
func isInput(info fs.FileInfo, inputs []string) bool {
	for _, in := range inputs {
		if i, err := os.Stat(in); err == nil && os.SameFile(i, info) {
			return true
		}
	}
	return false
}
