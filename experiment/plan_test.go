package experiment

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPlanWriteReplacesOnlyAPlan checks that a plan replaces an earlier
// plan but never another file, such as a scenario named by mistake.
func TestPlanWriteReplacesOnlyAPlan(t *testing.T) {
	dir := t.TempDir()
	scenario := filepath.Join(dir, "clinic.yaml")
	const src = "name: clinic\n"
	if err := os.WriteFile(scenario, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	plan := filepath.Join(dir, "plan.json")
	p := Plan{Version: "test", Scenarios: 3, Replications: 10, Seed: 9, WorkUnits: 30, Shards: 4}
	tests := []struct {
		name    string
		path    string
		notPlan bool
	}{
		{"a new file", plan, false},
		{"the plan again", plan, false},
		{"a scenario", scenario, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckPlanTarget(tt.path)
			if _, ok := errors.AsType[*NotPlanError](err); ok != tt.notPlan {
				t.Errorf("CheckPlanTarget(%s) = %v; want a *NotPlanError: %v", tt.path, err, tt.notPlan)
			}
			err = p.Write(t.Context(), tt.path)
			if _, ok := errors.AsType[*NotPlanError](err); ok != tt.notPlan || (!tt.notPlan && err != nil) {
				t.Errorf("Write(%s) = %v; want a *NotPlanError: %v", tt.path, err, tt.notPlan)
			}
		})
	}
	if b, err := os.ReadFile(scenario); err != nil || string(b) != src {
		t.Errorf("the scenario file reads %q, %v; want it unchanged", b, err)
	}
}

// TestReadPlanRefuses: a plan file is read strictly, every problem named
// with what was found and what is valid, so that a merge or a shard never
// trusts a hand-edited or damaged plan.
func TestReadPlanRefuses(t *testing.T) {
	const good = `{"svcsim_version": "test", "scenarios": 3, "replications": 10, "seed": 9, "work_units": 30, "shards": 4}`
	tests := []struct {
		name string
		file string
		want []string // substrings of the error; none: read
	}{
		{"as written", good + "\n", nil},
		{"seed 0 and the most shards", `{"svcsim_version": "", "scenarios": 1, "replications": 1, "seed": 0, "work_units": 1, "shards": 100000}`, nil},
		{"work units disagree", strings.Replace(good, `"work_units": 30`, `"work_units": 31`, 1),
			[]string{"work_units is not scenarios × replications = 3 × 10 = 30 (got 31); valid: 30"}},
		{"work units zero", strings.Replace(good, `"work_units": 30`, `"work_units": 0`, 1), []string{"(got 0); valid: 30"}},
		{"trailing text", good + "\ngarbage\n", []string{`data after the plan's JSON object, at offset 105 (got "garbage"); valid: nothing after the closing brace`}},
		{"two plans", good + good, []string{"data after the plan's JSON object"}},
		{"unknown field", strings.Replace(good, `"seed"`, `"colour": "red", "seed"`, 1), []string{`unknown field (got "colour"); valid: svcsim_version, scenarios`}},
		{"repeated field", strings.Replace(good, `"shards": 4`, `"shards": 4, "shards": 2`, 1), []string{`repeated field (got "shards" twice)`}},
		{"missing fields", `{"svcsim_version": "test", "scenarios": 3, "replications": 10, "shards": 4}`,
			[]string{"missing field(s) seed, work_units (got 4 of the 6); valid: all of"}},
		{"no shards", strings.Replace(good, `"shards": 4`, `"shards": 0`, 1), []string{"shards is out of range (got 0); valid: 1 to 100000"}},
		{"too many shards", strings.Replace(good, `"shards": 4`, `"shards": 100001`, 1), []string{"shards is out of range (got 100001)"}},
		{"no scenarios", strings.Replace(strings.Replace(good, `"scenarios": 3`, `"scenarios": 0`, 1), `"work_units": 30`, `"work_units": 0`, 1),
			[]string{"scenarios is out of range (got 0); valid: 1 or more"}},
		{"too many replications", strings.Replace(good, `"replications": 10`, `"replications": 100001`, 1), []string{"replications is out of range (got 100001); valid: 1 to 100000"}},
		{"units overflow", strings.Replace(good, `"scenarios": 3`, `"scenarios": 9223372036854775807`, 1), []string{"more work units than can be counted"}},
		{"a count as a string", strings.Replace(good, `"scenarios": 3`, `"scenarios": "3"`, 1), []string{`scenarios is not a whole number (got "3"); valid: 1 or more`}},
		{"a fraction", strings.Replace(good, `"shards": 4`, `"shards": 4.5`, 1), []string{"shards is not a whole number (got 4.5)"}},
		{"a negative seed", strings.Replace(good, `"seed": 9`, `"seed": -1`, 1), []string{"seed is not a whole number (got -1); valid: 0 to 18446744073709551615"}},
		{"a version not a string", strings.Replace(good, `"test"`, `1`, 1), []string{"svcsim_version is not a string (got 1)"}},
		{"every problem", `{"scenarios": 0, "x": 1, "shards": 0, "shards": 1}`, []string{"3 problems: 1) unknown field", `2) repeated field (got "shards" twice)`, "3) missing field(s) svcsim_version, replications, seed, work_units"}},
		{"empty", "", []string{"the file is empty or ends early"}},
		{"cut short", good[:40], []string{"the file is empty or ends early"}},
		{"not JSON", `{"scenarios" 3}`, []string{"not JSON (got expected colon after object key)"}},
		{"not an object", `[1, 2]`, []string{`not a JSON object (got "["); valid: the JSON object 'svcsim plan --write' writes`}},
		{"a number", `3`, []string{"not a JSON object (got 3)"}},
	}
	dir := t.TempDir()
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, fmt.Sprintf("plan%d.json", i))
			if err := os.WriteFile(path, []byte(tt.file), 0o644); err != nil {
				t.Fatal(err)
			}
			p, err := ReadPlan(path)
			if tt.want == nil {
				if err != nil {
					t.Errorf("ReadPlan = %v; want a plan", err)
				}
				return
			}
			pe, ok := errors.AsType[*PlanError](err)
			if !ok || p != nil {
				t.Fatalf("ReadPlan = %+v, %v; want a *PlanError", p, err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) || !strings.HasPrefix(err.Error(), path+": ") {
					t.Errorf("ReadPlan error %q; want %s: and %q", err, path, w)
				}
			}
			if len(pe.Problems) == 1 && strings.Contains(pe.Why(), "problems:") {
				t.Errorf("one problem numbered: %q", pe.Why())
			}
		})
	}
}

