package resultset

import (
	"os"
	"path/filepath"

	"github.com/svcsim/svcsim/internal/userfile"
)

// A TargetError says that a path svcsim would write a file to names
// something it must not replace: a directory, a device, a named pipe, a
// socket or a symbolic link. The atomic writer renames a temporary file
// over its target, so writing to /dev/full would replace the device with
// a regular file, and writing to a link would replace the link rather
// than the file it points to.
type TargetError struct {
	Path string
	Kind string // what the path is: "a directory", "a device", ...
	// Want says what would do; "" for a file path.
	Want string
}

func (e *TargetError) Error() string {
	want := e.Want
	if want == "" {
		want = "a file path (a missing or regular file)"
	}
	return e.Path + " is " + e.Kind + "; valid: " + want
}

// CheckFile reports whether path may receive a file written by WriteFile:
// it must be missing or a regular file (not a symbolic link to one). It
// returns a *TargetError when not, and nil when path cannot be examined
// (a missing parent, say), leaving that error to the writing. Commands
// call it before their work, so that a bad output path fails at once
// rather than after a long run; WriteFiles calls it again.
func CheckFile(path string) error {
	info, err := os.Lstat(path)
	if err != nil {
		return nil
	}
	if kind := userfile.ModeKind(info.Mode()); kind != "" {
		return &TargetError{Path: path, Kind: kind}
	}
	return nil
}

// checkEntries returns a *TargetError for the first entry of the
// directory dir that is neither a regular file nor a directory: a folder
// that results are written into must hold no link, device, pipe or
// socket that a result's name could land on. Only dir's own entries are
// read, not its subdirectories': a result folder is shallow, and
// WriteFiles checks every target anyway before it writes.
func checkEntries(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	for _, e := range entries {
		if e.Type().IsDir() || !Written(e.Name()) {
			continue
		}
		if kind := userfile.ModeKind(e.Type()); kind != "" {
			return &TargetError{Path: filepath.Join(dir, e.Name()), Kind: kind}
		}
	}
	return nil
}

// errTarget returns the first *TargetError of the files' targets in dir.
func errTarget(dir string, files []File) error {
	for _, file := range files {
		if err := CheckFile(filepath.Join(dir, filepath.FromSlash(file.Name))); err != nil {
			return err
		}
	}
	return nil
}
