package main

import (
	"bytes"
	"flag"
	"math/big"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite ../../testdata/reference.json")

const file = "../../testdata/reference.json"

// TestReferenceFile checks that the recorded reference values are exactly
// what the generator writes, so that they can always be reproduced.
func TestReferenceFile(t *testing.T) {
	got, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
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
			t.Fatalf("%s:%d: generated %q; file has %q (regenerate with go test ./internal/refgen -update, from erlang/)", file, i+1, gl, wl)
		}
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
