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

// version returns the module version svcsim was built at: a release tag
// for 'go install ...@v1.2.3', else "devel", with the VCS revision when the
// build recorded one.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	v := info.Main.Version
	if v == "" || v == "(devel)" {
		v = "devel"
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += "+" + s.Value[:12]
			}
		}
	}
	return v
}
