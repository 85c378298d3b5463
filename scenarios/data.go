package scenarios

import (
	"fmt"
	"path"
	"slices"
	"strings"

	yaml "go.yaml.in/yaml/v4"
)

// The planner's own data: arrival traces, historical volumes and rosters
// as CSV files with a header row. Every error names the file, the row
// (counting the header as row 1) and the column.

// col finds a column by name; required columns missing are an error.
func col(file string, header []string, name string, required bool) (int, error) {
	i := slices.Index(header, name)
	if i < 0 && required {
		return -1, missingColumn(file, header, name)
	}
	return i, nil
}

// missingColumn is the error for columns the header lacks. A data file
// may be any file the user can read (a link in the scenario's folder), so
// the message echoes no header cell except those close to a name asked
// for.
func missingColumn(file string, header []string, names ...string) error {
	var near []string
	for _, n := range names {
		for _, c := range closest(n, header) {
			if !slices.Contains(near, c) {
				near = append(near, c)
			}
		}
	}
	want := strings.Join(quoteAll(names), " or ")
	msg := fmt.Sprintf("%s: no column %s among the header's %d", file, want, len(header))
	if len(near) > 0 {
		msg += fmt.Sprintf(" (did you mean %s?)", strings.Join(quoteAll(near), " or "))
	}
	return fmt.Errorf("%s", msg)
}

// inlineData reads the data section, "data: {PATH: TEXT, ...}": the text
// of data files kept in the scenario file itself, so that one file holds
// everything (what 'svcsim scenarios show' prints for built-ins with
// data). A path given here is not read from disk.
func (d *decoder) inlineData(n *yaml.Node) map[string]string {
	if n == nil {
		return nil
	}
	out := map[string]string{}
	for _, e := range d.entries(n, "data") {
		name := e.key.Value
		field := "data." + name
		if e.val == nil || e.val.Kind != yaml.ScalarNode || e.val.Tag == "!!null" {
			d.errorf(e.val, field, "expected the file's text as a block, e.g. %s: |, then its lines indented (got %s)", name, describeOr(e.val))
			continue
		}
		out[path.Clean(name)] = e.val.Value
	}
	return out
}

func describeOr(n *yaml.Node) string {
	if n == nil {
		return "nothing"
	}
	return describe(n)
}