// TestPlanTargetNames: a plan goes to a file, never to stdout or to a
// path that names a directory; a plan with wrong counts is still a plan
// and may be replaced.
func TestPlanTargetNames(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	wrong := filepath.Join(dir, "wrong.json")
	if err := os.WriteFile(wrong, []byte(`{"svcsim_version": "old", "scenarios": 3, "replications": 10, "seed": 9, "work_units": 7, "shards": 4}`), 0o644); err != nil {
		t.Fatal(err)
	}
	p := Plan{Version: "test", Scenarios: 3, Replications: 10, Seed: 9, WorkUnits: 30, Shards: 4}
	tests := []struct {
		name, path, want string // want: a substring of the error; "": written
	}{
		{"stdout", "-", `- is stdout, and a plan is written to a file only, for the shards and the merge to read (got "-"); valid: a file path such as plan.json, or ./- for a file named -`},
		{"a file named -", "./-", ""},
		{"empty", "", `the path is empty (got ""); valid: a file path such as plan.json`},
		{"a trailing slash", "new/", `new/ names a directory (got a path ending in "/"); valid: a file path such as new/plan.json`},
		{"dot", ".", "is a directory"},
		{"dot dot", "missing/..", `missing/.. names a directory (got ".." as the file name)`},
		{"an existing directory", dir, "is a directory"},
		{"a plan with wrong counts", wrong, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := p.Write(t.Context(), tt.path)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Write(%q) = %v; want it written", tt.path, err)
				}
				if got, err := ReadPlan(tt.path); err != nil || *got != p {
					t.Errorf("ReadPlan(%q) = %+v, %v; want %+v", tt.path, got, err, p)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Write(%q) = %v; want %q", tt.path, err, tt.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "new")); err == nil {
		t.Errorf("Write(new/) made new")
	}
}

// TestPlanWriteValidates: Write refuses a plan ReadPlan would refuse.
func TestPlanWriteValidates(t *testing.T) {
	p := Plan{Version: "test", Scenarios: 3, Replications: 10, WorkUnits: 29, Shards: 4}
	err := p.Write(t.Context(), filepath.Join(t.TempDir(), "plan.json"))
	if _, ok := errors.AsType[*PlanError](err); !ok || !strings.Contains(err.Error(), "plan: work_units is not scenarios × replications") {
		t.Errorf("Write = %v; want a *PlanError on work_units", err)
	}
}

// FuzzReadPlan: any file either reads as a plan that Validate accepts
// and that reads back the same once written, or is refused with at
// least one problem; never a panic.
func FuzzReadPlan(f *testing.F) {
	f.Add([]byte(`{"svcsim_version": "test", "scenarios": 3, "replications": 10, "seed": 9, "work_units": 30, "shards": 4}`))
	f.Add([]byte(`{"scenarios": 0, "x": 1, "shards": 0, "shards": 1} trailing`))
	f.Add([]byte(`[{"svcsim_version": 1}]`))
	f.Add([]byte(`{"seed": 18446744073709551616, "work_units": 9223372036854775807}`))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) {
		path := filepath.Join(dir, "plan.json")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		p, err := ReadPlan(path)
		if err != nil {
			if pe, ok := errors.AsType[*PlanError](err); ok && len(pe.Problems) == 0 {
				t.Errorf("ReadPlan(%q) = a *PlanError without problems", b)
			}
			return
		}
		if err := p.Validate(); err != nil {
			t.Errorf("ReadPlan(%q) read %+v, which Validate refuses: %v", b, p, err)
		}
		back := filepath.Join(dir, "back.json")
		if err := p.Write(t.Context(), back); err != nil {
			t.Fatalf("Write(%+v) = %v", p, err)
		}
		if q, err := ReadPlan(back); err != nil || *q != *p {
			t.Errorf("ReadPlan(Write(%+v)) = %+v, %v", p, q, err)
		}
	})
}
