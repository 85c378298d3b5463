package buildinfo

import "runtime/debug"

// Version is the version svcsim was built at, from the binary's build
// information (see FromInfo); the report, the manifest, summary.json and
// 'svcsim version' show it.
func Version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		info = nil
	}
	return FromInfo(info)
}

// NoVersion says why a build recorded no version: the go command stamps
// one only for 'go build' and 'go install' in a git checkout (a .git
// directory: a git worktree's .git file is not recognised) or from a
// module download, and not with -buildvcs=false.
const NoVersion = "devel (no version recorded: built with go run or go test, outside a git checkout, in a git worktree, or with -buildvcs=false)"

// FromInfo is the version info records, nil for none:
//
//   - the main module's version: a release tag ("v1.2.3") or, for a build
//     in a git checkout (Go 1.24 and later), a pseudo-version naming the
//     commit and its time ("v0.0.0-20261207133400-138ac95135d2"), with
//     "+dirty" when the checkout had uncommitted changes;
//   - else, when the build recorded the checkout but no module version,
//     "devel REVISION (TIME[, with uncommitted changes])";
//   - else "devel (no version recorded: why)".
func FromInfo(info *debug.BuildInfo) string {
	if info == nil {
		return NoVersion
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, at string
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" {
		return NoVersion
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	v := "devel " + rev
	switch {
	case at != "" && modified:
		v += " (" + at + ", with uncommitted changes)"
	case at != "":
		v += " (" + at + ")"
	case modified:
		v += " (with uncommitted changes)"
	}
	return v
}
