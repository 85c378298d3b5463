package calibrate

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/scenarios"
)

// Survey is one row per respondent: for each touchpoint the actual wait
// (minutes; NaN when not asked) and whether they were satisfied with it
// (-1 when not asked), and the 0–10 rating (NaN when not asked).
type Survey struct {
	Touchpoints []string
	Wait        [][]float64 // [touchpoint][respondent]
	Satisfied   [][]int8    // [touchpoint][respondent]: 1, 0 or -1
	Rating      []float64
	// rows are the file's line numbers of the respondents, as ReadSurvey
	// read them (a blank line skipped still counts); nil: the header and
	// then one line each.
	rows []int
}

// row is the line respondent i was read from.
func (s *Survey) row(i int) int {
	if i < len(s.rows) {
		return s.rows[i]
	}
	return i + 2
}

// ReadSurvey reads a survey CSV with a header row: for each touchpoint
// NAME a column NAME_minutes (the actual wait in minutes) and optionally
// NAME_satisfied (yes/no, 1/0, true/false), and optionally a rating
// column (0–10). Errors name the file, row and column. Two columns of one
// name are refused; lines may end in LF, CRLF or (old Mac) CR alone, but
// not in a mix of CR alone and LF.
//
// A blank cell is no answer — a question not asked, or not answered —
// and not an error, since surveys skip questions: the fits leave such
// respondents out and count them (Tolerance.Blank, Weights.Unrated and
// NoWait), and Blanks says where they are. A NAME_satisfied answer
// beside a blank NAME_minutes is an error: the answer has no wait.
func ReadSurvey(r io.Reader, file string) (*Survey, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if b, err = scenarios.LineEnds(file, b); err != nil {
		return nil, err
	}
	cr := csv.NewReader(bytes.NewReader(b))
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: the file is empty (expected a header row)", file)
	}
	if err != nil {
		return nil, scenarios.CSVError(file, err)
	}
	line, _ := cr.FieldPos(0)
	if err := scenarios.RepeatedColumn(file, line, header); err != nil {
		return nil, err
	}
	s := &Survey{}
	cols, err := s.columns(header, file)
	if err != nil {
		return nil, err
	}
	s.Wait = make([][]float64, len(s.Touchpoints))
	s.Satisfied = make([][]int8, len(s.Touchpoints))
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, scenarios.CSVError(file, err)
		}
		// The row a spreadsheet shows it on, blank lines counted.
		row, _ := cr.FieldPos(0)
		if err := s.readRow(rec, row, cols, file); err != nil {
			return nil, err
		}
	}
	if len(s.Rating) == 0 {
		return nil, fmt.Errorf("%s: no data rows after the header", file)
	}
	return s, nil
}

// surveyColumns are the columns of a survey file: per touchpoint its
// waits and satisfied answers, and the rating (-1 when absent).
type surveyColumns struct {
	wait, sat map[string]int
	rating    int
}

// columns finds the survey's columns in header and lists its touchpoints
// in s, in the header's order.
func (s *Survey) columns(header []string, file string) (surveyColumns, error) {
	cols := surveyColumns{wait: map[string]int{}, sat: map[string]int{}, rating: -1}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		switch {
		case h == "rating":
			cols.rating = i
		case strings.HasSuffix(h, "_minutes"):
			name := strings.TrimSuffix(h, "_minutes")
			cols.wait[name] = i
			s.Touchpoints = append(s.Touchpoints, name)
		case strings.HasSuffix(h, "_satisfied"):
			cols.sat[strings.TrimSuffix(h, "_satisfied")] = i
		}
	}
	for _, name := range slices.Sorted(maps.Keys(cols.sat)) {
		if _, ok := cols.wait[name]; !ok {
			return cols, fmt.Errorf("%s: column %s_satisfied has no %s_minutes column with the waits", file, name, name)
		}
	}
	if len(s.Touchpoints) == 0 {
		return cols, fmt.Errorf("%s: no NAME_minutes columns (waits per touchpoint, e.g. booking_wait_minutes); the header has: %s", file, strings.Join(header, ", "))
	}
	return cols, nil
}

