package resultset

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// setFiles are the files of one result set, which a command writing a
// result set into a folder writes or leaves out as a whole, and what is
// drawn from them (report, workbook, charts).
var setFiles = []string{
	"summary.json", "summary.csv", "intervals.csv", "pool_intervals.csv", "replications.csv",
	"results.json", "manifest.json", "roster.csv", "shifts.csv", "scenario.yaml",
	"report.html", "results.xlsx", "charts",
}

// WriteSet writes files, a whole result set, into d as Write does, and
// then removes what an earlier set left there that this one does not
// have: a run with no pools after one with pools would otherwise leave
// the old pool_intervals.csv beside the new summary, and a run without
// --charts the charts of the results it replaced. The charts, report and
// workbook asked for are drawn after WriteSet. Shard parts and batch
// checkpoints are left alone: they are inputs of merge and --resume.
func (d *Dir) WriteSet(ctx context.Context, files ...File) error {
	if err := d.Write(ctx, files...); err != nil {
		return err
	}
	for _, name := range setFiles {
		if slices.ContainsFunc(files, func(f File) bool { return f.Name == name }) {
			continue
		}
		path := filepath.Join(d.Path, name)
		info, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err == nil && info.Mode()&fs.ModeSymlink != 0 {
			continue // not svcsim's: the folder may hold links
		}
		if name == "charts" && err == nil && info.IsDir() {
			err = os.RemoveAll(path)
		} else if err == nil && info.Mode().IsRegular() {
			err = os.Remove(path)
		}
		if err != nil {
			return fmt.Errorf("removing the earlier results' %s: %w", name, err)
		}
	}
	return nil
}
