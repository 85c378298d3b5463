package main

import (
	"embed"
	"path"
)

// The help of each command is a text file in help/, a format for
// fmt.Fprintf that its usage method fills in (flag lists, defaults):
// prose is easier to read and edit there than in Go string literals.
//
//go:embed help/*.txt
var helpFiles embed.FS

// helpText is the help of command name, help/NAME.txt.
func helpText(name string) string {
	b, err := helpFiles.ReadFile(path.Join("help", name+".txt"))
	if err != nil {
		panic("svcsim: no help text for " + name) // a file missing from help/
	}
	return string(b)
}
