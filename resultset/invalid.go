package resultset

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// An InvalidError says that a result file is not what svcsim writes: it
// is not JSON, a value has the wrong type, or a value is one no run
// could have made (a negative number of replications, a confidence of
// 200%). Load returns one rather than draw charts and a report from
// nonsense, or fail half-way through them.
type InvalidError struct {
	Path     string
	Problems []Problem // at least one
}

// A Problem is one thing wrong with a result file.
type Problem struct {
	Line, Column int    // 1-based; 0 when the problem has no single place
	Field        string // "scenarios[1].results.confidence"; "" for the whole file
	Msg          string // "a fraction in (0, 1) (got 2); valid: ..."
}

// maxShown bounds the problems an InvalidError's message lists: a file
// that is wrong throughout would otherwise print a screenful.
const maxShown = 5

func (e *InvalidError) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i == maxShown {
			fmt.Fprintf(&b, "; and %d more problems", len(e.Problems)-maxShown)
			break
		}
		if i == 0 {
			b.WriteString(e.Path)
			if p.Line > 0 {
				fmt.Fprintf(&b, ":%d:%d", p.Line, p.Column)
			}
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		if p.Field != "" {
			b.WriteString(p.Field + ": ")
		}
		b.WriteString(p.Msg)
	}
	return b.String()
}

// bom is the UTF-8 byte-order mark, which some editors put at the start
// of a file they save.
var bom = []byte("\xEF\xBB\xBF")

// decode reads the JSON data of the file path into v, returning an
// *InvalidError that names the line, the column and the field of a
// syntax or type error.
func decode(path string, data []byte, v any) error {
	if bytes.HasPrefix(data, bom) {
		return &InvalidError{path, []Problem{{Line: 1, Column: 1,
			Msg: "starts with a byte-order mark (got EF BB BF); valid: JSON in UTF-8 without one, as svcsim writes it"}}}
	}
	err := json.Unmarshal(data, v)
	if err == nil {
		return nil
	}
	if se, ok := errors.AsType[*json.SyntaxError](err); ok {
		p := Problem{Msg: "not valid JSON: " + se.Error()}
		off := se.Offset
		if se.Error() == "unexpected end of JSON input" {
			p.Msg = fmt.Sprintf("the JSON ends too early (got %d bytes): the file is cut short", len(data))
			off = int64(len(data))
		} else if off > 0 {
			off-- // the offset is just past the offending byte
		}
		p.Line, p.Column = position(data, off)
		return &InvalidError{path, []Problem{p}}
	}
	if te, ok := errors.AsType[*json.UnmarshalTypeError](err); ok {
		return &InvalidError{path, []Problem{typeProblem(data, te)}}
	}
	return &InvalidError{path, []Problem{{Msg: err.Error()}}}
}

// typeProblem describes te, a value of the wrong type in data. The
// error's offset cannot be trusted: the results' own UnmarshalJSON
// methods decode their part of the file on its own, so offsets inside
// it count from its start. The value is found again by walking the file
// to the first value at te's field of te's kind.
func typeProblem(data []byte, te *json.UnmarshalTypeError) Problem {
	p := Problem{Field: te.Field, Msg: fmt.Sprintf("%s (got %s); valid: %s", article(te.Value), te.Value, want(te.Type))}
	kind, _, _ := strings.Cut(te.Value, " ")
	match := func(plain, _, k string) bool { return k == kind && plain == te.Field }
	at, field, got, ok := int64(0), "", "", false
	if kind == "array" && te.Type != nil && te.Type.Kind() != reflect.Slice && te.Type.Kind() != reflect.Array {
		// The elements of an array share its field name: an array where
		// an element should be an object is inside the array that holds it.
		inner := func(plain, indexed, k string) bool {
			return match(plain, indexed, k) && strings.HasSuffix(indexed, "]")
		}
		at, field, got, ok = find(data, inner)
	}
	if !ok {
		at, field, got, ok = find(data, match)
	}
	if ok {
		p.Line, p.Column = position(data, at)
		p.Field = field
		p.Msg = fmt.Sprintf("%s (got %s); valid: %s", article(kind), got, want(te.Type))
	}
	return p
}

