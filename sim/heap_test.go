package sim

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestEventsInterleaved pops events and schedules zero to two new ones
// after each, at or after the time popped and in either heap, as a run
// does (a push right after a pop takes the popped root), and wants the
// order of a plain list searched for its earliest (time, sequence).
func TestEventsInterleaved(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	var h eventList
	var ref []event
	kinds := []eventKind{evArrival, evDeparture, evAbandon, evTrace, evDepartFast}
	push := func(tm float64) {
		k := kinds[r.IntN(len(kinds))]
		ref = append(ref, event{t: tm, key: h.seq<<kindBits | uint64(k)})
		h.push(tm, k, 0, 0)
	}
	for range 20 {
		push(float64(r.IntN(10)))
	}
	for i := 0; len(ref) > 0; i++ {
		m := 0
		for j := range ref {
			if before(&ref[j], &ref[m]) {
				m = j
			}
		}
		want := ref[m]
		ref = append(ref[:m], ref[m+1:]...)
		got := h.pop()
		if got.t != want.t || got.key != want.key {
			t.Fatalf("pop %d: got (t %g, seq %d); want (t %g, seq %d)", i, got.t, got.seq(), want.t, want.seq())
		}
		if i < 20000 {
			for range r.IntN(3) {
				// Few distinct times, so ties are common.
				push(got.t + float64(r.IntN(8)))
			}
		}
	}
	if ev := h.pop(); !math.IsInf(ev.t, 1) {
		t.Fatalf("pop after the last: got an event at %g; want none (+Inf)", ev.t)
	}
}
