package scenarios

import (
	"errors"
	"math"
	"math/big"
	"strconv"
	"strings"
	"testing"
)

// TestIntegerRange checks that every kind of integer field reports a
// value past its range, or past int64 and uint64, as out of range with
// the range it takes, at the value's line and column; and that a whole
// number written as a float is read as one.
func TestIntegerRange(t *testing.T) {
	cases := []struct {
		name, old, new string
		want           string // "" for no error
	}{
		{"days past int64", "name: mini\n", "name: mini\ndays: 99999999999999999999\n",
			"test.yaml:2:7: days: out of range (got 99999999999999999999); valid: 1–3660"},
		{"days above range", "name: mini\n", "name: mini\ndays: 3661\n",
			"test.yaml:2:7: days: out of range (got 3661); valid: 1–3660"},
		{"days as a float", "name: mini\n", "name: mini\ndays: 1e12\n",
			"test.yaml:2:7: days: out of range (got 1e12); valid: 1–3660"},
		{"days as a whole float", "name: mini\n", "name: mini\ndays: 1e1\n", ""},
		{"days a fraction", "name: mini\n", "name: mini\ndays: 1.5\n",
			`test.yaml:2:7: days: "1.5" is not a whole number`},
		{"seed past uint64", "name: mini\n", "name: mini\nseed: 18446744073709551616\n",
			"test.yaml:2:7: seed: out of range (got 18446744073709551616); valid: 0–18446744073709551615"},
		{"seed negative", "name: mini\n", "name: mini\nseed: -1\n",
			"test.yaml:2:7: seed: out of range (got -1); valid: 0–18446744073709551615"},
		{"seed largest", "name: mini\n", "name: mini\nseed: 18446744073709551615\n", ""},
		{"seed not a number", "name: mini\n", "name: mini\nseed: soon\n", `test.yaml:2:7: seed: "soon" is not a whole number`},
		{"replications past int64", "name: mini\n", "name: mini\nreplications: 9223372036854775808\n",
			"test.yaml:2:15: replications: out of range (got 9223372036854775808); valid: 1–100000"},
		{"staff past int64", "staff: 3", "staff: 99999999999999999999",
			"test.yaml:11:12: stages.desk.staff: out of range (got 99999999999999999999); valid: 0–100000"},
		{"staff just past int64", "staff: 3", "staff: 9223372036854775808",
			"test.yaml:11:12: stages.desk.staff: out of range (got 9223372036854775808); valid: 0–100000"},
		{"staff as a float", "staff: 3", "staff: 1e12",
			"test.yaml:11:12: stages.desk.staff: out of range (got 1e12); valid: 0–100000"},
		{"staff in a schedule", "staff: 3", "staff: {mon-fri: {08:00-16:00: 100001}}",
			"test.yaml:11:36: stages.desk.staff.mon-fri.08:00-16:00: out of range (got 100001); valid: 0–100000"},
		{"staff negative", "staff: 3", "staff: -1",
			"test.yaml:11:12: stages.desk.staff: out of range (got -1); valid: 0–100000"},
		{"staff at the bound", "staff: 3", "staff: 100000", ""},
		{"erlang phases past int64", "exponential(4m)", "erlang(99999999999999999999, 4m)",
			`"erlang(99999999999999999999, 4m)": the number of phases K: out of range (got 99999999999999999999); valid: 1–1000000`},
		{"erlang phases zero", "exponential(4m)", "erlang(0, 4m)",
			`"erlang(0, 4m)": the number of phases K: out of range (got 0); valid: 1–1000000`},
		{"erlang phases", "exponential(4m)", "erlang(3, 4m)", ""},
		{"balk_at past int64", "    target: 1m\n", "    target: 1m\n    balk_at: 99999999999999999999\n",
			"stages.desk.balk_at: out of range (got 99999999999999999999); valid: 1–1073741824"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(minimal, c.old, c.new, 1)
			if src == minimal {
				t.Fatalf("%q not found in the minimal scenario", c.old)
			}
			_, err := parse(t, src)
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("got %v; want no error", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Fatalf("got %v; want %q", err, c.want)
			}
		})
	}
}

// TestWithIntegerRange checks that a value set as sweep's --vary sets it
// is held to the same range as one in the file.
func TestWithIntegerRange(t *testing.T) {
	s, err := parse(t, minimal)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"99999999999999999999", "9007199254740993.0", "9223372036854775808", "1e12"} {
		_, err := s.With([][2]string{{"stages.desk.staff", v}})
		if want := "stages.desk.staff: out of range (got " + v + "); valid: 0–100000"; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("With staff=%s: got %v; want %q", v, err, want)
		}
	}
}

