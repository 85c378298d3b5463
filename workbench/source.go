package workbench

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/svcsim/svcsim/internal/userfile"
	"github.com/svcsim/svcsim/scenarios"
	yaml "go.yaml.in/yaml/v4"
)

// MaxFileSize bounds a scenario file the workbench reads.
const MaxFileSize = userfile.MaxScenario

// Doc is a scenario file open in the workbench: its text as loaded, the
// scenario it gives and the grid and demand the page edits.
type Doc struct {
	// ID names the document in requests: "builtin:NAME" or "file:PATH"
	// with PATH slash-separated and relative to the folder served.
	ID string
	// File is the path relative to the folder served; "" for a built-in.
	File     string
	Text     []byte
	Hash     string // SHA-256 of Text, hex
	Scenario *scenarios.Scenario
	Grid     *Grid
	Channels []Channel
}

// Channel is a channel's demand as the page edits it: a percentage of
// the file's.
type Channel struct {
	Name string
	// Factors are the file's weekday factors (time.Weekday order, 1 where
	// the file sets none); Why, when not empty, says why the channel's
	// demand cannot be changed here.
	Factors [7]float64
	Why     string
}

// Builtin reports whether the document is a built-in scenario.
func (d *Doc) Builtin() bool { return d.File == "" }

// Title is the scenario's title, else its name.
func (d *Doc) Title() string {
	if d.Scenario.Title != "" {
		return d.Scenario.Title
	}
	return d.Scenario.Name()
}

// Listing is a scenario the first page offers.
type Listing struct {
	ID, Name, Title string
}

// list returns the built-ins and the scenario files (.yaml, .yml) under
// root, at most max of them and at most depth folders down; hidden files
// and folders are left out, and so are symbolic links.
func list(root *os.Root, max, depth int) (builtins, files []Listing, err error) {
	for _, b := range scenarios.Builtins() {
		builtins = append(builtins, Listing{ID: "builtin:" + b.Name, Name: b.Name, Title: b.Title})
	}
	if root == nil {
		return builtins, nil, nil
	}
	err = fs.WalkDir(root.FS(), ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return nil // unreadable: not offered
		}
		if p != "." && strings.HasPrefix(e.Name(), ".") || e.Type()&fs.ModeSymlink != 0 {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if e.IsDir() {
			if strings.Count(p, "/") >= depth {
				return fs.SkipDir
			}
			return nil
		}
		if ext := path.Ext(p); ext == ".yaml" || ext == ".yml" {
			files = append(files, Listing{ID: "file:" + p, Name: p})
			if len(files) >= max {
				return fs.SkipAll
			}
		}
		return nil
	})
	return builtins, files, err
}

// errNotFound is a document that does not exist.
var errNotFound = errors.New("no such scenario")

// load reads the document id: a built-in, or a file under root.
func load(root *os.Root, id string) (*Doc, error) {
	kind, name, _ := strings.Cut(id, ":")
	switch kind {
	case "builtin":
		if !slices.ContainsFunc(scenarios.Builtins(), func(i scenarios.Info) bool { return i.Name == name }) {
			return nil, fmt.Errorf("%w: no built-in scenario %q", errNotFound, name)
		}
		text, err := scenarios.BuiltinStandalone(name)
		if err != nil {
			return nil, err
		}
		return parse(nil, id, "", name+".yaml", text)
	case "file":
		if root == nil {
			return nil, fmt.Errorf("%w: no folder is served", errNotFound)
		}
		text, err := readFile(root, name)
		if err != nil {
			return nil, err
		}
		return parse(root.FS(), id, name, name, text)
	}
	return nil, fmt.Errorf("%w: %q names neither a built-in (builtin:NAME) nor a file (file:PATH)", errNotFound, id)
}

// readFile reads name under root, refusing names that leave it (os.Root
// refuses "..", absolute names and symbolic links out) and large files.
func readFile(root *os.Root, name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, fmt.Errorf("%w: %q is not a path inside the folder served", errNotFound, name)
	}
	f, err := root.Open(name)
	if err != nil {
		return nil, fmt.Errorf("%w: %s", errNotFound, pathError(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%w: %s is not a file", errNotFound, name)
	}
	if st.Size() > MaxFileSize {
		return nil, fmt.Errorf("%s: %d bytes; the workbench reads scenario files up to %d", name, st.Size(), MaxFileSize)
	}
	b := make([]byte, st.Size())
	_, err = f.ReadAt(b, 0)
	if st.Size() == 0 {
		err = nil
	}
	return b, err
}

// pathError is err without the absolute path of the folder served.
func pathError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Path + ": " + pe.Err.Error()
	}
	return err.Error()
}

// parse makes a document of text.
func parse(fsys fs.FS, id, file, name string, text []byte) (*Doc, error) {
	sc, err := scenarios.Parse(fsys, name, text)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(text)
	d := &Doc{ID: id, File: file, Text: text, Hash: hex.EncodeToString(sum[:]), Scenario: sc}
	d.Grid = newGrid(sc.Model, sc.Paths())
	d.Channels = channels(sc)
	return d, nil
}

// channels are the channels of sc with their weekday factors. A
// variant replaces weekdays: whole, so the page keeps the file's factors
// and scales them: each is the ratio of the file's rates to the rates
// with the factors set to 1.
func channels(sc *scenarios.Scenario) []Channel {
	has := map[string]bool{}
	for _, p := range sc.Paths() {
		has[p] = true
	}
	var out []Channel
	for _, c := range sc.Model.Channels {
		ch := Channel{Name: c.Name, Factors: [7]float64{1, 1, 1, 1, 1, 1, 1}}
		out = append(out, ch)
		if len(sc.Model.Trace) > 0 {
			out[len(out)-1].Why = "arrivals come from a recorded trace"
			continue
		}
		p := "channels." + c.Name + ".weekdays"
		if !has[p] {
			continue
		}
		flat, err := sc.With([][2]string{{p, "{daily: 1}"}})
		if err != nil {
			out[len(out)-1].Why = "its weekdays: factors could not be read"
			continue
		}
		for _, fc := range flat.Model.Channels {
			if fc.Name != c.Name {
				continue
			}
			for wd := range 7 {
				for i, s := range fc.Rates[wd] {
					if s.Value > 0 && i < len(c.Rates[wd]) {
						out[len(out)-1].Factors[wd] = c.Rates[wd][i].Value / s.Value
						break
					}
				}
			}
		}
	}
	return out
}

// mapValue is the value of key in mapping n, or nil.
func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}
