package resultset

import (
	"cmp"
	"context"
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"github.com/svcsim/svcsim/internal/userfile"
)

// A File is one file of a result folder: its path relative to the folder
// (slash-separated; it may name subdirectories) and its contents.
type File struct {
	Name string
	Data []byte
}

// WriteFiles writes files into dir, creating dir and the subdirectories
// the names need. Each file goes to a temporary file beside its target
// first and is synced to disk; only when all are written and ctx is still
// live are they renamed into place, and the directories that received
// them synced, so that an error, an interruption or a crash leaves no
// partial result and no temporary file behind. A target that is not a
// regular file (a directory, a device, a named pipe, a socket, a
// symbolic link) is refused with a *TargetError before anything is
// written: the rename would replace it. Pass
// context.WithoutCancel(ctx) to write results that must be kept even
// after an interruption.
func WriteFiles(ctx context.Context, dir string, files ...File) (err error) {
	if err := errTarget(dir, files); err != nil {
		return err
	}
	temps := make([]string, 0, len(files))
	defer func() {
		if err != nil {
			for _, t := range temps {
				os.Remove(t)
			}
		}
	}()
	var dirs []string
	for _, file := range files {
		target := filepath.Join(dir, filepath.FromSlash(file.Name))
		t, err := writeTemp(target, file.Data)
		if t != "" {
			temps = append(temps, t)
		}
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if d := filepath.Dir(target); !slices.Contains(dirs, d) {
			dirs = append(dirs, d)
		}
	}
	for i, file := range files {
		if err := os.Rename(temps[i], filepath.Join(dir, filepath.FromSlash(file.Name))); err != nil {
			return err
		}
	}
	for _, d := range dirs {
		if err := syncDir(d); err != nil {
			return err
		}
	}
	return nil
}

// WriteFile writes one file atomically, as WriteFiles does; the
// directory must exist.
func WriteFile(path string, data []byte) error {
	return WriteFiles(context.Background(), filepath.Dir(path), File{Name: filepath.Base(path), Data: data})
}

// writeTemp writes data to a synced temporary file beside target and
// returns its name.
func writeTemp(target string, data []byte) (string, error) {
	if err := os.MkdirAll(filepath.Dir(target), 0o777); err != nil {
		if errors.Is(err, syscall.ENOTDIR) {
			return "", &NotDirError{Path: filepath.Dir(target), Parent: true}
		}
		if err := danglingLink(filepath.Dir(target)); err != nil {
			return "", err
		}
		return "", err
	}
	f, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o644) // CreateTemp makes files private
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return f.Name(), err
}

// syncDir makes the renames into directory d durable. Some systems
// cannot sync a directory (Windows refuses to open one for it); the
// files themselves are synced already, so that is not an error.
func syncDir(d string) error {
	f, err := os.Open(d)
	if err != nil {
		return nil
	}
	defer f.Close()
	if err := f.Sync(); err != nil && !os.IsPermission(err) && !isUnsupported(err) {
		return err
	}
	return nil
}

// WriteFileIn writes the file name (slash-separated, relative to root)
// atomically, as WriteFile does, without leaving root: the temporary
// file, the rename and the directory sync all go through root, so that a
// name with "..", an absolute name or a symbolic link out of root is
// refused rather than followed. As WriteFiles, it refuses a name that is
// not a missing or regular file with a *TargetError. The directory must
// exist.
func WriteFileIn(root *os.Root, name string, data []byte) (err error) {
	if info, err := root.Lstat(name); err == nil {
		if kind := userfile.ModeKind(info.Mode()); kind != "" {
			return &TargetError{Path: name, Kind: kind}
		}
	}
	dir, base := path.Split(name)
	var f *os.File
	var tmp string
	for range 100 {
		tmp = dir + "." + base + "." + strconv.FormatUint(rand.Uint64(), 36) + ".tmp"
		f, err = root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			root.Remove(tmp)
		}
	}()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := root.Rename(tmp, name); err != nil {
		return err
	}
	if d, err := root.Open(cmp.Or(strings.TrimSuffix(dir, "/"), ".")); err == nil {
		defer d.Close()
		if err := d.Sync(); err != nil && !os.IsPermission(err) && !isUnsupported(err) {
			return err
		}
	}
	return nil
}
