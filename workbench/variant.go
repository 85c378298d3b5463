package workbench

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode"

	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
	yaml "go.yaml.in/yaml/v4"
)

// Edit is the page's change to a document: every row of the grid, in the
// grid's order, and every channel's demand as a percentage of the
// file's.
type Edit struct {
	Staff  [][]int   `json:"staff"`
	Demand []float64 `json:"demand"`
}

// MaxDemand bounds a channel's demand, in percent of the file's.
const MaxDemand = 1000

// check checks e against the document's grid and channels.
func (d *Doc) check(e Edit) error {
	g := d.Grid
	if g.Why != "" && len(e.Staff) > 0 {
		return fmt.Errorf("staff: this scenario's staffing cannot be edited here: %s", g.Why)
	}
	if g.Why == "" && len(e.Staff) != len(g.Rows) {
		return fmt.Errorf("staff: %d rows (got %d)", len(g.Rows), len(e.Staff))
	}
	var errs []error
	for i, vals := range e.Staff {
		r := &g.Rows[i]
		if len(vals) != g.Cols {
			return fmt.Errorf("staff: row %s: %d columns (got %d)", r.Label(), g.Cols, len(vals))
		}
		for c, v := range vals {
			switch {
			case v < 0 || v > MaxHeadcount:
				errs = append(errs, fmt.Errorf("staff: %s, %s, %s: a number of staff from 0 to %d (got %d)", r.Label(), r.DaysText, g.ColumnName(c), MaxHeadcount, v))
			case r.Why != "" && v != r.Values[c]:
				errs = append(errs, fmt.Errorf("staff: %s: cannot be changed here: %s", r.Label(), r.Why))
			}
		}
	}
	if len(e.Demand) != len(d.Channels) {
		return fmt.Errorf("demand: %d channels (got %d)", len(d.Channels), len(e.Demand))
	}
	for i, p := range e.Demand {
		ch := &d.Channels[i]
		switch {
		case !(p >= 0 && p <= MaxDemand):
			errs = append(errs, fmt.Errorf("demand: %s: a percentage from 0 to %d (got %g)", ch.Name, MaxDemand, p))
		case ch.Why != "" && p != 100:
			errs = append(errs, fmt.Errorf("demand: %s: cannot be changed here: %s", ch.Name, ch.Why))
		}
	}
	return errors.Join(errs...)
}

// Unchanged is the edit that changes nothing.
func (d *Doc) Unchanged() Edit {
	var e Edit
	for _, r := range d.Grid.Rows {
		e.Staff = append(e.Staff, append([]int(nil), r.Values...))
	}
	for range d.Channels {
		e.Demand = append(e.Demand, 100)
	}
	return e
}

// changed reports whether e changes anything.
func (d *Doc) changed(e Edit) bool {
	return !reflect.DeepEqual(e, d.Unchanged())
}

// CheckName checks a variant's name.
func CheckName(name string) error {
	switch {
	case strings.TrimSpace(name) == "":
		return fmt.Errorf("name: give the variant a name")
	case len([]rune(name)) > 100:
		return fmt.Errorf("name: at most 100 characters (got %d)", len([]rune(name)))
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return fmt.Errorf("name: no line breaks or control characters (got %q)", name)
	case name != strings.TrimSpace(name):
		return fmt.Errorf("name: no blanks at the start or end (got %q)", name)
	}
	return nil
}

// quote writes s as a YAML double-quoted scalar: Go's escapes are YAML's.
func quote(s string) string { return strconv.Quote(s) }

// item writes the variant name with the changes of e as an item of a
// variants: list, the dash in column 0, each line ending in "\n".
func (d *Doc) item(name string, e Edit) string {
	var b strings.Builder
	fmt.Fprintf(&b, "- name: %s\n", quote(name))
	g := d.Grid
	var open uint8
	for wd := range 7 {
		if !d.Scenario.Model.Open[wd].Closed() {
			open |= 1 << wd
		}
	}
	stagesDone := false
	for i := 0; i < len(g.Rows); {
		// The rows of one stage, then of one staff group within it.
		j := i
		for j < len(g.Rows) && g.Rows[j].stage == g.Rows[i].stage {
			j++
		}
		stageDone := false
		for k := i; k < j; {
			l := k
			for l < j && g.Rows[l].group == g.Rows[k].group {
				l++
			}
			if !reflect.DeepEqual(e.Staff[k:l], d.Unchanged().Staff[k:l]) {
				if !stagesDone {
					b.WriteString("  stages:\n")
					stagesDone = true
				}
				if !stageDone {
					fmt.Fprintf(&b, "    - name: %s\n", quote(g.Rows[k].Stage))
					if g.Rows[k].Group != "" {
						b.WriteString("      groups:\n")
					}
					stageDone = true
				}
				staff := g.schedule(g.Rows[k:l], e.Staff[k:l], open)
				if g.Rows[k].Group == "" {
					fmt.Fprintf(&b, "      staff: %s\n", staff)
				} else {
					fmt.Fprintf(&b, "        - name: %s\n          staff: %s\n", quote(g.Rows[k].Group), staff)
				}
			}
			k = l
		}
		i = j
	}
	chDone := false
	for i, ch := range d.Channels {
		if e.Demand[i] == 100 {
			continue
		}
		if !chDone {
			b.WriteString("  channels:\n")
			chDone = true
		}
		var parts []string
		for _, wd := range weekOrder {
			v := math.Round(ch.Factors[wd]*e.Demand[i]/100*1e9) / 1e9
			parts = append(parts, dayNames[wd]+": "+strconv.FormatFloat(v, 'g', -1, 64))
		}
		fmt.Fprintf(&b, "    - name: %s\n      weekdays: {%s}\n", quote(ch.Name), strings.Join(parts, ", "))
	}
	return b.String()
}

