package calibrate

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

// blanked is the synthetic survey with the cells {respondent, column}
// blank (both 0-based).
func blanked(cells ...[2]int) []byte {
	lines := strings.Split(string(synthetic()), "\n")
	for _, c := range cells {
		row := strings.Split(lines[c[0]+1], ",")
		row[c[1]] = ""
		lines[c[0]+1] = strings.Join(row, ",")
	}
	return []byte(strings.Join(lines, "\n"))
}

// TestBlanksAreCountedAndReported: a blank cell is no answer, not an
// error: the fit that needs it leaves the respondent out, counts them,
// and Blanks and the YAML comments say so, with the rows. Columns: 1
// booking_wait_minutes, 2 booking_wait_satisfied, 3 and 4 the same of
// service_wait, 5 rating.
func TestBlanksAreCountedAndReported(t *testing.T) {
	tests := []struct {
		name    string
		cells   [][2]int
		refused string // a substring of ReadSurvey's error; "": read
		blank   []int  // Tolerance.Blank per touchpoint
		unrated int
		noWait  int
		blanks  []string
		yaml    []string
	}{
		{"none", nil, "", []int{0, 0}, 0, 0, nil, []string{" who did not wait left out)", "ratings\n"}},
		{"satisfied cells", [][2]int{{3, 2}, {7, 2}, {8, 2}, {20, 2}}, "", []int{4, 0}, 0, 0,
			[]string{"survey.csv: column booking_wait_satisfied: 4 of the 3000 respondents left it blank (rows 5, 9, 10 and 1 more); left out of booking_wait's fit"},
			[]string{" and 4 blank left out)"}},
		{"a rating", [][2]int{{0, 5}}, "", []int{0, 0}, 1, 0,
			[]string{"survey.csv: column rating: 1 of the 3000 respondents left it blank (row 2); left out of the weights' fit"},
			[]string{"ratings (1 blank left out)"}},
		{"a wait and its answer", [][2]int{{10, 3}, {10, 4}}, "", []int{0, 1}, 0, 1,
			[]string{"column service_wait_satisfied: 1 of the 3000 respondents left it blank (row 12)",
				"column service_wait_minutes: 1 of the 3000 respondents who gave a rating left it blank (row 12); left out of the weights' fit"},
			[]string{" and 1 blank left out)", "ratings (1 with a blank wait left out)"}},
		{"a wait with its answer given", [][2]int{{10, 3}}, "survey.csv: row 12: service_wait_satisfied is answered but service_wait_minutes is empty", nil, 0, 0, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ReadSurvey(bytes.NewReader(blanked(tt.cells...)), "survey.csv")
			if tt.refused != "" {
				if err == nil || !strings.Contains(err.Error(), tt.refused) {
					t.Errorf("ReadSurvey = %v; want %q", err, tt.refused)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tol, wt, err := s.Fit("survey.csv")
			if err != nil {
				t.Fatal(err)
			}
			for k, want := range tt.blank {
				if tol[k].Blank != want {
					t.Errorf("%s: Blank = %d; want %d", tol[k].Name, tol[k].Blank, want)
				}
			}
			if wt.Unrated != tt.unrated || wt.NoWait != tt.noWait {
				t.Errorf("Unrated, NoWait = %d, %d; want %d, %d", wt.Unrated, wt.NoWait, tt.unrated, tt.noWait)
			}
			blanks := s.Blanks("survey.csv")
			if len(blanks) != len(tt.blanks) {
				t.Errorf("Blanks = %q; want %d lines", blanks, len(tt.blanks))
			}
			for _, want := range tt.blanks {
				if !slices.ContainsFunc(blanks, func(b string) bool { return strings.Contains(b, want) }) {
					t.Errorf("Blanks = %q; want %q", blanks, want)
				}
			}
			var b strings.Builder
			if err := YAML(&b, "survey.csv", tol, wt); err != nil {
				t.Fatal(err)
			}
			for _, want := range tt.yaml {
				if !strings.Contains(b.String(), want) {
					t.Errorf("YAML lacks %q:\n%s", want, b.String())
				}
			}
		})
	}
}

// TestBlanksNoAnswerColumn: a touchpoint nobody answered is not listed by
// Blanks (its fit's error says so), nor is the rating of a survey
// without one.
func TestBlanksNoAnswerColumn(t *testing.T) {
	s, err := ReadSurvey(strings.NewReader("x_minutes,x_satisfied\n3,\n4,\n"), "s.csv")
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Blanks("s.csv"); got != nil {
		t.Errorf("Blanks = %q; want none", got)
	}
}

// FuzzReadSurvey: any CSV is read or refused with an error naming the
// file, never a panic; a survey read lists its blanks and fits or says
// why not.
func FuzzReadSurvey(f *testing.F) {
	f.Add([]byte("x_minutes,x_satisfied,rating\n3,yes,7\n,,\n4,,\n"))
	f.Add([]byte("x_minutes\n\n"))
	f.Add([]byte("\ufeffX_Minutes,x_SATISFIED\n1,y\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := ReadSurvey(bytes.NewReader(b), "s.csv")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "s.csv") {
				t.Errorf("ReadSurvey(%q) = %v; want the file named", b, err)
			}
			return
		}
		for _, line := range s.Blanks("s.csv") {
			if !strings.HasPrefix(line, "s.csv: column ") {
				t.Errorf("Blanks line %q; want the file and column named", line)
			}
		}
		s.Fit("s.csv")
	})
}

// TestBlanksNameFileLines: the rows Blanks names are the file's lines, as
// ReadSurvey's errors number them, even past a blank line csv skips.
func TestBlanksNameFileLines(t *testing.T) {
	src := "booking_minutes,booking_satisfied\n\n1,yes\n2,\n3,no\n"
	s, err := ReadSurvey(strings.NewReader(src), "s.csv")
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(s.Blanks("s.csv"), "\n")
	if !strings.Contains(got, "(row 4)") {
		t.Errorf("Blanks = %q; want the blank on row 4, the file's line", got)
	}
}
