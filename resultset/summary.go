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
// WriteJSON(w, s), written in one pass: the results are appended directly
// (sim.Results.AppendJSON) to one buffer, which is then indented, straight
// into w when w is a *bytes.Buffer. Every copy of a growing document
// touches fresh memory, which costs a short run several percent of its
// time.
func (s *Summary) WriteJSON(w io.Writer) error {
	if s.Warnings == nil {
		s.Warnings = []string{}
	}
	var head bytes.Buffer
	enc := json.NewEncoder(&head)
	enc.SetEscapeHTML(false)
	// The newlines Encode ends each value with are whitespace between
	// tokens, which indenting drops.
	head.WriteString(`{"svcsim_version":`)
	if err := enc.Encode(s.Version); err != nil {
		return err
	}
	if s.Command != "" {
		head.WriteString(`,"command":`)
		if err := enc.Encode(s.Command); err != nil {
			return err
		}
	}
	head.WriteString(`,"scenario":`)
	if err := enc.Encode(s.Scenario); err != nil {
		return err
	}
	head.WriteString(`,"warnings":`)
	if err := enc.Encode(s.Warnings); err != nil {
		return err
	}
	if len(s.Assumptions) > 0 {
		head.WriteString(`,"assumptions":`)
		if err := enc.Encode(s.Assumptions); err != nil {
			return err
		}
	}
	if s.Currency != "" {
		head.WriteString(`,"currency":`)
		if err := enc.Encode(s.Currency); err != nil {
			return err
		}
	}
	head.WriteString(`,"results":`)
	// A new slice rather than a grown bytes.Buffer, which would clear its
	// whole capacity: only the pages written to are touched, so the
	// estimate can be generous.
	doc := append(make([]byte, 0, head.Len()+s.jsonSize()), head.Bytes()...)
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
	n := 4096
	if r := s.Results; r != nil {
		n += 400*len(r.KPIs) + 700*(len(r.Intervals)+len(r.ByWeekday))
		for i := range r.KPIs {
			n += 24 * len(r.KPIs[i].Values)
		}
	}
	return n
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
