// Package scenarios reads scenario files: YAML descriptions of a service
// process (opening hours, demand, stages, staff, satisfaction model, alerts
// and variants) that become a sim.Model. Every problem is reported with
// its file, line and field; nothing is silently defaulted that the file
// format does not document (docs/scenarios.md).
package scenarios

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/svcsim/svcsim/sim"
	yaml "go.yaml.in/yaml/v4"
)

// Scenario is a decoded scenario file.
type Scenario struct {
	Title, Description string
	Currency           string // e.g. "EUR" or "¥"; "" when costs are unitless
	// Source is the file the scenario was read from ("builtin:NAME" for a
	// built-in); Hash is the SHA-256 of its bytes (and of the files it
	// extends), for manifests.
	Source, Hash string

	Model *sim.Model

	// Replications and Seed are the file's run settings; 0 when unset.
	// SeedSet tells a file's seed: 0 from no seed at all.
	Replications int
	Seed         uint64
	SeedSet      bool

	// Variant is the name of the variant this scenario is ("" for the
	// base); Variants are the file's variants, each a complete scenario.
	Variant  string
	Variants []*Scenario

	// Warnings are things that are valid but probably not meant; Notes
	// are facts derived from data files (fitted arrival rates) for the
	// planner to check.
	Warnings, Notes []string

	doc  *yaml.Node // the merged document, for With
	dec  *decoder
	base *Scenario // the scenario a variant or With was derived from
}

// Name is the scenario's name: the file's name, then the variant's.
func (s *Scenario) Name() string { return s.Model.Name }

// Options control how a scenario file is read.
type Options struct {
	// AllowIdle accepts a scenario that serves nobody — open on no day,
	// or with a stage that customers reach but that never has staff —
	// for what-if runs. Without it these are errors.
	AllowIdle bool
}

// Load reads the scenario file at path with default Options. Paths
// inside it (extends, data files) are relative to the folder of the file
// being loaded and may go up with ".."; absolute paths are refused, so
// that a folder of scenarios reads the same wherever it is moved.
func Load(path string) (*Scenario, error) {
	return LoadContext(context.Background(), path, Options{})
}

