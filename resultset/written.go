package resultset

import (
	"os"
	"path/filepath"
	"strings"
)

// Written reports whether svcsim writes files named name into a result
// folder: the folder may hold anything else, links included.
func Written(name string) bool {
	switch name {
	case "summary.json", "summary.csv", "intervals.csv", "pool_intervals.csv", "replications.csv",
		"results.json", "manifest.json", "report.html", "results.xlsx", "roster.csv", "shifts.csv", "scenario.yaml":
		return true
	}
	return strings.HasPrefix(name, "part-") && strings.HasSuffix(name, ".gob")
}

// Replaces reports whether writing a file to path would replace one of
// the results svcsim writes into the folder dir (see Written) or its
// index, other than a file named keep, or write into the folder's charts
// or checkpoints: a report made from a result folder may replace the
// folder's own report.html, never the summary it is made from. Folders
// are compared as files, so a link to dir, or a path through one, is
// dir.
func Replaces(path, dir, keep string) bool {
	name, parent := filepath.Base(path), filepath.Dir(path)
	if SameFolder(parent, dir) {
		return (Written(name) || name == IndexName) && name != keep
	}
	return SameFolder(parent, filepath.Join(dir, "charts")) || SameFolder(parent, filepath.Join(dir, "checkpoints"))
}

// SameFolder reports whether the paths a and b name one existing folder,
// however they reach it (links, "..", relative or absolute).
func SameFolder(a, b string) bool {
	ia, err1 := os.Stat(a)
	ib, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && ia.IsDir() && os.SameFile(ia, ib)
}
