package sim

import (
	"math/rand/v2"
	"testing"
)

// TestExpDrawIsExpFloat64 wants the engine's exponential draws to be the
// ones math/rand/v2 makes, bit for bit, on the fast path and the slow:
// a run's results must not depend on which of them drew.
func TestExpDrawIsExpFloat64(t *testing.T) {
	e := newEngine(&Model{Name: "x", Days: 1, Interval: 60}, 1, 0)
	keys := rand.New(rand.NewPCG(7, 8))
	slow := 0
	for range 200000 {
		k := keys.Uint64()
		want := rand.New(&stream{k}).ExpFloat64()
		if got := e.expDraw(k); got != want {
			t.Fatalf("expDraw(%#x) = %v; want %v", k, got, want)
		}
		if _, ok := e.zig.expFast(mix64(k)); !ok {
			slow++
		}
	}
	// About 1.1% of draws take the slow path (1 - the ziggurat's
	// acceptance rate of its first value).
	if slow < 1000 {
		t.Errorf("%d of 200000 draws took the slow path; want the slow path tested", slow)
	}
}

// TestArrivalDrawIsExpFloat64 wants a channel's arrival draws to be the
// sequence rand.New(PCG).ExpFloat64 gives from the same generator.
func TestArrivalDrawIsExpFloat64(t *testing.T) {
	e := newEngine(&Model{Name: "x", Days: 1, Interval: 60}, 1, 0)
	g := &arrivalGen{rng: rand.NewPCG(3, 4)}
	want := rand.New(rand.NewPCG(3, 4))
	for i := range 200000 {
		if got, w := e.arrivalDraw(g), want.ExpFloat64(); got != w {
			t.Fatalf("draw %d = %v; want %v", i, got, w)
		}
	}
}

// TestZigTablesChecked wants tables that disagree with ExpFloat64 found
// out, so that readZig falls back to ExpFloat64 for every draw.
func TestZigTablesChecked(t *testing.T) {
	var p probe
	r := rand.New(&p)
	fast := func(i, j uint64) (float64, bool) {
		p = probe{first: i<<32 | j}
		x := r.ExpFloat64()
		return x, p.taken == 1
	}
	good := *zig()
	if !good.agrees(fast) {
		t.Fatal("the tables read from ExpFloat64 disagree with it")
	}
	for name, spoil := range map[string]func(*zigTables){
		"a width":          func(z *zigTables) { z.width[7] *= 1 + 1e-9 },
		"an edge too far":  func(z *zigTables) { z.keep[7]++ },
		"an edge too near": func(z *zigTables) { z.keep[7]-- },
	} {
		z := good
		spoil(&z)
		if z.agrees(fast) {
			t.Errorf("tables with %s changed pass the check; want them refused", name)
		}
	}
}
