package experiment

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// partPattern matches the name of a part file (compiled on first use).
var partPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^part-[0-9]+-of-[0-9]+\.gob$`) })

// PartFiles turns a merge's arguments into part files: a directory stands
// for every part-I-of-N.gob below it, and a glob pattern that names no
// file (a shell leaves one unexpanded when nothing matches, and a quoted
// one is never expanded) is expanded here. It returns the files, each
// once, and the arguments that matched nothing.
func PartFiles(args []string) (files, empty []string, err error) {
	for _, a := range args {
		info, serr := os.Stat(a)
		var found []string
		switch {
		case serr == nil && info.IsDir():
			err := filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				if !d.IsDir() && partPattern().MatchString(d.Name()) {
					found = append(found, p)
				}
				return nil
			})
			if err != nil {
				return nil, nil, err
			}
		case serr != nil && strings.ContainsAny(a, "*?["):
			if found, err = filepath.Glob(a); err != nil {
				return nil, nil, fmt.Errorf("%s: %v", a, err)
			}
		default:
			files = append(files, a)
			continue
		}
		if len(found) == 0 {
			empty = append(empty, a)
		}
		files = append(files, found...)
	}
	// A file named twice (a directory and a pattern over it) is one part.
	seen := map[string]bool{}
	files = slices.DeleteFunc(files, func(f string) bool {
		dup := seen[filepath.Clean(f)]
		seen[filepath.Clean(f)] = true
		return dup
	})
	return files, empty, nil
}
