package report

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/svcsim/svcsim/plots"
	"github.com/svcsim/svcsim/resultset"
)

// WriteCharts draws every chart of s into dir/charts, a file per chart
// and format ("png", "svg", "pdf"), and returns the files written, in
// order. When ctx is cancelled it stops between charts, returning the
// files written so far (each whole) and ctx's error.
func WriteCharts(ctx context.Context, s *resultset.Set, dir string, sty *plots.Style, size plots.Size, formats []string) (files []string, err error) {
	out := filepath.Join(dir, "charts")
	// Draw into a fresh folder beside it and put that in place of the old
	// one at the end: an interruption or a failure leaves the old charts
	// (or none) rather than a mix, and a redraw leaves no stale chart.
	tmp, err := os.MkdirTemp(dir, ".charts-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp) // empty after a success
	for _, ch := range Charts(s, sty) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for _, f := range formats {
			name := safeName(ch.Name) + "." + f
			if err := sty.Save(ch.Plot, filepath.Join(tmp, name), size); err != nil {
				return nil, fmt.Errorf("%s: %w", filepath.Join(out, name), err)
			}
			files = append(files, filepath.Join(out, name))
		}
	}
	if err := replaceDir(tmp, out); err != nil {
		return nil, err
	}
	sort.Strings(files)
	return files, nil
}

// replaceDir puts the folder from in place of the folder to, which may
// not exist, and removes the old one.
func replaceDir(from, to string) error {
	old := from + ".old"
	err := os.Rename(to, old)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.Rename(from, to); err != nil {
		os.Rename(old, to) // put the old charts back
		return err
	}
	if err := os.Chmod(to, 0o755); err != nil {
		return err
	}
	return os.RemoveAll(old)
}

// safeName keeps letters (of any script), digits, '-', '_' and '.'.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127 {
			return r
		}
		return '_'
	}, s)
}
