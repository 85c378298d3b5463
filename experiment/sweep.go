package experiment

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/scenarios"
)

// MaxGridPoints bounds a sweep's grid, checked before any point is made.
const MaxGridPoints = 100000

// ErrGridTooLarge says that a grid has more than MaxGridPoints points.
var ErrGridTooLarge = errors.New("more than " + strconv.Itoa(MaxGridPoints) + " grid points")

// Values reads the values of a sweep parameter: a range "2..6" of whole
// numbers (at most 1001 of them), a list "2,4,8", or one value.
func Values(spec string) ([]string, error) {
	if a, b, ok := strings.Cut(spec, ".."); ok {
		lo, err1 := strconv.Atoi(strings.TrimSpace(a))
		hi, err2 := strconv.Atoi(strings.TrimSpace(b))
		if err1 != nil || err2 != nil || hi < lo {
			return nil, fmt.Errorf("%q: a range is two whole numbers LO..HI with LO <= HI", spec)
		}
		if hi-lo > 1000 {
			return nil, fmt.Errorf("%q: more than 1000 values", spec)
		}
		var out []string
		for v := lo; v <= hi; v++ {
			out = append(out, strconv.Itoa(v))
		}
		return out, nil
	}
	var out []string
	for v := range strings.SplitSeq(spec, ",") {
		if v = strings.TrimSpace(v); v == "" {
			return nil, fmt.Errorf("%q: empty value in the list", spec)
		}
		out = append(out, v)
	}
	return out, nil
}

// GridSize is the number of points of the grid over values (every
// combination), or ErrGridTooLarge, found without counting further.
func GridSize(values [][]string) (int, error) {
	n := 1
	for _, v := range values {
		n *= max(len(v), 1)
		if n > MaxGridPoints {
			return 0, ErrGridTooLarge
		}
	}
	return n, nil
}

// Sweep returns a point per combination of values (values[i] for
// params[i], the last varying fastest), each sc with the fields set (see
// scenarios.Scenario.With) and named "PATH=VALUE,...". Call GridSize
// first to bound the grid. A path that names no field, a field
// scenarios.Scenario.With cannot set (seed, replications, ...) or one
// field twice is a *scenarios.PathError.
func Sweep(sc *scenarios.Scenario, params []string, values [][]string) ([]*Point, error) {
	var pts []*Point
	var grid func(i int, set [][2]string) error
	grid = func(i int, set [][2]string) error {
		if i == len(params) {
			s, err := sc.With(set)
			if err != nil {
				return err
			}
			p := &Point{Scenario: s, File: sc.Source, Params: map[string]string{}}
			var name []string
			for _, kv := range set {
				p.Params[kv[0]] = kv[1]
				name = append(name, kv[0]+"="+kv[1])
			}
			p.Name = strings.Join(name, ",")
			pts = append(pts, p)
			return nil
		}
		for _, v := range values[i] {
			if err := grid(i+1, append(slices.Clone(set), [2]string{params[i], v})); err != nil {
				return err
			}
		}
		return nil
	}
	return pts, grid(0, nil)
}

// checkEveryPoint is the largest grid CheckGrid builds point by point:
// a point costs about a millisecond for a built-in scenario, so up to a
// second.
var checkEveryPoint = 1000 // a variable so that a test can take the long-grid path cheaply

// CheckGrid returns the error Sweep would return for the grid, so that a
// plan is never made of a grid that sweep refuses. It builds every point
// of a grid of at most checkEveryPoint points, as Sweep does, and keeps
// none; of a larger one it builds a point per value of each path (the
// other paths at their first value), which finds every value its field
// refuses (days=0, a staff of -1, a probability of 1.1) but not a
// combination refused only as a whole. Call GridSize first.
func CheckGrid(sc *scenarios.Scenario, params []string, values [][]string) error {
	if n, err := GridSize(values); err != nil {
		return err
	} else if n <= checkEveryPoint {
		_, err := Sweep(sc, params, values)
		return err
	}
	set := make([][2]string, len(params))
	for i := range params {
		set[i] = [2]string{params[i], values[i][0]}
	}
	if _, err := sc.With(set); err != nil {
		return err
	}
	for i := range params {
		for _, v := range values[i][1:] {
			one := slices.Clone(set)
			one[i][1] = v
			if _, err := sc.With(one); err != nil {
				return err
			}
		}
	}
	return nil
}
