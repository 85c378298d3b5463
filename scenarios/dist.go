package scenarios

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/sim"
	yaml "go.yaml.in/yaml/v4"
)

// distKinds lists the distributions a scenario can name, with their
// arguments, for error messages and docs/scenarios.md.
var distKinds = []string{
	"exponential(MEAN)", "lognormal(MEAN, SD)", "gamma(MEAN, SD)", "erlang(K, MEAN)",
	"triangular(MIN, MODE, MAX)", "uniform(MIN, MAX)", "deterministic(VALUE)",
	"empirical(V1, V2, ...)", "empirical(FILE.csv, COLUMN)",
}

// dist reads a distribution of durations such as "exponential(4m)" or
// "lognormal(8m, 3m)"; a bare duration is deterministic. allowNormal admits
// normal(MEAN, SD), whose values may be negative (punctuality).
func (d *decoder) dist(n *yaml.Node, path string, allowNormal bool) sim.Dist {
	s, ok := d.scalar(n, path)
	if !ok {
		return nil
	}
	dist, err := d.parseDist(s, allowNormal)
	if err != nil {
		d.errorf(n, path, "%v", err)
		return nil
	}
	if err := dist.Validate(); err != nil {
		d.errorf(n, path, "%s: %v", s, err)
		return nil
	}
	return dist
}

func (d *decoder) parseDist(s string, allowNormal bool) (sim.Dist, error) {
	open := strings.IndexByte(s, '(')
	if open < 0 {
		v, err := parseDuration(s)
		if err != nil {
			return nil, fmt.Errorf("%q is not a distribution; write one of %s (durations like 90s, 4m, 1.5h)", s, strings.Join(distKinds, ", "))
		}
		return sim.Deterministic{V: v}, nil
	}
	if !strings.HasSuffix(s, ")") {
		return nil, fmt.Errorf("%q: missing ')'; inside {...} or [...] a comma ends the value, so quote it: \"lognormal(8m, 4m)\"", s)
	}
	kind := strings.ToLower(strings.TrimSpace(s[:open]))
	var args []string
	for a := range strings.SplitSeq(s[open+1:len(s)-1], ",") {
		args = append(args, strings.TrimSpace(a))
	}
	want := func(k int, form string) error {
		if len(args) != k {
			return fmt.Errorf("%q: %s takes %d value(s): %s", s, kind, k, form)
		}
		return nil
	}
	durs := func() ([]float64, error) {
		out := make([]float64, len(args))
		for i, a := range args {
			v, err := parseDuration(a)
			if err != nil {
				return nil, fmt.Errorf("in %q: %v", s, err)
			}
			out[i] = v
		}
		return out, nil
	}
	switch kind {
	case "exponential", "exp":
		if err := want(1, "exponential(MEAN)"); err != nil {
			return nil, err
		}
		v, err := durs()
		if err != nil {
			return nil, err
		}
		return sim.Exponential{M: v[0]}, nil
	case "lognormal", "gamma":
		if err := want(2, kind+"(MEAN, SD)"); err != nil {
			return nil, err
		}
		v, err := durs()
		if err != nil {
			return nil, err
		}
		if kind == "gamma" {
			return sim.Gamma{M: v[0], SD: v[1]}, nil
		}
		return sim.LogNormal{M: v[0], SD: v[1]}, nil
	case "erlang":
		if err := want(2, "erlang(K, MEAN), K a whole number of phases"); err != nil {
			return nil, err
		}
		k, err := strconv.Atoi(args[0])
		if err != nil || k < 1 {
			return nil, fmt.Errorf("%q: the number of phases K must be a whole number >= 1", s)
		}
		m, err := parseDuration(args[1])
		if err != nil {
			return nil, fmt.Errorf("in %q: %v", s, err)
		}
		return sim.Erlang{K: k, M: m}, nil
	case "triangular":
		if err := want(3, "triangular(MIN, MODE, MAX)"); err != nil {
			return nil, err
		}
		v, err := durs()
		if err != nil {
			return nil, err
		}
		return sim.Triangular{Min: v[0], Mode: v[1], Max: v[2]}, nil
	case "uniform":
		if err := want(2, "uniform(MIN, MAX)"); err != nil {
			return nil, err
		}
		v, err := durs()
		if err != nil {
			return nil, err
		}
		return sim.Uniform{Min: v[0], Max: v[1]}, nil
	case "deterministic", "fixed", "constant":
		if err := want(1, "deterministic(VALUE)"); err != nil {
			return nil, err
		}
		v, err := durs()
		if err != nil {
			return nil, err
		}
		return sim.Deterministic{V: v[0]}, nil
	case "normal":
		if !allowNormal {
			return nil, fmt.Errorf("%q: a normal distribution can be negative, so it is only allowed for punctuality; use lognormal or gamma for durations", s)
		}
		if err := want(2, "normal(MEAN, SD), MEAN may be negative (early)"); err != nil {
			return nil, err
		}
		mean, err := parseSignedDuration(args[0])
		if err != nil {
			return nil, fmt.Errorf("in %q: %v", s, err)
		}
		sd, err := parseDuration(args[1])
		if err != nil {
			return nil, fmt.Errorf("in %q: %v", s, err)
		}
		return sim.Normal{M: mean, SD: sd}, nil
	case "empirical":
		if len(args) == 2 && strings.HasSuffix(strings.ToLower(args[0]), ".csv") {
			vals, err := d.data.column(args[0], args[1])
			if err != nil {
				return nil, err
			}
			return sim.Empirical{Values: vals}, nil
		}
		v, err := durs()
		if err != nil {
			return nil, err
		}
		return sim.Empirical{Values: v}, nil
	}
	return nil, fmt.Errorf("%q: unknown distribution %q; use one of %s", s, kind, strings.Join(distKinds, ", "))
}

