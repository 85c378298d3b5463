package cmdline

import (
	"errors"
	"io"
	"testing"
)

// TestParseErrors checks the mistakes parse refuses that pflag alone
// would accept or report in Go's words.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"int in range", []string{"-n", "11", "a"}, `echo: --count must be a whole number from 1 to 10 (got "11")`},
		{"int not octal", []string{"-n", "011", "a"}, `echo: --count must be a whole number from 1 to 10 (got "011")`},
		{"int in hex", []string{"--count", "0x2", "a"}, `echo: --count must be a whole number from 1 to 10 (got "0x2")`},
		{"int with a plus", []string{"--count=+2", "a"}, `echo: --count must be a whole number from 1 to 10 (got "+2")`},
		{"negative seed", []string{"--seed", "-1", "a"}, `echo: --seed must be a whole number from 0 to 18446744073709551615 (got "-1")`},
		{"float", []string{"--ratio", "half", "a"}, `echo: --ratio must be a number (got "half")`},
		{"bool", []string{"--quiet=maybe", "a"}, `echo: --quiet must be true or false (got "maybe")`},
		{"duration", []string{"--wait", "5", "a"}, `echo: --wait must be a duration like 90s, 5m or 1h30m (got "5")`},
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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := testProgram(false).Run(t.Context(), append([]string{"echo"}, tt.args...), io.Discard, io.Discard); err != nil {
				t.Errorf("got %v; want no error", err)
			}
		})
	}
}