// splice is text with item (from Doc.item) added to its variants: list
// as the variant name: appended to the list, or replacing the variant of
// that name when replace is set. Everything else stays byte for byte.
// exists tells whether the file has a variant of that name (when it has
// and replace is not set, splice returns text unchanged).
func splice(text []byte, item, name string, replace bool) (out []byte, exists bool, err error) {
	var root yaml.Node
	if err := yaml.Unmarshal(text, &root); err != nil || len(root.Content) != 1 || root.Content[0].Kind != yaml.MappingNode {
		return nil, false, fmt.Errorf("the file is not one YAML mapping; save as a new file")
	}
	nl := "\n"
	if bytes.Contains(text, []byte("\r\n")) {
		nl = "\r\n"
		item = strings.ReplaceAll(item, "\n", "\r\n")
	}
	lines := splitLines(text)
	key, val, next := findVariants(root.Content[0], len(lines))
	if key == nil {
		return appendVariants(text, item, nl), false, nil
	}
	if val.Kind != yaml.SequenceNode || val.Style&yaml.FlowStyle != 0 || len(val.Content) == 0 {
		return nil, false, fmt.Errorf("variants: (line %d) is not a list written one item per line; save as a new file", key.Line)
	}
	starts, at, pad, err := variantItems(lines, val, name, next)
	if err != nil {
		return nil, false, err
	}
	ind := indent(item, pad, nl)
	switch {
	case at >= 0 && !replace:
		return text, true, nil
	case at >= 0:
		a, b := lines.offset(starts[at]), lines.offset(lines.itemEnd(starts, at)+1)
		if !bytes.HasSuffix(text[:b], []byte("\n")) {
			ind = strings.TrimSuffix(ind, nl)
		}
		return concat(text[:a], []byte(ind), text[b:]), true, nil
	}
	b := lines.offset(lines.itemEnd(starts, len(val.Content)-1) + 1)
	if !bytes.HasSuffix(text[:b], []byte("\n")) {
		ind = nl + strings.TrimSuffix(ind, nl)
	}
	return concat(text[:b], []byte(ind), text[b:]), false, nil
}

// findVariants finds the variants: key of the top-level mapping m and its
// value, and next, the line of the top-level key after it (nlines+1 when
// it is the last). key is nil when m has no variants.
func findVariants(m *yaml.Node, nlines int) (key, val *yaml.Node, next int) {
	next = nlines + 1
	for i := 0; i+1 < len(m.Content); i += 2 {
		if key != nil && m.Content[i].Line > key.Line {
			next = min(next, m.Content[i].Line)
		}
		if m.Content[i].Value == "variants" {
			key, val = m.Content[i], m.Content[i+1]
		}
	}
	return key, val, next
}

// appendVariants is text, ended with a newline, followed by a new
// variants: list holding item.
func appendVariants(text []byte, item, nl string) []byte {
	out := append([]byte(nil), text...)
	if len(out) > 0 && !bytes.HasSuffix(out, []byte("\n")) {
		out = append(out, nl...)
	}
	return append(out, nl+"variants:"+nl+indent(item, "  ", nl)...)
}

// variantItems checks that every item of the variants list val starts its
// line with its dash at the same indent, pad, and returns the items' first
// lines followed by next, and the index of the item called name (-1 when
// none is).
func variantItems(lines srcLines, val *yaml.Node, name string, next int) (starts []int, at int, pad string, err error) {
	pad = lines.lead(val.Content[0].Line)
	at = -1
	starts = make([]int, len(val.Content)+1)
	for i, c := range val.Content {
		starts[i] = c.Line
		if !strings.HasPrefix(strings.TrimLeft(string(lines[c.Line-1]), " "), "-") || lines.lead(c.Line) != pad {
			return nil, -1, "", fmt.Errorf("variants: item at line %d does not start its line with its dash; save as a new file", c.Line)
		}
		if n := mapValue(c, "name"); n != nil && n.Value == name {
			at = i
		}
	}
	starts[len(val.Content)] = next
	return starts, at, pad, nil
}

