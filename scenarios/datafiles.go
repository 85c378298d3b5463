package scenarios

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
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
	dec    *decoder          // told of each file read (readOS); nil: none
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
	if f.dec != nil {
		f.dec.readOS(f.fsys, p)
	}
	return b, name, nil
}

// readCSV reads a CSV file with a header row. The header's names are
// trimmed and in lower case; a name given to two columns is refused. Old
// Mac line endings (a carriage return alone) are read as line ends.
func (f dataFiles) readCSV(name string) (*table, error) {
	b, name, err := f.open(name)
	if err != nil {
		return nil, err
	}
	return readTable(name, b)
}

// readTable reads b, the text of the CSV file name, as readCSV does.
func readTable(name string, b []byte) (*table, error) {
	b, err := LineEnds(name, b)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.TrimLeadingSpace = true
	r.Comment = '#'
	header, err := r.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: the file is empty (expected a header row)", name)
	}
	if err != nil {
		return nil, CSVError(name, err)
	}
	headerLine, _ := r.FieldPos(0)
	for i := range header {
		header[i] = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(header[i], "\ufeff")))
	}
	if err := checkCells(name, headerLine, header); err != nil {
		return nil, err
	}
	if err := RepeatedColumn(name, headerLine, header); err != nil {
		return nil, err
	}
	t := &table{file: name, header: header}
	for {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, CSVError(name, err)
		}
		line, _ := r.FieldPos(0)
		if err := checkCells(name, line, row); err != nil {
			return nil, err
		}
		t.rows = append(t.rows, row)
		t.lines = append(t.lines, line)
	}
	if len(t.rows) == 0 {
		return nil, fmt.Errorf("%s: no data rows after the header", name)
	}
	return t, nil
}

// A table is a CSV data file as read: the header in lower case, the rows,
// and the line each row starts on, which is the row a spreadsheet shows
// it on (comment lines and blank lines count).
type table struct {
	file   string
	header []string
	rows   [][]string
	lines  []int
}

// cell is the text of row i's cell in column c, trimmed.
func (t *table) cell(i, c int) string { return strings.TrimSpace(t.rows[i][c]) }

// errorf is a CellError at row i (an index into t.rows) in column c (-1
// for the whole row).
func (t *table) errorf(i, c int, format string, args ...any) *CellError {
	e := &CellError{File: t.file, Row: t.lines[i], Msg: fmt.Sprintf(format, args...)}
	if c >= 0 {
		e.Column = t.header[c]
	}
	return e
}

// number reads row i's cell in column c, a number in [lo, hi]; valid
// says what is valid in words, for the error ("" for "lo–hi"). NaN,
// infinities and numbers past float64 ("1e400") are refused as out of
// range or not a number, with the cell as written.
func (t *table) number(i, c int, lo, hi float64, valid string) (float64, error) {
	s := t.cell(i, c)
	v, err := CellNumber(s, lo, hi, valid)
	if err != nil {
		return 0, t.errorf(i, c, "%v", err)
	}
	return v, nil
}

// CellNumber reads s, the text of a CSV cell, as a number in [lo, hi].
// Its error says what is wrong, what it got and what is valid (valid, or
// "lo–hi" when valid is ""): "not a number (got \"NaN\"); valid: 0–10".
func CellNumber(s string, lo, hi float64, valid string) (float64, error) {
	if valid == "" {
		valid = fmtNumber(lo) + "\u2013" + fmtNumber(hi)
	}
	// ParseFloat reads "1e-400" as 0 without an error, and "1e400" as
	// an infinity with ErrRange.
	v, err := strconv.ParseFloat(s, 64)
	switch {
	case errors.Is(err, strconv.ErrRange), math.IsInf(v, 0):
		return 0, fmt.Errorf("out of range (got %q); valid: %s", s, valid)
	case err != nil, math.IsNaN(v):
		return 0, fmt.Errorf("not a number (got %q); valid: %s", s, valid)
	}
	if v < lo || v > hi {
		return 0, fmt.Errorf("out of range (got %q); valid: %s", s, valid)
	}
	return v, nil
}

