package main

import (
	"encoding/json"
	"io"

	"github.com/svcsim/svcsim/sim"
)

// report is the JSON document of a run, summary.json; docs/output.md
// describes every field.
type report struct {
	Version  string      `json:"svcsim_version"`
	Scenario scenarioRef `json:"scenario"`
	Warnings []string    `json:"warnings"`
	// Assumptions are the scenario in plain words, for reports.
	Assumptions []string     `json:"assumptions,omitempty"`
	Currency    string       `json:"currency,omitempty"`
	Results     *sim.Results `json:"results"`
}

// scenarioRef names the scenario a run simulated.
type scenarioRef struct {
	Name   string `json:"name"`
	Source string `json:"source"`
	SHA256 string `json:"sha256,omitempty"`
}

// writeJSON writes rep indented, with a final newline.
func writeJSON(w io.Writer, rep *report) error {
	if rep.Warnings == nil {
		rep.Warnings = []string{} // scripts can rely on an array
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(rep)
}
