package scenarios

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/svcsim/svcsim/sim"
)

// minimal is the smallest useful scenario; tests change one thing in it.
const minimal = `name: mini
open: 08:00-16:00
channels:
  - name: phone
    rates: {08:00-16:00: 30/h}
    route: [desk]
stages:
  - name: desk
    service: exponential(4m)
    target: 1m
    staff: 3
`

func parse(t *testing.T, src string) (*Scenario, error) {
	t.Helper()
	return Parse(nil, "test.yaml", []byte(src))
}

func TestMinimal(t *testing.T) {
	s, err := parse(t, minimal)
	if err != nil {
		t.Fatal(err)
	}
	m := s.Model
	if m.Name != "mini" || m.Days != 1 || m.Interval != 30 || len(m.Stages) != 1 {
		t.Fatalf("unexpected model %+v", m)
	}
	if got := m.Channels[0].Rates[1]; len(got) != 1 || got[0].Value != 0.5 || got[0].From != 480 || got[0].To != 960 {
		t.Errorf("rates on Monday = %+v, want 0.5/min over 08:00-16:00", got)
	}
	if got := m.Stages[0].Groups[0].Staff[0]; len(got) != 1 || got[0].Value != 3 {
		t.Errorf("staff on Sunday = %+v, want 3 during opening hours", got)
	}
	if d, ok := m.Stages[0].Service.(sim.Exponential); !ok || d.M != 4 {
		t.Errorf("service = %v", m.Stages[0].Service)
	}
}

// TestErrors checks that each mistake is reported at its line with a
// message naming the field and what would be valid.
func TestErrors(t *testing.T) {
	cases := []struct {
		name, old, new string
		line           int
		want           string
	}{
		{"unknown field", "    target: 1m", "    targte: 1m", 10, `unknown field "targte" (did you mean "target"`},
		{"bad duration", "target: 1m", "target: soon", 10, `stages.desk.target: "soon" is not a duration`},
		{"rate without unit", "30/h}", "30}", 5, `"30" is not a rate; valid: a number >= 0 with its unit, such as 12/h`},
		{"bad distribution", "exponential(4m)", "expo(4m)", 9, `unknown distribution "expo"`},
		{"wrong arity", "exponential(4m)", "lognormal(4m)", 9, "lognormal takes 2 value(s)"},
		{"negative sd", "exponential(4m)", "gamma(4m, -1m)", 9, "a duration must be a finite number >= 0"},
		{"normal for durations", "exponential(4m)", "normal(4m, 1m)", 9, "only allowed for punctuality"},
		{"unknown stage in route", "route: [desk]", "route: [dsk]", 6, `no stage named "dsk" (did you mean "desk"?)`},
		{"fractional staff", "staff: 3", "staff: 2.5", 11, "not a number of staff"},
		{"bad clock", "open: 08:00-16:00", "open: 08:00-25:00", 2, "not a time of day"},
		{"backwards range", "open: 08:00-16:00", "open: 16:00-08:00", 2, "ends before it starts"},
		{"overlap", "{08:00-16:00: 30/h}", "{08:00-12:00: 30/h, 11:00-16:00: 20/h}", 5, "overlaps 08:00-12:00"},
		{"missing name", "name: mini\n", "", 1, "missing: every scenario needs a name"},
		{"yaml syntax", "route: [desk]", "route: [desk", 7, "YAML syntax"},
		{"duplicate key", "    target: 1m", "    target: 1m\n    target: 2m", 11, `"target" is given twice`},
		{"bad weekday", "open: 08:00-16:00", "open: {mon-fry: 08:00-16:00}", 2, "not a set of weekdays"},
		{"probability", "route: [desk]", "route: [{stage: desk, probability: 1.5}]", 6, "must be between 0 and 1"},
		{"at_close", "    target: 1m", "    target: 1m\n    at_close: later", 11, `"later" is not valid; valid: one of "serve", "send_away", "carry_over"`},
		{"alert kpi", "    staff: 3", "    staff: 3\nalerts: [desk.wait.p42 > 2m]", 12, "desk.wait.p42"},
		{"interval", "name: mini", "name: mini\ninterval: 7m", 2, "must divide a day evenly"},
		{"huge rate", "30/h}", "1e9/h}", 5, "beyond any service desk"},
		{"name not a value", "name: mini", "name: [a, b]", 1, "expected a single value, got a list"},
		{"absolute extends", "name: mini", "name: mini\nextends: /etc/base.yaml", 2, "relative to this file"},
		{"negative targets", "    target: 1m", "    target: 1m\n    targets: [0s, -5s]", 11, `stages.desk.targets[1]: "-5s": a duration must be a finite number >= 0`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(minimal, c.old, c.new, 1)
			if src == minimal {
				t.Fatalf("replacement %q not found", c.old)
			}
			_, err := parse(t, src)
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("got %v, want Errors", err)
			}
			for _, e := range es {
				if strings.Contains(e.Error(), c.want) {
					if e.Line != c.line || e.File != "test.yaml" {
						t.Errorf("%q reported at %s:%d, want test.yaml:%d", c.want, e.File, e.Line, c.line)
					}
					return
				}
			}
			t.Errorf("no error containing %q in:\n%v", c.want, err)
		})
	}
}

