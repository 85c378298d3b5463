package experiment

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// ErrInterrupted is a point's error, and Run's callers', when the context
// is cancelled before the point finishes.
var ErrInterrupted = errors.New("interrupted")

// Point is one scenario of an experiment and, once run, its results.
type Point struct {
	Scenario *scenarios.Scenario
	Name     string            // unique within the experiment
	File     string            // the file it came from
	Params   map[string]string // sweep parameters
	Results  *sim.Results
	Err      error // why it did not run (invalid, interrupted)
	// Seed, when set, is the point's master seed instead of the
	// experiment's: a batch runs each file with its own.
	Seed *uint64
	// Assumptions, when set, replace Scenario.Describe() (a merged part
	// carries them, not the scenario file).
	Assumptions []string
	// Missing are the replications a partial merge lacks; Results are
	// over the others.
	Missing []int
}

// SeedOr is the point's master seed: its own, else the experiment's.
func (p *Point) SeedOr(experiment uint64) uint64 {
	if p.Seed != nil {
		return *p.Seed
	}
	return experiment
}

// Describe is the point's scenario in plain words as o runs it: with
// o's Days and MaxInSystem overrides applied (see Options.Apply), so the
// assumptions state the days its results cover, not the file's. A point
// whose overrides cannot apply (it has no results) is described as the
// file has it.
func (p *Point) Describe(o *Options) []string {
	if p.Assumptions != nil {
		return p.Assumptions
	}
	m, err := o.Apply(p.Scenario.Model)
	if err != nil {
		m = p.Scenario.Model
	}
	return describeModel(p.Scenario, m)
}

// describeModel is sc in plain words with m, the model actually run, in
// place of the model read from the file.
func describeModel(sc *scenarios.Scenario, m *sim.Model) []string {
	cp := *sc
	cp.Model = m
	return cp.Describe()
}

// Points returns a point per scenario, named by the scenarios, from file.
func Points(file string, scs ...*scenarios.Scenario) []*Point {
	out := make([]*Point, len(scs))
	for i, s := range scs {
		out[i] = &Point{Scenario: s, Name: s.Name(), File: file}
	}
	return out
}

// UniqueNames makes point names unique, adding the file where two
// scenarios share a name, and numbering the repeats (" #2") where they
// share the file too: a batch of overlapping paths runs a file twice,
// and results keyed by name must not hold two rows of one name.
func UniqueNames(pts []*Point) {
	seen := map[string]int{}
	for _, p := range pts {
		seen[p.Name]++
	}
	taken := map[string]bool{}
	for _, p := range pts {
		if seen[p.Name] > 1 {
			p.Name = p.Name + " (" + p.File + ")"
		}
		taken[p.Name] = true
	}
	used := map[string]bool{}
	for _, p := range pts {
		if !used[p.Name] {
			used[p.Name] = true
			continue
		}
		for k := 2; ; k++ {
			if n := fmt.Sprintf("%s #%d", p.Name, k); !used[n] && !taken[n] {
				p.Name = n
				used[n] = true
				break
			}
		}
	}
}

// Distinct refuses points that run one scenario twice — the same variant
// of the same file, however its path is written — as a comparison of
// the arguments "a.yaml a.yaml" would: the differences would all be
// zero, and the rows would repeat. Each repeat is named by its place
// (scenario 1 is the baseline, as compare numbers them) and its file;
// nil when every point is a scenario of its own. It looks at each file
// on disk once, and compares every pair of points.
func Distinct(pts []*Point) error {
	var problems []string
	infos := map[string]os.FileInfo{}
	for _, p := range pts {
		if _, ok := infos[p.File]; !ok {
			infos[p.File], _ = os.Stat(p.File) // nil: not a file, a built-in say
		}
	}
	for j, p := range pts {
		for i, q := range pts[:j] {
			if variant(p) != variant(q) || !sameFile(p.File, q.File, infos) {
				continue
			}
			got := p.File + " twice"
			if p.File != q.File {
				got = q.File + " and " + p.File + ", the same file"
			}
			if v := variant(p); v != "" {
				got += ", variant " + strconv.Quote(v)
			}
			problems = append(problems, fmt.Sprintf("scenario %d repeats scenario %d (got %s); valid: different scenarios, or one scenario file to compare it with its variants", j+1, i+1, got))
			break
		}
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
}

func variant(p *Point) string {
	if p.Scenario == nil {
		return ""
	}
	return p.Scenario.Variant
}

// sameFile reports whether a and b name one file: the same path, cleaned,
// or two paths of one file on disk, as infos has them (a built-in's
// "builtin:NAME" is no path and matches only itself).
func sameFile(a, b string, infos map[string]os.FileInfo) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	sa, sb := infos[a], infos[b]
	return sa != nil && sb != nil && os.SameFile(sa, sb)
}

// Failed summarises the points that did not run: ErrInterrupted if any
// was interrupted, else how many failed, else nil.
func Failed(pts []*Point) error {
	n, interrupted := 0, false
	for _, p := range pts {
		if p.Results == nil {
			n++
			interrupted = interrupted || p.Err == ErrInterrupted
		}
	}
	switch {
	case interrupted:
		return ErrInterrupted
	case n > 0:
		return fmt.Errorf("%d of %d scenarios did not run", n, len(pts))
	}
	return nil
}

// FirstError is the first point's error other than an interruption,
// prefixed with the point's name, or nil.
func FirstError(pts []*Point) error {
	for _, p := range pts {
		if p.Err != nil && p.Err != ErrInterrupted {
			return fmt.Errorf("%s: %w", p.Name, p.Err)
		}
	}
	return nil
}
