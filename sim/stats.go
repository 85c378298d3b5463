package sim

import (
	"fmt"
	"math"
	"math/bits"
	"slices"
)

// Replication holds the raw statistics of one replication. Counts cover
// customers who reached a stage at or after the warm-up; time integrals
// cover [Warmup, end of the last day].
type Replication struct {
	Index    int
	Events   int64   // events processed
	Measured float64 // minutes measured: end of the run minus warm-up
	// OpenDays is the number of open days measured: the denominator of
	// every "per day" KPI (see the calendar rules in calendar.go).
	OpenDays float64
	Stages   []StageStats
	Journey  JourneyStats
	Sat      *SatStats   // nil without a satisfaction model
	Pools    []PoolStats // by Model.Pools; nil without pools
}

// DayCount is the denominator of rep's per-day KPIs: the open days
// measured, or, when the run measured no open day at all (a what-if of a
// closed day), the calendar days measured.
func (rep *Replication) DayCount() float64 {
	if rep.OpenDays > 0 {
		return rep.OpenDays
	}
	return rep.Measured / MinutesPerDay
}

// StageStats are one stage's statistics in one replication.
//
// Every customer who reached the stage is accounted for exactly once:
//
//	Arrived = Balked + Abandoned + SentAway + Served + InQueueEnd
//	Served  = Completed + InServiceEnd
//
// A retry after abandoning or balking is a new arrival at the stage
// (Retries counts them).
type StageStats struct {
	Arrived      int64   // reached the stage (after any delay)
	Balked       int64   // left at once: queue too long
	Abandoned    int64   // left the queue: patience ran out
	SentAway     int64   // still queued at closing under the send_away policy
	Served       int64   // started service
	Completed    int64   // finished service
	InQueueEnd   int64   // waiting when the run ended
	InServiceEnd int64   // in service when the run ended
	Retries      int64   // arrivals that were a retry
	Reworks      int64   // served customers sent back as rework
	ReworkVisits int64   // service starts of customers on a rework loop
	ReworkBusy   float64 // service minutes of customers on a rework loop

	WaitSum        float64 // total wait of served customers (min)
	WaitSumSq      float64
	WaitMax        float64
	WithinTarget   int64   // served with wait <= the stage's target
	WithinTargets  []int64 // served with wait <= each of Stage.Targets
	AbandonWaitSum float64 // total time abandoners waited
	SentAwayWait   float64 // total time sent-away customers waited
	HandleSum      float64 // total service time of completed services (min)

	// ByChannel and ByClass break the outcomes and waits down by channel
	// and by class; nil where the model has only one.
	ByChannel, ByClass []WaitStats

	// Wait percentiles of served customers (min), from an HDR histogram
	// with 3 significant digits.
	WaitP50, WaitP90, WaitP95, WaitP99 float64

	QueueMax     int
	QueueArea    float64 // integral of queue length (customer-min)
	BusyArea     float64 // integral of busy staff (staff-min)
	PresentArea  float64 // integral of staff present, scheduled or overtime
	OvertimeArea float64 // integral of staff present beyond the schedule

	// OpenMinutes is the time measured in the stage's open intervals, and
	// OpenQueueArea the integral of the queue length over it.
	OpenMinutes, OpenQueueArea float64

	// Intervals are the statistics by weekday and time-of-day interval,
	// indexed weekday*NumIntervals() + interval (weekday as time.Weekday).
	Intervals []IntervalStats
	Groups    []GroupStats // by staff group
	Book      *BookStats   // nil unless the stage has an appointment book
}

// GroupStats are one staff group's time integrals (staff-min).
type GroupStats struct {
	Present  float64 // on duty, scheduled or kept on
	Busy     float64
	Overtime float64 // on duty beyond the schedule

	// PresentByWeekday and OvertimeByWeekday split Present and Overtime by
	// the weekday (time.Weekday) they fell on, for weekly costs.
	PresentByWeekday, OvertimeByWeekday [7]float64

	Completed int64 // services finished (counted customers)
	Reworks   int64 // of which sent back for rework
}

// IntervalStats are one stage's statistics in one time-of-day interval of
// one weekday, summed over the measured days of that weekday. Customer counts are by the time the
// customer reached the stage.
type IntervalStats struct {
	Arrived, Served, WithinTarget, Abandoned int64
	Left                                     int64 // balked or sent away
	WaitSum                                  float64
	QueueArea, BusyArea, PresentArea         float64
	ScheduledArea                            float64 // integral of staff on the schedule
	Duration                                 float64 // minutes measured in this interval
}