func TestAllErrorsAtOnce(t *testing.T) {
	src := strings.NewReplacer("target: 1m", "target: soon", "exponential(4m)", "expo(4m)").Replace(minimal)
	_, err := parse(t, src)
	var es Errors
	if !errors.As(err, &es) || len(es) != 2 {
		t.Fatalf("want two errors, got %v", err)
	}
}

func TestBuiltins(t *testing.T) {
	infos := Builtins()
	if len(infos) < 4 {
		t.Fatalf("only %d built-ins", len(infos))
	}
	found := false
	for _, info := range infos {
		found = found || info.Name == DefaultBuiltin
		t.Run(info.Name, func(t *testing.T) {
			s, err := Builtin(info.Name)
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Warnings) > 0 {
				t.Errorf("warnings: %v", s.Warnings)
			}
			for _, v := range s.All() {
				m := *v.Model
				m.Days = min(m.Days, 2)
				m.Warmup = 0
				r, err := sim.Run(context.Background(), &m, sim.Options{Replications: 2, Seed: 1})
				if err != nil {
					t.Fatalf("%s: %v", v.Name(), err)
				}
				if r.Events == 0 {
					t.Errorf("%s: no events", v.Name())
				}
			}
		})
	}
	if !found {
		t.Errorf("default built-in %q is not a built-in", DefaultBuiltin)
	}
}

func TestVariantsAndWith(t *testing.T) {
	src := minimal + `variants:
  - name: more staff
    stages:
      - name: desk
        staff: 5
  - name: slower
    stages:
      - {name: desk, service: exponential(5m)}
`
	s, err := parse(t, src)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Variants) != 2 {
		t.Fatalf("%d variants", len(s.Variants))
	}
	if v := s.Variants[0].Model; v.Name != "more staff" || v.Stages[0].Groups[0].Staff[1][0].Value != 5 {
		t.Errorf("variant 0: %s staff %v", v.Name, v.Stages[0].Groups[0].Staff[1])
	}
	if v := s.Variants[1].Model; v.Stages[0].Service.Mean() != 5 || v.Stages[0].Target != 1 {
		t.Errorf("variant 1 did not merge: service %v target %g", v.Stages[0].Service, v.Stages[0].Target)
	}
	if s.Model.Stages[0].Groups[0].Staff[1][0].Value != 3 {
		t.Error("a variant changed the base")
	}
	w, err := s.With([][2]string{{"stages.desk.staff", "4"}, {"days", "3"}})
	if err != nil {
		t.Fatal(err)
	}
	if w.Model.Days != 3 || w.Model.Stages[0].Groups[0].Staff[1][0].Value != 4 {
		t.Errorf("With: days %d staff %v", w.Model.Days, w.Model.Stages[0].Groups[0].Staff[1])
	}
	_, err = s.With([][2]string{{"stages.dsk.staff", "4"}})
	var pe *PathError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "stages.desk") {
		t.Errorf("bad path: %v", err)
	}
	_, err = s.With([][2]string{{"stages.desk.staff", "many"}})
	if err == nil || !strings.Contains(err.Error(), "not a number of staff") || !strings.Contains(err.Error(), "stages.desk.staff=many") {
		t.Errorf("bad value: %v", err)
	}
}

func TestExtends(t *testing.T) {
	fsys := fstest.MapFS{
		"base.yaml":  {Data: []byte(minimal)},
		"child.yaml": {Data: []byte("extends: base.yaml\nname: child\ndays: 2\nstages:\n  - {name: desk, staff: 4}\n")},
		"loop.yaml":  {Data: []byte("extends: loop.yaml\nname: x\n")},
		"bad.yaml":   {Data: []byte("extends: base.yaml\nstages:\n  - {name: desk, staff: lots}\n")},
	}
	s, err := load(fsys, "child.yaml", "child.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if s.Model.Name != "child" || s.Model.Days != 2 || s.Model.Stages[0].Groups[0].Staff[1][0].Value != 4 || s.Model.Stages[0].Target != 1 {
		t.Errorf("extends did not merge: %+v", s.Model)
	}
	if _, err := load(fsys, "loop.yaml", "loop.yaml"); err == nil || !strings.Contains(err.Error(), "extends itself") {
		t.Errorf("loop: %v", err)
	}
	_, err = load(fsys, "bad.yaml", "bad.yaml")
	if err == nil || !strings.Contains(err.Error(), "bad.yaml:3") {
		t.Errorf("error in the extending file should name it: %v", err)
	}
}

func TestLoadFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "s.yaml")
	if err := os.WriteFile(p, []byte(strings.Replace(minimal, "exponential(4m)", "empirical(times.csv, minutes)", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "times.csv"), []byte("minutes\n3\n4.5\n5m\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Model.Stages[0].Service.Mean(); got != 12.5/3 {
		t.Errorf("empirical mean %g", got)
	}
	if _, err := Load(filepath.Join(dir, "missing.yaml")); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v", err)
	}
}

func TestSatisfactionSection(t *testing.T) {
	src := minimal + `satisfaction:
  touchpoints:
    booking_wait: {stage: desk}
    service_quality: {stage: desk, staff_quality: {staff: 0.9}}
  reputation: {demand_per_star: 0.05, multiplier_bounds: [0.8, 1.2], lag: 2d}
  incidents:
    - {name: dispute, stage: desk, probability: 2%, handled_by: desk, resolve_within: 1h}
`
	s, err := parse(t, src)
	if err != nil {
		t.Fatal(err)
	}
	sat := s.Model.Satisfaction
	if len(sat.Waits) != 1 || sat.Waits[0].Perception != 1.36 || sat.Waits[0].Tolerance != 1 ||
		sat.Quality.GroupQuality[0] != 0.9 || sat.Reputation.Lag != 2 || sat.Incidents[0].Prob != 0.02 {
		t.Errorf("satisfaction decoded wrong: %+v", sat)
	}
	for _, bad := range []struct{ old, new, want string }{
		{"booking_wait: {stage: desk}", "booking_wait: {stage: desk, weight: -1}", "weight: must be >= 0 (got -1)"},
		{"[0.8, 1.2]", "[1.2, 0.8]", "multiplier_bounds[0]: must be between"},
		{"booking_wait: {stage: desk}", "my_wait: {stage: desk}", "missing weight"},
		{"probability: 2%", "probability: 2", "must be between 0 and 1"},
	} {
		_, err := parse(t, strings.Replace(src, bad.old, bad.new, 1))
		if err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%s: got %v, want %q", bad.new, err, bad.want)
		}
	}
}

func TestParseThreshold(t *testing.T) {
	for in, want := range map[string]sim.Threshold{
		// As written: durations in minutes, percentages as fractions,
		// until sim.ResolveThresholds puts them in their KPIs' units.
		"booking.wait.p90 > 5m":                     {KPI: "booking.wait.p90", Above: true, Limit: 5, Given: sim.Duration},
		"nps<20":                                    {KPI: "nps", Limit: 20, Given: sim.Bare},
		"desk.service_level <= 80% per interval":    {KPI: "desk.service_level", Inclusive: true, Limit: 0.8, PerInterval: true, Given: sim.Percent},
		"follow_up.wait.mean >= 1.5h":               {KPI: "follow_up.wait.mean", Above: true, Inclusive: true, Limit: 90, Given: sim.Duration},
		"consultation.lead.p90 > 2d":                {KPI: "consultation.lead.p90", Above: true, Limit: 2880, Given: sim.Duration},
		"desk.service_level(2m) < 0.5 per interval": {KPI: "desk.service_level(2m)", Limit: 0.5, PerInterval: true, Given: sim.Bare},
	} {
		got, err := ParseThreshold(in)
		if err != nil || got != want {
			t.Errorf("%q: got %+v, %v; want %+v", in, got, err, want)
		}
	}
	if _, err := ParseThreshold("nps is low"); err == nil {
		t.Error("no operator accepted")
	}
}

