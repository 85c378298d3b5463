package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/scenarios"
)

// scenariosCommand is 'svcsim scenarios': list the built-in scenarios, or
// print one.
type scenariosCommand struct {
	fs *pflag.FlagSet
}

func newScenariosCommand() *scenariosCommand {
	return &scenariosCommand{fs: newFlags("scenarios")}
}

func (c *scenariosCommand) usage(w io.Writer) {
	fmt.Fprintf(w, `Usage: svcsim scenarios [flags]
       svcsim scenarios show NAME

Scenarios lists the built-in scenarios, one per line: the name to give to
'svcsim run' and a title. 'scenarios show NAME' prints the scenario file of
a built-in exactly as svcsim reads it: a starting point for your own.

Flags:
%s
Example:
  svcsim scenarios
  svcsim scenarios show %s > my-clinic.yaml
`, flagUsages(c.fs), scenarios.DefaultBuiltin)
}

func (c *scenariosCommand) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if help, err := parseFlags(c.fs, args, c.usage, stdout); help || err != nil {
		return err
	}
	switch args := c.fs.Args(); {
	case len(args) == 0:
		tw := tabwriter.NewWriter(stdout, 0, 0, 3, ' ', 0)
		for _, b := range scenarios.Builtins() {
			fmt.Fprintf(tw, "%s\t%s\n", b.Name, b.Title)
		}
		return tw.Flush()
	case args[0] == "show" && len(args) == 2:
		src, err := scenarios.BuiltinSource(args[1])
		if err != nil {
			return usageErrorf("scenarios show: no built-in scenario %q (built-ins: %s)", args[1], builtinNames())
		}
		_, err = stdout.Write(src)
		return err
	case args[0] == "show":
		return usageErrorf("scenarios show: expected one scenario name (built-ins: %s)", builtinNames())
	default:
		return usageErrorf("scenarios: unexpected argument %q (see 'svcsim scenarios --help')", args[0])
	}
}
