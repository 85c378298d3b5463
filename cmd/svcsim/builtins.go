package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/internal/cmdline"
	"github.com/svcsim/svcsim/internal/simflags"
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/tables"
)

// scenariosCommand is 'svcsim scenarios': list the built-in scenarios, or
// print one.
type scenariosCommand struct {
	fs  *pflag.FlagSet
	out string
}

func newScenariosCommand(fs *pflag.FlagSet) cmdline.Runner {
	c := &scenariosCommand{fs: fs}
	c.fs.StringVar(&c.out, "out", "", "show: write NAME.yaml and the data files it refers to into `DIR` (created if missing) instead of printing")
	return c
}

func (c *scenariosCommand) Run(ctx context.Context, stdout, stderr io.Writer) error {
	switch args := c.fs.Args(); {
	case len(args) == 0 && c.out != "":
		return cmdline.Usagef("scenarios: --out DIR goes with 'scenarios show NAME'")
	case len(args) == 0:
		return tables.Builtins(stdout)
	case args[0] == "show" && len(args) == 2:
		name := args[1]
		if _, err := scenarios.BuiltinSource(name); err != nil {
			return cmdline.Usagef("scenarios show: no built-in scenario %q (built-ins: %s)", name, scenarios.BuiltinNames())
		}
		if c.out != "" {
			return showInto(ctx, c.out, name, stdout)
		}
		src, err := scenarios.BuiltinStandalone(name)
		if err != nil {
			return err
		}
		_, err = stdout.Write(src)
		return err
	case args[0] == "show":
		return cmdline.Usagef("scenarios show: expected one scenario name (built-ins: %s)", scenarios.BuiltinNames())
	default:
		return cmdline.Usagef("scenarios: unexpected argument %q (see 'svcsim scenarios --help')", args[0])
	}
}

// showInto writes built-in name as dir/NAME.yaml, verbatim, with the data
// files it refers to at their paths relative to it, and lists what it
// wrote on stdout.
func showInto(ctx context.Context, dir, name string, stdout io.Writer) error {
	files, err := scenarios.BuiltinFiles(name)
	if err != nil {
		return err
	}
	var out []resultset.File
	for _, f := range files {
		// The files are the start of the user's own scenario: an edited
		// copy is never replaced.
		path := filepath.Join(dir, filepath.FromSlash(f.Path))
		if _, err := os.Lstat(path); err == nil {
			return cmdline.Usagef("scenarios show: %s exists; valid: an --out folder without %s (remove it to start again)", path, f.Path)
		}
		out = append(out, resultset.File{Name: f.Path, Data: f.Data})
	}
	if err := simflags.WriteFolder(ctx, dir, nil, out, false); err != nil {
		return err
	}
	for _, f := range files {
		fmt.Fprintf(stdout, "wrote %s\n", filepath.Join(dir, filepath.FromSlash(f.Path)))
	}
	return nil
}