// JourneyStats follow customers from their first arrival to leaving the
// process. Started = Completed + Lost + NoShows + InSystemEnd.
type JourneyStats struct {
	Started     int64                // first arrivals at or after the warm-up
	Completed   int64                // finished the route
	Lost        int64                // gave up (abandoned or balked without retrying), sent away or found no slot
	LostBy      [numLossCauses]int64 // Lost split by cause, indexed by lossCause
	NoShows     int64                // did not come to their appointment
	InSystemEnd int64
	TimeSum     float64 // total end-to-end time of completed journeys (min)
	TimeMax     float64
	TimeP50     float64
	TimeP90     float64
}

// lossCause is why a journey was lost.
type lossCause int

const (
	lostGaveUp   lossCause = iota // abandoned or balked, and did not try again
	lostSentAway                  // still queued at closing under send_away, or arrived when closed
	lostNoSlot                    // found no appointment slot
	numLossCauses
)

// histogram unit: waits are recorded in tenths of a second, so three
// significant digits resolve short waits finely and the range reaches
// years.
const (
	histPerMinute = 600
	histMax       = 1e10
	histDigits    = 3
)

// hist counts durations in the buckets of an HDR histogram
// (hdrhistogram.New(1, histMax, histDigits)): recording is an index
// computation and an increment, done here on every wait, and the quantiles
// are read from the counts at the end of the run as the library reads them.
//
// The counts are 16-bit, with the rare carries kept apart: the increments
// land all over the buckets a run's waits span, and at 8 bytes a count
// those spanned tens of kilobytes per histogram, so that on M2 a tenth of
// the run's time went to cache misses on them.
type hist struct {
	counts []uint16
	// carries counts, by index, the times counts[i] went from 65535 to 0:
	// the count of bucket i is counts[i] + carries[i]<<16.
	carries map[int]int64
	// lo and hi bound the indices ever counted (hi < lo while empty), so
	// that the quantiles read only that part of the counts: the rest were
	// never touched, and on a machine where the first touch of a page is
	// expensive, reading the whole 50 kB of each histogram at the end of a
	// run cost more than counting into it.
	lo, hi int
}

// The bucket geometry of New(1, histMax, 3): unit resolution up to 2,048
// (2 × 10^3 rounded up to a power of two), then buckets of 1,024 sub-buckets
// each twice as wide as the last (Tene, HdrHistogram, hdr.go's
// getBucketIndex and countsIndex).
const (
	histSubHalfMag = 10 // log2 of the sub-buckets per half bucket
	histSubMask    = 1<<(histSubHalfMag+1) - 1
)

func newHist() *hist {
	buckets := 1
	for v := int64(histSubMask + 1); v <= histMax; v <<= 1 {
		buckets++
	}
	n := (buckets + 1) << histSubHalfMag
	return &hist{counts: make([]uint16, n), lo: n, hi: -1}
}

// inc adds one to the count of bucket i.
func (h *hist) inc(i int) {
	// Tested in a register: tested in memory, the count was loaded again
	// right after its store, on the path of every wait and journey.
	n := h.counts[i] + 1
	h.counts[i] = n
	if n == 0 {
		h.carry(i)
	}
	// Branches rather than min and max: they are rarely taken, and
	// unlike a conditional move they store nothing on the usual path.
	if i > h.hi {
		h.hi = i
	}
	if i < h.lo {
		h.lo = i
	}
}

func (h *hist) carry(i int) {
	if h.carries == nil {
		h.carries = make(map[int]int64)
	}
	h.carries[i]++
}

// count is the count of bucket i.
func (h *hist) count(i int) int64 { return int64(h.counts[i]) + h.carries[i]<<16 }

// record adds a duration in minutes (>= 0), rounded to the nearest tick
// and capped at histMax ticks.
func (h *hist) record(minutes float64) {
	x := minutes * histPerMinute
	var v int64
	switch {
	case x > histMax:
		v = histMax
	case x >= 0.5:
		// Equal to math.Round for x >= 0.5: x + 0.5 is exact below 2^52
		// but for a carry into the next binade, where the integer part is
		// already the rounded value.
		v = int64(x + 0.5)
	}
	h.inc(histIndex(v))
}

// histIndex is the counts index of value v >= 0.
func histIndex(v int64) int {
	b := 64 - bits.LeadingZeros64(uint64(v)|histSubMask) - (histSubHalfMag + 1)
	return (b+1)<<histSubHalfMag + int(v>>b) - 1<<histSubHalfMag
}

