package resultset

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// A Dir is a result folder that receives a run's files all together or
// not at all.
type Dir struct {
	Path string
	// Inputs are the files the command writing into the folder reads (its
	// scenario files and their data): WriteSet never replaces or removes
	// them. See scenarios.Scenario.Inputs.
	Inputs  []string
	created []string // directories made by Prepare, deepest first
}

// NotDirError says that a result folder's path, or a parent of it, is a
// file.
type NotDirError struct {
	Path   string
	Parent bool // a parent of Path is the file
}

func (e *NotDirError) Error() string {
	if e.Parent {
		return e.Path + ": a parent is a file, not a directory"
	}
	return e.Path + " is a file, not a directory"
}

// Prepare makes sure path is a directory, creating it and any missing
// parents, so that a run fails before simulating rather than after: an
// existing folder holding a link, a device, a named pipe or a socket is
// refused with a *TargetError, as WriteFiles would refuse to write over
// one. If the run then fails, Discard removes what Prepare created.
func Prepare(path string) (*Dir, error) {
	if err := danglingLink(path); err != nil {
		return nil, err
	}
	if info, err := os.Stat(path); err == nil && !info.IsDir() {
		return nil, &NotDirError{Path: path}
	} else if err == nil {
		if err := checkEntries(path); err != nil {
			return nil, err
		}
	}
	d := &Dir{Path: path}
	for p := filepath.Clean(path); ; p = filepath.Dir(p) {
		// Lstat: a link is there even when what it points to is not, and
		// Discard must never remove one.
		if _, err := os.Lstat(p); !errors.Is(err, fs.ErrNotExist) {
			break
		}
		d.created = append(d.created, p)
		if filepath.Dir(p) == p {
			break
		}
	}
	if err := os.MkdirAll(path, 0o777); err != nil {
		d.Discard()
		if errors.Is(err, syscall.ENOTDIR) {
			return nil, &NotDirError{Path: path, Parent: true}
		}
		return nil, err
	}
	return d, nil
}

// Discard removes the directories Prepare created, if they are still
// empty.
func (d *Dir) Discard() {
	for _, p := range d.created {
		if os.Remove(p) != nil {
			return
		}
	}
}

// Write writes files into the folder with WriteFiles.
func (d *Dir) Write(ctx context.Context, files ...File) error {
	return WriteFiles(ctx, d.Path, files...)
}

// danglingLink returns a *TargetError when path, or a folder on the way
// to it, is a symbolic link to a missing path: a folder cannot be made
// there, and the link is not svcsim's to replace.
func danglingLink(path string) error {
	for p := filepath.Clean(path); ; p = filepath.Dir(p) {
		if info, err := os.Lstat(p); err == nil && info.Mode()&fs.ModeSymlink != 0 {
			if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
				return &TargetError{Path: p, Kind: "a symbolic link to a missing path", Want: "a folder, or a path where one can be made"}
			}
		}
		if filepath.Dir(p) == p {
			return nil
		}
	}
}
