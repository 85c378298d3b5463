package resultset

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/svcsim/svcsim/sim"
)

// Summary is summary.json, the JSON document of a run; docs/output.md
// describes every field.
type Summary struct {
	Version string `json:"svcsim_version"`
	// Command is the command that wrote a summary other than 'svcsim
	// run's: "staff" for the staffing 'svcsim staff' chose.
	Command  string      `json:"command,omitempty"`
	Scenario ScenarioRef `json:"scenario"`
	Warnings []string    `json:"warnings"`
	// Assumptions are the scenario in plain words, for reports.
	Assumptions []string     `json:"assumptions,omitempty"`
	Currency    string       `json:"currency,omitempty"`
	Results     *sim.Results `json:"results"`
}

// ScenarioRef names the scenario a run simulated.
type ScenarioRef struct {
	Name   string `json:"name"`
	Source string `json:"source"`
	SHA256 string `json:"sha256,omitempty"`
}

// WriteJSON writes s indented, with a final newline; no warnings are an
// empty array, so that scripts can rely on one.
func (s *Summary) WriteJSON(w io.Writer) error {
	if s.Warnings == nil {
		s.Warnings = []string{}
	}
	return WriteJSON(w, s)
}

// Files are the files of a run's folder: summary.json, summary.csv and
// intervals.csv.
func (s *Summary) Files() ([]File, error) {
	names := []string{"summary.json", "summary.csv", "intervals.csv"}
	writers := []func(io.Writer) error{
		s.WriteJSON,
		func(w io.Writer) error { return WriteSummaryCSV(w, s.Results) },
		func(w io.Writer) error { return WriteIntervalsCSV(w, s.Results) },
	}
	files := make([]File, len(names))
	for i, write := range writers {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			return nil, err
		}
		files[i] = File{Name: names[i], Data: b.Bytes()}
	}
	return files, nil
}

// WriteJSON writes v as every JSON file of svcsim is written: indented by
// two blanks, without HTML escaping, with a final newline.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