// LoadContext is Load with options, stopped by ctx: when ctx is done it
// returns ctx.Err() at once (a large file can take seconds to parse), and
// the reading it abandons stops at its next check.
func LoadContext(ctx context.Context, path string, opt Options) (*Scenario, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	type result struct {
		s   *Scenario
		err error
	}
	done := make(chan result, 1)
	go func() {
		s, err := loadWith(ctx, osFS{}, filepath.ToSlash(filepath.Clean(path)), path, opt)
		done <- result{s, err}
	}()
	select {
	case r := <-done:
		return r.s, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// osFS reads files by their operating-system paths (relative to the
// working directory, "/"-separated), ".." included: os.DirFS refuses
// "../base.yaml", the very path a folder of scenarios calls for.
type osFS struct{}

func (osFS) Open(name string) (fs.File, error) { return os.Open(filepath.FromSlash(name)) }

// readable reports why fsys cannot be asked for name, or nil: an os
// directory takes any path; other file systems (the built-ins, tests)
// only paths inside them.
func readable(fsys fs.FS, name string) error {
	if _, ok := fsys.(osFS); ok || fs.ValidPath(name) {
		return nil
	}
	return fmt.Errorf("it lies outside the folder files are read from here")
}

// Parse reads a scenario from src; file names it in errors, and data
// files it refers to are read from fsys relative to file's directory
// (nil: no data files).
func Parse(fsys fs.FS, file string, src []byte) (*Scenario, error) {
	d := &decoder{files: map[*yaml.Node]string{}, main: file}
	d.data = dataFiles{fsys: fsys, dir: filepathDir(file)}
	doc, hash, err := d.parseDoc(fsys, file, src, nil)
	if err != nil {
		return nil, err
	}
	return d.finish(doc, file, hash)
}

func filepathDir(file string) string {
	dir := filepath.ToSlash(filepath.Dir(file))
	if dir == "" {
		return "."
	}
	return dir
}

func load(fsys fs.FS, name, shown string) (*Scenario, error) {
	return loadWith(context.Background(), fsys, name, shown, Options{})
}

func loadWith(ctx context.Context, fsys fs.FS, name, shown string, opt Options) (*Scenario, error) {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, Errors{{File: shown, Msg: "no such file"}}
		}
		return nil, Errors{{File: shown, Msg: err.Error()}}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	d := &decoder{files: map[*yaml.Node]string{}, main: shown, opt: opt, ctx: ctx}
	d.data = dataFiles{fsys: fsys, dir: filepathDir(name)}
	doc, hash, err := d.parseDoc(fsys, name, src, nil)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return d.finish(doc, shown, hash)
}

// parseDoc parses src (the file name within fsys) and the files it
// extends, merged, returning the document and a hash of every file read.
func (d *decoder) parseDoc(fsys fs.FS, name string, src []byte, chain []string) (*yaml.Node, string, error) {
	shown := d.main
	if len(chain) > 0 {
		shown = name
	}
	if e := badBytes(shown, src); e != nil {
		return nil, "", Errors{e}
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc, second yaml.Node
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return nil, "", Errors{yamlError(shown, err)}
	}
	// A scenario file is one document: a second one after "---" would
	// otherwise be ignored without a word.
	switch err := dec.Decode(&second); {
	case err == nil:
		return nil, "", Errors{{File: shown, Line: second.Line, Column: max(second.Column, 1),
			Msg: "a second YAML document starts here (after ---); a scenario file holds one scenario: give alternatives as variants: in the first"}}
	case !errors.Is(err, io.EOF):
		return nil, "", Errors{yamlError(shown, err)}
	}
	root := deref(&doc)
	if root == nil || root.Kind == 0 || (root.Kind == yaml.ScalarNode && root.Value == "") {
		return nil, "", Errors{{File: shown, Msg: "the file is empty; see 'svcsim scenarios show clinic' for an example"}}
	}
	walk(root, func(n *yaml.Node) { d.files[n] = shown })
	h := sha256.Sum256(src)
	hash := hex.EncodeToString(h[:])
	ext := valueOf(root, "extends")
	if ext == nil {
		return root, hash, nil
	}
	if ext.Kind != yaml.ScalarNode || ext.Value == "" {
		return nil, "", Errors{{File: shown, Line: ext.Line, Column: ext.Column, Field: "extends", Msg: "expected the path of the scenario file this one extends"}}
	}
	if isAbs(ext.Value) {
		return nil, "", Errors{{File: shown, Line: ext.Line, Column: ext.Column, Field: "extends", Msg: fmt.Sprintf("%s: absolute paths are refused; give the path relative to this file's folder, e.g. ../base.yaml", ext.Value)}}
	}
	basePath := pathJoin(filepathDir(name), ext.Value)
	if fsys != nil {
		if err := readable(fsys, basePath); err != nil {
			return nil, "", Errors{{File: shown, Line: ext.Line, Column: ext.Column, Field: "extends", Msg: fmt.Sprintf("cannot read %s: %v", ext.Value, err)}}
		}
	}
	if slices.Contains(chain, basePath) || basePath == name {
		return nil, "", Errors{{File: shown, Line: ext.Line, Column: ext.Column, Field: "extends", Msg: fmt.Sprintf("%s extends itself through %s", ext.Value, strings.Join(append(chain, name), " -> "))}}
	}
	if fsys == nil {
		return nil, "", Errors{{File: shown, Line: ext.Line, Column: ext.Column, Field: "extends", Msg: "files cannot be read here"}}
	}
	baseSrc, err := fs.ReadFile(fsys, basePath)
	if err != nil {
		return nil, "", Errors{{File: shown, Line: ext.Line, Column: ext.Column, Field: "extends", Msg: fmt.Sprintf("cannot read %s: %v", ext.Value, errors.Unwrap(err))}}
	}
	baseDoc, baseHash, err := d.parseDoc(fsys, basePath, baseSrc, append(chain, name))
	if err != nil {
		return nil, "", err
	}
	if baseDoc.Kind != yaml.MappingNode {
		return nil, "", Errors{{File: shown, Line: ext.Line, Column: ext.Column, Field: "extends",
			Msg: fmt.Sprintf("%s is not a scenario: it holds %s, not the fields of a scenario (name, open, channels, stages, ...)", ext.Value, kindOf(baseDoc))}}
	}
	merged := d.merge(baseDoc, root, "")
	removeKey(merged, "extends")
	sum := sha256.Sum256([]byte(hash + baseHash))
	return merged, hex.EncodeToString(sum[:]), nil
}

// kindOf names n's kind without quoting it (it may be any file).
func kindOf(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return "a single value"
	}
	return describe(n)
}

