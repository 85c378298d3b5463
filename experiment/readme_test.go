package experiment_test

import (
	"os"
	"regexp"
	"testing"
)

// TestReadmeExample: the README shows this package's example with the
// difference it prints; the two must agree, or the README is stale.
func TestReadmeExample(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	example, err := os.ReadFile("example_test.go")
	if err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`// difference: .*`)
	got, want := line.Find(readme), line.Find(example)
	if got == nil || want == nil || string(got) != string(want) {
		t.Errorf("README.md shows %q; the example prints %q", got, want)
	}
}
