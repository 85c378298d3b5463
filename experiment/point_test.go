package experiment

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/scenarios"
)

// TestUniqueNamesNumbersRepeats: names stay unique when two points share
// the file too, as a batch of overlapping paths gives.
func TestUniqueNamesNumbersRepeats(t *testing.T) {
	tests := []struct {
		name  string
		pts   []*Point
		names []string
	}{
		{"distinct", []*Point{{Name: "a", File: "x.yaml"}, {Name: "b", File: "x.yaml"}}, []string{"a", "b"}},
		{"one name, two files", []*Point{{Name: "a", File: "x.yaml"}, {Name: "a", File: "y.yaml"}}, []string{"a (x.yaml)", "a (y.yaml)"}},
		{"one file twice", []*Point{{Name: "a", File: "x.yaml"}, {Name: "a", File: "x.yaml"}, {Name: "a", File: "x.yaml"}},
			[]string{"a (x.yaml)", "a (x.yaml) #2", "a (x.yaml) #3"}},
		{"a number taken", []*Point{{Name: "a", File: "x.yaml"}, {Name: "a", File: "x.yaml"}, {Name: "a (x.yaml) #2", File: "z.yaml"}},
			[]string{"a (x.yaml)", "a (x.yaml) #3", "a (x.yaml) #2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			UniqueNames(tt.pts)
			var got []string
			for _, p := range tt.pts {
				got = append(got, p.Name)
			}
			if !slices.Equal(got, tt.names) {
				t.Errorf("names %q; want %q", got, tt.names)
			}
		})
	}
}

// TestDistinct: a comparison of one scenario with itself is refused,
// naming the repeat, however the file's path is written.
func TestDistinct(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.yaml")
	b := filepath.Join(dir, "b.yaml")
	for _, f := range []string{a, b} {
		if err := os.WriteFile(f, []byte("name: a\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink(a, link); err != nil {
		t.Fatal(err)
	}
	pt := func(file, variant string) *Point {
		return &Point{Name: "a", File: file, Scenario: &scenarios.Scenario{Variant: variant}}
	}
	tests := []struct {
		name string
		pts  []*Point
		want []string // substrings of the error; none: distinct
	}{
		{"two files", []*Point{pt(a, ""), pt(b, "")}, nil},
		{"a file and its variant", []*Point{pt(a, ""), pt(a, "more staff")}, nil},
		{"two built-ins", []*Point{pt("builtin:clinic", ""), pt("builtin:bank", "")}, nil},
		{"a file twice", []*Point{pt(a, ""), pt(a, "")},
			[]string{"scenario 2 repeats scenario 1 (got " + a + " twice); valid: different scenarios, or one scenario file to compare it with its variants"}},
		{"another spelling", []*Point{pt(a, ""), pt(filepath.Join(dir, ".", "a.yaml"), "")}, []string{"scenario 2 repeats scenario 1"}},
		{"a link", []*Point{pt(a, ""), pt(link, "")}, []string{"(got " + a + " and " + link + ", the same file)"}},
		{"a built-in twice", []*Point{pt("builtin:clinic", ""), pt("builtin:clinic", "")}, []string{"(got builtin:clinic twice)"}},
		{"variants twice", []*Point{pt(a, ""), pt(a, "v"), pt(b, ""), pt(a, ""), pt(a, "v")},
			[]string{"scenario 4 repeats scenario 1", `; scenario 5 repeats scenario 2 (got ` + a + ` twice, variant "v")`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Distinct(tt.pts)
			if tt.want == nil {
				if err != nil {
					t.Errorf("Distinct = %v; want nil", err)
				}
				return
			}
			for _, w := range tt.want {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("Distinct = %v; want %q", err, w)
				}
			}
		})
	}
}

// TestDescribeApplies checks that a point is described as Options run it:
// with their days, and as the file has it without overrides.
func TestDescribeApplies(t *testing.T) {
	sc, err := scenarios.Builtin("bank") // days: 1
	if err != nil {
		t.Fatal(err)
	}
	p := Points("builtin:bank", sc)[0]
	if got := p.Describe(&Options{Days: 3}); !strings.HasPrefix(got[1], "3 simulated day(s)") {
		t.Errorf("--days 3: got %q; want 3 simulated days", got[1])
	}
	if got, want := p.Describe(&Options{}), sc.Describe(); !slices.Equal(got, want) {
		t.Errorf("no overrides: got %q; want the file's %q", got, want)
	}
	if sc.Model.Days != 1 {
		t.Errorf("the scenario's model has %d days after Describe; want its own 1", sc.Model.Days)
	}
	p.Assumptions = []string{"merged"}
	if got := p.Describe(&Options{Days: 3}); !slices.Equal(got, p.Assumptions) {
		t.Errorf("a merged point: got %q; want its own assumptions", got)
	}
}
