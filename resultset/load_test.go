package resultset_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// results simulates the built-in scenario name briefly.
func results(t *testing.T, name string, reps int) *sim.Results {
	t.Helper()
	sc, err := scenarios.Builtin(name)
	if err != nil {
		t.Fatal(err)
	}
	m := *sc.Model
	m.Days, m.Warmup = 1, 0
	res, err := sim.Run(context.Background(), &m, sim.Options{Replications: reps, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// runDir writes a run's folder of res and returns it.
func runDir(t *testing.T, res *sim.Results) string {
	t.Helper()
	files, err := (&resultset.Summary{Version: "devel", Scenario: resultset.ScenarioRef{Name: res.Model}, Results: res}).Files()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := resultset.WriteFiles(context.Background(), dir, files...); err != nil {
		t.Fatal(err)
	}
	return dir
}

// compareDir writes an experiment's folder of two scenarios, the second
// left out (as an interruption leaves it) when interrupted.
func compareDir(t *testing.T, interrupted bool) string {
	t.Helper()
	a, b := results(t, "callcentre", 2), results(t, "callcentre", 2)
	x := &resultset.Experiment{Version: "devel", Command: "compare a b", Replications: 2,
		Entries: []resultset.Entry{{Name: "a", File: "a.yaml", Results: a}, {Name: "b", File: "b.yaml", Results: b}, {Name: "c", File: "c.yaml", Results: b}}}
	if interrupted {
		x.Entries[2].Results, x.Entries[2].Error = nil, "interrupted"
	}
	files, err := x.Files()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := resultset.WriteFiles(context.Background(), dir, files...); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestLoadAcceptsEveryBuiltin: what svcsim writes for every built-in
// scenario passes Load's checks.
func TestLoadAcceptsEveryBuiltin(t *testing.T) {
	for _, info := range scenarios.Builtins() {
		t.Run(info.Name, func(t *testing.T) {
			if _, err := resultset.Load(runDir(t, results(t, info.Name, 2))); err != nil {
				t.Errorf("Load: %v", err)
			}
		})
	}
}

// edit rewrites the JSON file path with f, which changes the decoded
// document.
func edit(t *testing.T, path string, f func(doc map[string]any)) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	f(doc)
	if b, err = json.MarshalIndent(doc, "", "  "); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func obj(v any, keys ...string) map[string]any {
	m := v.(map[string]any)
	for _, k := range keys {
		m = m[k].(map[string]any)
	}
	return m
}

// TestLoadRefusesNonsense: a value no run could have made is refused
// with an *InvalidError that names the file, the field, the value and
// what is valid, rather than reaching the charts and the report.
func TestLoadRefusesNonsense(t *testing.T) {
	res := results(t, "callcentre", 2)
	tests := []struct {
		name string
		file string // "summary.json" of a run, "results.json" of a comparison
		edit func(doc map[string]any)
		want string // in the error, after the file's name
	}{
		{"unknown stage", "summary.json", func(d map[string]any) {
			r := obj(d, "results")
			r["stages"] = append(r["stages"].([]any), "ghost")
		}, `results.stages[1]: stage "ghost" has no KPI ghost.wait.mean or ghost.service_level (got none); valid:`},
		{"no kpis", "summary.json", func(d map[string]any) { obj(d, "results")["kpis"] = []any{} },
			"results.kpis: no KPI (got none); valid:"},
		{"null kpis", "summary.json", func(d map[string]any) { obj(d, "results")["kpis"] = nil },
			"results.kpis: no KPI (got none); valid:"},
		{"null results", "summary.json", func(d map[string]any) { d["results"] = nil },
			"results: missing (got null); valid:"},
		{"no results", "summary.json", func(d map[string]any) { delete(d, "results") },
			"results: missing (got null); valid:"},
		{"negative replications", "summary.json", func(d map[string]any) { obj(d, "results")["replications"] = -5 },
			"results.replications: out of range (got -5); valid: 1 to 100000"},
		{"confidence 200%", "summary.json", func(d map[string]any) { obj(d, "results")["confidence"] = 2 },
			"results.confidence: out of range (got 2); valid: a fraction between 0 and 1"},
		{"days -1", "summary.json", func(d map[string]any) { obj(d, "results")["days"] = -1 },
			"results.days: out of range (got -1); valid: 1 to 3660"},
		{"interval 0", "summary.json", func(d map[string]any) { obj(d, "results")["interval_min"] = 0 },
			"results.interval_min: out of range (got 0); valid:"},
		{"interval negative", "summary.json", func(d map[string]any) { obj(d, "results")["interval_min"] = -15 },
			"results.interval_min: out of range (got -15); valid:"},
		{"n < 0", "summary.json", func(d map[string]any) {
			obj(obj(d, "results")["kpis"].([]any)[0], "estimate")["n"] = -3
		}, "results.kpis[0].estimate.n: out of range (got -3); valid: 0 or more"},
		{"values per replication", "summary.json", func(d map[string]any) {
			obj(obj(d, "results")["kpis"].([]any)[1])["values"] = []any{1}
		}, "results.kpis[1].values: 2 values (got 1); valid: one per replication"},
		{"from after to", "summary.json", func(d map[string]any) {
			row := obj(obj(d, "results")["intervals"].([]any)[0])
			row["from_min"], row["to_min"] = 600, 540
		}, "results.intervals[0]: from_min 600, to_min 540; valid: 0 <= from_min < to_min <= 1440"},
		{"interval of no stage", "summary.json", func(d map[string]any) {
			obj(obj(d, "results")["intervals"].([]any)[0])["stage"] = "ghost"
		}, `results.intervals[0].stage: not a stage of the results (got "ghost"); valid: one of stages`},
		{"null scenario results", "results.json", func(d map[string]any) {
			obj(d["scenarios"].([]any)[1])["results"] = nil
		}, "scenarios[1].results: missing (got null); valid:"},
		{"no scenarios", "results.json", func(d map[string]any) { d["scenarios"] = []any{} },
			"scenarios: no scenario with results (got none); valid:"},
		{"scenario's confidence", "results.json", func(d map[string]any) {
			obj(d["scenarios"].([]any)[0], "results")["confidence"] = 200
		}, "scenarios[0].results.confidence: out of range (got 200); valid:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := compareDir(t, false)
			if tt.file == "summary.json" {
				dir = runDir(t, res)
			}
			path := filepath.Join(dir, tt.file)
			edit(t, path, tt.edit)
			s, err := resultset.Load(dir)
			ie, ok := errors.AsType[*resultset.InvalidError](err)
			if !ok {
				t.Fatalf("Load = %v, %v; want an *InvalidError", s, err)
			}
			if ie.Path != path || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), path+":") {
				t.Errorf("Load: %v;\nwant %s:LINE:COL: ...%s...", err, path, tt.want)
			}
			if p := ie.Problems[0]; p.Line == 0 && !strings.Contains(tt.name, "no results") {
				t.Errorf("Load: %v; want the line and column of %s", err, p.Field)
			}
		})
	}
}

// TestLoadCorruptJSON: a file that is not JSON, or holds a value of the
// wrong type, is refused with its line and column and a plain message.
func TestLoadCorruptJSON(t *testing.T) {
	tests := []struct {
		name, data string
		want       string // the error, after the file's name
	}{
		{"truncated", "{\n  \"scenarios\": [", ":2:17: the JSON ends too early (got 18 bytes): the file is cut short"},
		{"garbage", "{\n  x", ":2:3: not valid JSON: invalid character 'x' looking for beginning of object key string"},
		{"byte-order mark", "\xEF\xBB\xBF{}", ":1:1: starts with a byte-order mark (got EF BB BF); valid: JSON in UTF-8 without one"},
		{"wrong type at the top", `{"command": 1}`, ":1:13: command: a number (got 1); valid: a string"},
		{"wrong type in results", "{\"scenarios\": [{\"name\": \"a\", \"results\": {\n\"kpis\": [{\"name\": \"x\", \"estimate\": {\"n\": \"two\"}}]}}]}",
			`:2:42: scenarios[0].results.kpis[0].estimate.n: a string (got "two"); valid: a whole number`},
		{"an array for an object", `{"scenarios": [[]]}`, ":1:16: scenarios[0]: an array (got an array); valid: an object"},
		{"null", "null", ": scenarios: no scenario with results (got none); valid:"},
		{"empty object", "{}", ": scenarios: no scenario with results (got none); valid:"},
		{"empty file", "", ":1:1: the JSON ends too early (got 0 bytes): the file is cut short"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "results.json")
			if err := os.WriteFile(path, []byte(tt.data), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := resultset.Load(dir)
			if _, ok := errors.AsType[*resultset.InvalidError](err); !ok || !strings.HasPrefix(err.Error(), path+tt.want) {
				t.Errorf("Load: %v;\nwant %s%s", err, path, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "<nil>") {
				t.Errorf("Load: %v; want no <nil>", err)
			}
		})
	}
}

// TestLoadSummaryNull: a summary.json of null or {} says the results are
// missing, without Go's "<nil>".
func TestLoadSummaryNull(t *testing.T) {
	for _, data := range []string{"null", "{}"} {
		dir := t.TempDir()
		path := filepath.Join(dir, "summary.json")
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := resultset.Load(dir)
		want := path + ": results: missing (got null); valid: the results of a run"
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("Load(%s) = %v; want %s", data, err, want)
		}
	}
}

