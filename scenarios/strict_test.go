package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/svcsim/svcsim/sim"
)

// TestWeekdayNamesAreExact: a weekday is its short or full name, never
// any word sharing its first three letters.
func TestWeekdayNamesAreExact(t *testing.T) {
	checkPositions(t, []posCase{
		{"start: monkey", strings.Replace(minimal, "name: mini\n", "name: mini\nstart: monkey\n", 1), 2, 8, "start", `"monkey" is not a weekday`},
		{"start: mond", strings.Replace(minimal, "name: mini\n", "name: mini\nstart: mond\n", 1), 2, 8, "start", `"mond" is not a weekday`},
		{"open key wedding", strings.Replace(minimal, "open: 08:00-16:00", "open: {mon-fri: 08:00-16:00, wedding: closed}", 1), 2, 30, "open", `"wedding" is not a set of weekdays`},
		{"range of words", strings.Replace(minimal, "open: 08:00-16:00", "open: {monkey-friend: 08:00-16:00}", 1), 2, 8, "open", "is not a set of weekdays"},
	})
	for _, tt := range []struct {
		in   string
		want time.Weekday
	}{{"mon", time.Monday}, {"monday", time.Monday}, {"Wednesday", time.Wednesday}, {"SUN", time.Sunday}} {
		if got, err := parseWeekday(tt.in); err != nil || got != tt.want {
			t.Errorf("parseWeekday(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	if set, err := parseDays("monday-friday"); err != nil || set != 0x3e {
		t.Errorf("parseDays(monday-friday) = %#x, %v; want 0x3e", set, err)
	}
}

// TestOneDocument: a second YAML document is an error at its start, and
// extends must name a scenario mapping.
func TestOneDocument(t *testing.T) {
	checkPositions(t, []posCase{
		{"second document", minimal + "---\nname: other\n", 12, 1, "", "a second YAML document starts here"},
		{"empty second document", minimal + "---\n", 12, 1, "", "a second YAML document starts here"},
	})
	if _, err := Parse(nil, "test.yaml", []byte(minimal+"...\n")); err != nil {
		t.Errorf("a document end marker: %v", err)
	}
	fsys := fstest.MapFS{
		"list.yaml":   {Data: []byte("- a\n- b\n")},
		"scalar.yaml": {Data: []byte("just some words\n")},
		"a.yaml":      {Data: []byte("extends: list.yaml\nname: a\n")},
		"b.yaml":      {Data: []byte("name: b\nextends: scalar.yaml\n")},
	}
	for _, tt := range []struct{ file, want string }{
		{"a.yaml", "a.yaml:1:10: extends: list.yaml is not a scenario: it holds a list"},
		{"b.yaml", "b.yaml:2:10: extends: scalar.yaml is not a scenario: it holds a single value"},
	} {
		if _, err := load(fsys, tt.file, tt.file); err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: got %v; want %q", tt.file, err, tt.want)
		}
	}
}

// writeTree writes files (path → content) under a new temporary folder
// and returns it.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestPathsGoUpAndRefuseAbsolute: extends and data paths are relative to
// the scenario's folder, ".." included; absolute paths are refused with
// a message saying so.
func TestPathsGoUpAndRefuseAbsolute(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"base.yaml":            minimal,
		"data/times.csv":       "minutes\n3\n4\n5\n",
		"plans/up.yaml":        "extends: ../base.yaml\nname: up\ndays: 2\n",
		"plans/data.yaml":      strings.Replace(minimal, "exponential(4m)", "empirical(../data/times.csv, minutes)", 1),
		"plans/abs.yaml":       strings.Replace(minimal, "exponential(4m)", "empirical(/etc/times.csv, minutes)", 1),
		"plans/absextend.yaml": "extends: /etc/base.yaml\nname: x\n",
	})
	s, err := Load(filepath.Join(dir, "plans", "up.yaml"))
	if err != nil {
		t.Fatalf("extends: ../base.yaml: %v", err)
	}
	if s.Model.Days != 2 || s.Model.Stages[0].Name != "desk" {
		t.Errorf("extends ../base.yaml did not merge: %+v", s.Model)
	}
	s, err = Load(filepath.Join(dir, "plans", "data.yaml"))
	if err != nil {
		t.Fatalf("empirical(../data/times.csv): %v", err)
	}
	if e, ok := s.Model.Stages[0].Service.(sim.Empirical); !ok || len(e.Values) != 3 {
		t.Errorf("service = %v; want the 3 values of ../data/times.csv", s.Model.Stages[0].Service)
	}
	// From the scenario's own folder too, as 'cd plans; svcsim run up.yaml'.
	t.Chdir(filepath.Join(dir, "plans"))
	if _, err := Load("up.yaml"); err != nil {
		t.Errorf("up.yaml from its folder: %v", err)
	}
	for _, tt := range []struct{ file, want string }{
		{"abs.yaml", "abs.yaml:9:14: stages.desk.service: data file /etc/times.csv: absolute paths are refused"},
		{"absextend.yaml", "absextend.yaml:1:10: extends: /etc/base.yaml: absolute paths are refused"},
	} {
		if _, err := Load(tt.file); err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: got %v; want %q", tt.file, err, tt.want)
		}
	}
	// Inside a file system that is not the operating system's (the
	// built-ins), ".." cannot leave it, and says so.
	fsys := fstest.MapFS{"a.yaml": {Data: []byte("extends: ../base.yaml\nname: a\n")}}
	if _, err := load(fsys, "a.yaml", "a.yaml"); err == nil || !strings.Contains(err.Error(), "outside the folder files are read from") {
		t.Errorf("../ in a MapFS: %v", err)
	}
}