// pathJoin resolves the relative path p against dir, both "/"-separated.
func pathJoin(dir, p string) string {
	return path.Clean(path.Join(dir, filepath.ToSlash(p)))
}

// isAbs reports whether p is an absolute path on any system (a scenario
// folder may move between them).
func isAbs(p string) bool {
	return filepath.IsAbs(p) || strings.HasPrefix(p, "/") || strings.HasPrefix(p, `\`) || len(p) >= 2 && p[1] == ':'
}

// finish builds the scenario and its variants from the merged document.
func (d *decoder) finish(doc *yaml.Node, source, hash string) (*Scenario, error) {
	variants := valueOf(doc, "variants")
	base := d.clone(doc)
	removeKey(base, "variants")
	s := d.decode(base)
	if len(d.errs) > 0 {
		return nil, d.errs.sorted()
	}
	s.Source, s.Hash, s.doc, s.dec = source, hash, base, d
	if variants == nil {
		return s, nil
	}
	items := d.list(variants, "variants")
	seen := map[string]bool{s.Model.Name: true}
	for i, v := range items {
		if d.ctx != nil && d.ctx.Err() != nil {
			return nil, d.ctx.Err()
		}
		path := fmt.Sprintf("variants[%d]", i)
		nameNode := valueOf(v, "name")
		if v.Kind != yaml.MappingNode || nameNode == nil || nameNode.Value == "" {
			d.errorf(v, path, "each variant needs a name and the fields it changes, e.g. {name: booking+1, stages: [{name: booking, staff: 4}]}")
			continue
		}
		if seen[nameNode.Value] {
			d.errorf(nameNode, path, "%q is already the name of the scenario or another variant", nameNode.Value)
			continue
		}
		seen[nameNode.Value] = true
		for i := 0; i+1 < len(v.Content); i += 2 {
			if k := v.Content[i].Value; k == "variants" || k == "extends" {
				d.errorf(v.Content[i], path, "a variant cannot contain %s", k)
			}
		}
		over := d.clone(v)
		removeKey(over, "name")
		vdoc := d.merge(base, over, "")
		vs := d.decode(vdoc)
		if vs == nil || len(d.errs) > 0 {
			continue
		}
		vs.Variant = nameNode.Value
		vs.Model.Name = nameNode.Value
		vs.Source, vs.Hash, vs.doc, vs.dec, vs.base = source, hash, vdoc, d, s
		s.Variants = append(s.Variants, vs)
	}
	if len(d.errs) > 0 {
		return nil, d.errs.sorted()
	}
	return s, nil
}

// decode builds one scenario from a document, checking the model with
// the engine's own validation last.
func (d *decoder) decode(doc *yaml.Node) *Scenario {
	before := len(d.errs)
	s := &Scenario{}
	d.notes = nil
	d.build(doc, s)
	s.Notes = d.notes
	if len(d.errs) == before && s.Model == nil {
		d.errorf(doc, "", "expected the fields of a scenario (name, open, channels, stages, ...)")
	}
	if len(d.errs) > before {
		return nil
	}
	if err := s.Model.Validate(); err != nil {
		// The decoder checks what it can at the field concerned; what only
		// the engine's validation finds is reported at the item it names.
		msg := strings.TrimPrefix(err.Error(), "sim: ")
		n, field := locate(doc, msg)
		d.errorf(n, field, "%s", msg)
		return nil
	}
	if s.Model.Satisfaction != nil {
		if err := s.Model.Satisfaction.Validate(s.Model); err != nil {
			d.errorf(valueOf(doc, "satisfaction"), "satisfaction", "%s", strings.TrimPrefix(err.Error(), "sim: satisfaction: "))
			return nil
		}
	}
	if !d.opt.AllowIdle && d.idle(doc, s.Model) {
		return nil
	}
	s.Warnings = append(s.Warnings, warnings(s.Model)...)
	return s
}

// idle reports (as errors) a model that serves nobody: open on no day, or
// a stage customers reach that never has anyone on duty. Options.AllowIdle
// accepts them for what-if runs.
func (d *decoder) idle(doc *yaml.Node, m *sim.Model) bool {
	const allow = "(for a what-if run, allow it with --allow-idle)"
	found := false
	if !slices.ContainsFunc(m.Open[:], func(w sim.Window) bool { return !w.Closed() }) {
		d.errorf(valueOf(doc, "open"), "open", "the scenario is open on no day, so nobody arrives; open it on at least one day %s", allow)
		found = true
	}
	if found {
		return true // every stage's staff follows the opening hours
	}
	reached := reachedStages(m)
	stages := valueOf(doc, "stages")
	for i, st := range m.Stages {
		if !reached[i] || staffed(&st) {
			continue
		}
		var at *yaml.Node
		if stages != nil && stages.Kind == yaml.SequenceNode && i < len(stages.Content) {
			at = valueOf(stages.Content[i], "staff")
			if at == nil {
				at = valueOf(stages.Content[i], "groups")
			}
			if at == nil {
				at = valueOf(stages.Content[i], "name")
			}
		}
		if at == nil {
			at = doc
		}
		d.errorf(at, "stages."+st.Name+".staff", "customers reach stage %s but nobody is ever on duty there, so none of them is served; give it staff %s", st.Name, allow)
		found = true
	}
	return found
}

// staffed reports whether anyone is ever on duty at s.
func staffed(s *sim.Stage) bool {
	for _, g := range s.Groups {
		for _, day := range g.Staff {
			for _, seg := range day {
				if seg.Value > 0 {
					return true
				}
			}
		}
	}
	return false
}

// itemNamed matches the item an engine validation error is about.
var itemNamed = regexp.MustCompile(`^(stage|channel|class) "([^"]*)"`)

