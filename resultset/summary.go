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
// empty array, so that scripts can rely on one. The bytes are those of
// WriteJSON(w, s), written in one pass: the fields and the results
// (sim.Results.AppendJSON) are appended directly to one buffer, which is
// then indented, straight into w when w is a *bytes.Buffer. Every copy of a growing document
// touches fresh memory, which costs a short run several percent of its
// time.
func (s *Summary) WriteJSON(w io.Writer) error {
	if s.Warnings == nil {
		s.Warnings = []string{}
	}
	// A new slice rather than a grown bytes.Buffer, which would clear its
	// whole capacity: only the pages written to are touched, so the
	// estimate can be generous.
	doc := make([]byte, 0, s.jsonSize())
	doc = appendString(append(doc, `{"svcsim_version":`...), s.Version)
	if s.Command != "" {
		doc = appendString(append(doc, `,"command":`...), s.Command)
	}
	doc = appendString(append(doc, `,"scenario":{"name":`...), s.Scenario.Name)
	doc = appendString(append(doc, `,"source":`...), s.Scenario.Source)
	if s.Scenario.SHA256 != "" {
		doc = appendString(append(doc, `,"sha256":`...), s.Scenario.SHA256)
	}
	doc = appendStrings(append(doc, `},"warnings":`...), s.Warnings)
	if len(s.Assumptions) > 0 {
		doc = appendStrings(append(doc, `,"assumptions":`...), s.Assumptions)
	}
	if s.Currency != "" {
		doc = appendString(append(doc, `,"currency":`...), s.Currency)
	}
	doc = append(doc, `,"results":`...)
	if s.Results == nil {
		doc = append(doc, "null"...)
	} else {
		var err error
		if doc, err = s.Results.AppendJSON(doc); err != nil {
			return err
		}
	}
	doc = append(doc, "}\n"...)
	return writeIndented(w, doc)
}

// jsonSize is a generous estimate of the length of s's compact JSON,
// so that WriteJSON allocates its buffer once.
func (s *Summary) jsonSize() int {
	n := 4096 + len(s.Version) + len(s.Command) + len(s.Scenario.Name) + len(s.Scenario.Source) + len(s.Currency)
	for _, t := range [][]string{s.Warnings, s.Assumptions} {
		for _, x := range t {
			n += 8 + len(x)
		}
	}
	if r := s.Results; r != nil {
		n += 400*len(r.KPIs) + 700*(len(r.Intervals)+len(r.ByWeekday))
		for i := range r.KPIs {
			n += 24 * len(r.KPIs[i].Values)
		}
	}
	return n
}

// appendString appends x as a JSON string, as WriteJSON writes one
// (without HTML escaping). Plain ASCII, the usual case, is copied;
// anything else goes through encoding/json.
func appendString(b []byte, x string) []byte {
	for i := 0; i < len(x); i++ {
		if c := x[i]; c < 0x20 || c >= 0x80 || c == '"' || c == '\\' {
			var q bytes.Buffer
			enc := json.NewEncoder(&q)
			enc.SetEscapeHTML(false)
			enc.Encode(x) // a string always encodes
			return append(b, bytes.TrimSuffix(q.Bytes(), []byte("\n"))...)
		}
	}
	b = append(b, '"')
	b = append(b, x...)
	return append(b, '"')
}

// appendStrings appends xs as a JSON array of strings, null for nil.
func appendStrings(b []byte, xs []string) []byte {
	if xs == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, x := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, x)
	}
	return append(b, ']')
}

// writeIndented writes the compact JSON doc to w indented by two blanks,
// as an Encoder with SetIndent("", "  ") writes it; a *bytes.Buffer gets
// it appended without a copy.
func writeIndented(w io.Writer, doc []byte) error {
	if buf, ok := w.(*bytes.Buffer); ok {
		return json.Indent(buf, doc, "", "  ")
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, doc, "", "  "); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// Files are the files of a run's folder: summary.json, summary.csv and
// intervals.csv, and pool_intervals.csv when the scenario has pools.
func (s *Summary) Files() ([]File, error) {
	names := []string{"summary.json", "summary.csv", "intervals.csv"}
	writers := []func(io.Writer) error{
		s.WriteJSON,
		func(w io.Writer) error { return WriteSummaryCSV(w, s.Results) },
		func(w io.Writer) error { return WriteIntervalsCSV(w, s.Results) },
	}
	if len(s.Results.Pools) > 0 {
		names = append(names, "pool_intervals.csv")
		writers = append(writers, func(w io.Writer) error { return WritePoolIntervalsCSV(w, s.Results) })
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
