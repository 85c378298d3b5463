package resultset

import (
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
// the results svcsim writes into the folder dir (see Written), other than
// a file named keep: a report made from a result folder may replace the
// folder's own report.html, never the summary it is made from.
func Replaces(path, dir, keep string) bool {
	name := filepath.Base(path)
	a, err1 := filepath.Abs(filepath.Dir(path))
	b, err2 := filepath.Abs(dir)
	return err1 == nil && err2 == nil && a == b && Written(name) && name != keep
}