// TestDataFileErrorsDoNotEchoTheFile: a data path may point at any
// readable file (a link in the scenario's folder); errors quote at most
// one cell and no header but close matches.
func TestDataFileErrorsDoNotEchoTheFile(t *testing.T) {
	secret := "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
	long := "minutes\n" + strings.Repeat("y", 500) + "\n"
	dir := writeTree(t, map[string]string{
		"secret.csv": secret,
		"long.csv":   long,
		"cols.csv":   "minute,private_header_cell\n3,4\n",
		"a.yaml":     strings.Replace(minimal, "exponential(4m)", "empirical(secret.csv, minutes)", 1),
		"b.yaml":     strings.Replace(minimal, "exponential(4m)", "empirical(long.csv, minutes)", 1),
		"c.yaml":     strings.Replace(minimal, "exponential(4m)", "empirical(cols.csv, minutes)", 1),
	})
	for _, tt := range []struct{ file, want, never string }{
		{"a.yaml", `no column "minutes" among the header's 1`, "root"},
		{"b.yaml", "row 2, column 1: a cell of 500 bytes, more than any value svcsim reads; valid: at most 100 bytes", "yyyy"},
		{"c.yaml", `no column "minutes" among the header's 2 (did you mean "minute"?)`, "private_header_cell"},
	} {
		_, err := Load(filepath.Join(dir, tt.file))
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), tt.never) {
			t.Errorf("%s: got %v; want %q and never %q", tt.file, err, tt.want, tt.never)
		}
	}
}

// TestDurationsInNaturalForms: units in their plural and spelled-out
// forms, with or without a space, exactly.
func TestDurationsInNaturalForms(t *testing.T) {
	for in, want := range map[string]float64{
		"2 hours": 120, "2hours": 120, "1.5hours": 90, "1 hour": 60, "2days": 2880, "2 days": 2880,
		"1 day": 1440, "30 seconds": 0.5, "90 secs": 1.5, "5 minutes": 5, "5 mins": 5, "2 hrs": 120,
		"1 hour 30 minutes": 90, "1h 30m": 90, "1H30M": 90, "500ms": 500.0 / 60000, "20s": 1.0 / 3,
	} {
		if got, err := parseDuration(in); err != nil || got != want {
			t.Errorf("duration %q = %g, %v; want %g", in, got, err, want)
		}
	}
	for _, bad := range []string{"2 hourz", "h", "1..5h", ".h", "1.2.3m", "5 m m", "1h-30m", "hours 2"} {
		if _, err := parseDuration(bad); err == nil {
			t.Errorf("duration %q accepted", bad)
		}
	}
}

// TestDayPartsAreExact: a reporting interval or slot divides a day by
// exact arithmetic (20s is a third of a minute), within its bound.
func TestDayPartsAreExact(t *testing.T) {
	for _, iv := range []string{"20s", "10s", "45s", "2m30s", "7.5m", "1h", "1d"} {
		src := strings.Replace(minimal, "name: mini\n", "name: mini\ninterval: "+iv+"\n", 1)
		s, err := Parse(nil, "test.yaml", []byte(src))
		if err != nil {
			t.Errorf("interval %s: %v", iv, err)
			continue
		}
		n := int(sim.MinutesPerDay / s.Model.Interval)
		if float64(n)*s.Model.Interval != sim.MinutesPerDay {
			t.Errorf("interval %s: %d × %g is not a day", iv, n, s.Model.Interval)
		}
	}
	checkPositions(t, []posCase{
		{"7m", strings.Replace(minimal, "name: mini\n", "name: mini\ninterval: 7m\n", 1), 2, 11, "interval", "must divide a day evenly"},
		{"1s is too fine", strings.Replace(minimal, "name: mini\n", "name: mini\ninterval: 1s\n", 1), 2, 11, "interval", "into at most 8640 parts"},
		{"slot 7m", strings.Replace(minimal, "    staff: 3\n", "    staff: 3\n    appointments: {slot: 7m, horizon: 10d}\n", 1), 12, 26, "stages.desk.appointments.slot", "must divide a day evenly"},
	})
	src := strings.Replace(minimal, "    staff: 3\n", "    staff: 3\n    appointments: {slot: 20s, horizon: 1d}\n", 1)
	if _, err := Parse(nil, "test.yaml", []byte(src)); err != nil {
		t.Errorf("slot 20s: %v", err)
	}
}

