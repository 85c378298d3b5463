package main

import (
	"context"
	"fmt"
	"io"
	"runtime"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/internal/buildinfo"
	"github.com/svcsim/svcsim/internal/cmdline"
)

// versionCommand is 'svcsim version'.
type versionCommand struct {
	fs *pflag.FlagSet
}

func newVersionCommand(fs *pflag.FlagSet) cmdline.Runner {
	return &versionCommand{fs: fs}
}

func (c *versionCommand) Run(ctx context.Context, stdout, stderr io.Writer) error {
	_, err := fmt.Fprintf(stdout, "svcsim %s %s %s/%s\n", buildinfo.Version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return err
}