// fmtNumber writes v in the fewest digits that read back as v.
func fmtNumber(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// A CellError is a problem with one cell, one row or one column of a CSV
// file: "calls.csv: row 3, column count: out of range (got \"-1\");
// valid: 0–5000".
type CellError struct {
	File   string
	Row    int    // the line the row starts on (the header is on line 1)
	Column string // the column's name; names joined by "/" for several; "" for the whole row
	Msg    string // for the whole row, a verb phrase: "repeats row 2"
}

func (e *CellError) Error() string {
	switch {
	case e.Column == "":
		return fmt.Sprintf("%s: row %d %s", e.File, e.Row, e.Msg)
	case strings.Contains(e.Column, "/"):
		return fmt.Sprintf("%s: row %d, columns %s: %s", e.File, e.Row, e.Column, e.Msg)
	}
	return fmt.Sprintf("%s: row %d, column %s: %s", e.File, e.Row, e.Column, e.Msg)
}

// RepeatedColumn returns a CellError when two columns of header, the
// header row of the CSV file name on line line, have the same name
// (compared without case and surrounding space): which column a reader
// would take is a guess. Unnamed columns, as spreadsheets write for
// trailing empty cells, may repeat.
func RepeatedColumn(name string, line int, header []string) error {
	first := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if h == "" {
			continue
		}
		if j, dup := first[h]; dup {
			return &CellError{File: name, Row: line, Column: h, Msg: fmt.Sprintf("columns %d and %d have the same name (got %q twice); valid: each name once", j+1, i+1, h)}
		}
		first[h] = i
	}
	return nil
}

// LineEnds returns b, the text of the CSV file name, with its line ends
// as encoding/csv reads them. A file whose lines end in a carriage return
// alone (old Mac) gets line feeds instead: encoding/csv would read it as
// one row. A file that mixes such line ends with line feeds is refused at
// the first lone carriage return, since which of them end rows is a guess.
// Its cost is linear in len(b); it copies b only to change its line ends.
func LineEnds(name string, b []byte) ([]byte, error) {
	lone := -1
	for i := bytes.IndexByte(b, '\r'); i >= 0; {
		if i+1 == len(b) || b[i+1] != '\n' {
			lone = i
			break
		}
		j := bytes.IndexByte(b[i+1:], '\r')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	if lone < 0 {
		return b, nil
	}
	if !bytes.ContainsRune(b, '\n') {
		return bytes.ReplaceAll(b, []byte{'\r'}, []byte{'\n'}), nil
	}
	line := 1 + bytes.Count(b[:lone], []byte{'\n'})
	return nil, fmt.Errorf("%s: line %d ends in a carriage return alone (an old Mac line end) while other lines end in a line feed (got both); valid: one kind of line end, LF or CRLF (save the file again as CSV)", name, line)
}

// maxCell bounds a data file's cells: no value svcsim reads is longer,
// and errors quote at most one cell, so a file that is not a data file
// (a link to any readable file) is refused without echoing it.
const maxCell = 100

func checkCells(name string, line int, cells []string) error {
	for i, c := range cells {
		if len(c) > maxCell {
			return fmt.Errorf("%s: row %d, column %d: a cell of %d bytes, more than any value svcsim reads; valid: at most %d bytes (is it a CSV data file?)", name, line, i+1, len(c), maxCell)
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

// column reads one column of durations from a CSV file. A column named
// for its unit ("minutes", "seconds", "hours") may hold bare numbers.
func (f dataFiles) column(name, col string) ([]float64, error) {
	t, err := f.readCSV(name)
	if err != nil {
		return nil, err
	}
	c := slices.Index(t.header, strings.ToLower(col))
	if c < 0 {
		return nil, missingColumn(name, t.header, strings.ToLower(col))
	}
	unit := map[string]string{"minutes": "minutes", "min": "minutes", "seconds": "seconds", "sec": "seconds", "hours": "hours"}[strings.ToLower(col)]
	vals := make([]float64, 0, len(t.rows))
	for i := range t.rows {
		cell := t.cell(i, c)
		if unit != "" && bareNumber(cell) {
			v, err := t.number(i, c, 0, math.MaxFloat64, "a number of "+unit+" >= 0, or a duration with its unit")
			if err != nil {
				return nil, err
			}
			// Exactly, as parseDuration reads "22.8m", so that a bare
			// number and the same with its unit are the same duration.
			if r, ok := exactNumber(cell); ok {
				v, _ = r.Mul(r, durationUnits[unit]).Float64()
			} else { // an exponent of many digits ("1e-00004"): rare enough to round twice
				u, _ := durationUnits[unit].Float64()
				v *= u
			}
			vals = append(vals, v)
			continue
		}
		v, err := parseDuration(cell)
		if err != nil {
			return nil, t.errorf(i, c, "%v", err)
		}
		vals = append(vals, v)
	}
	return vals, nil
}

// bareNumber reports whether s is meant as a number without a unit: what
// strconv.ParseFloat reads, or fails on only for its size ("1e400"), and
// the words for NaN and infinity, which are numbers to a spreadsheet.
func bareNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil || errors.Is(err, strconv.ErrRange)
}
