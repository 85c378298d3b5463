package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/scenarios"
)

// TestScenariosShowValidates checks, for every built-in, that what
// 'scenarios show NAME' prints validates as a file on its own in an empty
// directory, data files and all.
func TestScenariosShowValidates(t *testing.T) {
	for _, b := range scenarios.Builtins() {
		t.Run(b.Name, func(t *testing.T) {
			out, errOut, status := svcsim(t, t.Context(), "scenarios", "show", b.Name)
			if status != 0 {
				t.Fatalf("scenarios show %s: exit status %d; want 0 (stderr %q)", b.Name, status, errOut)
			}
			path := writeFile(t, b.Name+".yaml", out)
			if _, errOut, status := svcsim(t, t.Context(), "validate", path); status != 0 {
				t.Errorf("validate of 'scenarios show %s' in an empty directory: exit status %d; want 0\n%s", b.Name, status, errOut)
			}
		})
	}
}

// TestScenariosShowOut checks that 'scenarios show NAME --out DIR' writes
// the scenario verbatim with its data files beside it, that the result
// validates, and that no temporary file is left behind.
func TestScenariosShowOut(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "shop")
	out, errOut, status := svcsim(t, t.Context(), "scenarios", "show", "repairshop", "--out", dir)
	if status != 0 {
		t.Fatalf("exit status %d; want 0 (stderr %q)", status, errOut)
	}
	src, _ := scenarios.BuiltinSource("repairshop")
	data, err := scenarios.BuiltinData("repairshop")
	if err != nil {
		t.Fatal(err)
	}
	want := append([]scenarios.DataFile{{Path: "repairshop.yaml", Data: src}}, data...)
	for _, f := range want {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		got, err := os.ReadFile(p)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		if string(got) != string(f.Data) {
			t.Errorf("%s differs from the built-in's %s", p, f.Path)
		}
		if !strings.Contains(out, "wrote "+p+"\n") {
			t.Errorf("output does not list %s:\n%s", p, out)
		}
	}
	filepath.WalkDir(dir, func(p string, _ os.DirEntry, _ error) error {
		if strings.HasSuffix(p, ".tmp") {
			t.Errorf("temporary file left behind: %s", p)
		}
		return nil
	})
	if _, errOut, status := svcsim(t, t.Context(), "validate", filepath.Join(dir, "repairshop.yaml")); status != 0 {
		t.Errorf("validate: exit status %d; want 0\n%s", status, errOut)
	}
	if _, _, status := svcsim(t, t.Context(), "scenarios", "--out", dir); status != 2 {
		t.Errorf("--out without show: exit status %d; want 2", status)
	}
}

// TestBuiltinRunsWarnNoGrowingQueue checks that no built-in's default run
// warns of a queue that grows for as long as the overload lasts.
func TestBuiltinRunsWarnNoGrowingQueue(t *testing.T) {
	for _, b := range scenarios.Builtins() {
		t.Run(b.Name, func(t *testing.T) {
			_, errOut := mustRun(t, "run", b.Name, "-r", "1", "--format", "csv")
			for _, bad := range []string{"without bound", "grows throughout"} {
				if strings.Contains(errOut, bad) {
					t.Errorf("run %s warns: %s", b.Name, errOut)
				}
			}
		})
	}
}

// TestRunWarnsOfCutOffWaits: a run says when the end of the run leaves
// enough of a stage's customers waiting to bias its waits (the clinic's
// follow-up calls, waited for in hours over four weeks), says so in
// summary.json too, and stays quiet where nobody is left waiting (the
// call centre).
func TestRunWarnsOfCutOffWaits(t *testing.T) {
	out, errOut := mustRun(t, "run", "clinic", "-r", "2", "--format", "json")
	const want = `stage "follow_up":`
	if !strings.Contains(errOut, want) || !strings.Contains(errOut, "still waiting when the run ended") {
		t.Errorf("run clinic: stderr %q; want a warning about follow_up's customers still waiting", errOut)
	}
	if !strings.Contains(out, "still waiting when the run ended") {
		t.Errorf("run clinic: summary.json has no warning about customers still waiting")
	}
	_, errOut = mustRun(t, "run", "callcentre", "-r", "2")
	if strings.Contains(errOut, "still waiting when the run ended") {
		t.Errorf("run callcentre warns: %s", errOut)
	}
}
