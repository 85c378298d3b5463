package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/spf13/pflag"
)

// versionCommand is 'svcsim version'.
type versionCommand struct {
	fs *pflag.FlagSet
}

func newVersionCommand() *versionCommand {
	return &versionCommand{fs: newFlags("version")}
}

func (c *versionCommand) usage(w io.Writer) {
	fmt.Fprintf(w, helpText("version"), flagUsages(c.fs))
}

func (c *versionCommand) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if help, err := parseFlags(c.fs, args, c.usage, stdout); help || err != nil {
		return err
	}
	if c.fs.NArg() > 0 {
		return usageErrorf("version: unexpected argument %q", c.fs.Arg(0))
	}
	_, err := fmt.Fprintf(stdout, "svcsim %s %s %s/%s\n", version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return err
}

// version is the version svcsim was built at, from the binary's build
// information (see buildVersion); the report, the manifest, summary.json
// and 'svcsim version' show it.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		info = nil
	}
	return buildVersion(info)
}

// noVersion says why a build recorded no version: the go command stamps
// one only for 'go build' and 'go install' in a git checkout (a .git
// directory: a git worktree's .git file is not recognised) or from a
// module download, and not with -buildvcs=false.
const noVersion = "devel (no version recorded: built with go run or go test, outside a git checkout, in a git worktree, or with -buildvcs=false)"

// buildVersion is the version info records, nil for none:
//
//   - the main module's version: a release tag ("v1.2.3") or, for a build
//     in a git checkout (Go 1.24 and later), a pseudo-version naming the
//     commit and its time ("v0.0.0-20261207133400-138ac95135d2"), with
//     "+dirty" when the checkout had uncommitted changes;
//   - else, when the build recorded the checkout but no module version,
//     "devel REVISION (TIME[, with uncommitted changes])";
//   - else "devel (no version recorded: why)".
func buildVersion(info *debug.BuildInfo) string {
	if info == nil {
		return noVersion
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
		return noVersion
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
