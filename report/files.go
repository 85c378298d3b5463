package report

import (
	"context"
	"fmt"
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
func WriteCharts(ctx context.Context, s *resultset.Set, dir string, sty *plots.Style, size plots.Size, formats []string) ([]string, error) {
	out := filepath.Join(dir, "charts")
	if err := os.MkdirAll(out, 0o777); err != nil {
		return nil, err
	}
	var files []string
	for _, ch := range Charts(s, sty) {
		if err := ctx.Err(); err != nil {
			return files, err
		}
		for _, f := range formats {
			path := filepath.Join(out, safeName(ch.Name)+"."+f)
			if err := sty.Save(ch.Plot, path, size); err != nil {
				return files, fmt.Errorf("%s: %w", path, err)
			}
			files = append(files, path)
		}
	}
	sort.Strings(files)
	return files, nil
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