func TestDurationsAndRates(t *testing.T) {
	for in, want := range map[string]float64{"90s": 1.5, "4m": 4, "4min": 4, "1.5h": 90, "2d": 2880, "1h30m": 90, "2m30s": 2.5, "0": 0} {
		if got, err := parseDuration(in); err != nil || got != want {
			t.Errorf("duration %q = %g, %v; want %g", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "-1m", "NaN", "Inf", "5 parsecs", "1e400m", "7", "-1h30m"} {
		if _, err := parseDuration(bad); err == nil {
			t.Errorf("duration %q accepted", bad)
		}
	}
	for in, want := range map[string]float64{"30/h": 0.5, "0.5/min": 0.5, "1440/d": 1} {
		if got, err := parseRate(in); err != nil || got != want {
			t.Errorf("rate %q = %g, %v; want %g", in, got, err, want)
		}
	}
	days, err := parseDays("fri-mon")
	if err != nil || days != 1<<5|1<<6|1<<0|1<<1 {
		t.Errorf("fri-mon = %b, %v", days, err)
	}
}

// FuzzParse checks that no input makes the parser panic, and that every
// accepted scenario is a valid model.
func FuzzParse(f *testing.F) {
	f.Add(minimal)
	for _, b := range Builtins() {
		src, _ := BuiltinSource(b.Name)
		f.Add(string(src))
	}
	f.Add("name: x\nopen: {mon: 00:00-24:00}\n")
	f.Fuzz(func(t *testing.T, src string) {
		s, err := Parse(nil, "fuzz.yaml", []byte(src))
		if err != nil {
			var es Errors
			if !errors.As(err, &es) || len(es) == 0 {
				t.Fatalf("error is not Errors: %v", err)
			}
			return
		}
		for _, v := range s.All() {
			if err := v.Model.Validate(); err != nil {
				t.Fatalf("accepted an invalid model: %v", err)
			}
		}
	})
}

func ExampleParse() {
	s, err := Parse(nil, "desk.yaml", []byte(minimal))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Name(), len(s.Model.Stages), s.Model.Stages[0].Service)
	_, err = Parse(nil, "desk.yaml", []byte(strings.Replace(minimal, "staff: 3", "staff: three", 1)))
	fmt.Println(err)
	// Output:
	// mini 1 exponential(mean 4m)
	// desk.yaml:11:12: stages.desk.staff: "three" is not a number of staff; valid: a whole number from 0 to 100000
}

// TestPlannerData checks the CSV readers: the roster adds up staggered
// shifts, volumes become mean rates per weekday, and every CSV error
// names the file, row and column.
func TestPlannerData(t *testing.T) {
	base := `name: data
days: 2
open: {mon-fri: 08:00-12:00}
roster: roster.csv
channels:
  - name: phone
    volumes: volumes.csv
    route: [desk]
stages:
  - name: desk
    service: exponential(4m)
    target: 1m
`
	files := fstest.MapFS{
		"s.yaml":      {Data: []byte(base)},
		"roster.csv":  {Data: []byte("stage,start,end,weekdays,count\ndesk,08:00,11:00,mon-fri,2\ndesk,10:00,12:00,mon,1\n")},
		"volumes.csv": {Data: []byte("date,from,to,count\n2026-11-02,08:00,10:00,40\n2026-11-09,08:00,10:00,20\n2026-11-03,08:00,10:00,12\n")},
	}
	s, err := load(files, "s.yaml", "s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	mon := s.Model.Stages[0].Groups[0].Staff[1]
	want := []sim.Segment{{From: 480, To: 600, Value: 2}, {From: 600, To: 660, Value: 3}, {From: 660, To: 720, Value: 1}}
	if fmt.Sprint(mon) != fmt.Sprint(want) {
		t.Errorf("Monday roster %v, want %v", mon, want)
	}
	if r := s.Model.Channels[0].Rates[1]; len(r) != 1 || r[0].Value != 30.0/120 {
		t.Errorf("Monday rate %v, want the mean of 40 and 20 calls over two hours", r)
	}
	if len(s.Notes) != 2 || !strings.Contains(s.Notes[0], "15.0/h") {
		t.Errorf("fitted rates not reported: %v", s.Notes)
	}
	for _, c := range []struct{ file, data, want string }{
		{"roster.csv", "stage,start,end,weekdays,count\ndesk,08:00,11:00,mon-fri,2\ndesk,08:00,11:00,mon-fri,2\n", "row 3 repeats row 2"},
		{"roster.csv", "stage,start,end,weekdays,count\ndesks,08:00,11:00,mon-fri,2\n", `row 2, column stage: no stage named "desks"`},
		{"roster.csv", "stage,start,end,weekdays,count\ndesk,22:00,02:00,mon-fri,2\n", "row 2, columns start/end"},
		{"roster.csv", "stage,start,end,weekdays\ndesk,08:00,09:00,mon\n", "no column \"count\""},
		{"roster.csv", "stage,start,end,weekdays,count\ndesk,08:00,11:00,mon-fri\n", "row 2 has a different number of columns"},
		{"roster.csv", "", "the file is empty"},
		{"volumes.csv", "date,from,to,count\n2026-13-02,08:00,10:00,40\n", "row 2, column date"},
		{"volumes.csv", "date,from,to,count\n2026-11-02,08:00,10:00,many\n", "row 2, column count"},
		{"volumes.csv", "date,from,to,count\n2026-11-02,08:00,10:00,4\n2026-11-02,09:00,11:00,4\n", "overlaps"},
	} {
		bad := fstest.MapFS{"s.yaml": files["s.yaml"], "roster.csv": files["roster.csv"], "volumes.csv": files["volumes.csv"]}
		bad[c.file] = &fstest.MapFile{Data: []byte(c.data)}
		_, err := load(bad, "s.yaml", "s.yaml")
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.file) {
			t.Errorf("%s %q: got %v, want %q naming the file", c.file, c.data, err, c.want)
		}
	}
}

func TestTrace(t *testing.T) {
	src := strings.Replace(minimal, "name: mini\n", "name: mini\ndays: 2\narrivals: calls.csv\n", 1)
	files := fstest.MapFS{
		"s.yaml":    {Data: []byte(src)},
		"calls.csv": {Data: []byte("time\n2026-11-03 08:30:00\n2026-11-02 09:00:30\n2026-11-02 08:00\n")},
	}
	s, err := load(files, "s.yaml", "s.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tr := s.Model.Trace
	if len(tr) != 3 || tr[0].T != 480 || tr[1].T != 540.5 || tr[2].T != 1440+510 || s.Model.StartDay != 1 {
		t.Errorf("trace %+v, start %v", tr, s.Model.StartDay)
	}
	files["calls.csv"] = &fstest.MapFile{Data: []byte("time\n2026-11-03 8h30\n")}
	if _, err := load(files, "s.yaml", "s.yaml"); err == nil || !strings.Contains(err.Error(), "calls.csv: row 2, column time") {
		t.Errorf("bad timestamp: %v", err)
	}
	files["calls.csv"] = &fstest.MapFile{Data: []byte("time\n2026-11-02 08:00\n2026-11-09 08:00\n")}
	if _, err := load(files, "s.yaml", "s.yaml"); err == nil || !strings.Contains(err.Error(), "set days: 8") {
		t.Errorf("trace longer than the run: %v", err)
	}
}

func TestWarnings(t *testing.T) {
	src := strings.Replace(minimal, "staff: 3", "staff: {08:00-12:00: 3, 13:00-16:00: 2}", 1)
	s, err := parse(t, src)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0], "mon 12:00-13:00") {
		t.Errorf("warnings %q; want the lunch gap", s.Warnings)
	}
	s, _ = parse(t, strings.Replace(minimal, "30/h", "0/h", 1))
	if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0], "no arrivals") {
		t.Errorf("warnings %q; want no arrivals", s.Warnings)
	}
}

