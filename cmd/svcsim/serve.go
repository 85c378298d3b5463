package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"os"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/internal/buildinfo"
	"github.com/svcsim/svcsim/internal/cmdline"
	"github.com/svcsim/svcsim/workbench"
)

// serveCommand is 'svcsim serve': the what-if workbench in a browser.
type serveCommand struct {
	fs     *pflag.FlagSet
	addr   string
	remote bool
}

func newServeCommand(fs *pflag.FlagSet) cmdline.Runner {
	c := &serveCommand{fs: fs}
	c.fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "listen on `HOST:PORT` (a loopback address unless --allow-remote; port 0: any free port, printed on start)")
	c.fs.BoolVar(&c.remote, "allow-remote", false, "allow an --addr other machines can reach (they can then read and write the folder's scenario files)")
	return c
}

func (c *serveCommand) Run(ctx context.Context, stdout, stderr io.Writer) error {
	dir, open, err := workbench.Target(c.fs.Arg(0))
	if err != nil {
		return cmdline.Usagef("serve: %v", err)
	}
	hosts, warning, err := workbench.Hosts(c.addr, c.remote)
	if err != nil {
		return cmdline.Usagef("serve: %v", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer root.Close()
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if warning != "" {
		fmt.Fprintln(stderr, warning)
	}
	fmt.Fprintf(stdout, "svcsim workbench on http://%s/ serving %s (Ctrl-C to stop)\n", ln.Addr(), dir)
	w := workbench.New(workbench.Options{Root: root, Open: open, Hosts: hosts, Version: buildinfo.Version(),
		Log: log.New(stderr, "", 0)})
	return w.Serve(ctx, ln)
}
