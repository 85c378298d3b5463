package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// partFiles turns merge's arguments into part files: a directory stands
// for every part-I-of-N.gob below it, and a glob pattern that names no
// file (a shell leaves one unexpanded when nothing matches, and a quoted
// one is never expanded) is expanded here. It returns the files and the
// arguments that matched nothing.
func partFiles(args []string) (files, empty []string, err error) {
	for _, a := range args {
		info, serr := os.Stat(a)
		switch {
		case serr == nil && info.IsDir():
			var found []string
			err := filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				if !d.IsDir() && partPattern.MatchString(d.Name()) {
					found = append(found, p)
				}
				return nil
			})
			if err != nil {
				return nil, nil, usageErrorf("merge: %v", err)
			}
			if len(found) == 0 {
				empty = append(empty, a)
			}
			files = append(files, found...)
		case serr != nil && strings.ContainsAny(a, "*?["):
			found, err := filepath.Glob(a)
			if err != nil {
				return nil, nil, usageErrorf("merge: %s: %v", a, err)
			}
			if len(found) == 0 {
				empty = append(empty, a)
			}
			files = append(files, found...)
		default:
			files = append(files, a)
		}
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

var (
	partPattern = regexp.MustCompile(`^part-[0-9]+-of-[0-9]+\.gob$`)
	partCount   = regexp.MustCompile(`-of-([0-9]+)\.gob$`)
)

// nothingToMerge is merge's error when its arguments hold no part file:
// it names the parts it expected, from the plan or from the pattern.
func nothingToMerge(args, empty []string, plan *shardPlan, planFile string) error {
	n := 0
	if plan != nil {
		n = plan.Shards
	} else {
		for _, a := range args {
			if m := partCount.FindStringSubmatch(a); m != nil {
				n, _ = strconv.Atoi(m[1])
			}
		}
	}
	where := "no part file given"
	if len(empty) > 0 {
		where = strings.Join(empty, ", ") + " holds or matches no part file"
	}
	expected := "the part-I-of-N.gob files that --shard, --shards and --plan write into each shard's --out DIR"
	if n > 0 {
		expected = fmt.Sprintf("%s: one per shard 0..%d, each in its shard's --out DIR", expectedParts(n), n-1)
		if plan != nil {
			expected += " (the " + strconv.Itoa(n) + " shards of " + planFile + ")"
		}
	}
	return usageErrorf("merge: nothing to merge: %s; expected %s", where, expected)
}

// missingUnits describes the work units a partial merge lacks, one
// scenario per line, with at most a few replication numbers each.
func missingUnits(names []string, missing [][]int) []string {
	var lines []string
	for i, reps := range missing {
		if len(reps) == 0 {
			continue
		}
		var nums []string
		for k, r := range reps {
			if k == 8 {
				nums = append(nums, fmt.Sprintf("… (%d in all)", len(reps)))
				break
			}
			nums = append(nums, strconv.Itoa(r))
		}
		lines = append(lines, fmt.Sprintf("  %s: replication(s) %s", names[i], strings.Join(nums, ", ")))
	}
	return lines
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
