package cmdline

import (
	"errors"
	"io"
	"math"
	"testing"
	"time"

	"github.com/spf13/pflag"
)

// TestParseErrors checks the mistakes parse refuses that pflag alone
// would accept or report in Go's words.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"int in range", []string{"-n", "11", "a"}, `echo: --count: out of range (got "11"); valid: a whole number from 1 to 10`},
		{"int not octal", []string{"-n", "011", "a"}, `echo: --count: out of range (got "011"); valid: a whole number from 1 to 10`},
		{"int in hex", []string{"--count", "0x2", "a"}, `echo: --count: not a whole number (got "0x2"); valid: a whole number from 1 to 10`},
		{"int with a plus", []string{"--count=+2", "a"}, `echo: --count: not a whole number (got "+2"); valid: a whole number from 1 to 10`},
		{"int past int64", []string{"--count", "99999999999999999999", "a"}, `echo: --count: out of range (got "99999999999999999999"); valid: a whole number from 1 to 10`},
		{"negative seed", []string{"--seed", "-1", "a"}, `echo: --seed: out of range (got "-1"); valid: a whole number from 0 to 18446744073709551615`},
		{"seed past uint64", []string{"--seed", "18446744073709551616", "a"}, `echo: --seed: out of range (got "18446744073709551616"); valid: a whole number from 0 to 18446744073709551615`},
		{"seed not a number", []string{"--seed", "x", "a"}, `echo: --seed: not a whole number (got "x"); valid: a whole number from 0 to 18446744073709551615`},
		{"float", []string{"--ratio", "half", "a"}, `echo: --ratio: not a number (got "half"); valid: a number such as 0.5`},
		{"bool", []string{"--quiet=maybe", "a"}, `echo: --quiet: not true or false (got "maybe"); valid: true or false, or the flag alone for true`},
		{"pflag duration", []string{"--wait", "5", "a"}, `echo: --wait: not a duration (got "5"); valid: a duration like 90s, 5m or 1h30m`},
		{"duration without unit", []string{"--limit", "5", "a"}, `echo: --limit: not a duration (got "5"); valid: a duration like 90s, 5m or 1h30m`},
		{"duration too long for Go", []string{"--limit", "2562048h", "a"}, `echo: --limit: out of range (got "2562048h"); valid: a duration from 0s to 2h`},
		{"duration too long for the flag", []string{"--limit", "2h0m1s", "a"}, `echo: --limit: out of range (got "2h0m1s"); valid: a duration from 0s to 2h`},
		{"negative duration", []string{"--limit", "-1ns", "a"}, `echo: --limit: out of range (got "-1ns"); valid: a duration from 0s to 2h`},
		{"repeated unit", []string{"--limit", "1h1h", "a"}, `echo: --limit: repeats the unit "h" (got "1h1h"); valid: a duration like 90s, 5m or 1h30m, each unit once`},
		{"micro twice", []string{"--limit", "1us1µs", "a"}, `echo: --limit: repeats the unit "µs" (got "1us1µs"); valid: a duration like 90s, 5m or 1h30m, each unit once`},
		{"unknown enum", []string{"--format", "xml", "a"}, `echo: --format: unknown format (got "xml"); valid: table, json`},
		{"unknown in a list", []string{"--kinds", "png, gif", "a"}, `echo: --kinds: unknown kinds "gif" (got "png, gif"); valid: any of png, svg, comma-separated`},
		{"twice in a list", []string{"--kinds", "png,PNG", "a"}, `echo: --kinds: "png" given twice (got "png,PNG"); valid: each of png, svg at most once`},
		{"empty enum", []string{"--format", " ", "a"}, `echo: --format: empty value (got ""); valid: a value, or leave the flag out for its default (see 'prog echo --help')`},
		{"flag and value in one argument", []string{"--name booking.service_level>=70%", "a"}, `echo: --name and its value are one argument (got "--name booking.service_level>=70%"); valid: two arguments, --name 'booking.service_level>=70%', or one joined by =, --name='booking.service_level>=70%'`},
		{"a plain value in one argument", []string{"--count 3", "a"}, `echo: --count and its value are one argument (got "--count 3"); valid: two arguments, --count 3, or one joined by =, --count=3`},
		{"an unknown flag with a space", []string{"--colour red", "a"}, `echo: unknown flag: --colour red (see 'prog echo --help')`},
		{"given twice", []string{"-n", "2", "--count", "3", "a"}, "echo: --count is given twice; give it once (see 'prog echo --help')"},
		{"empty values", []string{"--name", "", "--tag", "x", "--tag=", "a"}, `echo: --name, --tag: empty value (got ""); valid: a value, or leave the flag out for its default (see 'prog echo --help')`},
		{"a flag as value", []string{"--name", "--quiet", "a"}, `echo: --name: "--quiet" is a flag, not a value; give --name a value (a path that starts with - can be written ./--quiet)`},
		{"a shorthand as value", []string{"--name", "-q", "a"}, `echo: --name: "-q" is a flag, not a value; give --name a value (a path that starts with - can be written ./-q)`},
		{"only with", []string{"--ratio", "0.5", "a"}, "echo: --ratio does nothing without --name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := testProgram(false).Run(t.Context(), append([]string{"echo"}, tt.args...), io.Discard, io.Discard)
			if err == nil || err.Error() != tt.want {
				t.Fatalf("got %v; want %q", err, tt.want)
			}
			if _, ok := errors.AsType[*UsageError](err); !ok {
				t.Errorf("got a %T; want a *UsageError", err)
			}
		})
	}
}