// counted are the counts from the lowest index counted to the highest.
func (h *hist) counted() []uint16 {
	if h.hi < h.lo {
		return nil
	}
	return h.counts[h.lo : h.hi+1]
}

// quantiles returns the q-th percentiles of h (min), NaN when h is empty.
// They are what the library's ValueAtQuantile reads from the same counts
// (hdr.go: the rank q/100 of the count rounded half up, the first index
// whose cumulative count reaches it, and the highest value equivalent to
// that index's, or the lowest for q = 0), read here without Import, which
// copies the counts into a new histogram of the same size: 200 kB per
// histogram, per stage and replication. TestHistMatchesTheLibrary checks
// the two agree.
func (h *hist) quantiles(q ...float64) []float64 {
	var total int64
	for _, n := range h.counted() {
		total += int64(n)
	}
	carried := make([]int, 0, len(h.carries)) // the indices with carries, in order
	for i, c := range h.carries {
		total += c << 16
		carried = append(carried, i)
	}
	slices.Sort(carried)
	out := make([]float64, len(q))
	for i, p := range q {
		out[i] = math.NaN()
		if total > 0 {
			out[i] = float64(h.valueAt(p, total, carried)) / histPerMinute
		}
	}
	return out
}

// valueAt is the p-th percentile of h in ticks, h holding total > 0 values
// and carries at the indices carried (in order).
func (h *hist) valueAt(p float64, total int64, carried []int) int64 {
	p = min(max(p, 0), 100)
	rank := total
	if r := p/100*float64(total) + 0.5; !(r >= 1) {
		rank = 1
	} else if r < float64(total) {
		rank = int64(r)
	}
	idx, cum := len(h.counts)-1, int64(0)
	for i, n := range h.counted() {
		i += h.lo
		cum += int64(n)
		if len(carried) > 0 && carried[0] == i {
			cum += h.carries[i] << 16
			carried = carried[1:]
		}
		if cum >= rank {
			idx = i
			break
		}
	}
	// The value at idx (histIndex inverted) and its bucket's width.
	b := idx>>histSubHalfMag - 1
	sub := idx&(1<<histSubHalfMag-1) + 1<<histSubHalfMag
	if b < 0 {
		b, sub = 0, sub-1<<histSubHalfMag
	}
	v := int64(sub) << b
	if p == 0 {
		return v
	}
	return v + 1<<b - 1
}

// CheckShape reports whether r has the shape a replication of m has:
// a stage's statistics per stage, a cell per weekday and time-of-day interval,
// a group's per staff group, and so on. Summarise indexes r by m's
// dimensions, so replications read from outside the process (the part
// files of a sharded run) must pass it first. The cost is linear in the
// size of r; m must be valid (see Model.Validate).
func (r *Replication) CheckShape(m *Model) error {
	bad := func(what string, got, want int) error {
		return fmt.Errorf("sim: replication %d: %s: %d entries for %d", r.Index, what, got, want)
	}
	if len(r.Stages) != len(m.Stages) {
		return bad("stages", len(r.Stages), len(m.Stages))
	}
	nInt := 7 * m.NumIntervals() // cells by weekday and interval
	classes := max(len(m.Classes), 1)
	for i := range r.Stages {
		st, cfg := &r.Stages[i], &m.Stages[i]
		switch {
		case len(st.Intervals) != nInt:
			return bad(cfg.Name+" intervals", len(st.Intervals), nInt)
		case len(st.Groups) != len(cfg.Groups):
			return bad(cfg.Name+" groups", len(st.Groups), len(cfg.Groups))
		case len(st.WithinTargets) != len(cfg.Targets):
			return bad(cfg.Name+" targets", len(st.WithinTargets), len(cfg.Targets))
		case len(st.ByChannel) != len(newWaitStats(len(m.Channels))):
			return bad(cfg.Name+" waits by channel", len(st.ByChannel), len(newWaitStats(len(m.Channels))))
		case len(st.ByClass) != len(newWaitStats(len(m.Classes))):
			return bad(cfg.Name+" waits by class", len(st.ByClass), len(newWaitStats(len(m.Classes))))
		case (st.Book == nil) != (cfg.Book == nil):
			return fmt.Errorf("sim: replication %d: %s: appointment statistics do not match the model", r.Index, cfg.Name)
		}
		if b := st.Book; b != nil {
			if len(b.ByChannel) != len(m.Channels) {
				return bad(cfg.Name+" bookings by channel", len(b.ByChannel), len(m.Channels))
			}
			if len(b.ByClass) != classes {
				return bad(cfg.Name+" bookings by class", len(b.ByClass), classes)
			}
		}
	}
	if err := r.checkPoolShape(m); err != nil {
		return err
	}
	if (r.Sat == nil) != (m.Satisfaction == nil) {
		return fmt.Errorf("sim: replication %d: satisfaction statistics do not match the model", r.Index)
	}
	if s := r.Sat; s != nil {
		cfg := m.Satisfaction
		for _, c := range []struct {
			what      string
			got, want int
		}{
			{"ratings by channel", len(s.ByChannel), len(m.Channels)},
			{"ratings by class", len(s.ByClass), classes},
			{"lost points", len(s.LostPoints), len(cfg.causes(m))},
			{"incidents", len(s.Incidents), len(cfg.Incidents)},
			{"recovered incidents", len(s.Recovered), len(cfg.Incidents)},
			{"days", len(s.Days), m.Days},
		} {
			if c.got != c.want {
				return bad(c.what, c.got, c.want)
			}
		}
	}
	return nil
}