// locate returns the node of doc, and its path, that the engine's
// validation message msg is about: the stage, channel or class it names,
// else the section, else the document.
func locate(doc *yaml.Node, msg string) (*yaml.Node, string) {
	if m := itemNamed.FindStringSubmatch(msg); m != nil {
		list := map[string]string{"stage": "stages", "channel": "channels", "class": "classes"}[m[1]]
		if items := valueOf(doc, list); items != nil && items.Kind == yaml.SequenceNode {
			for _, it := range items.Content {
				if nm := valueOf(it, "name"); nm != nil && nm.Value == m[2] {
					return nm, list + "." + m[2]
				}
			}
		}
	}
	for _, sec := range []struct{ prefix, key string }{
		{"satisfaction", "satisfaction"}, {"threshold", "alerts"}, {"trace", "arrivals"},
	} {
		if strings.HasPrefix(msg, sec.prefix) {
			if n := valueOf(doc, sec.key); n != nil {
				return n, sec.key
			}
		}
	}
	return doc, ""
}

// All returns the scenario followed by its variants.
func (s *Scenario) All() []*Scenario {
	return append([]*Scenario{s}, s.Variants...)
}

// With returns a copy of s with the fields at the given paths set to new
// values, as a sweep does: "stages.booking.staff" = "4". A path names
// fields by their keys and list items by their name (or index). The value
// is read as in the file, so it is checked and reported the same way.
func (s *Scenario) With(set [][2]string) (*Scenario, error) {
	d := &decoder{files: maps.Clone(s.dec.files), main: s.dec.main, data: s.dec.data, opt: s.dec.opt}
	doc := d.clone(s.doc)
	for _, kv := range set {
		if err := setPath(doc, kv[0], kv[1]); err != nil {
			return nil, err
		}
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

// setPath sets the value at a dotted path of doc. The last key may be new
// (a field the file left at its default).
func setPath(doc *yaml.Node, path, value string) error {
	keys := strings.Split(path, ".")
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
						return nil
					}
					next = deref(n.Content[j+1])
				}
			}
			if next == nil {
				if last {
					n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k, Line: n.Line},
						scalarLike(n, value))
					return nil
				}
				return pathError(doc, path, strings.Join(keys[:i+1], "."))
			}
			n = next
		case yaml.SequenceNode:
			var next *yaml.Node
			for j, c := range n.Content {
				if nm := valueOf(c, "name"); (nm != nil && nm.Value == k) || strconv.Itoa(j) == k {
					next = deref(c)
					if last {
						n.Content[j] = scalarLike(c, value)
						return nil
					}
				}
			}
			if next == nil {
				return pathError(doc, path, strings.Join(keys[:i+1], "."))
			}
			n = next
		default:
			return pathError(doc, path, strings.Join(keys[:i], "."))
		}
	}
	return nil
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