// TestIdleScenariosAreErrors: a scenario that serves nobody is an error
// at the field concerned, unless Options.AllowIdle.
func TestIdleScenariosAreErrors(t *testing.T) {
	closed := strings.Replace(minimal, "open: 08:00-16:00", "open: {daily: closed}", 1)
	unstaffed := strings.Replace(minimal, "staff: 3", "staff: 0", 1)
	reworkOnly := strings.Replace(minimal, "    staff: 3\n", "    staff: 3\n    rework: {probability: 0.1, to: back}\n  - name: back\n    service: 5m\n    target: 1m\n    staff: {mon: {08:00-09:00: 0}}\n", 1)
	checkPositions(t, []posCase{
		{"open on no day", closed, 2, 7, "open", "the scenario is open on no day"},
		{"never staffed", unstaffed, 11, 12, "stages.desk.staff", "customers reach stage desk but nobody is ever on duty"},
		{"rework stage never staffed", reworkOnly, 16, 12, "stages.back.staff", "customers reach stage back but nobody is ever on duty"},
	})
	for _, src := range []string{closed, unstaffed, reworkOnly} {
		if _, err := loadWith(t.Context(), fstest.MapFS{"s.yaml": {Data: []byte(src)}}, "s.yaml", "s.yaml", Options{AllowIdle: true}); err != nil {
			t.Errorf("with AllowIdle: %v", err)
		}
	}
	// A stage nobody reaches may have no staff: it only warns.
	spare := strings.Replace(minimal, "    staff: 3\n", "    staff: 3\n  - name: spare\n    service: 5m\n    target: 1m\n    staff: 0\n", 1)
	if s, err := Parse(nil, "test.yaml", []byte(spare)); err != nil || len(s.Warnings) == 0 {
		t.Errorf("unreached unstaffed stage: %v, warnings %q", err, s.Warnings)
	}
}

// TestDuplicateKeys: a key given twice is an error at the second, at
// every level, including the keys read before the rest (variants,
// extends), which used to keep one of the two without a word.
func TestDuplicateKeys(t *testing.T) {
	variant := "variants:\n  - name: v1\n    days: 2\n"
	checkPositions(t, []posCase{
		{"second variants", minimal + variant + "variants:\n  - name: vX\n    days: 1\n", 15, 1, "", `"variants" is given twice`},
		{"empty variants first", minimal + "variants: []\n" + variant, 13, 1, "", `"variants" is given twice`},
		{"inside a variant", minimal + variant + "    days: 3\n", 15, 5, "variants.v1", `"days" is given twice`},
		{"second extends", "extends: a.yaml\nextends: b.yaml\n" + minimal, 2, 1, "", `"extends" is given twice`},
		{"top level", minimal + "days: 2\ndays: 3\n", 13, 1, "", `"days" is given twice`},
		{"in a stage", strings.Replace(minimal, "    staff: 3", "    staff: 3\n    staff: 4", 1), 12, 5, "stages.desk", `"staff" is given twice`},
		{"in a rate schedule", strings.Replace(minimal, "{08:00-16:00: 30/h}", "{08:00-16:00: 30/h, 08:00-16:00: 20/h}", 1), 5, 32, "channels.phone.rates", `"08:00-16:00" is given twice`},
	})
	fsys := fstest.MapFS{
		"base.yaml":  {Data: []byte(minimal + "days: 2\ndays: 3\n")},
		"child.yaml": {Data: []byte("extends: base.yaml\nname: child\nname: other\n")},
	}
	_, err := load(fsys, "child.yaml", "child.yaml")
	for _, want := range []string{`base.yaml:13:1: "days" is given twice`, `child.yaml:3:1: "name" is given twice`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("extends: got %v; want %q", err, want)
		}
	}
}
