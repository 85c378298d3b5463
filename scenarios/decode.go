package scenarios

import (
	"context"
	"fmt"
	"io/fs"
	"math"
	"slices"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v4"
)

// decoder turns YAML nodes into model values, collecting every error with
// its file, line and field instead of stopping at the first.
type decoder struct {
	files map[*yaml.Node]string // the file each node was read from
	main  string                // the file being loaded
	errs  Errors
	data  dataFiles
	notes []string // facts derived from data files
	// roster holds the staff schedules read from a roster CSV, by stage
	// and group.
	roster map[[2]string]*rosterEntry
	// shrinkage is workforce.shrinkage, applied to the roster's staff.
	shrinkage float64
	// pooled holds the names of the stages a pool serves, whose own
	// staff are optional.
	pooled map[string]bool
	opt    Options
	ctx    context.Context // nil: never cancelled
	// read are the operating-system paths of the files read: the
	// scenario, the files it extends, its data files (see Inputs).
	read []string
}

// readOS records path as read when fsys is the operating system's.
func (d *decoder) readOS(fsys fs.FS, path string) {
	if _, ok := fsys.(osFS); ok && !slices.Contains(d.read, path) {
		d.read = append(d.read, path)
	}
}

func (d *decoder) fileOf(n *yaml.Node) string {
	if f, ok := d.files[n]; ok {
		return f
	}
	return d.main
}

// full reports whether no more errors are recorded (maxErrors): callers
// skip costly messages then.
func (d *decoder) full() bool { return len(d.errs) >= maxErrors }

// errorf records a problem with field at node n (nil: no position).
func (d *decoder) errorf(n *yaml.Node, field, format string, args ...any) {
	e := &Error{File: d.main, Field: field, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.File, e.Line, e.Column = d.fileOf(n), n.Line, n.Column
	}
	if len(d.errs) < maxErrors {
		d.errs = append(d.errs, e)
	}
}

// entry is a key and its value in a YAML mapping.
type entry struct {
	key, val *yaml.Node
}

// fields reads mapping n at path, checking that every key is one of known
// (in any order, each at most once). It returns the values by key; nil if
// n is not a mapping.
func (d *decoder) fields(n *yaml.Node, path string, known ...string) map[string]*yaml.Node {
	es := d.entries(n, path)
	if es == nil {
		return nil
	}
	out := make(map[string]*yaml.Node, len(es))
	for _, e := range es {
		k := e.key.Value
		if !slices.Contains(known, k) {
			msg := fmt.Sprintf("unknown field %q", k)
			if c := closest(k, known); len(c) > 0 {
				msg += fmt.Sprintf(" (did you mean %s?)", strings.Join(quoteAll(c), " or "))
			}
			d.errorf(e.key, path, "%s; valid fields are %s", msg, strings.Join(known, ", "))
			continue
		}
		out[k] = e.val
	}
	return out
}

// entries reads mapping n in file order, rejecting duplicate keys.
func (d *decoder) entries(n *yaml.Node, path string) []entry {
	n = deref(n)
	if n == nil {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "expected a mapping of fields (key: value), got %s", describe(n))
		return nil
	}
	seen := map[string]bool{}
	out := []entry{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], deref(n.Content[i+1])
		if seen[k.Value] {
			d.errorf(k, path, "%q is given twice", k.Value)
			continue
		}
		seen[k.Value] = true
		out = append(out, entry{k, v})
	}
	return out
}

// list reads sequence n.
func (d *decoder) list(n *yaml.Node, path string) []*yaml.Node {
	n = deref(n)
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, path, "expected a list (lines starting with '- ' or [a, b]), got %s", describe(n))
		return nil
	}
	out := make([]*yaml.Node, len(n.Content))
	for i, c := range n.Content {
		out[i] = deref(c)
	}
	return out
}

func deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n != nil && n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		return deref(n.Content[0])
	}
	return n
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Value == "" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "something else"
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}

// scalar returns n's text, or reports that a single value was expected.
func (d *decoder) scalar(n *yaml.Node, path string) (string, bool) {
	if n == nil {
		return "", false
	}
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, path, "expected a single value, got %s", describe(n))
		return "", false
	}
	return strings.TrimSpace(n.Value), true
}

func (d *decoder) str(n *yaml.Node, path string) string {
	s, _ := d.scalar(n, path)
	return s
}

// name reads a required identifier-like name.
func (d *decoder) name(n *yaml.Node, parent *yaml.Node, path string) string {
	if n == nil {
		d.errorf(parent, path, "missing name")
		return ""
	}
	s, ok := d.scalar(n, path+".name")
	if ok && s == "" {
		d.errorf(n, path+".name", "must not be empty")
	}
	if strings.ContainsAny(s, ".=,") {
		d.errorf(n, path+".name", "%q: names must not contain '.', '=' or ',' (they are used in KPI names and paths)", s)
	}
	return s
}

func (d *decoder) number(n *yaml.Node, path string) (float64, bool) {
	s, ok := d.scalar(n, path)
	if !ok {
		return 0, false
	}
	v, err := parseNumber(s)
	if err != nil {
		d.errorf(n, path, "%v", err)
		return 0, false
	}
	return v, true
}

// numberIn reads a number in [lo, hi].
func (d *decoder) numberIn(n *yaml.Node, path string, lo, hi float64) float64 {
	v, ok := d.number(n, path)
	switch {
	case !ok || v >= lo && v <= hi:
	case hi == math.MaxFloat64:
		d.errorf(n, path, "must be >= %g (got %g)", lo, v)
	default:
		d.errorf(n, path, "must be between %g and %g (got %g)", lo, hi, v)
	}
	return v
}

