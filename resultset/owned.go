package resultset

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// IndexName is the file in a result folder that lists the files svcsim
// wrote there, one slash-separated path a line. svcsim replaces or
// removes a file of the folder only when the index lists it: the folder
// may hold the planner's own files (a scenario, its data, notes), even
// under names svcsim uses.
const IndexName = ".svcsim-files"

// legacyOwned are the files a result folder written before the index
// existed is taken to own, when it holds results (summary.json or
// results.json): the names only svcsim gives files there, and its
// charts. A scenario.yaml, roster.csv or shifts.csv beside them may be
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
	if !isFile(filepath.Join(dir, "summary.json")) && !isFile(filepath.Join(dir, "results.json")) {
		return owned
	}
	for _, n := range legacyOwned {
		owned[n] = true
	}
	charts, _ := os.ReadDir(filepath.Join(dir, "charts"))
	for _, e := range charts {
		if e.Type().IsRegular() {
			owned[path.Join("charts", e.Name())] = true
		}
	}
	return owned
}

func isFile(p string) bool {
	info, err := os.Lstat(p)
	return err == nil && info.Mode().IsRegular()
}

// Claim records names (slash-separated, relative to dir) in dir's index
// as files svcsim wrote; with replace, the index lists only them after.
func Claim(dir string, replace bool, names ...string) error {
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
	owned, err := Owned(dir)
	if err != nil {
		return err
	}
	for _, n := range names {
		delete(owned, n)
	}
	return Claim(dir, true, slices.Collect(maps.Keys(owned))...)
}

// CheckOwned returns a *NotOwnedError when one of names (relative to
// dir) exists in dir but svcsim did not write it, or when it is one of
// inputs (paths of files the command reads).
func CheckOwned(dir string, inputs []string, names ...string) error {
	owned, err := Owned(dir)
	if err != nil {
		return err
	}
	for _, n := range names {
		p := filepath.Join(dir, filepath.FromSlash(n))
		info, err := os.Lstat(p)
		if err != nil {
			continue // missing; or WriteFiles reports what is wrong
		}
		if isInput(info, inputs) {
			return &NotOwnedError{Path: p, Input: true}
		}
		if !owned[n] && info.Mode().IsRegular() {
			return &NotOwnedError{Path: p}
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