// PathError is a path that names nothing in the scenario.
type PathError struct {
	Path    string
	Near    []string // valid paths close to it
	Missing string   // the longest prefix that does not exist
}

func (e *PathError) Error() string {
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

// merge returns base with over laid on top: mappings merge key by key,
// lists of named items merge item by item (new names are appended), and
// anything else in over replaces base. Schedules (staff, rates, open) are
// replaced whole, so a variant's staffing is read exactly as written.
func (d *decoder) merge(base, over *yaml.Node, key string) *yaml.Node {
	base, over = deref(base), deref(over)
	if base == nil {
		return d.clone(over)
	}
	if over == nil {
		return d.clone(base)
	}
	whole := map[string]bool{"staff": true, "rates": true, "open": true, "weekdays": true, "route": true}
	switch {
	case base.Kind == yaml.MappingNode && over.Kind == yaml.MappingNode && !whole[key]:
		// Indexed by key, so that merging large mappings costs their size,
		// not its square; a key given twice merges into each (the decoder
		// then reports the duplicate).
		out := d.clone(base)
		at := map[string][]int{}
		for j := 0; j+1 < len(out.Content); j += 2 {
			at[out.Content[j].Value] = append(at[out.Content[j].Value], j)
		}
		for i := 0; i+1 < len(over.Content); i += 2 {
			k := over.Content[i].Value
			js, found := at[k]
			for _, j := range js {
				out.Content[j+1] = d.merge(out.Content[j+1], over.Content[i+1], k)
			}
			if !found {
				out.Content = append(out.Content, over.Content[i], d.clone(over.Content[i+1]))
			}
		}
		return out
	case base.Kind == yaml.SequenceNode && over.Kind == yaml.SequenceNode && namedList(base) && namedList(over):
		out := d.clone(base)
		at := map[string][]int{}
		for j, b := range out.Content {
			n := valueOf(b, "name").Value
			at[n] = append(at[n], j)
		}
		for _, o := range over.Content {
			name := valueOf(o, "name").Value
			js, found := at[name]
			for _, j := range js {
				out.Content[j] = d.merge(out.Content[j], o, "item")
			}
			if !found {
				out.Content = append(out.Content, d.clone(o))
			}
		}
		return out
	}
	return d.clone(over)
}

func namedList(n *yaml.Node) bool {
	for _, c := range n.Content {
		if nm := valueOf(c, "name"); nm == nil || nm.Kind != yaml.ScalarNode {
			return false
		}
	}
	return len(n.Content) > 0
}

// clone deep-copies n, remembering the file each copied node came from.
func (d *decoder) clone(n *yaml.Node) *yaml.Node {
	c := cloneNode(n)
	var rec func(orig, cp *yaml.Node)
	rec = func(orig, cp *yaml.Node) {
		if orig == nil {
			return
		}
		if f, ok := d.files[orig]; ok {
			d.files[cp] = f
		}
		for i := range orig.Content {
			rec(orig.Content[i], cp.Content[i])
		}
	}
	rec(n, c)
	return c
}

func cloneNode(n *yaml.Node) *yaml.Node {
	if n == nil {
		return nil
	}
	c := *n
	if n.Content != nil {
		c.Content = make([]*yaml.Node, len(n.Content))
		for i, k := range n.Content {
			c.Content[i] = cloneNode(k)
		}
	}
	return &c
}

func removeKey(n *yaml.Node, key string) {
	n = deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			n.Content = append(n.Content[:i], n.Content[i+2:]...)
			return
		}
	}
}