// readRow appends the answers of one respondent, row row of file.
func (s *Survey) readRow(rec []string, row int, cols surveyColumns, file string) error {
	for k, name := range s.Touchpoints {
		w := math.NaN()
		if cell := strings.TrimSpace(rec[cols.wait[name]]); cell != "" {
			v, err := scenarios.CellNumber(cell, 0, math.MaxFloat64, "a wait in minutes >= 0, or empty when not asked")
			if err != nil {
				return &scenarios.CellError{File: file, Row: row, Column: name + "_minutes", Msg: err.Error()}
			}
			w = v
		}
		s.Wait[k] = append(s.Wait[k], w)
		sat := int8(-1)
		if c, ok := cols.sat[name]; ok {
			switch strings.ToLower(strings.TrimSpace(rec[c])) {
			case "":
			case "yes", "y", "1", "true":
				sat = 1
			case "no", "n", "0", "false":
				sat = 0
			default:
				return &scenarios.CellError{File: file, Row: row, Column: name + "_satisfied", Msg: fmt.Sprintf("not yes or no (got %q); valid: yes, no, y, n, 1, 0, true, false, or empty when not asked", rec[c])}
			}
		}
		if sat >= 0 && math.IsNaN(w) {
			return fmt.Errorf("%s: row %d: %s_satisfied is answered but %s_minutes is empty", file, row, name, name)
		}
		s.Satisfied[k] = append(s.Satisfied[k], sat)
	}
	rating := math.NaN()
	if cols.rating >= 0 {
		if cell := strings.TrimSpace(rec[cols.rating]); cell != "" {
			v, err := scenarios.CellNumber(cell, 0, 10, "a rating from 0 to 10, or empty when not asked")
			if err != nil {
				return &scenarios.CellError{File: file, Row: row, Column: "rating", Msg: err.Error()}
			}
			rating = v
		}
	}
	s.Rating = append(s.Rating, rating)
	s.rows = append(s.rows, row)
	return nil
}

// Blanks says, a line per column, where the survey's answers are blank
// and which fit leaves them out, for a command to print as warnings:
// "survey.csv: column booking_satisfied: 12 of the 400 respondents left
// it blank (rows 5, 9, 17 and 9 more); left out of booking's fit". Rows are
// numbered as ReadSurvey's errors number them, the header being row 1.
// A column no respondent answered is not listed: the fit's error says
// so. file names the survey.
func (s *Survey) Blanks(file string) []string {
	n := len(s.Rating)
	var out []string
	say := func(column string, rows []int, of int, who, what string) {
		if len(rows) == 0 {
			return
		}
		out = append(out, fmt.Sprintf("%s: column %s: %d of the %d %s left it blank (%s); left out of %s", file, column, len(rows), of, who, rowList(rows), what))
	}
	for k, name := range s.Touchpoints {
		var rows []int
		for i, sat := range s.Satisfied[k] {
			if sat < 0 {
				rows = append(rows, s.row(i))
			}
		}
		if len(rows) < n {
			say(name+"_satisfied", rows, n, "respondents", name+"'s fit")
		}
	}
	if !s.HasRating() {
		return out
	}
	var unrated []int
	for i, r := range s.Rating {
		if math.IsNaN(r) {
			unrated = append(unrated, s.row(i))
		}
	}
	say("rating", unrated, n, "respondents", "the weights' fit")
	for k, name := range s.Touchpoints {
		var rows []int
		rated := 0
		for i, r := range s.Rating {
			if !math.IsNaN(r) {
				rated++
				if math.IsNaN(s.Wait[k][i]) {
					rows = append(rows, s.row(i))
				}
			}
		}
		say(name+"_minutes", rows, rated, "respondents who gave a rating", "the weights' fit")
	}
	return out
}

// rowList is up to three row numbers and how many more.
func rowList(rows []int) string {
	var s []string
	for _, r := range rows[:min(3, len(rows))] {
		s = append(s, strconv.Itoa(r))
	}
	list := "row " + s[0]
	if len(s) > 1 {
		list = "rows " + strings.Join(s, ", ")
	}
	if more := len(rows) - len(s); more > 0 {
		list += fmt.Sprintf(" and %d more", more)
	}
	return list
}
