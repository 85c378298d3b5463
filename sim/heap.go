package sim

// eventKind says what an event does when it fires.
type eventKind uint8

const (
	evArrival     eventKind = iota // next external arrival of channel a
	evDeparture                    // customer a finishes service at its stage with group b
	evAbandon                      // customer a's patience runs out (if token still matches)
	evJoin                         // customer a reaches its current stage (after a delay or before a retry)
	evEnter                        // customer a begins a visit to its current stage (after a rework delay)
	evStaff                        // staff schedule of stage a, group b changes
	evClose                        // the business closes (day a)
	evMidnight                     // day a begins
	evAppointment                  // customer a comes for an appointment
	evTrace                        // arrival a of the model's trace
)

// event is one scheduled happening. It is stored by value in the heap.
type event struct {
	t     float64
	seq   uint64
	a, b  int32
	token uint32
	kind  eventKind
}

// before orders events by time, then by scheduling order, so that events at
// the same time run first-scheduled first and a run is deterministic.
func (e *event) before(f *event) bool {
	return e.t < f.t || (e.t == f.t && e.seq < f.seq)
}

// eventHeap is a 4-ary min-heap of events. A 4-ary heap is shallower than a
// binary one and its children share cache lines, which matters because the
// heap is touched on every event.
type eventHeap struct {
	ev  []event
	seq uint64
}

// push schedules an event; cost O(log n).
func (h *eventHeap) push(e event) {
	e.seq = h.seq
	h.seq++
	h.ev = append(h.ev, e)
	i := len(h.ev) - 1
	for i > 0 {
		p := (i - 1) / 4
		if !h.ev[i].before(&h.ev[p]) {
			break
		}
		h.ev[i], h.ev[p] = h.ev[p], h.ev[i]
		i = p
	}
}

// pop removes and returns the earliest event; cost O(log n). The heap must
// not be empty.
func (h *eventHeap) pop() event {
	top := h.ev[0]
	n := len(h.ev) - 1
	last := h.ev[n]
	h.ev = h.ev[:n]
	if n == 0 {
		return top
	}
	i := 0
	for {
		c := 4*i + 1
		if c >= n {
			break
		}
		m := c
		end := c + 4
		if end > n {
			end = n
		}
		for j := c + 1; j < end; j++ {
			if h.ev[j].before(&h.ev[m]) {
				m = j
			}
		}
		if !h.ev[m].before(&last) {
			break
		}
		h.ev[i] = h.ev[m]
		i = m
	}
	h.ev[i] = last
	return top
}

func (h *eventHeap) len() int { return len(h.ev) }
