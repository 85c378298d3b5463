package scenarios

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/svcsim/svcsim/internal/userfile"
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
	// Workforce is the file's workforce section (shift patterns for a
	// rota); nil when it has none.
	Workforce *Workforce

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

// Inputs are the operating-system paths of the files s was read from:
// its scenario file, the files it extends and its data files; none for a
// built-in. A command that writes results must not replace them.
func (s *Scenario) Inputs() []string {
	if s.dec == nil {
		return nil
	}
	return slices.Clone(s.dec.read)
}

// Name is the scenario's name: the file's name, then the variant's.
func (s *Scenario) Name() string { return s.Model.Name }

// Options control how a scenario file is read.
type Options struct {
	// AllowIdle accepts a scenario that serves nobody — open on no day,
	// or with a stage that customers reach but that never has staff —
	// for what-if runs. Without it these are errors. It also sets the
	// model's sim.Model.AllowIdle, so that a run measuring none of the
	// days the scenario is open on (days: 1 starting on a closed day, or
	// a warm-up past the last opening hours) goes ahead instead of being
	// refused with a *sim.IdleError.
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
// "../base.yaml", the very path a folder of scenarios calls for. Stat
// lets userfile see a named pipe without opening it, which would block.
type osFS struct{}

func (osFS) Open(name string) (fs.File, error)     { return os.Open(filepath.FromSlash(name)) }
func (osFS) Stat(name string) (fs.FileInfo, error) { return os.Stat(filepath.FromSlash(name)) }

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
		return nil, d.also(err)
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
	src, err := userfile.ReadFS(fsys, name, userfile.Scenario)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, Errors{{File: shown, Msg: "no such file"}}
		}
		if ue, ok := errors.AsType[*userfile.Error](err); ok {
			return nil, Errors{{File: shown, Msg: ue.Msg}}
		}
		return nil, Errors{{File: shown, Msg: err.Error()}}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	d := &decoder{files: map[*yaml.Node]string{}, main: shown, opt: opt, ctx: ctx}
	d.data = dataFiles{fsys: fsys, dir: filepathDir(name), dec: d}
	d.readOS(fsys, name)
	doc, hash, err := d.parseDoc(fsys, name, src, nil)
	if err != nil {
		return nil, d.also(err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return d.finish(doc, shown, hash)
}
