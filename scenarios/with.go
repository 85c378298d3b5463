package scenarios

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v4"
)

// With returns a copy of s with the fields at the given paths set to new
// values, as a sweep does: "stages.booking.staff" = "4". A path names
// fields by their keys and list items by their name (or index). The value
// is read as in the file, so it is checked and reported the same way. A
// path that names no field, a field With cannot change (see fixed), or
// the same field as an earlier path is a *PathError.
func (s *Scenario) With(set [][2]string) (*Scenario, error) {
	d := &decoder{files: maps.Clone(s.dec.files), main: s.dec.main, data: s.dec.data, opt: s.dec.opt, read: slices.Clone(s.dec.read)}
	if d.data.dec != nil {
		d.data.dec = d
	}
	doc := d.clone(s.doc)
	seen := map[string]string{} // field set, by its path with items by name, to the path given
	for _, kv := range set {
		if err := fixedError(kv[0]); err != nil {
			return nil, err
		}
		at, err := setPath(doc, kv[0], kv[1])
		if err != nil {
			return nil, err
		}
		if first, dup := seen[at]; dup {
			why := "set twice"
			if first != kv[0] {
				why = "the same field as " + first
			}
			return nil, &PathError{Path: kv[0], Why: why + "; give each field once, with all its values"}
		}
		seen[at] = kv[0]
	}
	out := d.decode(doc)
	if len(d.errs) > 0 {
		for _, e := range d.errs {
			e.Msg += " (with " + describeSet(set) + ")"
		}
		return nil, d.errs.sorted()
	}
	out.Source, out.Hash, out.doc, out.dec, out.base, out.Variant = s.Source, s.Hash, doc, d, s, s.Variant
	out.Title, out.Replications, out.Seed, out.SeedSet = s.Title, s.Replications, s.Seed, s.SeedSet
	return out, nil
}

func describeSet(set [][2]string) string {
	parts := make([]string, len(set))
	for i, kv := range set {
		parts[i] = kv[0] + "=" + kv[1]
	}
	return strings.Join(parts, ", ")
}

// Paths lists every path With accepts in s: the fields present in the
// file, list items by name.
func (s *Scenario) Paths() []string {
	var out []string
	var rec func(n *yaml.Node, prefix string)
	rec = func(n *yaml.Node, prefix string) {
		n = deref(n)
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				p := join(prefix, n.Content[i].Value)
				out = append(out, p)
				rec(n.Content[i+1], p)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				key := strconv.Itoa(i)
				if nm := valueOf(c, "name"); nm != nil {
					key = nm.Value
				}
				p := join(prefix, key)
				if c.Kind == yaml.MappingNode {
					rec(c, p)
				}
			}
		}
	}
	rec(s.doc, "")
	return out
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// fixed are the top-level fields With cannot change, each with why: the
// run settings and the title are kept from the scenario (a sweep's points
// share them, for common random numbers), and extends and variants are
// read when the file is loaded.
var fixed = map[string]string{
	"seed":         "every point runs on the scenario's seed, for common random numbers (set it with --seed)",
	"replications": "every point runs the scenario's replications (set them with -r)",
	"title":        "the points keep the scenario's title and are named by their values",
	"extends":      "the file a scenario extends is read when it is loaded; vary the fields it sets instead",
	"variants":     "variants are read when the scenario is loaded; run them with compare or --variant",
}

// fixedError is the *PathError of a path under a fixed field, or nil.
func fixedError(path string) error {
	top, _, _ := strings.Cut(path, ".")
	why, ok := fixed[top]
	if !ok {
		return nil
	}
	var valid []string
	for _, f := range topFields {
		if _, fixed := fixed[f]; !fixed {
			valid = append(valid, f)
		}
	}
	return &PathError{Path: path, Why: fmt.Sprintf("cannot be varied: %s; the fields that can are those under %s", why, strings.Join(valid, ", "))}
}

// setPath sets the value at a dotted path of doc. The last key may be new
// (a field the file left at its default). It returns the path of the
// field set with list items by name where they have one, so that two
// paths to one field compare equal.
func setPath(doc *yaml.Node, path, value string) (string, error) {
	keys := strings.Split(path, ".")
	at := make([]string, 0, len(keys))
	n := deref(doc)
	for i, k := range keys {
		last := i == len(keys)-1
		switch n.Kind {
		case yaml.MappingNode:
			var next *yaml.Node
			for j := 0; j+1 < len(n.Content); j += 2 {
				if n.Content[j].Value == k {
					if last {
						n.Content[j+1] = scalarLike(n.Content[j+1], value)
						return strings.Join(append(at, k), "."), nil
					}
					next = deref(n.Content[j+1])
				}
			}
			if next == nil {
				if last {
					n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k, Line: n.Line},
						scalarLike(n, value))
					return strings.Join(append(at, k), "."), nil
				}
				return "", pathError(doc, path, strings.Join(keys[:i+1], "."))
			}
			at = append(at, k)
			n = next
		case yaml.SequenceNode:
			var next *yaml.Node
			for j, c := range n.Content {
				if nm := valueOf(c, "name"); (nm != nil && nm.Value == k) || strconv.Itoa(j) == k {
					next = deref(c)
					key := strconv.Itoa(j)
					if nm != nil {
						key = nm.Value
					}
					if last {
						n.Content[j] = scalarLike(c, value)
						return strings.Join(append(at, key), "."), nil
					}
					at = append(at, key)
					break
				}
			}
			if next == nil {
				return "", pathError(doc, path, strings.Join(keys[:i+1], "."))
			}
			n = next
		default:
			return "", pathError(doc, path, strings.Join(keys[:i], "."))
		}
	}
	return path, nil
}

func scalarLike(at *yaml.Node, value string) *yaml.Node {
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(value), &n); err == nil && deref(&n) != nil && deref(&n).Kind != 0 {
		v := cloneNode(deref(&n))
		walk(v, func(c *yaml.Node) { c.Line, c.Column = at.Line, at.Column })
		return v
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Value: value, Line: at.Line, Column: at.Column}
}

// PathError is a path that names nothing in the scenario, or a field
// that With cannot set.
type PathError struct {
	Path    string
	Near    []string // valid paths close to it
	Missing string   // the longest prefix that does not exist
	// Why, when set, says why a path that exists cannot be set.
	Why string
}

func (e *PathError) Error() string {
	if e.Why != "" {
		return e.Path + ": " + e.Why
	}
	msg := fmt.Sprintf("%s: no such field (%s does not exist)", e.Path, e.Missing)
	if len(e.Near) > 0 {
		msg += "; valid paths near it: " + strings.Join(e.Near, ", ")
	}
	return msg
}

func pathError(doc *yaml.Node, path, missing string) error {
	s := &Scenario{doc: doc}
	all := s.Paths()
	near := closest(path, all)
	if len(near) == 0 {
		prefix := missing[:max(0, strings.LastIndex(missing, "."))]
		for _, p := range all {
			if strings.HasPrefix(p, prefix) && strings.Count(p, ".") == strings.Count(missing, ".") && len(near) < 8 {
				near = append(near, p)
			}
		}
	}
	return &PathError{Path: path, Near: near, Missing: missing}
}
