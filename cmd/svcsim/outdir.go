package main

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// outDir is a directory that receives a run's result files all together or
// not at all.
type outDir struct {
	path    string
	created []string // directories made by prepareOutDir, deepest first
}

// prepareOutDir makes sure path is a directory, creating it and any missing
// parents, so that a run fails before simulating rather than after. If the
// run then fails, discard removes what prepareOutDir created.
func prepareOutDir(path string) (*outDir, error) {
	if info, err := os.Stat(path); err == nil && !info.IsDir() {
		return nil, usageErrorf("%s is a file, not a directory", path)
	}
	d := &outDir{path: path}
	for p := filepath.Clean(path); ; p = filepath.Dir(p) {
		if _, err := os.Stat(p); !errors.Is(err, fs.ErrNotExist) {
			break
		}
		d.created = append(d.created, p)
		if filepath.Dir(p) == p {
			break
		}
	}
	if err := os.MkdirAll(path, 0o777); err != nil {
		d.discard()
		if errors.Is(err, syscall.ENOTDIR) {
			return nil, usageErrorf("%s: a parent is a file, not a directory", path)
		}
		return nil, err
	}
	return d, nil
}

// discard removes the directories prepareOutDir created, if they are still
// empty.
func (d *outDir) discard() {
	for _, p := range d.created {
		if os.Remove(p) != nil {
			return
		}
	}
}

// write writes files (name → contents) into the directory. Each goes to a
// temporary file in the same directory first; only when all are written and
// ctx is still live are they renamed into place, so an error or an
// interruption leaves no partial result and no temporary file behind.
func (d *outDir) write(ctx context.Context, names []string, contents [][]byte) (err error) {
	temps := make([]string, 0, len(names))
	defer func() {
		if err != nil {
			for _, t := range temps {
				os.Remove(t)
			}
		}
	}()
	for i, name := range names {
		f, err := os.CreateTemp(d.path, "."+name+".*.tmp")
		if err != nil {
			return err
		}
		temps = append(temps, f.Name())
		_, err = f.Write(contents[i])
		if err == nil {
			err = f.Chmod(0o644) // CreateTemp makes files private
		}
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	for i, name := range names {
		if err := os.Rename(temps[i], filepath.Join(d.path, name)); err != nil {
			return err
		}
	}
	return nil
}
