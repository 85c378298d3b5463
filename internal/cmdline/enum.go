package cmdline

import (
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
)

// Enumerated flags (--format, --paper, --solver, --chart-format) all
// follow one rule: a value is read in any case with the spaces around it
// ignored, and kept in lower case, so "JSON", " json" and "json" are one
// value and the command compares only the canonical form.

// words is a flag's name as words for a message: "chart format".
func words(name string) string { return strings.ReplaceAll(name, "-", " ") }

// canonical is an enumerated flag's value as it is kept.
func canonical(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// enumValue is a string flag that takes one of values.
type enumValue struct {
	p      *string
	what   string // the flag's name in words: "chart format"
	values []string
}

func (v *enumValue) Set(s string) error {
	c := canonical(s)
	if c == "" {
		// parse says which flags are empty, all at once.
		*v.p = ""
		return nil
	}
	if !slices.Contains(v.values, c) {
		return &valueErr{"unknown " + v.what, s, strings.Join(v.values, ", ")}
	}
	*v.p = c
	return nil
}

func (v *enumValue) String() string { return *v.p }

// Type is "string", so that parse refuses an empty value as for any
// other string flag, and help shows it as one.
func (v *enumValue) Type() string { return "string" }

// EnumVar defines a string flag that takes one of values (each in lower
// case), read in any case with the spaces around it ignored; *p holds
// the value in lower case.
func EnumVar(fs *pflag.FlagSet, p *string, name, value string, values []string, usage string) {
	*p = value
	fs.Var(&enumValue{p, words(name), values}, name, usage)
}

// enumListValue is a string flag that takes a comma-separated list of
// distinct values.
type enumListValue struct {
	p      *string
	what   string
	values []string
}

func (v *enumListValue) Set(s string) error {
	if canonical(s) == "" {
		*v.p = ""
		return nil
	}
	var list []string
	for item := range strings.SplitSeq(s, ",") {
		c := canonical(item)
		if !slices.Contains(v.values, c) {
			return &valueErr{"unknown " + v.what + " " + strconv.Quote(strings.TrimSpace(item)), s, "any of " + strings.Join(v.values, ", ") + ", comma-separated"}
		}
		if slices.Contains(list, c) {
			return &valueErr{strconv.Quote(c) + " given twice", s, "each of " + strings.Join(v.values, ", ") + " at most once"}
		}
		list = append(list, c)
	}
	*v.p = strings.Join(list, ",")
	return nil
}

func (v *enumListValue) String() string { return *v.p }
func (v *enumListValue) Type() string   { return "string" }

// EnumListVar defines a string flag that takes a comma-separated list of
// distinct values from values, each read as EnumVar reads one; *p holds
// the list in lower case without spaces.
func EnumListVar(fs *pflag.FlagSet, p *string, name, value string, values []string, usage string) {
	*p = value
	fs.Var(&enumListValue{p, words(name), values}, name, usage)
}
