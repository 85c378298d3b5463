package cmdline

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/spf13/pflag"
)

// A Program is a command line of subcommands: PROGRAM COMMAND [flags]
// [args].
type Program struct {
	// Name is the program's name, as messages tell the user to type it.
	Name string
	// Commands are the subcommands, in the order help lists them.
	Commands []Command
	// Help holds the help of each command as NAME.txt, and that of the
	// program as PROGRAM.txt. In them, {flags} stands for the command's
	// flags, {commands} for the list of commands, and each pair of Fill
	// for its value.
	Help fs.FS
	// HelpDir is the folder of Help the texts are in; "" for its root.
	HelpDir string
	// Fill are more placeholders of the help texts and their values, in
	// pairs: "{seed}", "1", ...
	Fill []string
	// Bare, when set, reports whether an error a command returned is
	// passed on without the command's name before it (an error that is
	// the process's, or one that names its file already).
	Bare func(error) bool
}

// A Command is one subcommand: its name, a one-line summary for the
// command list, a constructor that defines its flags on a fresh flag set,
// and the arguments it takes after them.
type Command struct {
	Name    string
	Summary string
	New     func(fs *pflag.FlagSet) Runner
	Args    Args
}

// Args are the arguments a command takes after its flags: from Min to
// Max (-1: any number), described as What ("one scenario").
type Args struct {
	Min, Max int
	What     string
}

// A Runner is the work of a command, once Program.Run has parsed its flags
// and checked its arguments.
type Runner interface {
	Run(ctx context.Context, stdout, stderr io.Writer) error
}

// Run runs the command line args (without the program's name), writing
// the command's output to stdout and help asked for with -h to stdout.
// "help", -h and --help alone are the program's help, "help COMMAND" is
// COMMAND --help, and --version runs the command named version.
// It prints no error: the error it returns names the command, unless Bare
// says otherwise, and is a *UsageError for a mistake on the command line.
// A write to stdout that failed is an error even where the command did
// not check it.
func (p *Program) Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		p.usage(stderr, p.Name, newFlags(p.Name))
		return Usagef("no command given")
	}
	name, rest := args[0], args[1:]
	switch {
	case name == "help" && len(rest) > 1:
		return Usagef("help: give one command (got %d: %s)", len(rest), strings.Join(rest, " "))
	case name == "help" && len(rest) == 1 && p.lookup(rest[0]) != nil:
		name, rest = rest[0], []string{"--help"}
	case name == "help" && len(rest) == 1 && !isHelp(rest[0]):
		return Usagef("help: unknown command %q (commands: %s)", rest[0], p.names())
	case isHelp(name):
		return p.usage(stdout, p.Name, newFlags(p.Name))
	case name == "--version":
		name = "version"
	}
	c := p.lookup(name)
	switch {
	case c == nil && strings.HasPrefix(name, "-"):
		return Usagef("%s: flags go after the command: %s COMMAND [flags] (commands: %s; see '%s help')", name, p.Name, p.names(), p.Name)
	case c == nil:
		return Usagef("unknown command %q (commands: %s; see '%s help')", name, p.names(), p.Name)
	}
	out := &errWriter{w: stdout}
	err := p.run(ctx, c, rest, out, stderr)
	if err == nil && out.err != nil {
		err = fmt.Errorf("writing the output: %w", out.err)
	}
	return p.named(name, err)
}

// run parses the flags and arguments of command c and does its work.
func (p *Program) run(ctx context.Context, c *Command, args []string, stdout, stderr io.Writer) error {
	fs := newFlags(c.Name)
	r := c.New(fs)
	if help, err := p.parse(fs, args); help || err != nil {
		if help {
			return p.usage(stdout, c.Name, fs)
		}
		return err
	}
	for i, a := range fs.Args() {
		if strings.TrimSpace(a) == "" {
			// An unset shell variable: it would read as no argument.
			return Usagef("%s: argument %d is empty (got %q); give %s", c.Name, i+1, a, c.Args.What)
		}
	}
	if n := fs.NArg(); n < c.Args.Min || (c.Args.Max >= 0 && n > c.Args.Max) {
		got := "none"
		if n > 0 {
			shown := fs.Args()[:min(n, 4)]
			got = fmt.Sprintf("%d: %s", n, strings.Join(shown, " "))
			if n > len(shown) {
				got += " …"
			}
		}
		return Usagef("%s: give %s (got %s; see '%s %s --help')", c.Name, c.Args.What, got, p.Name, c.Name)
	}
	return r.Run(ctx, stdout, stderr)
}

func isHelp(arg string) bool { return arg == "help" || arg == "-h" || arg == "--help" }

func (p *Program) lookup(name string) *Command {
	for i := range p.Commands {
		if p.Commands[i].Name == name {
			return &p.Commands[i]
		}
	}
	return nil
}

// names lists the commands, help first, comma-separated.
func (p *Program) names() string {
	names := []string{"help"}
	for _, c := range p.Commands {
		names = append(names, c.Name)
	}
	return strings.Join(names, ", ")
}

// usage writes the help of command name (the program's when name is
// p.Name), with the flag list from fs and its placeholders filled in. It
// panics when p.Help has no text for name: a file missing from the
// program.
func (p *Program) usage(w io.Writer, name string, fs *pflag.FlagSet) error {
	b, err := p.Help.Open(path.Join(p.HelpDir, name+".txt"))
	if err != nil {
		panic("cmdline: no help text for " + name)
	}
	defer b.Close()
	text, err := io.ReadAll(b)
	if err != nil {
		return err
	}
	var list strings.Builder
	for _, c := range p.Commands {
		fmt.Fprintf(&list, "  %-10s %s\n", c.Name, c.Summary)
	}
	fill := append([]string{"{flags}", fs.FlagUsagesWrapped(80), "{commands}", list.String()}, p.Fill...)
	_, err = strings.NewReplacer(fill...).WriteString(w, string(text))
	return err
}
