package simflags

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/spf13/pflag"
	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/internal/cmdline"
	"github.com/svcsim/svcsim/scenarios"
)

// parse registers the shared flags, the outputs and the shard flags, as
// compare does, and parses args.
func parse(t *testing.T, args ...string) *Settings {
	t.Helper()
	s, err := tryParse(args...)
	if err != nil {
		t.Fatalf("parse %q: %v", args, err)
	}
	return s
}

// tryParse is parse that returns the error of a value the flags refuse.
func tryParse(args ...string) (*Settings, error) {
	var s Settings
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	s.Register(fs, true)
	s.RegisterFormat(fs, "results", "table", "csv")
	fs.StringVar(&s.Out, "out", "", "")
	s.Outputs.Register(fs)
	s.Shard.Register(fs)
	return &s, fs.Parse(args)
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string // in the usage error; "" for none
	}{
		{"nothing", nil, ""},
		{"charts with out", []string{"--charts", "--out", "d"}, ""},
		{"charts without out", []string{"--charts"}, "--charts, --report and --xlsx need --out DIR"},
		{"paper without report", []string{"--paper", "letter"}, "--paper"},
		{"bad paper", []string{"--report", "--out", "d", "--paper", "a5"}, `unknown paper (got "a5"); valid: a4, letter`},
		{"narrow chart", []string{"--charts", "--out", "d", "--width", "3"}, "--width must be from 4 to 100 cm"},
		{"NaN chart", []string{"--charts", "--out", "d", "--height", "NaN"}, "--height from 3 to 100 cm"},
		{"bad chart format", []string{"--charts", "--out", "d", "--chart-format", "gif"}, `unknown chart format "gif" (got "gif"); valid: any of png, svg, pdf, comma-separated`},
		{"missing font", []string{"--charts", "--out", "d", "--font", "/no/such/font.ttf"}, "--font"},
		{"shard without out", []string{"--shard", "0/2"}, "a shard writes a part file: give --out DIR"},
		{"shard with charts", []string{"--shard", "0/2", "--out", "d", "--charts"}, "not per shard"},
		{"bad shard", []string{"--shard", "2/2", "--out", "d"}, "test:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := tryParse(tt.args...)
			if err != nil {
				// Refused as the flag was set: cmdline makes it a usage error.
				if tt.want == "" || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("parse = %v; want Check to say %q", err, tt.want)
				}
				return
			}
			err = s.Check("test")
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Check = %v; want nil", err)
				}
				return
			}
			if _, ok := errors.AsType[*cmdline.UsageError](err); !ok || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Check = %v; want a usage error containing %q", err, tt.want)
			}
		})
	}
}

func TestCheckFormat(t *testing.T) {
	for _, f := range []string{"csv", "CSV", " csv "} {
		s := parse(t, "--format", f)
		if err := s.CheckFormat("test"); err != nil || s.Format != "csv" {
			t.Errorf("--format %q: got %q, %v; want csv, no error", f, s.Format, err)
		}
	}
	if _, err := tryParse("--format", "xml"); err == nil || !strings.Contains(err.Error(), `unknown format (got "xml"); valid: table, csv`) {
		t.Errorf("--format xml: got %v; want an error naming the formats", err)
	}
	s := parse(t)
	s.Format = "xml"
	if err := s.CheckFormat("test"); err == nil || err.Error() != `test: --format: unknown format (got "xml"); valid: table, csv` {
		t.Errorf("Format xml: got %v; want a usage error naming the formats", err)
	}
}

func TestSeedAndReplications(t *testing.T) {
	sc, err := scenarios.Builtin("clinic")
	if err != nil {
		t.Fatal(err)
	}
	o := parse(t).Options(sc)
	if o.Seed != experiment.SeedOf(sc) || o.Replications != experiment.ReplicationsOf(sc) {
		t.Errorf("no flags: seed %d, %d replications; want the scenario's %d and %d", o.Seed, o.Replications, experiment.SeedOf(sc), experiment.ReplicationsOf(sc))
	}
	// --seed 0 is a seed like any other, not "unset".
	o = parse(t, "--seed", "0", "-r", "7", "--days", "3").Options(sc)
	if o.Seed != 0 || o.Replications != 7 || o.Days != 3 {
		t.Errorf("--seed 0 -r 7 --days 3: seed %d, %d replications, %d days", o.Seed, o.Replications, o.Days)
	}
}

func TestModel(t *testing.T) {
	sc, err := scenarios.Builtin("aftersales") // a warm-up of 7 days
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parse(t, "--days", "7").Model(sc); !isDays(err) {
		t.Errorf("--days 7 inside a 7-day warm-up: %v; want an *experiment.DaysError", err)
	} else if !strings.Contains(err.Error(), "--days 8 or more") {
		t.Errorf("--days 7: %q; want the fewest days that work", err)
	}
	m, err := parse(t, "--days", "8", "--max-in-system", "50").Model(sc)
	if err != nil {
		t.Fatal(err)
	}
	if m.Days != 8 || m.MaxInSystem != 50 || sc.Model.Days == 8 {
		t.Errorf("--days 8 --max-in-system 50: model %d days, %d at most; scenario's model %d days (must be left alone)", m.Days, m.MaxInSystem, sc.Model.Days)
	}
}

func isDays(err error) bool {
	_, ok := errors.AsType[*experiment.DaysError](err)
	return ok
}

func TestWarnQuiet(t *testing.T) {
	var b bytes.Buffer
	parse(t).Warn(&b, "p: ", []string{"one", "two"})
	if b.String() != "warning: p: one\nwarning: p: two\n" {
		t.Errorf("Warn printed %q", b.String())
	}
	b.Reset()
	parse(t, "-q").Warn(&b, "p: ", []string{"one"})
	if b.Len() != 0 {
		t.Errorf("Warn with --quiet printed %q", b.String())
	}
}
