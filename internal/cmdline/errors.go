package cmdline

import (
	"fmt"
	"io"
	"strings"
)

// A UsageError is a mistake on the command line: an unknown command or
// flag, a flag value out of range, the wrong number of arguments. A
// program exits with status 2 for it.
type UsageError struct {
	msg string
}

func (e *UsageError) Error() string { return e.msg }

// Usagef returns a *UsageError with the message format says.
func Usagef(format string, args ...any) error {
	return &UsageError{fmt.Sprintf(format, args...)}
}

// named prefixes err with the command's name, so that every message says
// which command it is about, unless it does already or p.Bare says not
// to.
func (p *Program) named(name string, err error) error {
	if err == nil || strings.HasPrefix(err.Error(), name+":") || strings.HasPrefix(err.Error(), name+" ") {
		return err
	}
	if p.Bare != nil && p.Bare(err) {
		return err
	}
	return &namedError{name, err}
}

// namedError is an error of command name.
type namedError struct {
	name string
	err  error
}

func (e *namedError) Error() string { return e.name + ": " + e.err.Error() }
func (e *namedError) Unwrap() error { return e.err }

// errWriter remembers the first error writing to w, so that a command
// whose output could not be written (a full disk, a closed pipe) fails
// even where it does not check every write.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}
