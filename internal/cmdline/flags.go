package cmdline

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/pflag"
)

// newFlags returns a flag set for command name that reports errors
// instead of printing them, keeps the flags in the order they are
// defined, and has a -h/--help flag.
func newFlags(name string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.SortFlags = false
	fs.BoolP("help", "h", false, "show this help")
	return fs
}

// valueErr is a flag value refused as it is set: what is wrong with it,
// the value given and what the flag takes. parse puts the command and
// the flag before it, so that every value error reads "cmd: --flag: what
// (got "v"); valid: these".
type valueErr struct{ what, got, valid string }

func (e *valueErr) Error() string {
	return fmt.Sprintf("%s (got %q); valid: %s", e.what, e.got, e.valid)
}

// intValue is an int flag read in base 10 only (pflag's own int flags
// read 010 as octal 8 and take 0x10) and checked against [lo, hi] as it
// is set.
type intValue struct {
	p      *int
	lo, hi int
}

func (v *intValue) Set(s string) error {
	valid := fmt.Sprintf("a whole number from %d to %d", v.lo, v.hi)
	n, err := strconv.Atoi(s)
	switch {
	case errors.Is(err, strconv.ErrRange):
		return &valueErr{"out of range", s, valid}
	case err != nil || strings.HasPrefix(s, "+"):
		return &valueErr{"not a whole number", s, valid}
	case n < v.lo || n > v.hi:
		return &valueErr{"out of range", s, valid}
	}
	*v.p = n
	return nil
}

func (v *intValue) String() string { return strconv.Itoa(*v.p) }
func (v *intValue) Type() string   { return "int" }

// IntVar defines an int flag, with shorthand short when not "", whose
// value, when given, must be a whole number in [lo, hi] written in base
// 10.
func IntVar(fs *pflag.FlagSet, p *int, name, short string, value, lo, hi int, usage string) {
	*p = value
	fs.VarP(&intValue{p, lo, hi}, name, short, usage)
}

// uint64Value is a uint64 flag read in base 10 only.
type uint64Value struct{ p *uint64 }

func (v uint64Value) Set(s string) error {
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		what := "not a whole number"
		if _, e := strconv.ParseInt(s, 10, 64); errors.Is(err, strconv.ErrRange) || e == nil {
			what = "out of range" // too large, or negative
		}
		return &valueErr{what, s, fmt.Sprintf("a whole number from 0 to %d", uint64(math.MaxUint64))}
	}
	*v.p = n
	return nil
}

func (v uint64Value) String() string { return strconv.FormatUint(*v.p, 10) }
func (v uint64Value) Type() string   { return "uint64" }

// Uint64Var defines a uint64 flag read in base 10 only, such as a random
// seed.
func Uint64Var(fs *pflag.FlagSet, p *uint64, name, usage string) {
	fs.Var(uint64Value{p}, name, usage)
}

// valueError is the usage error of a flag value pflag refused: the
// command, the flag and what it takes, without Go's parsing errors. The
// flags defined here say what is wrong themselves (a *valueErr); pflag's
// own float, bool and duration flags are said here.
func valueError(cmd string, e *pflag.InvalidValueError) error {
	f := e.GetFlag()
	var why error = &valueErr{"invalid value", e.GetValue(), "see --help"}
	if ve, ok := errors.AsType[*valueErr](e); ok {
		why = ve
	}
	switch f.Value.Type() {
	case "float64":
		why = &valueErr{"not a number", e.GetValue(), "a number such as 0.5"}
	case "bool":
		why = &valueErr{"not true or false", e.GetValue(), "true or false, or the flag alone for true"}
	case "duration":
		if _, ok := f.Value.(*durationValue); !ok {
			why = &valueErr{"not a duration", e.GetValue(), validDuration}
		}
	}
	return Usagef("%s: --%s: %v", cmd, f.Name, why)
}