// article is a JSON kind as a noun: "a number", "an object".
func article(kind string) string {
	kind, _, _ = strings.Cut(kind, " ")
	switch kind {
	case "object", "array":
		return "an " + kind
	case "bool":
		return "a boolean"
	}
	return "a " + kind
}

// want says what a Go type is read from.
func want(t reflect.Type) string {
	if t == nil {
		return "another type"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "a whole number"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number, 0 or more"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	case reflect.Pointer:
		return want(t.Elem())
	}
	return t.String()
}

// find walks the JSON data for the first value that match accepts,
// given its path as encoding/json names a field (object keys joined by
// dots: "scenarios.results.days"), its path with array indices
// ("scenarios[1].results.days") and its kind ("number", "string",
// "object", ...). It returns the value's offset, its indexed path and
// the value itself, shortened; ok is false when there is none. It runs
// only when a file is refused, so its cost (a token walk of the file)
// does not matter.
func find(data []byte, match func(plain, indexed, kind string) bool) (at int64, path, got string, ok bool) {
	type frame struct {
		object  bool
		key     string
		index   int
		wantKey bool
	}
	var stack []frame
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	paths := func(indexed bool) string {
		var b strings.Builder
		for _, f := range stack {
			switch {
			case f.object:
				if b.Len() > 0 {
					b.WriteByte('.')
				}
				b.WriteString(f.key)
			case indexed:
				b.WriteString("[" + strconv.Itoa(f.index-1) + "]")
			}
		}
		return b.String()
	}
	for {
		start := dec.InputOffset()
		if start > int64(len(data)) {
			return 0, "", "", false
		}
		tok, err := dec.Token()
		if err == io.EOF || err != nil {
			return 0, "", "", false
		}
		// The token starts after the blanks, commas and colons before it.
		for start < int64(len(data)) && strings.IndexByte(" \t\r\n,:", data[start]) >= 0 {
			start++
		}
		if n := len(stack); n > 0 {
			top := &stack[n-1]
			if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
				stack = stack[:n-1]
				if m := len(stack); m > 0 && stack[m-1].object {
					stack[m-1].wantKey = true
				}
				continue
			}
			if top.object && top.wantKey {
				top.key, top.wantKey = tok.(string), false
				continue
			}
			if !top.object {
				top.index++
			}
		}
		k, text := tokenKind(tok)
		if match(paths(false), paths(true), k) {
			if k == "object" || k == "array" {
				text = article(k)
			}
			return start, paths(true), text, true
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, frame{object: true, wantKey: true})
		case json.Delim('['):
			stack = append(stack, frame{})
		default:
			if n := len(stack); n > 0 && stack[n-1].object {
				stack[n-1].wantKey = true
			}
		}
	}
}

// tokenKind is the JSON kind of tok, as encoding/json names it in an
// UnmarshalTypeError, and its text, shortened.
func tokenKind(tok json.Token) (kind, text string) {
	switch v := tok.(type) {
	case json.Delim:
		if v == '{' {
			return "object", ""
		}
		return "array", ""
	case string:
		return "string", shorten(strconv.Quote(v))
	case json.Number:
		return "number", shorten(v.String())
	case bool:
		return "bool", strconv.FormatBool(v)
	}
	return "null", "null"
}

// shorten cuts s to at most 40 characters.
func shorten(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:39]) + "…"
}

// position is the 1-based line and column (in characters) of the byte at
// offset off of data.
func position(data []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line = 1 + bytes.Count(before, []byte("\n"))
	if i := bytes.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	}
	return line, 1 + utf8.RuneCount(before)
}
