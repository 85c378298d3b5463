package userfile

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// The most a file of each kind may hold. A scenario file is written by
// hand (the workbench reads up to the same); a data file may be a trace
// of every arrival of a year; parts and results hold every replication's
// intervals; a font collection with Chinese, Japanese and Korean
// glyphs runs to tens of megabytes.
const (
	MaxScenario = 4 << 20
	MaxData     = 128 << 20
	MaxSurvey   = 64 << 20
	MaxPlan     = 1 << 20
	MaxResults  = 1 << 30
	MaxFont     = 128 << 20
)

// A Kind is what a file is for, and how large it may be.
type Kind struct {
	Name string // "a scenario file", for errors
	Max  int64  // bytes
}

// The kinds of file svcsim reads.
var (
	Scenario = Kind{"a scenario file", MaxScenario}
	Data     = Kind{"a data file", MaxData}
	Survey   = Kind{"a survey", MaxSurvey}
	Plan     = Kind{"a plan file", MaxPlan}
	Part     = Kind{"a part file", MaxResults}
	Results  = Kind{"a results file", MaxResults}
	Font     = Kind{"a font file", MaxFont}
)

// An Error says that a file cannot be read as its kind: it is not a
// regular file, or it is too large.
type Error struct {
	Path string
	Msg  string // reads after "Path: "
}

func (e *Error) Error() string { return e.Path + ": " + e.Msg }

// Read reads the file at path, an operating-system path, as ReadFS does.
func Read(path string, k Kind) ([]byte, error) {
	return ReadFS(osFS{}, path, k)
}

// ReadFS reads the file name of fsys. It returns an *Error, without
// opening the file, when it is not a regular file (a directory, a
// device, a named pipe, a socket), and without reading it when it holds
// more than k.Max bytes; a file that grows past k.Max while it is read
// is refused too. Other errors are those of fsys. Its cost is one stat
// and one read of at most k.Max+1 bytes.
//
// The stat goes through fs.Stat, which opens the file unless fsys is an
// fs.StatFS: an fsys of operating-system files must implement Stat, or a
// named pipe blocks the open.
func ReadFS(fsys fs.FS, name string, k Kind) ([]byte, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if err := check(name, info, k); err != nil {
		return nil, err
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// The file may have been replaced since the stat.
	if info, err = f.Stat(); err != nil {
		return nil, err
	} else if err := check(name, info, k); err != nil {
		return nil, err
	}
	// One buffer of the stated size (and room to notice a file that has
	// grown): io.ReadAll would grow its buffer step by step, which for a
	// 20 MB font collection allocates and clears some 50 MB.
	var buf bytes.Buffer
	buf.Grow(int(info.Size()) + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(f, k.Max+1)); err != nil {
		return nil, err
	}
	b := buf.Bytes()
	if int64(len(b)) > k.Max {
		return nil, tooLarge(name, int64(len(b)), k, true)
	}
	return b, nil
}

// check returns an *Error when info is not of a regular file of at most
// k.Max bytes.
func check(name string, info fs.FileInfo, k Kind) error {
	m := info.Mode()
	if !m.IsRegular() {
		return &Error{Path: name, Msg: fmt.Sprintf("%s, not a file; valid: the path of %s", ModeKind(m), k.Name)}
	}
	if info.Size() > k.Max {
		return tooLarge(name, info.Size(), k, false)
	}
	return nil
}

// tooLarge says that the file name holds n bytes, too many for k; grew
// says it grew past k.Max while read, so n is not its size.
func tooLarge(name string, n int64, k Kind, grew bool) error {
	if grew {
		return &Error{Path: name, Msg: fmt.Sprintf("grew past the %s %s may be while it was read", binarySize(k.Max), k.Name)}
	}
	return &Error{Path: name, Msg: fmt.Sprintf("%s is larger than the %s %s may be", size(n), binarySize(k.Max), k.Name)}
}

// ModeKind names the kind of a file whose mode is m when it is not a regular
// file ("a directory", "a named pipe", ...), and is "" for a regular file.
func ModeKind(m fs.FileMode) string {
	if m.IsRegular() {
		return ""
	}
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a regular file"
}

// size writes a number of bytes in decimal units, as file managers do:
// "5.2 MB", "830 kB", "12 bytes".
func size(n int64) string {
	switch {
	case n >= 1e9:
		return fmt.Sprintf("%.1f GB", float64(n)/1e9)
	case n >= 1e6:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%.0f kB", float64(n)/1e3)
	}
	return fmt.Sprintf("%d bytes", n)
}

// binarySize writes a limit, a power-of-two multiple, in binary units:
// "4 MiB".
func binarySize(n int64) string {
	for _, u := range []struct {
		unit string
		size int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.size && n%u.size == 0 {
			return fmt.Sprintf("%d %s", n/u.size, u.unit)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}

// osFS is the operating-system files, by path; Stat keeps fs.Stat from
// opening them.
type osFS struct{}

func (osFS) Open(name string) (fs.File, error)     { return os.Open(filepath.FromSlash(name)) }
func (osFS) Stat(name string) (fs.FileInfo, error) { return os.Stat(filepath.FromSlash(name)) }
