package report

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/svcsim/svcsim/plots"
	"github.com/svcsim/svcsim/resultset"
)

// WriteCharts draws every chart of s into dir/charts, a file per chart
// and format ("png", "svg", "pdf"), and returns the files written, in
// order, as saveCharts does. The result set's charts it drew before and
// does not draw now are removed; a rota's charts (rota-*), which only
// the rota command draws, are left. When ctx is cancelled it stops
// between charts, leaving the earlier charts as they were, and returns
// ctx's error.
func WriteCharts(ctx context.Context, s *resultset.Set, dir string, sty *plots.Style, size plots.Size, formats []string) (files []string, err error) {
	cs := Charts(s, sty)
	named := make([]namedChart, len(cs))
	for i, ch := range cs {
		named[i] = namedChart{safeName(ch.Name), ch.Plot}
	}
	return saveCharts(ctx, dir, named, sty, size, formats, func(name string) bool { return !strings.HasPrefix(name, rotaPrefix) })
}

// rotaPrefix begins the names of a rota's charts.
const rotaPrefix = "rota-"

// A namedChart is a chart and the name of its files, without extension.
type namedChart struct {
	name string
	plot *plots.Chart
}

// saveCharts draws charts into dir/charts in each of formats and returns
// the files, sorted. It draws into a folder beside dir/charts first and
// moves the files into place only when all are drawn: an interruption or
// a failure leaves the earlier charts as they were. It refuses, before
// drawing, to replace a file svcsim did not write (see
// resultset.CheckOwned); it removes the charts svcsim wrote earlier that
// ours says belong to this drawing and that it does not draw again, and
// leaves every other file of dir/charts alone. The folder's index records
// what it wrote.
func saveCharts(ctx context.Context, dir string, charts []namedChart, sty *plots.Style, size plots.Size, formats []string, ours func(name string) bool) ([]string, error) {
	var names []string
	for _, ch := range charts {
		for _, f := range formats {
			names = append(names, "charts/"+ch.name+"."+f)
		}
	}
	if err := resultset.CheckOwned(dir, nil, names...); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(dir, ".charts-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp) // empty after a success
	out := filepath.Join(dir, "charts")
	for _, ch := range charts {
		for _, f := range formats {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			name := ch.name + "." + f
			if err := sty.Save(ch.plot, filepath.Join(tmp, name), size); err != nil {
				return nil, fmt.Errorf("%s: %w", filepath.Join(out, name), err)
			}
		}
	}
	owned, err := resultset.Owned(dir)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(out, 0o777); err != nil {
		return nil, err
	}
	var files, stale []string
	for _, n := range names {
		path := filepath.Join(dir, filepath.FromSlash(n))
		if err := os.Rename(filepath.Join(tmp, strings.TrimPrefix(n, "charts/")), path); err != nil {
			return nil, err
		}
		files = append(files, path)
	}
	for n := range owned {
		base, ok := strings.CutPrefix(n, "charts/")
		if ok && ours(base) && !slices.Contains(names, n) {
			if info, err := os.Lstat(filepath.Join(out, base)); err == nil && info.Mode().IsRegular() {
				if err := os.Remove(filepath.Join(out, base)); err != nil {
					return nil, err
				}
			}
			stale = append(stale, n)
		}
	}
	if err := resultset.Disown(dir, stale...); err != nil {
		return nil, err
	}
	if err := resultset.Claim(dir, false, names...); err != nil {
		return nil, err
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