// FuzzCSV feeds arbitrary bytes to the roster, volumes and trace readers:
// they must return an error naming the file, or a valid model, never
// panic.
func FuzzCSV(f *testing.F) {
	f.Add("stage,start,end,weekdays,count\ndesk,08:00,11:00,mon-fri,2\n", "date,from,to,count\n2026-11-02,08:00,10:00,40\n", "time\n2026-11-02 08:00\n")
	f.Add("stage,group,start,end,weekdays,count\ndesk,a,08:00,24:00,fri-mon,1\n", "weekday,from,to,count\nmon,08:00,08:30,3\n", "time,channel\n2026-11-02 08:00:01,phone\n")
	f.Add("\ufeffstage,start\n\"", "date,from,to,count\n,,,\n", "time\n")
	f.Fuzz(func(t *testing.T, roster, volumes, trace string) {
		for _, withTrace := range []bool{false, true} {
			src := `name: fuzz
days: 2
open: {mon-fri: 08:00-12:00}
roster: roster.csv
channels:
  - name: phone
    volumes: volumes.csv
    route: [desk]
stages:
  - name: desk
    service: exponential(4m)
    target: 1m
`
			if withTrace {
				src += "arrivals: trace.csv\n"
			}
			fsys := fstest.MapFS{
				"s.yaml": {Data: []byte(src)}, "roster.csv": {Data: []byte(roster)},
				"volumes.csv": {Data: []byte(volumes)}, "trace.csv": {Data: []byte(trace)},
			}
			s, err := load(fsys, "s.yaml", "s.yaml")
			if err != nil {
				if !strings.Contains(err.Error(), ".csv") && !strings.Contains(err.Error(), "s.yaml") {
					t.Fatalf("error names no file: %v", err)
				}
				continue
			}
			if err := s.Model.Validate(); err != nil {
				t.Fatalf("accepted an invalid model: %v", err)
			}
		}
	})
}