// parse parses args into fs. It returns help = true when -h or --help
// was given. A string flag given as "" (an unset shell variable, a stray
// quote) is a mistake: it would otherwise read as the flag left out
// (--pool "" staffed the stages, --out "" wrote nothing, both without a
// word); so is one whose value is another flag (--out --charts made a
// folder called --charts).
func (p *Program) parse(fs *pflag.FlagSet, args []string) (help bool, err error) {
	given := map[string]bool{}
	err = fs.ParseAll(args, func(f *pflag.Flag, value string) error {
		// A flag given twice would keep only its last value, silently.
		if t := f.Value.Type(); given[f.Name] && t != "stringArray" && t != "stringSlice" {
			return fmt.Errorf("--%s is given twice; give it once", f.Name)
		}
		given[f.Name] = true
		return fs.Set(f.Name, value)
	})
	if err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return true, nil
		}
		if ive, ok := errors.AsType[*pflag.InvalidValueError](err); ok {
			return false, valueError(fs.Name(), ive)
		}
		if e := joinedValue(fs, args); e != nil {
			return false, e
		}
		return false, Usagef("%s: %v (see '%s %s --help')", fs.Name(), err, p.Name, fs.Name())
	}
	if h, _ := fs.GetBool("help"); h {
		return true, nil
	}
	var empty []string
	fs.Visit(func(f *pflag.Flag) {
		var values []string
		switch f.Value.Type() {
		case "string":
			values = []string{f.Value.String()}
		case "stringArray":
			values, _ = fs.GetStringArray(f.Name)
		}
		for _, v := range values {
			switch {
			case v == "":
				empty = append(empty, "--"+f.Name)
			case err == nil && isFlag(fs, v):
				err = Usagef("%s: --%s: %q is a flag, not a value; give --%s a value (a path that starts with - can be written ./%s)", fs.Name(), f.Name, v, f.Name, v)
			}
		}
	})
	if len(empty) > 0 {
		return false, Usagef("%s: %s: empty value (got \"\"); valid: a value, or leave the flag out for its default (see '%s %s --help')", fs.Name(), strings.Join(empty, ", "), p.Name, fs.Name())
	}
	return false, err
}

// joinedValue is the usage error of a flag and its value given as one
// argument, "--target booking.service_level>=70%" (quoted whole in a
// shell, or one item of a script's argument list): pflag reads a flag
// named "target booking.service_level>" and calls it unknown. It is nil
// when no argument is a known flag followed by a space.
func joinedValue(fs *pflag.FlagSet, args []string) error {
	for _, a := range args {
		if a == "--" {
			return nil
		}
		name, ok := strings.CutPrefix(a, "--")
		if !ok {
			continue
		}
		i := strings.IndexFunc(name, unicode.IsSpace)
		if i <= 0 || fs.Lookup(name[:i]) == nil {
			continue
		}
		flag, value := "--"+name[:i], strings.TrimSpace(name[i:])
		return Usagef("%s: %s and its value are one argument (got %q); valid: two arguments, %s %s, or one joined by =, %s=%s",
			fs.Name(), flag, a, flag, shellQuote(value), flag, shellQuote(value))
	}
	return nil
}

// shellQuote is s as one word for a POSIX shell: in single quotes unless
// it is only letters, digits and -_./:,%@+.
func shellQuote(s string) string {
	if s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !(r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-_./:,%@+", r)))
	}) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// isFlag reports whether v names a flag of fs (--name or -x).
func isFlag(fs *pflag.FlagSet, v string) bool {
	name, ok := strings.CutPrefix(v, "--")
	if ok {
		name, _, _ = strings.Cut(name, "=")
		return fs.Lookup(name) != nil
	}
	return len(v) == 2 && v[0] == '-' && fs.ShorthandLookup(v[1:]) != nil
}

// OnlyWith refuses flags given where they would do nothing: any of names
// given while ok is false is a usage error, said with why ("without
// --report").
func OnlyWith(fs *pflag.FlagSet, ok bool, why string, names ...string) error {
	for _, n := range names {
		if !ok && fs.Changed(n) {
			return Usagef("%s: --%s does nothing %s", fs.Name(), n, why)
		}
	}
	return nil
}
