package cmdline_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"testing/fstest"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/internal/cmdline"
)

// greet is the work of 'hello greet': its flags and what it does with
// them.
type greet struct {
	fs    *pflag.FlagSet
	times int
}

func newGreet(fs *pflag.FlagSet) cmdline.Runner {
	g := &greet{fs: fs}
	cmdline.IntVar(fs, &g.times, "times", "n", 1, 1, 3, "greet `N` times (1-3)")
	return g
}

func (g *greet) Run(ctx context.Context, stdout, stderr io.Writer) error {
	for range g.times {
		fmt.Fprintf(stdout, "hello, %s\n", g.fs.Arg(0))
	}
	return nil
}

// A program of one command: its help comes from a text file, and a
// mistake on the command line is a *UsageError that names the command.
func Example() {
	p := &cmdline.Program{
		Name: "hello",
		Commands: []cmdline.Command{{Name: "greet", Summary: "greet someone", New: newGreet,
			Args: cmdline.Args{Min: 1, Max: 1, What: "one name"}}},
		Help: fstest.MapFS{
			"hello.txt": {Data: []byte("Usage: hello COMMAND\n\n{commands}")},
			"greet.txt": {Data: []byte("Usage: hello greet NAME\n\n{flags}")},
		},
	}
	for _, args := range []string{"greet -n 2 world", "help", "greet --help", "greet -n 0x2 world", "greet", "wave"} {
		fmt.Printf("$ hello %s\n", args)
		if err := p.Run(context.Background(), strings.Fields(args), os.Stdout, os.Stdout); err != nil {
			fmt.Printf("hello: %v\n", err)
		}
	}
	// Output:
	// $ hello greet -n 2 world
	// hello, world
	// hello, world
	// $ hello help
	// Usage: hello COMMAND
	//
	//   greet      greet someone
	// $ hello greet --help
	// Usage: hello greet NAME
	//
	//   -h, --help      show this help
	//   -n, --times N   greet N times (1-3) (default 1)
	// $ hello greet -n 0x2 world
	// hello: greet: --times: not a whole number (got "0x2"); valid: a whole number from 1 to 3
	// $ hello greet
	// hello: greet: give one name (got none; see 'hello greet --help')
	// $ hello wave
	// hello: unknown command "wave" (commands: help, greet; see 'hello help')
}
