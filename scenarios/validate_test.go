package scenarios_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/scenarios"
)

// Validate a copy of the clinic built-in: it and its variants are valid.
func ExampleValidate() {
	dir, err := os.MkdirTemp("", "validate")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	files, _ := scenarios.BuiltinFiles("clinic")
	for _, f := range files {
		os.WriteFile(filepath.Join(dir, f.Path), f.Data, 0o644)
	}
	v, err := scenarios.Validate(context.Background(), filepath.Join(dir, "clinic.yaml"), scenarios.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range v.OK {
		fmt.Println(strings.TrimPrefix(l, dir+string(filepath.Separator)))
	}
	fmt.Println(len(v.Warnings), "warnings")
	// Output:
	// clinic.yaml: ok
	//   variant "booking+1 at peak": ok
	//   variant "extra doctor afternoons": ok
	// 0 warnings
}

// overloaded has more work than staff at a stage whose customers never
// give up, which sim.LoadWarnings warns of; its variant "enough" does
// not.
const overloaded = `name: overloaded
open: 09:00-12:00
channels:
  - name: walk_in
    rates: {09:00-12:00: 60/h}
    route: [desk]
stages:
  - name: desk
    service: exponential(5m)
    target: 5m
    staff: %d
variants:
  - name: enough
    stages:
      - name: desk
        staff: 8
  - name: fewer
    stages:
      - name: desk
        staff: 1
`

func TestValidate(t *testing.T) {
	tests := []struct {
		name     string
		staff    int
		ok       []string
		warnings []string // their starts
	}{
		{"overloaded", 2, []string{"F: ok", `  variant "enough": ok`, `  variant "fewer": ok`},
			[]string{`F: stage "desk": `, `F: variant "fewer": stage "desk": `}},
		{"staffed", 8, []string{"F: ok", `  variant "enough": ok`, `  variant "fewer": ok`},
			[]string{`F: variant "fewer": stage "desk": `}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "s.yaml")
			if err := os.WriteFile(path, []byte(fmt.Sprintf(overloaded, tt.staff)), 0o644); err != nil {
				t.Fatal(err)
			}
			v, err := scenarios.Validate(t.Context(), path, scenarios.Options{})
			if err != nil {
				t.Fatal(err)
			}
			named := func(s string) string { return strings.ReplaceAll(s, "F:", path+":") }
			if len(v.OK) != len(tt.ok) {
				t.Fatalf("OK = %q; want %q", v.OK, tt.ok)
			}
			for i, l := range tt.ok {
				if v.OK[i] != named(l) {
					t.Errorf("OK[%d] = %q; want %q", i, v.OK[i], named(l))
				}
			}
			if len(v.Warnings) != len(tt.warnings) {
				t.Fatalf("Warnings = %q; want %d starting %q", v.Warnings, len(tt.warnings), tt.warnings)
			}
			for i, w := range tt.warnings {
				if !strings.HasPrefix(v.Warnings[i], named(w)) {
					t.Errorf("Warnings[%d] = %q; want it to start %q", i, v.Warnings[i], named(w))
				}
			}
		})
	}
}

func TestValidateInvalid(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.yaml")
	if err := os.WriteFile(path, []byte("name: x\nstages: 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if v, err := scenarios.Validate(t.Context(), path, scenarios.Options{}); err == nil {
		t.Errorf("got %+v, no error; want the load's error", v)
	}
}