// FuzzWholeIn checks wholeIn's contract on any text: a value it returns
// lies in the range, equals what ParseInt reads when ParseInt reads one
// and the exact value of the text,
// and a range error quotes the text and the bounds.
func FuzzWholeIn(f *testing.F) {
	for _, s := range []string{"0", "-1", "3661", "1e3", "1.5", "99999999999999999999", "9007199254740993.0", "2.000000000000000001", "9223372036854775808", "-9223372036854775809", "1e400", "NaN", "inf", " 7 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		const lo, hi = -1000, 3660
		v, err := wholeIn(s, lo, hi)
		if err == nil {
			if v < lo || v > hi {
				t.Fatalf("wholeIn(%q) = %d, outside [%d, %d]", s, v, lo, hi)
			}
			if p, perr := strconv.ParseInt(strings.TrimSpace(s), 10, 64); perr == nil && p != v {
				t.Fatalf("wholeIn(%q) = %d; ParseInt reads %d", s, v, p)
			}
			// big.Rat reads decimals exactly; a long exponent would cost
			// it memory, so only short texts are checked against it.
			if r, ok := new(big.Rat).SetString(strings.TrimSpace(s)); ok && len(s) < 30 && r.Cmp(big.NewRat(v, 1)) != 0 {
				t.Fatalf("wholeIn(%q) = %d; the text is %v", s, v, r)
			}
			return
		}
		if re, ok := errors.AsType[*RangeError](err); ok && (re.Got != strings.TrimSpace(s) || re.Lo != "-1000" || re.Hi != "3660") {
			t.Fatalf("wholeIn(%q): %v quotes the wrong text or bounds", s, err)
		}
	})
}

// TestWholeExact: a whole number written with a fraction or an exponent
// is read exactly, never through the float64 nearest to it, so a seed
// past 2^53 is the seed written, and a fraction hidden by a float64's
// rounding is still not a whole number.
func TestWholeExact(t *testing.T) {
	const maxU = "18446744073709551615"
	for _, tt := range []struct {
		in      string
		want    uint64
		wantErr string
	}{
		{"9007199254740993", 9007199254740993, ""},
		{"9007199254740993.0", 9007199254740993, ""},
		{"9.007199254740993e15", 9007199254740993, ""},
		{"90071992547409930e-1", 9007199254740993, ""},
		{"18446744073709551615.0", math.MaxUint64, ""},
		{"1.8446744073709551615e19", math.MaxUint64, ""},
		{"1e3", 1000, ""},
		{"+7", 7, ""},
		{".5e1", 5, ""},
		{"5.", 5, ""},
		{"-0.0", 0, ""},
		{"0e999999999999999999999", 0, ""},
		{"9007199254740992.5", 0, `"9007199254740992.5" is not a whole number`},
		{"2.000000000000000001", 0, "not a whole number"},
		{"9.0071992547409925e15", 0, "not a whole number"},
		{"1e-999999999999999999999", 0, "not a whole number"},
		{"18446744073709551616.0", 0, "out of range (got 18446744073709551616.0); valid: 0–" + maxU},
		{"1.8446744073709551616e19", 0, "out of range"},
		{"1e999999999999999999999", 0, "out of range"},
		{"-1.0", 0, "out of range"},
		{"0x10", 0, "not a whole number"},
		{"1e", 0, "not a whole number"},
		{"1.2.3", 0, "not a whole number"},
		{"inf", 0, "not a whole number"},
		{"", 0, "not a whole number"},
	} {
		got, err := wholeUint(tt.in)
		switch {
		case tt.wantErr == "" && (err != nil || got != tt.want):
			t.Errorf("wholeUint(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("wholeUint(%q) = %d, %v; want an error containing %q", tt.in, got, err, tt.wantErr)
		}
	}
	for _, tt := range []struct {
		in      string
		want    int64
		wantErr string
	}{
		{"-9.223372036854775808e18", math.MinInt64, ""},
		{"9223372036854775807.0", math.MaxInt64, ""},
		{"9223372036854775808.0", 0, "out of range"},
		{"3.0", 3, ""},
		{"2.5", 0, "not a whole number"},
	} {
		got, err := wholeIn(tt.in, math.MinInt64, math.MaxInt64)
		switch {
		case tt.wantErr == "" && (err != nil || got != tt.want):
			t.Errorf("wholeIn(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("wholeIn(%q) = %d, %v; want an error containing %q", tt.in, got, err, tt.wantErr)
		}
	}
}

// TestValueKey: texts a field reads as one value share a key, exactly;
// others do not.
func TestValueKey(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		same bool
	}{
		{"2", "02", true},
		{"2", "2.0", true},
		{"2", "2e0", true},
		{"0.5", "50%", true},
		{"90s", "1m30s", true},
		{"1.5m", "90 seconds", true},
		{"0", "0s", true},
		{"0", "-0.0", true},
		{"serve", " serve ", true},
		{"9007199254740992", "9007199254740993", false},
		{"2", "3", false},
		{"1m", "1", false},
		{"1e99999", "1e99998", false},
		{"serve", "send_away", false},
	} {
		if got := ValueKey(tt.a) == ValueKey(tt.b); got != tt.same {
			t.Errorf("ValueKey(%q) == ValueKey(%q) is %v; want %v (keys %q, %q)", tt.a, tt.b, got, tt.same, ValueKey(tt.a), ValueKey(tt.b))
		}
	}
}
