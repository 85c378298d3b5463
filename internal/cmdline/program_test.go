package cmdline

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/spf13/pflag"
)

// echo is a command that prints its flags and arguments, or fails with
// err when its --fail flag is given.
type echo struct {
	fs    *pflag.FlagSet
	n     int
	seed  uint64
	name  string
	ratio float64
	wait  time.Duration
	limit time.Duration
	kind  string
	kinds string
	quiet bool
	tags  []string
	fail  bool
}

var errBare = errors.New("stopped")

func newEcho(fs *pflag.FlagSet) Runner {
	e := &echo{fs: fs}
	IntVar(fs, &e.n, "count", "n", 1, 1, 10, "`N`")
	Uint64Var(fs, &e.seed, "seed", "`N`")
	fs.StringVar(&e.name, "name", "", "`NAME`")
	fs.Float64Var(&e.ratio, "ratio", 0, "`R`")
	fs.DurationVar(&e.wait, "wait", 0, "`D`")
	DurationVar(fs, &e.limit, "limit", 0, 0, 2*time.Hour, "`D`")
	EnumVar(fs, &e.kind, "format", "table", []string{"table", "json"}, "`FORMAT`")
	EnumListVar(fs, &e.kinds, "kinds", "png", []string{"png", "svg"}, "`LIST`")
	fs.BoolVarP(&e.quiet, "quiet", "q", false, "")
	fs.StringArrayVar(&e.tags, "tag", nil, "`TAG`")
	fs.BoolVar(&e.fail, "fail", false, "")
	return e
}

func (e *echo) Run(ctx context.Context, stdout, stderr io.Writer) error {
	if e.fail {
		return errBare
	}
	if err := OnlyWith(e.fs, e.name != "", "without --name", "ratio"); err != nil {
		return err
	}
	_, err := io.WriteString(stdout, strings.Join(e.fs.Args(), " "))
	return err
}

func testProgram(bare bool) *Program {
	p := &Program{
		Name: "prog",
		Commands: []Command{
			{Name: "echo", Summary: "print the arguments", New: newEcho, Args: Args{Min: 1, Max: 2, What: "one or two words"}},
			{Name: "version", Summary: "print the version", New: newEcho, Args: Args{Min: 0, Max: -1, What: "anything"}},
		},
		Help: fstest.MapFS{
			"prog.txt":    {Data: []byte("prog {x}\n{commands}")},
			"echo.txt":    {Data: []byte("echo {x}\n")},
			"version.txt": {Data: []byte("version")},
		},
		Fill: []string{"{x}", "X"},
	}
	if bare {
		p.Bare = func(err error) bool { return err == errBare }
	}
	return p
}

func TestRun(t *testing.T) {
	tests := []struct {
		name        string
		args        string
		out, err    string
		usage, bare bool
	}{
		{name: "command", args: "echo a b", out: "a b"},
		{name: "help", args: "help", out: "prog X\n  echo       print the arguments\n  version    print the version\n"},
		{name: "-h", args: "-h", out: "prog X\n  echo       print the arguments\n  version    print the version\n"},
		{name: "help command", args: "help echo", out: "echo X\n"},
		{name: "command --help", args: "echo --help", out: "echo X\n"},
		{name: "command -h after a flag", args: "echo -q -h", out: "echo X\n"},
		{name: "--version", args: "--version", out: ""},
		{name: "nothing", args: "", err: "no command given", usage: true},
		{name: "help twice", args: "help echo version", err: "help: give one command (got 2: echo version)", usage: true},
		{name: "help unknown", args: "help wave", err: `help: unknown command "wave" (commands: help, echo, version)`, usage: true},
		{name: "unknown", args: "wave", err: `unknown command "wave" (commands: help, echo, version; see 'prog help')`, usage: true},
		{name: "flag first", args: "-q echo", err: "-q: flags go after the command: prog COMMAND [flags] (commands: help, echo, version; see 'prog help')", usage: true},
		{name: "too few", args: "echo", err: "echo: give one or two words (got none; see 'prog echo --help')", usage: true},
		{name: "too many", args: "echo a b c d e", err: "echo: give one or two words (got 5: a b c d …; see 'prog echo --help')", usage: true},
		{name: "unknown flag", args: "echo --wave a", err: "echo: unknown flag: --wave (see 'prog echo --help')", usage: true},
		{name: "error named", args: "echo --fail a", err: "echo: stopped"},
		{name: "bare error", args: "echo --fail a", err: "stopped", bare: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			err := testProgram(tt.bare).Run(t.Context(), strings.Fields(tt.args), &out, &errOut)
			if got := out.String(); got != tt.out {
				t.Errorf("stdout = %q; want %q", got, tt.out)
			}
			if tt.err == "" {
				if err != nil {
					t.Errorf("got error %v; want none", err)
				}
				return
			}
			if err == nil || err.Error() != tt.err {
				t.Fatalf("got error %v; want %q", err, tt.err)
			}
			if _, ok := errors.AsType[*UsageError](err); ok != tt.usage {
				t.Errorf("a *UsageError: %v; want %v", ok, tt.usage)
			}
		})
	}
}

// An argument that is only blanks is an unset shell variable, not a word.
func TestRunEmptyArgument(t *testing.T) {
	err := testProgram(false).Run(t.Context(), []string{"echo", "a", " "}, io.Discard, io.Discard)
	want := `echo: argument 2 is empty (got " "); give one or two words`
	if err == nil || err.Error() != want {
		t.Errorf("got %v; want %q", err, want)
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// A command that does not check its writes still fails when stdout does.
func TestRunWriteError(t *testing.T) {
	p := testProgram(false)
	p.Commands[0].New = func(fs *pflag.FlagSet) Runner { return unchecked{} }
	err := p.Run(t.Context(), []string{"echo", "a"}, failWriter{}, io.Discard)
	want := "echo: writing the output: disk full"
	if err == nil || err.Error() != want {
		t.Errorf("got %v; want %q", err, want)
	}
}

type unchecked struct{}

func (unchecked) Run(ctx context.Context, stdout, stderr io.Writer) error {
	io.WriteString(stdout, "lost")
	return nil
}

// The usage of a program with no command goes to stderr, the usage
// asked for to stdout.
func TestRunNoCommandUsage(t *testing.T) {
	var errOut bytes.Buffer
	testProgram(false).Run(t.Context(), nil, io.Discard, &errOut)
	if !strings.HasPrefix(errOut.String(), "prog X\n") {
		t.Errorf("stderr = %q; want the program's usage", errOut.String())
	}
}
