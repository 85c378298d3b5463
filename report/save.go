package report

import (
	"os"
	"path/filepath"

	"github.com/svcsim/svcsim/resultset"
)

// SaveReport writes the HTML report of s, loaded from the result folder
// dir, to the file out, as SaveHTML does. When out is dir's own
// report.html it is written as Folder.Write writes it: not over a
// report.html svcsim did not write (a *resultset.NotOwnedError), nor over
// a rota's report, whose rota section only the rota command can draw (a
// *resultset.TargetError).
func SaveReport(s *resultset.Set, dir, out string, o ChartOptions, ro Options) error {
	if filepath.Base(out) != "report.html" || !resultset.SameFolder(filepath.Dir(out), dir) {
		return SaveHTML(s, out, o, ro)
	}
	if _, err := os.Lstat(out); err == nil && isRota(dir) {
		return &resultset.TargetError{Path: out, Kind: "the rota's report, whose rota section only 'svcsim rota --report' draws", Want: "-o another file, or the rota command again"}
	}
	return saveOwned(dir, "report.html", func(path string) error { return SaveHTML(s, path, o, ro) })
}

// isRota reports whether the result folder dir holds a rota that svcsim
// wrote there.
func isRota(dir string) bool {
	owned, err := resultset.Owned(dir)
	return err == nil && owned["roster.csv"] && owned["shifts.csv"]
}
