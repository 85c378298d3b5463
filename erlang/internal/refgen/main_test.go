package main

import (
	"bytes"
	"flag"
	"math/big"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the reference files")

// TestReferenceFiles checks that the recorded reference values are
// exactly what the generator writes, so that they can always be
// reproduced.
func TestReferenceFiles(t *testing.T) {
	for _, f := range []struct {
		path string
		gen  func() ([]byte, error)
		cmd  string
	}{
		{"../../testdata/reference.json", generate, "go run ./erlang/internal/refgen > erlang/testdata/reference.json"},
		{"../../../sim/testdata/wait_score.json", waitScores, "go run ./erlang/internal/refgen wait-score > sim/testdata/wait_score.json"},
	} {
		t.Run(filepath.Base(f.path), func(t *testing.T) {
			got, err := f.gen()
			if err != nil {
				t.Fatal(err)
			}
			if *update {
				if err := os.WriteFile(f.path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(f.path)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Equal(got, want) {
				return
			}
			g, w := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
			for i := 0; i < len(g) || i < len(w); i++ {
				var gl, wl []byte
				if i < len(g) {
					gl = g[i]
				}
				if i < len(w) {
					wl = w[i]
				}
				if !bytes.Equal(gl, wl) {
					t.Fatalf("%s:%d: generated %q; file has %q (regenerate from the repository root with %s)", f.path, i+1, gl, wl, f.cmd)
				}
			}
		})
	}
}

// TestScoreIntegral checks the quadrature on a case with a closed form:
// with h = 1 and k = 1, int_0^inf e^-u/(1+u) du = e E1(1) =
// 0.596347362323194074341078499369279376074...
func TestScoreIntegral(t *testing.T) {
	got, err := scoreIntegral(num(1), num(1))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := new(big.Float).SetPrec(prec).SetString("0.596347362323194074341078499369279376074")
	if d := abs(sub(got, want)); less(num(1e-38), d) {
		t.Errorf("integral = %s; want %s", got.Text('g', 40), want.Text('g', 40))
	}
}

// TestExpLog checks the big-float exponential and logarithm against
// identities they must satisfy to the working precision.
func TestExpLog(t *testing.T) {
	tiny := num(1e-70)
	for _, x := range []float64{1e-30, 0.5, 1, 2, 37.5, 700, 1e4, -3, -800} {
		bx := num(x)
		if d := abs(sub(log(exp(bx)), bx)); less(mul(tiny, add(num(1), abs(bx))), d) {
			t.Errorf("log(exp(%g)) - %g = %g", x, x, f64(d))
		}
		if d := abs(sub(mul(exp(bx), exp(neg(bx))), num(1))); less(tiny, d) {
			t.Errorf("exp(%g) exp(-%g) - 1 = %g", x, x, f64(d))
		}
	}
	// e^1 to 60 digits.
	e, _ := new(big.Float).SetPrec(prec).SetString("2.71828182845904523536028747135266249775724709369995957496696763")
	if d := abs(sub(exp(num(1)), e)); less(num(1e-60), d) {
		t.Errorf("exp(1) is %g from e", f64(d))
	}
}