func walk(n *yaml.Node, f func(*yaml.Node)) {
	if n == nil {
		return
	}
	f(n)
	for _, c := range n.Content {
		walk(c, f)
	}
}

// Describe states the scenario's assumptions in plain words, one line
// each, for reports: calendar, demand, staffing and costs per stage.
func (s *Scenario) Describe() []string {
	m := s.Model
	var out []string
	if s.Title != "" {
		out = append(out, s.Title)
	}
	out = append(out, fmt.Sprintf("%d simulated day(s) from a %v, warm-up %s, reporting intervals of %s.", m.Days, m.StartDay, minutes(m.Warmup), minutes(m.Interval)))
	var open []string
	for d := range 7 {
		wd := (int(time.Monday) + d) % 7
		if w := m.Open[wd]; !w.Closed() {
			open = append(open, fmt.Sprintf("%s %s-%s", dayNames[wd], fmtClock(w.From), fmtClock(w.To)))
		}
	}
	out = append(out, "Open "+strings.Join(open, ", ")+".")
	for _, c := range m.Channels {
		perDay := 0.0
		days := 0
		for wd, segs := range c.Rates {
			if m.Open[wd].Closed() {
				continue
			}
			days++
			for _, sg := range segs {
				from, to := max(sg.From, m.Open[wd].From), min(sg.To, m.Open[wd].To)
				if to > from {
					perDay += sg.Value * (to - from)
				}
			}
		}
		var route []string
		for _, st := range c.Route {
			r := m.Stages[st.Stage].Name
			if st.ByAppointment {
				r += " (appointment)"
			}
			if st.Prob < 1 {
				r += fmt.Sprintf(" (%.0f%%)", st.Prob*100)
			}
			route = append(route, r)
		}
		if days > 0 {
			perDay /= float64(days)
		}
		out = append(out, fmt.Sprintf("Channel %s: about %.0f customers per open day; route %s.", c.Name, perDay, strings.Join(route, " → ")))
	}
	for _, st := range m.Stages {
		var groups []string
		for _, g := range st.Groups {
			peak := 0.0
			var parts []string
			for _, seg := range g.Staff[int(time.Monday)] {
				peak = max(peak, seg.Value)
				parts = append(parts, fmt.Sprintf("%s-%s %g", fmtClock(seg.From), fmtClock(seg.To), seg.Value))
			}
			desc := fmt.Sprintf("%s (Monday: %s)", g.Name, strings.Join(parts, ", "))
			if len(parts) == 0 {
				desc = g.Name + " (none on Monday)"
			}
			if g.Cost > 0 {
				desc += fmt.Sprintf(", %g %s per hour", g.Cost, s.Currency)
			}
			groups = append(groups, desc)
		}
		line := fmt.Sprintf("Stage %s: service %v, target wait %s; staff %s.", st.Name, st.Service, minutes(st.Target), strings.Join(groups, "; "))
		if st.Patience != nil {
			line += fmt.Sprintf(" Patience %v.", st.Patience)
		}
		out = append(out, line)
	}
	return out
}

func minutes(m float64) string {
	switch {
	case m == 0:
		return "none"
	case m >= sim.MinutesPerDay && math.Mod(m, sim.MinutesPerDay) == 0:
		return fmt.Sprintf("%gd", m/sim.MinutesPerDay)
	case m >= 60 && math.Mod(m, 60) == 0:
		return fmt.Sprintf("%gh", m/60)
	}
	return fmt.Sprintf("%gm", m)
}
