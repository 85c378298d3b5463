package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/experiment"
)

var partCount = regexp.MustCompile(`-of-([0-9]+)\.gob$`)

// nothingToMerge is merge's error when its arguments hold no part file:
// it names the parts it expected, from the plan or from the pattern.
func nothingToMerge(args, empty []string, plan *experiment.Plan, planFile string) error {
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
		expected = fmt.Sprintf("%s: one per shard 0..%d, each in its shard's --out DIR", experiment.ExpectedParts(n), n-1)
		if plan != nil {
			expected += " (the " + strconv.Itoa(n) + " shards of " + planFile + ")"
		}
	}
	return usageErrorf("merge: nothing to merge: %s; expected %s", where, expected)
}
