package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDocExamples runs every example in README.md and docs/*.md written
// as a fenced block whose first line is "$ svcsim ARGS" and checks that
// the block's other lines come out, in order ("..." stands for lines left
// out), so that the output the docs show is the output svcsim prints.
func TestDocExamples(t *testing.T) {
	docs, _ := filepath.Glob("../../docs/*.md")
	docs = append(docs, "../../README.md")
	n := 0
	for _, doc := range docs {
		b, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, block := range strings.Split(string(b), "```")[1:] {
			_, body, _ := strings.Cut(block, "\n")
			lines := strings.Split(strings.TrimRight(body, "\n"), "\n")
			args, ok := strings.CutPrefix(lines[0], "$ svcsim ")
			if !ok {
				continue
			}
			n++
			t.Run(filepath.Base(doc)+"/"+args, func(t *testing.T) {
				out, _ := mustRun(t, strings.Fields(args)...)
				got := strings.Split(out, "\n")
				for _, want := range lines[1:] {
					if strings.TrimSpace(want) == "..." {
						continue
					}
					for len(got) > 0 && got[0] != want {
						got = got[1:]
					}
					if len(got) == 0 {
						t.Fatalf("%s shows the line\n%s\nwhich 'svcsim %s' does not print there; it prints:\n%s", doc, want, args, out)
					}
					got = got[1:]
				}
			})
		}
	}
	if n == 0 {
		t.Fatal("no '$ svcsim' examples found in the docs")
	}
}