// TestLoadMissingFolder: a folder that does not exist is said not to.
func TestLoadMissingFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nonexist")
	_, err := resultset.Load(dir)
	want := dir + " does not exist; valid: a results folder"
	if e, ok := errors.AsType[*resultset.NoResultsError](err); !ok || !e.Missing || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("Load = %v; want %s...", err, want)
	}
}

// TestLoadIncomplete: Set.Incomplete says what the manifest of an
// interrupted experiment lacks, and is nil for a complete one; a
// manifest that is not JSON is refused.
func TestLoadIncomplete(t *testing.T) {
	tests := []struct {
		name        string
		interrupted bool
		want        []string
	}{
		{"complete", false, nil},
		{"interrupted", true, []string{"c: did not run (interrupted)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := resultset.Load(compareDir(t, tt.interrupted))
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(s.Incomplete, "|") != strings.Join(tt.want, "|") || (tt.want == nil) != (s.Incomplete == nil) {
				t.Errorf("Incomplete = %q; want %q", s.Incomplete, tt.want)
			}
		})
	}
	dir := compareDir(t, false)
	path := filepath.Join(dir, "manifest.json")
	if err := os.WriteFile(path, []byte(`{"complete": "yes"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := resultset.Load(dir)
	if want := path + ":1:14: complete: a string"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("Load with a bad manifest = %v; want %s...", err, want)
	}
}

// FuzzLoad: Load never panics on a results.json, and refuses what it
// cannot use with an *InvalidError.
func FuzzLoad(f *testing.F) {
	for _, seed := range []string{"null", "{}", `{"scenarios":[{"name":"a","results":null}]}`, `{"scenarios":[[]]}`,
		`{"scenarios":[{"name":"a","results":{"replications":1,"confidence":0.9,"days":1,"interval_min":60,"stages":["s"],"kpis":[{"name":"s.wait.mean","values":[1]},{"name":"s.service_level","values":[1]}]}}]}`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "results.json"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := resultset.Load(dir)
		if err == nil && (len(s.Scenarios) == 0 || s.Scenarios[0].Results == nil) {
			t.Errorf("Load accepted a set without results: %+v", s)
		}
		if _, ok := errors.AsType[*resultset.InvalidError](err); err != nil && !ok {
			t.Errorf("Load = %v (%T); want an *InvalidError", err, err)
		}
	})
}