// TestParseAccepts checks values parse must not refuse.
func TestParseAccepts(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"repeated array flag", []string{"--tag", "a", "--tag", "b", "a"}},
		{"value like a flag of no such name", []string{"--name", "--other", "a"}},
		{"a path that starts with -", []string{"--name", "./-q", "a"}},
		{"seed 0", []string{"--seed", "0", "a"}},
		{"largest seed", []string{"--seed", "18446744073709551615", "a"}},
		{"only with, given", []string{"--name", "x", "--ratio", "0.5", "a"}},
		{"largest duration", []string{"--limit", "2h", "a"}},
		{"minus zero duration", []string{"--limit", "-0s", "a"}},
		{"a unit each", []string{"--limit", "1h2m3s4ms5us6ns", "a"}},
		{"enum in capitals with spaces", []string{"--format", " JSON ", "a"}},
		{"list in mixed case", []string{"--kinds", " Svg , PNG", "a"}},
		{"flag=value with a space", []string{"--name=a b", "a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := testProgram(false).Run(t.Context(), append([]string{"echo"}, tt.args...), io.Discard, io.Discard); err != nil {
				t.Errorf("got %v; want no error", err)
			}
		})
	}
}

// TestCanonical checks that the enumerated flags keep their values in
// lower case without spaces, so that commands compare one form only.
func TestCanonical(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		kind, list string
	}{
		{"defaults", nil, "table", "png,svg"},
		{"capitals", []string{"--kind", "JSON", "--list", "SVG"}, "json", "svg"},
		{"spaces", []string{"--kind", " json\t", "--list", " svg , png "}, "json", "svg,png"},
		{"mixed", []string{"--kind=Table", "--list=Png,sVg"}, "table", "png,svg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
			var kind, list string
			EnumVar(fs, &kind, "kind", "table", []string{"table", "json"}, "")
			EnumListVar(fs, &list, "list", "png,svg", []string{"png", "svg"}, "")
			if err := fs.Parse(tt.args); err != nil {
				t.Fatal(err)
			}
			if kind != tt.kind || list != tt.list {
				t.Errorf("got --kind %q, --list %q; want %q, %q", kind, list, tt.kind, tt.list)
			}
		})
	}
}

// TestDurationValue checks the values a duration flag keeps: -0s is 0,
// and the ends of its range are in it.
func TestDurationValue(t *testing.T) {
	tests := []struct {
		arg  string
		want time.Duration
	}{
		{"0", 0},
		{"-0s", 0},
		{"+1h30m", 90 * time.Minute},
		{"1.5h", 90 * time.Minute},
		{"2562047h47m16.854775807s", math.MaxInt64},
	}
	for _, tt := range tests {
		t.Run(tt.arg, func(t *testing.T) {
			fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
			var d time.Duration
			DurationVar(fs, &d, "d", time.Minute, 0, math.MaxInt64, "")
			if err := fs.Parse([]string{"--d", tt.arg}); err != nil {
				t.Fatal(err)
			}
			if d != tt.want {
				t.Errorf("got %v; want %v", d, tt.want)
			}
		})
	}
}
