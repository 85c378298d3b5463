package scenarios

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v4"
)

// Error is one problem in a scenario file, with its position.
type Error struct {
	File   string
	Line   int    // 1-based; 0 when the problem has no single place
	Column int    // 1-based; 0 when unknown
	Field  string // dotted path of the field, e.g. "stages.booking.patience"
	Msg    string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errors is every problem found in a scenario file, in file order. Load
// returns it (as an error) so that a planner fixes them all in one go.
type Errors []*Error

func (es Errors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

func (es Errors) sorted() Errors {
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].File != es[j].File {
			return es[i].File < es[j].File
		}
		if es[i].Line != es[j].Line {
			return es[i].Line < es[j].Line
		}
		return es[i].Column < es[j].Column
	})
	return es
}

// maxErrors bounds the errors reported for one file: past it the rest are
// usually consequences of the first.
const maxErrors = 50

// badBytes finds the first byte of src that YAML cannot read — invalid
// UTF-8 or a control character other than tab, line feed and carriage
// return — and returns it as an Error at its line and column (in
// characters), quoting only that byte; nil if there is none. YAML's own
// message for these has no position.
func badBytes(file string, src []byte) *Error {
	line, col := 1, 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return &Error{File: file, Line: line, Column: col, Msg: fmt.Sprintf("invalid UTF-8 (byte 0x%02X); save the file as UTF-8 text", src[i])}
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r >= 0x80 && r < 0xA0 && r != 0x85:
			return &Error{File: file, Line: line, Column: col, Msg: fmt.Sprintf("control character %U is not allowed in a scenario file (is it a text file?)", r)}
		case r == '\n':
			line, col = line+1, 0
		}
		col++
		i += size
	}
	return nil
}

// yamlError turns a YAML syntax error into an Error with its position.
func yamlError(file string, err error) *Error {
	var le *yaml.LoadError
	if errors.As(err, &le) {
		return &Error{File: file, Line: le.Mark.Line, Column: le.Mark.Column, Msg: "YAML syntax: " + le.Message}
	}
	return &Error{File: file, Msg: "YAML syntax: " + strings.TrimPrefix(err.Error(), "yaml: ")}
}

// closest returns the candidates within a small edit distance of s, for
// "did you mean" hints.
func closest(s string, candidates []string) []string {
	var out []string
	best := len(s)/3 + 2
	for _, c := range candidates {
		d := editDistance(strings.ToLower(s), strings.ToLower(c))
		switch {
		case d < best:
			best, out = d, []string{c}
		case d == best:
			out = append(out, c)
		}
	}
	if len(out) > 3 {
		out = out[:3]
	}
	return out
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// oneOf formats a list of valid choices.
func oneOf(choices []string) string {
	q := make([]string, len(choices))
	for i, c := range choices {
		q[i] = fmt.Sprintf("%q", c)
	}
	if len(q) == 1 {
		return q[0]
	}
	return "one of " + strings.Join(q, ", ")
}
