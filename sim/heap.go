package sim

import (
	"math"
	"math/bits"
)

// eventKind says what an event does when it fires.
type eventKind uint8

const (
	evArrival     eventKind = iota // next external arrival of channel a
	evDeparture                    // customer a finishes service at its stage
	evAbandon                      // customer a's patience runs out (if token still matches)
	evJoin                         // customer a reaches its current stage (after a delay or before a retry)
	evEnter                        // customer a begins a visit to its current stage (after a rework delay)
	evStaff                        // staff schedule of stage a, group x changes (of pool -1-a when a < 0)
	evClose                        // the business closes (day a)
	evMidnight                     // day a begins
	evAppointment                  // customer a comes for an appointment
	evTrace                        // arrival a of the model's trace
	evDepartFast                   // evDeparture from a stage on the specialised path
)

// kindBits is the number of low bits of event.key that hold the kind.
const kindBits = 4

// event is one scheduled happening, stored by value in the heap: 24 bytes,
// so that a node's four children span less than two cache lines.
type event struct {
	t float64
	// key is the scheduling sequence number shifted left by kindBits, with
	// the kind in the low bits: ordering by key is ordering by sequence.
	key uint64
	a   int32
	// x is the customer's token for customer events (a stale token means
	// the event was cancelled) and the staff group for evStaff.
	x uint32
}

func (e *event) kind() eventKind { return eventKind(e.key & (1<<kindBits - 1)) }
func (e *event) seq() uint64     { return e.key >> kindBits }

// before orders events by time, then by scheduling order, so that events at
// the same time run first-scheduled first and a run is deterministic.
func before(e, f *event) bool {
	return e.t < f.t || (e.t == f.t && e.key < f.key)
}

// beforeBit is before as 1 or 0, without branches: times are >= 0, and the
// bits of a non-negative float64 order as the float does, so (time, key)
// compares as one 128-bit number, by a subtraction with borrow. The heap's
// sift-down picks the earliest of four children with it, where branches on
// comparisons of random times are mispredicted half the time.
func beforeBit(e, f *event) int {
	_, b := bits.Sub64(e.key, f.key, 0)
	_, b = bits.Sub64(math.Float64bits(e.t), math.Float64bits(f.t), b)
	return int(b)
}

// eventList is the engine's future events: the next arrival of each
// channel (or of the trace) in one heap and every other event in another,
// merged by (time, scheduling order) when popped, so the order is that of
// one list. The arrivals' heap holds one event per channel, so an arrival
// costs a sift of a tiny heap instead of one through all the customers'
// events. Both heaps are 4-ary min-heaps: shallower than binary ones, with
// a node's children sharing cache lines, which matters because the list is
// touched on every event. Both sifts move a hole rather than swapping, so
// each level costs one copy.
//
// A pop leaves its heap's root empty until the next push or pop: most
// events schedule another (the next service at a stage whose queue is not
// empty, the next arrival), and a push into that heap then takes the root
// and sifts down once, where filling the root with the last event and
// pushing the new one would sift twice. The order of events is that of
// (time, sequence) whatever the heap's layout, so it does not change.
type eventList struct {
	arr, rest []event
	seq       uint64
	// hole says which heap's root the last pop left empty: noHole,
	// arrHole or restHole. It is a number, not a pointer to the heap, so
	// that setting it on every event costs no write barrier.
	hole uint8
}

const (
	noHole uint8 = iota
	arrHole
	restHole
)

// heap returns the heap that hole names (arrHole or restHole).
func (l *eventList) heap(hole uint8) *[]event {
	if hole == arrHole {
		return &l.arr
	}
	return &l.rest
}

// push schedules an event of kind k at time t; cost O(log n). t must not
// be -0, whose bits would order it last (see beforeBit): times the engine
// computes are sums of non-negative times from +0 and never are, and the
// one time read from a file, a trace's, is made +0 (see traceTime).
func (l *eventList) push(t float64, k eventKind, a int32, x uint32) {
	e := event{t: t, key: l.seq<<kindBits | uint64(k), a: a, x: x}
	l.seq++
	which := restHole
	if k == evArrival || k == evTrace {
		which = arrHole
	}
	h := l.heap(which)
	if l.hole == which {
		l.hole = noHole
		siftDown(*h, e)
		return
	}
	*h = append(*h, e)
	ev := *h
	i := len(ev) - 1
	for i > 0 {
		p := (i - 1) >> 2
		if !before(&e, &ev[p]) {
			break
		}
		ev[i] = ev[p]
		i = p
	}
	ev[i] = e
}

// pop removes and returns the earliest event, or one at +Inf when there
// is none; cost O(log n).
func (l *eventList) pop() event {
	if l.hole != noHole { // fill the root with the last event
		h := l.heap(l.hole)
		l.hole = noHole
		ev := *h
		n := len(ev) - 1
		*h = ev[:n]
		if n > 0 {
			siftDown(ev[:n], ev[n])
		}
	}
	if len(l.arr) > 0 && (len(l.rest) == 0 || before(&l.arr[0], &l.rest[0])) {
		l.hole = arrHole
		return l.arr[0]
	}
	if len(l.rest) == 0 {
		return event{t: math.Inf(1)}
	}
	l.hole = restHole
	return l.rest[0]
}

// siftDown puts x at the root of ev, whose root is empty, and sifts it
// down to its place.
func siftDown(ev []event, x event) {
	n := len(ev)
	i := 0
	for {
		c := 4*i + 1
		if c >= n {
			break
		}
		m := c
		if c+4 <= n { // four children
			// One bounds check for the four, rather than one per access.
			ch := ev[c : c+4 : c+4]
			m1 := 1 - beforeBit(&ch[0], &ch[1])
			m2 := 3 - beforeBit(&ch[2], &ch[3])
			b := beforeBit(&ch[m2&3], &ch[m1&3])
			m += m1 + (m2-m1)*b
		} else {
			for j := c + 1; j < n; j++ {
				if before(&ev[j], &ev[m]) {
					m = j
				}
			}
		}
		if !before(&ev[m], &x) {
			break
		}
		ev[i] = ev[m]
		i = m
	}
	ev[i] = x
}
