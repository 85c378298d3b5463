package sim

import (
	"math/rand/v2"
	"sync"
)

// The engine draws most of its random times from the exponential
// distribution, by math/rand/v2's ziggurat (Rand.ExpFloat64; Marsaglia &
// Tsang, "The ziggurat method for generating random variables", J. Stat.
// Softw. 5(8), 2000). ExpFloat64 takes a 64-bit value u from its source,
// splits it into j = uint32(u) and i = uint8(u>>32), and returns
// float64(j) * we[i] when j < ke[i], which happens for about 99% of draws;
// the rest take a slower path that may draw again. Each call goes through
// the Rand and then through its Source, both interfaces the compiler
// cannot see through. expFast does the fast path inline on a value the
// engine already has, and the engine hands the rare rest to ExpFloat64
// itself, so every draw is the one ExpFloat64 makes.

// zigTables are the fast path's tables of ExpFloat64: keep[i] is ke[i] and
// width[i] is we[i].
type zigTables struct {
	keep  [256]uint32
	width [256]float64
}

// zig returns the tables, read once from ExpFloat64 itself (see readZig).
var zig = sync.OnceValue(readZig)

// probe is a rand.Source whose first value is first and whose later values
// are 0, counting the values taken.
type probe struct {
	first uint64
	taken int
}

func (p *probe) Uint64() uint64 {
	p.taken++
	if p.taken == 1 {
		return p.first
	}
	return 0
}

// readZig reads the fast path's tables from rand.ExpFloat64 through its
// public behaviour, so that they are the library's whatever its version:
// the draw from u = i<<32 | j takes one value exactly when j < ke[i], and
// then returns j * we[i]. ke[i] is found by bisection on j; we[i] is the
// draw at j = 1 (ke[1] is 0, and so is width[1], never used). It costs
// about 9,000 draws, once per process.
func readZig() *zigTables {
	t := new(zigTables)
	var p probe
	r := rand.New(&p)
	fast := func(i, j uint64) (float64, bool) {
		p = probe{first: i<<32 | j}
		x := r.ExpFloat64()
		return x, p.taken == 1
	}
	for i := range uint64(256) {
		lo, hi := uint64(0), uint64(1)<<32 // fast below lo, slow from hi
		for lo < hi {
			mid := (lo + hi) / 2
			if _, ok := fast(i, mid); ok {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		t.keep[i] = uint32(lo)
		if w, ok := fast(i, 1); ok {
			t.width[i] = w
		}
	}
	if !t.agrees(fast) {
		// ExpFloat64 no longer works as read above: every draw takes it.
		return new(zigTables)
	}
	return t
}

// agrees reports whether expFast gives what fast (ExpFloat64 on a first
// value i<<32 | j) gives, at each table's edge and at 4,096 values spread
// over the rest, so that tables read from a library that changed how it
// draws are never used.
func (t *zigTables) agrees(fast func(i, j uint64) (float64, bool)) bool {
	same := func(u uint64) bool {
		want, wantOK := fast(u>>32&0xff, u&0xffffffff)
		got, ok := t.expFast(u)
		return ok == wantOK && (!ok || got == want)
	}
	for i := range uint64(256) {
		k := uint64(t.keep[i])
		if (k > 0 && !same(i<<32|(k-1))) || (k < 1<<32-1 && !same(i<<32|k)) {
			return false
		}
	}
	u := uint64(0x5eed)
	for range 4096 {
		u += golden
		if !same(mix64(u)) {
			return false
		}
	}
	return true
}

// expFast is ExpFloat64's draw when its source's first value is u, and
// false when that value takes the slow path.
func (t *zigTables) expFast(u uint64) (float64, bool) {
	j, i := uint32(u), uint8(u>>32)
	if j < t.keep[i] {
		return float64(j) * t.width[i], true
	}
	return 0, false
}

// expDraw is the exponential draw, of mean 1, of the stream keyed key:
// what rand.New(&stream{key}).ExpFloat64() returns.
func (e *engine) expDraw(key uint64) float64 {
	if x, ok := e.zig.expFast(mix64(key)); ok {
		return x
	}
	e.st.s = key
	return e.rnd.ExpFloat64()
}

// replay is a rand.Source that returns first once and then src's values:
// the slow path of an arrival's draw, whose first value expFast has
// taken from src already.
type replay struct {
	first uint64
	used  bool
	src   *rand.PCG
}

func (r *replay) Uint64() uint64 {
	if !r.used {
		r.used = true
		return r.first
	}
	return r.src.Uint64()
}
