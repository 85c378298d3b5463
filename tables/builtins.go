package tables

import (
	"fmt"
	"io"
	"strings"

	"github.com/svcsim/svcsim/scenarios"
)

// Builtins lists the built-in scenarios, each name with its title, the
// titles wrapped to fit 80 columns.
func Builtins(w io.Writer) error {
	indent := 0
	for _, b := range scenarios.Builtins() {
		indent = max(indent, textWidth(b.Name)+3)
	}
	for _, b := range scenarios.Builtins() {
		name := b.Name
		for _, line := range wrapWords(b.Title, 80-indent) {
			if _, err := fmt.Fprintf(w, "%s%s%s\n", name, strings.Repeat(" ", indent-textWidth(name)), line); err != nil {
				return err
			}
			name = ""
		}
	}
	return nil
}
