package resultset

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/svcsim/svcsim/internal/userfile"
)

// NoResultsError says that a folder holds no results svcsim wrote.
type NoResultsError struct{ Dir string }

func (e *NoResultsError) Error() string {
	return e.Dir + " has neither results.json (from compare, batch or sweep --out) nor summary.json (from run --out)"
}

// Load reads the results in dir: results.json from an experiment
// (compare, batch, sweep, merge) or summary.json from a run, as a Set of
// one scenario with Command "run" (or the summary's command, "staff"). It returns a *NoResultsError when dir
// has neither.
func Load(dir string) (*Set, error) {
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		return nil, &NotDirError{Path: dir}
	}
	var s Set
	path := filepath.Join(dir, "results.json")
	b, err := userfile.Read(path, userfile.Results)
	if err == nil {
		if err := json.Unmarshal(b, &s); err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		if len(s.Scenarios) == 0 {
			return nil, fmt.Errorf("%s: no scenario completed", path)
		}
		// The version is the manifest's; a folder without one (results
		// written by hand) still loads.
		if b, err := userfile.Read(filepath.Join(dir, "manifest.json"), userfile.Results); err == nil {
			var m Manifest
			if json.Unmarshal(b, &m) == nil {
				s.Version = m.Version
			}
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
	if err := json.Unmarshal(b, &sum); err != nil || sum.Results == nil {
		return nil, fmt.Errorf("%s: not a summary.json written by svcsim run (%v)", path, err)
	}
	s.Command, s.Version = cmp.Or(sum.Command, "run"), sum.Version
	s.Scenarios = []Scenario{{Name: sum.Scenario.Name, Currency: sum.Currency, Assumptions: sum.Assumptions,
		Source: sum.Scenario.Source, SHA256: sum.Scenario.SHA256, Warnings: sum.Warnings, Results: sum.Results}}
	return &s, nil
}
