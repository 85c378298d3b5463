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

	"github.com/svcsim/svcsim/internal/userfile"
)

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
	b, err := userfile.ReadFS(f.fsys, p, userfile.Data)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, name, fmt.Errorf("data file %s not found (paths are relative to the scenario file's folder)", name)
	}
	if ue, ok := errors.AsType[*userfile.Error](err); ok {
		return nil, name, fmt.Errorf("data file %s: %s", name, ue.Msg)
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