func parseSignedDuration(s string) (float64, error) {
	if rest, ok := strings.CutPrefix(strings.TrimSpace(s), "-"); ok {
		v, err := parseDuration(rest)
		return -v, err
	}
	return parseDuration(s)
}

// dataFiles reads the CSV files a scenario refers to, relative to the
// scenario file's directory (or the built-ins' embedded directory), or
// from the scenario's own data section.
type dataFiles struct {
	fsys   fs.FS
	dir    string
	inline map[string]string // the data section: path as written -> text
}

func (f dataFiles) open(name string) ([]byte, string, error) {
	if text, ok := f.inline[path.Clean(name)]; ok {
		return []byte(text), name, nil
	}
	if f.fsys == nil {
		return nil, name, fmt.Errorf("%s: data files cannot be read here", name)
	}
	if isAbs(name) {
		return nil, name, fmt.Errorf("data file %s: absolute paths are refused; give the path relative to the scenario file's folder, e.g. ../data/%s", name, path.Base(filepath.ToSlash(name)))
	}
	p := pathJoin(f.dir, name)
	if err := readable(f.fsys, p); err != nil {
		return nil, name, fmt.Errorf("data file %s: %v", name, err)
	}
	b, err := fs.ReadFile(f.fsys, p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, name, fmt.Errorf("data file %s not found (paths are relative to the scenario file's folder)", name)
	}
	if err != nil {
		return nil, name, fmt.Errorf("data file %s: %v", name, errors.Unwrap(err))
	}
	return b, name, nil
}

// readCSV reads a CSV file with a header row.
func (f dataFiles) readCSV(name string) (header []string, rows [][]string, err error) {
	b, name, err := f.open(name)
	if err != nil {
		return nil, nil, err
	}
	r := csv.NewReader(strings.NewReader(string(b)))
	r.TrimLeadingSpace = true
	r.Comment = '#'
	header, err = r.Read()
	if err == io.EOF {
		return nil, nil, fmt.Errorf("%s: the file is empty (expected a header row)", name)
	}
	if err != nil {
		return nil, nil, CSVError(name, err)
	}
	for i := range header {
		header[i] = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(header[i], "\ufeff")))
	}
	if err := checkCells(name, 1, header); err != nil {
		return nil, nil, err
	}
	for {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, CSVError(name, err)
		}
		line, _ := r.FieldPos(0)
		if err := checkCells(name, line, row); err != nil {
			return nil, nil, err
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		return nil, nil, fmt.Errorf("%s: no data rows after the header", name)
	}
	return header, rows, nil
}

// maxCell bounds a data file's cells: no value svcsim reads is longer,
// and errors quote at most one cell, so a file that is not a data file
// (a link to any readable file) is refused without echoing it.
const maxCell = 100

func checkCells(name string, line int, cells []string) error {
	for i, c := range cells {
		if len(c) > maxCell {
			return fmt.Errorf("%s: line %d, column %d: a cell of %d bytes, more than any value svcsim reads (%d); is it a CSV data file?", name, line, i+1, len(c), maxCell)
		}
	}
	return nil
}

// CSVError is err from reading the CSV file name, in the words of the
// file's rows and columns: a row with the wrong number of columns, or a
// quoting problem at row R, column C. Every CSV reader of svcsim (data
// files, surveys) reports through it.
func CSVError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			return fmt.Errorf("%s: row %d has a different number of columns from the header", name, pe.StartLine)
		}
		return fmt.Errorf("%s: row %d, column %d: %v", name, pe.StartLine, pe.Column, pe.Err)
	}
	return fmt.Errorf("%s: %v", name, err)
}

// column reads one column of durations from a CSV file.
func (f dataFiles) column(name, col string) ([]float64, error) {
	header, rows, err := f.readCSV(name)
	if err != nil {
		return nil, err
	}
	c := slices.Index(header, strings.ToLower(col))
	if c < 0 {
		return nil, missingColumn(name, header, strings.ToLower(col))
	}
	// A column named for its unit may hold bare numbers.
	unit := map[string]string{"minutes": "m", "min": "m", "seconds": "s", "sec": "s", "hours": "h"}[strings.ToLower(col)]
	vals := make([]float64, 0, len(rows))
	for i, row := range rows {
		cell := strings.TrimSpace(row[c])
		if _, err := strconv.ParseFloat(cell, 64); err == nil && unit != "" {
			cell += unit
		}
		v, err := parseDuration(cell)
		if err != nil {
			return nil, fmt.Errorf("%s: row %d, column %s: %v", name, i+2, col, err)
		}
		vals = append(vals, v)
	}
	return vals, nil
}
