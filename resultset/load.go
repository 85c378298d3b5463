package resultset

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/svcsim/svcsim/internal/userfile"
)

// NoResultsError says that a folder holds no results svcsim wrote, or
// does not exist.
type NoResultsError struct {
	Dir     string
	Missing bool // Dir does not exist
}

func (e *NoResultsError) Error() string {
	if e.Missing {
		return e.Dir + " does not exist; valid: a results folder (from run, compare, batch or sweep --out)"
	}
	return e.Dir + " has neither results.json (from compare, batch or sweep --out) nor summary.json (from run --out)"
}

// Load reads the results in dir: results.json from an experiment
// (compare, batch, sweep, merge) or summary.json from a run, as a Set of
// one scenario with Command "run" (or the summary's command, "staff").
// It returns a *NoResultsError when dir does not exist or has neither,
// and an *InvalidError when a file is not JSON or holds a value the
// charts, the report or the workbook cannot use: every such field is
// checked here, so that they can trust what they draw. Set.Incomplete
// says what manifest.json records as missing.
func Load(dir string) (*Set, error) {
	return load(dir)
}

// LoadContext is Load, returning ctx's error as soon as ctx is done:
// decoding the results of a long run at a fine interval (tens of
// megabytes) takes seconds, and encoding/json cannot be told to stop, so
// Load runs on a goroutine of its own, left to finish into a Set nobody
// reads. A command then exits at once; a long-lived caller pays for the
// rest of that one file.
func LoadContext(ctx context.Context, dir string) (*Set, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	type loaded struct {
		s   *Set
		err error
	}
	done := make(chan loaded, 1) // the goroutine never blocks on it
	go func() {
		s, err := load(dir)
		done <- loaded{s, err}
	}()
	select {
	case l := <-done:
		return l.s, l.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// load is Load.
func load(dir string) (*Set, error) {
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		return nil, &NotDirError{Path: dir}
	} else if errors.Is(err, fs.ErrNotExist) {
		return nil, &NoResultsError{Dir: dir, Missing: true}
	}
	var s Set
	path := filepath.Join(dir, "results.json")
	b, err := userfile.Read(path, userfile.Results)
	if err == nil {
		if err := decode(path, b, &s); err != nil {
			return nil, err
		}
		if err := check(path, b, func(c *checker) { c.set(&s) }); err != nil {
			return nil, err
		}
		// The version and what is missing are the manifest's; a folder
		// without one (results written by hand) still loads.
		mpath := filepath.Join(dir, "manifest.json")
		if b, err := userfile.Read(mpath, userfile.Results); err == nil {
			var m Manifest
			if err := decode(mpath, b, &m); err != nil {
				return nil, err
			}
			s.Version, s.Incomplete = m.Version, m.missing()
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return &s, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	path = filepath.Join(dir, "summary.json")
	b, err = userfile.Read(path, userfile.Results)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &NoResultsError{Dir: dir}
	}
	if err != nil {
		return nil, err
	}
	var sum Summary
	if err := decode(path, b, &sum); err != nil {
		return nil, err
	}
	if err := check(path, b, func(c *checker) { c.results("results", sum.Results) }); err != nil {
		return nil, err
	}
	s.Command, s.Version = cmp.Or(sum.Command, "run"), sum.Version
	s.Scenarios = []Scenario{{Name: sum.Scenario.Name, Currency: sum.Currency, Assumptions: sum.Assumptions,
		Source: sum.Scenario.Source, SHA256: sum.Scenario.SHA256, Warnings: sum.Warnings, Results: sum.Results}}
	return &s, nil
}

// check runs the checks of f over what was read from the file path,
// whose JSON is data, and returns an *InvalidError with every problem
// they find.
func check(path string, data []byte, f func(*checker)) error {
	var c checker
	f(&c)
	if len(c.problems) == 0 {
		return nil
	}
	c.locate(data)
	return &InvalidError{Path: path, Problems: c.problems}
}

// missing says, a line per scenario, what the manifest records as
// missing from the results: scenarios that did not run (an interrupted
// compare or batch, a failed scenario) and replications a partial merge
// lacks. It is nil for complete results.
func (m *Manifest) missing() []string {
	var out []string
	for _, e := range m.Scenarios {
		switch {
		case e.Complete:
		case len(e.Missing) > 0:
			out = append(out, fmt.Sprintf("%s: %d replication(s) missing", e.Name, len(e.Missing)))
		case e.Error != "":
			out = append(out, e.Name+": did not run ("+e.Error+")")
		default:
			out = append(out, e.Name+": did not run")
		}
	}
	if !m.Complete && out == nil {
		out = []string{"the manifest marks the results incomplete"}
	}
	return out
}
