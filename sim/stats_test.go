package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	hdrhistogram "github.com/HdrHistogram/hdrhistogram-go"
)

// TestHistMatchesTheLibrary records the same durations in hist and in the
// library's histogram (the way the engine recorded them before hist) and
// wants the same counts and quantiles.
func TestHistMatchesTheLibrary(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	h := newHist()
	lib := hdrhistogram.New(1, histMax, histDigits)
	add := func(m float64) {
		h.record(m)
		v := int64(math.Round(m * histPerMinute))
		if v > histMax {
			v = histMax
		}
		if err := lib.RecordValue(v); err != nil {
			t.Fatal(err)
		}
	}
	// Edges: zero, rounding at half a tick, bucket boundaries, the cap.
	for _, m := range []float64{0, 0.49999999999999994 / histPerMinute, 0.5 / histPerMinute, 1.5 / histPerMinute,
		2047.0 / histPerMinute, 2048.0 / histPerMinute, 4095.5 / histPerMinute, histMax / histPerMinute, 1e9} {
		add(m)
	}
	for range 200000 {
		// Durations over many orders of magnitude.
		add(math.Exp(r.Float64()*30-12) * r.ExpFloat64())
	}
	sameCounts(t, h, lib)
	q := []float64{0, 0.1, 10, 25, 50, 75, 90, 95, 99, 99.9, 100}
	for range 20 {
		q = append(q, 100*r.Float64())
	}
	sameQuantiles(t, "many durations", h, lib, q)
	// Few values: the rank's rounding and its clamping to [1, count].
	h, lib = newHist(), hdrhistogram.New(1, histMax, histDigits)
	for i, m := range []float64{0, 1.5 / histPerMinute, 3, 3000, histMax / histPerMinute} {
		add(m)
		sameQuantiles(t, fmt.Sprintf("%d values", i+1), h, lib, q)
	}
	// Counts past 16 bits: carried three times in each of two buckets.
	for range 3 * 65536 {
		add(0)
		add(2.5)
	}
	add(2.5)
	sameCounts(t, h, lib)
	sameQuantiles(t, "carried counts", h, lib, q)
	if got := newHist().quantiles(50)[0]; !math.IsNaN(got) {
		t.Errorf("empty histogram: got %g; want NaN", got)
	}
}

// sameCounts wants h's counts to be lib's.
func sameCounts(t *testing.T, h *hist, lib *hdrhistogram.Histogram) {
	t.Helper()
	want := lib.Export().Counts
	if len(h.counts) != len(want) {
		t.Fatalf("%d buckets; the library has %d", len(h.counts), len(want))
	}
	for i, w := range want {
		if got := h.count(i); got != w {
			t.Fatalf("bucket %d: count %d; the library's is %d", i, got, w)
		}
	}
}

// sameQuantiles wants h's quantiles q to be the library's on lib.
func sameQuantiles(t *testing.T, name string, h *hist, lib *hdrhistogram.Histogram, q []float64) {
	t.Helper()
	got := h.quantiles(q...)
	for i, p := range q {
		if want := float64(lib.ValueAtQuantile(p)) / histPerMinute; got[i] != want {
			t.Errorf("%s: quantile %g: got %g; want %g", name, p, got[i], want)
		}
	}
}
