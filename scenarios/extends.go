package scenarios

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/svcsim/svcsim/internal/userfile"
	yaml "go.yaml.in/yaml/v4"
)

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
	d.dropDuplicateKeys(root, "")
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
	baseSrc, err := userfile.ReadFS(fsys, basePath, userfile.Scenario)
	if ue, ok := errors.AsType[*userfile.Error](err); ok {
		return nil, "", Errors{{File: shown, Line: ext.Line, Column: ext.Column, Field: "extends", Msg: fmt.Sprintf("cannot read %s: %s", ext.Value, ue.Msg)}}
	}
	if err != nil {
		return nil, "", Errors{{File: shown, Line: ext.Line, Column: ext.Column, Field: "extends", Msg: fmt.Sprintf("cannot read %s: %v", ext.Value, errors.Unwrap(err))}}
	}
	d.readOS(fsys, basePath)
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

// also returns err with the problems recorded before it (a key given
// twice), so that a file whose extends: cannot be read still reports them.
func (d *decoder) also(err error) error {
	es, ok := err.(Errors)
	if !ok || len(d.errs) == 0 {
		return err
	}
	return append(slices.Clone(d.errs), es...).sorted()
}

// dropDuplicateKeys reports every key given twice in a mapping of the
// file rooted at n, at the second, and removes that second entry. It runs
// before anything reads the document: the readers that take a single key
// (valueOf, removeKey, merge) see only the first, so a second variants:
// or extends: would otherwise be dropped or kept without a word.
func (d *decoder) dropDuplicateKeys(n *yaml.Node, path string) {
	switch n.Kind {
	case yaml.MappingNode:
		seen := map[string]bool{}
		kept := n.Content[:0]
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			p := k.Value
			if path != "" {
				p = path + "." + k.Value
			}
			if k.Kind == yaml.ScalarNode && seen[k.Value] {
				d.errorf(k, path, "%q is given twice", k.Value)
				continue
			}
			seen[k.Value] = true
			d.dropDuplicateKeys(v, p)
			kept = append(kept, k, v)
		}
		n.Content = kept
	case yaml.SequenceNode:
		for i, c := range n.Content {
			p := fmt.Sprintf("%s[%d]", path, i)
			if nm := valueOf(c, "name"); nm != nil && nm.Kind == yaml.ScalarNode && nm.Value != "" {
				p = path + "." + nm.Value
			}
			d.dropDuplicateKeys(c, p)
		}
	}
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
