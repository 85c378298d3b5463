package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/svcsim/svcsim/scenarios"
)

// TestBuiltinGoldens pins what the command line prints for every built-in
// (the KPI table with time-of-day rows, JSON, the CSV summary and
// intervals, and the comparison with its variants) byte for byte, so that
// moving code between packages cannot change a number unnoticed. Run
// 'go test ./cmd/svcsim -run TestBuiltinGoldens -update' after a
// deliberate change and read the diff.
func TestBuiltinGoldens(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the built-ins' golden outputs take a few seconds")
	}
	for _, b := range scenarios.Builtins() {
		sc, err := scenarios.Builtin(b.Name)
		if err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			file string
			args []string
		}{
			{"table.txt", []string{"run", b.Name, "-r", "3", "-q", "--intervals"}},
			{"summary.json", []string{"run", b.Name, "-r", "3", "-q", "--format", "json"}},
			{"summary.csv", []string{"run", b.Name, "-r", "3", "-q", "--format", "csv"}},
			{"intervals.csv", []string{"run", b.Name, "-r", "3", "-q", "--format", "csv", "--intervals"}},
		}
		if len(sc.Variants) > 0 {
			cases = append(cases, struct {
				file string
				args []string
			}{"compare.txt", []string{"compare", b.Name, "-r", "3", "-q"}})
		}
		for _, c := range cases {
			t.Run(b.Name+"/"+c.file, func(t *testing.T) {
				out, _ := mustRun(t, c.args...)
				golden := filepath.Join("testdata", "builtins", b.Name, c.file)
				if *update {
					if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run with -update to record it)", err)
				}
				if !bytes.Equal([]byte(out), want) {
					t.Errorf("svcsim %v differs from %s (rerun with -update if the change is deliberate)", c.args, golden)
				}
			})
		}
	}
}
