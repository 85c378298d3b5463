package resultset

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
)

// WriteSet writes files, a whole result set, into d as Write does, and
// then removes what an earlier set left there that this one does not
// have: a run with no pools after one with pools would otherwise leave
// the old pool_intervals.csv beside the new summary, and a run without
// --charts the charts of the results it replaced. The charts, report and
// workbook asked for are drawn after WriteSet.
//
// WriteSet replaces and removes only files svcsim wrote (see IndexName),
// never one of d.Inputs, and refuses, before writing anything, to
// replace any other file (a *NotOwnedError). Shard parts and batch
// checkpoints, inputs of merge and --resume, are left alone.
func (d *Dir) WriteSet(ctx context.Context, files ...File) error {
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = f.Name
	}
	unlock, err := lockDir(d.Path)
	if err != nil {
		return err
	}
	defer unlock()
	owned, err := Owned(d.Path)
	if err != nil {
		return err
	}
	if err := checkOwned(d.Path, owned, d.Inputs, names); err != nil {
		return err
	}
	// The new names go into the index before the files into the folder:
	// an index listing a file not there is harmless, a file there that it
	// does not list would be taken for the planner's.
	if err := claim(d.Path, false, names, nil); err != nil {
		return err
	}
	if err := d.Write(ctx, files...); err != nil {
		return err
	}
	keep := names
	for _, name := range slices.Sorted(maps.Keys(owned)) {
		if slices.Contains(names, name) {
			continue
		}
		p := filepath.Join(d.Path, filepath.FromSlash(name))
		dir := path.Dir(name)
		if dir != "." && !isDir(filepath.Join(d.Path, filepath.FromSlash(dir))) {
			continue // a link in place of svcsim's folder (charts): not svcsim's
		}
		info, err := os.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil:
			return fmt.Errorf("removing the earlier results' %s: %w", name, err)
		case !info.Mode().IsRegular():
			continue // not svcsim's: the folder may hold links
		case isInput(info, d.Inputs):
			keep = append(keep, name) // the run read it: it stays, and stays svcsim's
			continue
		}
		if err := os.Remove(p); err != nil {
			return fmt.Errorf("removing the earlier results' %s: %w", name, err)
		}
		if dir != "." {
			os.Remove(filepath.Join(d.Path, filepath.FromSlash(dir))) // only if now empty
		}
	}
	return claim(d.Path, true, keep, nil)
}