// CheckAccounts reports the first broken accounting identity of r, a
// replication of m: at every stage each customer who arrived balked,
// abandoned, was sent away, was served or was still queued at the end,
// and each served customer completed or was still in service; the
// intervals add up to the stage's totals; busy staff never exceed staff
// present; and over the journey, started = completed + lost + no-shows +
// in the system at the end; and the pools' accounts (see PoolStats). Tests
// and fuzzing check every run with it.
func (r *Replication) CheckAccounts(m *Model) error {
	near := func(a, b float64) bool {
		return math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))+1e-9
	}
	for si := range r.Stages {
		st, name := &r.Stages[si], m.Stages[si].Name
		if got := st.Balked + st.Abandoned + st.SentAway + st.Served + st.InQueueEnd; got != st.Arrived {
			return fmt.Errorf("sim: replication %d, stage %s: arrived %d != balked %d + abandoned %d + sent away %d + served %d + queued at end %d",
				r.Index, name, st.Arrived, st.Balked, st.Abandoned, st.SentAway, st.Served, st.InQueueEnd)
		}
		if st.Served != st.Completed+st.InServiceEnd {
			return fmt.Errorf("sim: replication %d, stage %s: served %d != completed %d + in service at end %d", r.Index, name, st.Served, st.Completed, st.InServiceEnd)
		}
		var arr, served, within, ab, left int64
		var dur, qa, ba, pa float64
		for _, iv := range st.Intervals {
			arr, served, within, ab, left = arr+iv.Arrived, served+iv.Served, within+iv.WithinTarget, ab+iv.Abandoned, left+iv.Left
			dur, qa, ba, pa = dur+iv.Duration, qa+iv.QueueArea, ba+iv.BusyArea, pa+iv.PresentArea
		}
		if arr != st.Arrived || served != st.Served || within != st.WithinTarget || ab != st.Abandoned || left != st.Balked+st.SentAway {
			return fmt.Errorf("sim: replication %d, stage %s: the intervals' counts differ from the totals", r.Index, name)
		}
		if !near(dur, r.Measured) || !near(qa, st.QueueArea) || !near(ba, st.BusyArea) || !near(pa, st.PresentArea) {
			return fmt.Errorf("sim: replication %d, stage %s: the intervals' time integrals differ from the totals", r.Index, name)
		}
		if st.BusyArea > st.PresentArea*(1+1e-12)+1e-9 {
			return fmt.Errorf("sim: replication %d, stage %s: busy %g staff-min exceeds present %g", r.Index, name, st.BusyArea, st.PresentArea)
		}
		if st.WithinTarget > st.Served {
			return fmt.Errorf("sim: replication %d, stage %s: %d within target of %d served", r.Index, name, st.WithinTarget, st.Served)
		}
	}
	if err := r.checkPoolAccounts(m); err != nil {
		return err
	}
	j := r.Journey
	if j.Started != j.Completed+j.Lost+j.NoShows+j.InSystemEnd {
		return fmt.Errorf("sim: replication %d, journey: started %d != completed %d + lost %d + no-shows %d + in system at end %d",
			r.Index, j.Started, j.Completed, j.Lost, j.NoShows, j.InSystemEnd)
	}
	return nil
}