func (d *decoder) nonNegative(n *yaml.Node, path string) float64 {
	return d.numberIn(n, path, 0, math.MaxFloat64)
}

// hourlyCost reads a cost per staff hour, in [0, maxCostPerHour]: past
// it a week's pay overflows to infinity and the cost KPIs read n/a
// instead of failing here.
func (d *decoder) hourlyCost(n *yaml.Node, path string) float64 {
	return d.numberIn(n, path, 0, maxCostPerHour)
}

// Bounds of a speed factor. Far outside them the service times become
// zero or longer than any run, so staff finish at once or never, and the
// run reports that without a word about the factor.
const (
	minSpeed = 0.01
	maxSpeed = 100
)

// speed reads a speed factor, which divides service times.
func (d *decoder) speed(n *yaml.Node, path string) float64 {
	v := d.positive(n, path)
	if v > 0 && (v < minSpeed || v > maxSpeed) {
		d.errorf(n, path, "must be between %g and %g, a factor that divides the service times (got %g)", float64(minSpeed), float64(maxSpeed), v)
	}
	return v
}

func (d *decoder) positive(n *yaml.Node, path string) float64 {
	v, ok := d.number(n, path)
	if ok && !(v > 0) {
		d.errorf(n, path, "must be greater than 0 (got %g)", v)
	}
	return v
}

func (d *decoder) prob(n *yaml.Node, path string) float64 {
	return d.numberIn(n, path, 0, 1)
}

// integer reads a whole number in [lo, hi]. A number past int64, or
// written with an exponent, is out of range rather than "not a whole
// number" when it is one: 99999999999999999999 and 1e12 are whole
// numbers, only too large for the field.
func (d *decoder) integer(n *yaml.Node, path string, lo, hi int) int {
	s, ok := d.scalar(n, path)
	if !ok {
		return 0
	}
	v, err := wholeIn(s, int64(lo), int64(hi))
	if err != nil {
		d.errorf(n, path, "%v", err)
		return 0
	}
	return int(v)
}

func (d *decoder) boolean(n *yaml.Node, path string) bool {
	s, ok := d.scalar(n, path)
	if !ok {
		return false
	}
	switch strings.ToLower(s) {
	case "true", "yes", "on":
		return true
	case "false", "no", "off":
		return false
	}
	d.errorf(n, path, "%q is not true or false; valid: true, false, yes, no, on or off", s)
	return false
}

// choice reads one of a fixed set of words.
func (d *decoder) choice(n *yaml.Node, path string, choices []string) int {
	s, ok := d.scalar(n, path)
	if !ok {
		return 0
	}
	i := slices.Index(choices, s)
	if i < 0 {
		d.errorf(n, path, "%q is not valid; valid: %s", s, oneOf(choices))
		return 0
	}
	return i
}

// duration reads a duration (minutes, >= 0).
func (d *decoder) duration(n *yaml.Node, path string) float64 {
	s, ok := d.scalar(n, path)
	if !ok {
		return 0
	}
	v, err := parseDuration(s)
	if err != nil {
		d.errorf(n, path, "%v", err)
	}
	return v
}

func (d *decoder) positiveDuration(n *yaml.Node, path string) float64 {
	v := d.duration(n, path)
	if v == 0 && n != nil && n.Kind == yaml.ScalarNode {
		if _, err := parseDuration(n.Value); err == nil {
			d.errorf(n, path, "must be longer than 0 (got %s); valid: %s", n.Value, validDuration)
		}
	}
	return v
}

// parseAny applies parse to n's text, reporting its error at n.
func parseAny[T any](d *decoder, n *yaml.Node, path string, parse func(string) (T, error)) (T, bool) {
	var zero T
	s, ok := d.scalar(n, path)
	if !ok {
		return zero, false
	}
	v, err := parse(s)
	if err != nil {
		d.errorf(n, path, "%v", err)
		return zero, false
	}
	return v, true
}

// names indexes the names of a list of named items, reporting duplicates.
func (d *decoder) names(items []*yaml.Node, path string) map[string]int {
	idx := map[string]int{}
	for i, n := range items {
		if n.Kind != yaml.MappingNode {
			continue
		}
		name := valueOf(n, "name")
		if name == nil {
			continue
		}
		if _, dup := idx[name.Value]; dup {
			d.errorf(name, path, "%q is named twice", name.Value)
			continue
		}
		idx[name.Value] = i
	}
	return idx
}

// valueOf returns the value of key in mapping n, or nil.
func valueOf(n *yaml.Node, key string) *yaml.Node {
	n = deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return deref(n.Content[i+1])
		}
	}
	return nil
}

// ref resolves a reference to a named item (a stage, a channel).
func (d *decoder) ref(n *yaml.Node, path, kind string, idx map[string]int) int {
	s, ok := d.scalar(n, path)
	if !ok {
		return -1
	}
	i, found := idx[s]
	if !found && d.full() {
		return -1 // reported no more: listing the names costs their number
	}
	if !found {
		known := make([]string, 0, len(idx))
		for k := range idx {
			known = append(known, k)
		}
		slices.Sort(known)
		msg := fmt.Sprintf("no %s named %q", kind, s)
		if c := closest(s, known); len(c) > 0 {
			msg += fmt.Sprintf(" (did you mean %s?)", strings.Join(quoteAll(c), " or "))
		}
		plural := kind + "s"
		if strings.HasSuffix(kind, "s") {
			plural = kind + "es"
		}
		if len(known) == 0 {
			d.errorf(n, path, "%s; the scenario has no %s", msg, plural)
			return -1
		}
		d.errorf(n, path, "%s; the %s are %s", msg, plural, strings.Join(known, ", "))
		return -1
	}
	return i
}