// srcLines is a file's text split after each newline; its methods take
// the 1-based line numbers yaml.Node reports.
type srcLines [][]byte

// splitLines is text split after each newline, without the empty piece
// after a final one.
func splitLines(text []byte) srcLines {
	lines := bytes.SplitAfter(text, []byte("\n"))
	if len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// offset is the byte offset of line (the text's length past the end).
func (ls srcLines) offset(line int) int {
	n := 0
	for _, l := range ls[:min(line-1, len(ls))] {
		n += len(l)
	}
	return n
}

// blank tells whether line l is empty or only a comment; a line past
// the text's end (yaml can report one after a last line without a
// newline) counts as blank.
func (ls srcLines) blank(l int) bool {
	if l < 1 || l > len(ls) {
		return true
	}
	s := strings.TrimSpace(string(ls[l-1]))
	return s == "" || strings.HasPrefix(s, "#")
}

// lead is the spaces line l starts with.
func (ls srcLines) lead(l int) string {
	if l < 1 || l > len(ls) {
		return ""
	}
	s := string(ls[l-1])
	return s[:len(s)-len(strings.TrimLeft(s, " "))]
}

// itemEnd is the last line of item i, whose lines run from starts[i] to
// before starts[i+1], that is not blank or a comment.
func (ls srcLines) itemEnd(starts []int, i int) int {
	l := starts[i+1] - 1
	for l > starts[i] && ls.blank(l) {
		l--
	}
	return l
}

func concat(parts ...[]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// indent puts pad before every line of s and ends lines with nl.
func indent(s, pad, nl string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for l := range strings.SplitSeq(strings.TrimSuffix(s, "\n"), "\n") {
		b.WriteString(pad + l + nl)
	}
	return b.String()
}

// withVariant is the scenario text of d with e as the variant name, and
// that variant read from it (the base and the other variants as in d).
func (d *Doc) withVariant(fsys fs.FS, name string, e Edit, replace bool) ([]byte, *scenarios.Scenario, error) {
	item := d.item(name, e)
	text, exists, err := splice(d.Text, item, name, replace)
	if err != nil {
		return nil, nil, err
	}
	if exists && !replace {
		return nil, nil, &existsError{name}
	}
	file := d.File
	if file == "" {
		file = d.Scenario.Model.Name + ".yaml"
	}
	sc, err := scenarios.Parse(fsys, file, text)
	var es scenarios.Errors
	if errors.As(err, &es) {
		// Problems in the lines of the change are the page's, not the
		// file's: they have no line a planner could look up.
		n := 0
		for n < len(text) && n < len(d.Text) && text[n] == d.Text[n] {
			n++
		}
		from := bytes.Count(text[:n], []byte("\n")) + 1
		to := from + strings.Count(item, "\n")
		for _, x := range es {
			if x.File == file && x.Line >= from && x.Line <= to {
				x.File, x.Line, x.Column = "your change", 0, 0
			}
		}
	}
	if err != nil {
		return nil, nil, err
	}
	for _, v := range sc.Variants {
		if v.Variant == name {
			return text, v, nil
		}
	}
	return nil, nil, fmt.Errorf("the variant %q is missing from the file written (please report this)", name)
}

// existsError is a variant that exists already, to ask before replacing
// it.
type existsError struct{ name string }

func (e *existsError) Error() string {
	return fmt.Sprintf("the file already has a variant named %q", e.name)
}

// verify checks that text, read as a scenario, has the base and the
// other variants of d unchanged and the variant name with model want.
func (d *Doc) verify(fsys fs.FS, file string, text []byte, name string, want *sim.Model) error {
	sc, err := scenarios.Parse(fsys, file, text)
	if err != nil {
		return fmt.Errorf("the file written does not read back: %w", err)
	}
	if !sameModel(sc.Model, d.Scenario.Model) {
		return fmt.Errorf("the file written has a different base scenario")
	}
	got := map[string]*sim.Model{}
	for _, v := range sc.Variants {
		got[v.Variant] = v.Model
	}
	for _, v := range d.Scenario.Variants {
		if v.Variant != name && !sameModel(got[v.Variant], v.Model) {
			return fmt.Errorf("the file written changes the variant %q", v.Variant)
		}
	}
	if !sameModel(got[name], want) {
		return fmt.Errorf("the variant %q as written differs from the one run", name)
	}
	return nil
}

// sameModel reports whether a and b are the same model but for their
// names.
func sameModel(a, b *sim.Model) bool {
	if a == nil || b == nil {
		return a == b
	}
	x, y := *a, *b
	x.Name, y.Name = "", ""
	return reflect.DeepEqual(x, y)
}
