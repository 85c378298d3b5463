package sim

import (
	"fmt"
	"math"
	"time"
)

// MinutesPerDay is the length of a simulated day in model time units.
const MinutesPerDay = 1440

// MaxDays bounds Model.Days (ten years): a replication allocates per-day
// statistics.
const MaxDays = 3660

// MaxIntervalsPerDay bounds the reporting intervals of a day (10 s each):
// every replication keeps statistics per stage and interval.
const MaxIntervalsPerDay = 8640

// MaxSlotsPerDay bounds the appointment slots of a day (1 s each).
const MaxSlotsPerDay = 86400

// dayParts returns the number of pieces of length x (minutes) in a day,
// if x divides a day into at most most pieces: n × x is exactly a day and
// int(MinutesPerDay / x) is n, as the engine computes it. A duration of a
// whole number of seconds that divides a day exactly (such as 20 s, a
// third of a minute) passes when x is MinutesPerDay / n.
func dayParts(x float64, most int) (int, bool) {
	if !(x > 0) || math.IsInf(x, 0) {
		return 0, false
	}
	n := math.Round(MinutesPerDay / x)
	if n < 1 || n > float64(most) || n*x != MinutesPerDay || int(MinutesPerDay/x) != int(n) {
		return 0, false
	}
	return int(n), true
}

// MaxRatePerHour bounds a channel's arrival rate, in customers an hour:
// beyond it (some 28 a second, beyond any service desk) a run would
// never end, or stop at Model.MaxInSystem after filling memory.
const MaxRatePerHour = 1e5

// DefaultMaxInSystem is the bound on customers in the system at once when
// Model.MaxInSystem is 0. A customer in the system costs about 400 bytes
// with its events and queue entry, so the default bounds a replication
// to under 1 GB.
const DefaultMaxInSystem = 2_000_000

// Model describes a customer-service process. All times are minutes and all
// rates are customers per minute (see the package documentation). A Model is
// plain data: package scenarios builds one from a file, tests build them in
// code. Validate reports what makes a Model unusable.
type Model struct {
	Name string

	// Days is the number of simulated days (1 to MaxDays). StartDay is the
	// weekday of day 0.
	Days     int
	StartDay time.Weekday

	// MaxInSystem bounds the customers in the system at once (0:
	// DefaultMaxInSystem). A load beyond capacity grows the queues without
	// end; a replication that reaches the bound stops with a
	// *CapacityError instead of exhausting memory.
	MaxInSystem int

	// AllowIdle lets Run simulate a model open during none of the time it
	// measures (see Model.Idle): a what-if run in which nobody arrives,
	// whose figures are n/a or zero, and whose Results say so in
	// EndWarnings. Without it Run refuses such a model with an *IdleError.
	AllowIdle bool

	// Warmup is the time, from the start of day 0, whose observations are
	// discarded: customers who join a queue before it and time-integrals
	// before it do not enter the statistics.
	Warmup float64

	// Interval is the width of the time-of-day reporting intervals
	// (minutes, > 0, dividing 1440).
	Interval float64

	// Open holds the opening hours by weekday (indexed by time.Weekday).
	// Arrivals happen only while open; a Window with To <= From means closed
	// all day. Closing triggers each stage's AtClose policy.
	Open [7]Window

	// Classes of customer, with their shares of arrivals and queue
	// priority. An empty list means one class, "all", with share 1.
	Classes []Class

	Channels []Channel
	Stages   []Stage

	// Pools are staff shared by several stages (see Pool).
	Pools []Pool

	// Satisfaction, when non-nil, rates customers and feeds reputation
	// back into demand (see Satisfaction).
	Satisfaction *Satisfaction

	// Thresholds are early-warning limits checked on the results.
	Thresholds []Threshold

	// Trace, when non-empty, replaces the channels' Poisson arrivals: the
	// customers arrive exactly at these times (sorted), in every
	// replication. The demand multiplier of the satisfaction model does not
	// apply to a trace.
	Trace []Arrival
}

// Arrival is one recorded arrival: time (minutes from the start of day 0),
// channel and class (-1: drawn from the class shares).
type Arrival struct {
	T              float64
	Channel, Class int
}

// Window is a time-of-day range [From, To) in minutes since midnight.
type Window struct {
	From, To float64
}

// Closed reports whether the window is empty.
func (w Window) Closed() bool { return w.To <= w.From }

// Class is a kind of customer. Customers with a higher Priority are taken
// from a queue before those with a lower one; within a priority the queue is
// first come, first served.
type Class struct {
	Name     string
	Share    float64
	Priority int
}

// Channel is a way customers arrive (phone, web, walk-in) with its demand
// and its route through the stages.
type Channel struct {
	Name string

	// Rates is the arrival rate by weekday (indexed by time.Weekday) as a
	// piecewise-constant function of the time of day. Segments must be
	// sorted and must not overlap; time not covered has rate 0. Arrivals are
	// further limited to the opening hours.
	Rates [7][]Segment

	// Route lists the stages a customer of this channel visits, in order.
	Route []Step

	// Preferences are shares of customers stating a preferred time for
	// appointments (shares sum to at most 1; the rest take any slot).
	Preferences []Preference

	// Retry, when non-nil, replaces the stages' Retry for this channel's
	// customers (phone callers call back, walk-ins do not).
	Retry *Retry
}

// Segment is a piecewise-constant piece of a time-of-day function:
// Value holds on [From, To) minutes since midnight.
type Segment struct {
	From, To float64
	Value    float64
}

// Step is one stage on a channel's route. A customer visits it with
// probability Prob (1 = always); a skipped step passes straight on to the
// next one.
type Step struct {
	Stage int
	Prob  float64
	// ByAppointment books the visit in the stage's appointment book
	// instead of queueing at once.
	ByAppointment bool
}

// ClosePolicy says what happens to a stage's queue when the business closes.
type ClosePolicy int

const (
	// Serve keeps the staff on duty at closing until the queue is empty;
	// the extra time is recorded as overtime.
	Serve ClosePolicy = iota
	// SendAway sends queued customers home at closing; they are counted as
	// sent away (lost). Customers in service finish.
	SendAway
	// CarryOver leaves the queue waiting for the next staffed time, as for
	// back-office work such as follow-up calls.
	CarryOver
)

var closePolicyNames = [...]string{"serve", "send_away", "carry_over"}

func (p ClosePolicy) String() string {
	if p >= 0 && int(p) < len(closePolicyNames) {
		return closePolicyNames[p]
	}
	return fmt.Sprintf("ClosePolicy(%d)", int(p))
}

// Stage is a queue served by a pool of staff.
type Stage struct {
	Name string

	// Service is the service-time distribution (minutes) at speed 1.
	// ServiceByChannel and ServiceByClass, when non-nil, are indexed by
	// channel or class; a non-nil entry replaces Service for that channel or
	// class (the channel entry wins when both are set).
	Service          Dist
	ServiceByChannel []Dist
	ServiceByClass   []Dist

	// Delay, when non-nil, is the time between the customer being routed
	// here and joining the queue: a follow-up task becomes due a day after
	// service, say. Waits at the stage are measured from the end of the
	// delay (the due time).
	Delay Dist

	// Patience, when non-nil, is how long a customer waits in the queue
	// before abandoning. Nil means customers never abandon.
	Patience Dist

	// BalkAt, when > 0, makes an arriving customer leave without queueing
	// when BalkAt or more customers are already waiting.
	BalkAt int

	// Retry makes customers who abandon or balk try the stage again.
	Retry Retry

	// Rework sends a share of served customers back for another visit.
	Rework Rework

	// Target is the service-level threshold: the share of customers whose
	// wait is at most Target is reported (minutes, > 0).
	Target float64

	// Targets are further wait thresholds (minutes, >= 0) whose service
	// levels are reported as KPIs named "STAGE.service_level(5m)". At 0 the
	// service level is the share served without waiting at all,
	// 1 - P(wait > 0).
	Targets []float64

	// AtClose is what happens to the queue when the business closes.
	AtClose ClosePolicy

	// Groups are the staff groups of the stage's pool; at least one.
	Groups []Group

	// Book, when non-nil, is the stage's appointment book.
	Book *Book

	// Assign chooses the group that serves when several have someone
	// free. ClassGroups, for AssignByClass, lists per class the groups in
	// order of preference; groups not listed serve the class last.
	Assign      AssignRule
	ClassGroups [][]int
}

// AssignRule chooses among staff groups with someone free.
type AssignRule int

const (
	// AssignFastest prefers the fastest group (the default).
	AssignFastest AssignRule = iota
	// AssignMostSkilled prefers the highest first-time-fix rate, then
	// the fastest.
	AssignMostSkilled
	// AssignAnyFree takes the group with the most idle staff, spreading
	// work evenly.
	AssignAnyFree
	// AssignByClass follows Stage.ClassGroups.
	AssignByClass
)

var assignNames = [...]string{"fastest", "most_skilled", "any_free", "by_class"}

func (a AssignRule) String() string {
	if a >= 0 && int(a) < len(assignNames) {
		return assignNames[a]
	}
	return fmt.Sprintf("AssignRule(%d)", int(a))
}

// hasRework reports whether any customer can be sent back from s.
func (s *Stage) hasRework() bool {
	for g := range s.Groups {
		if s.reworkProb(g) > 0 {
			return true
		}
	}
	return false
}

// reworkProb is the chance that a customer served by group g at s comes
// back.
func (s *Stage) reworkProb(g int) float64 {
	if f := s.Groups[g].FixRate; f > 0 {
		return 1 - f
	}
	return s.Rework.Prob
}

// Retry describes customers trying a stage again after they abandoned or
// balked: with probability Prob they rejoin after a delay drawn from Delay.
type Retry struct {
	Prob  float64
	Delay Dist
}

// Rework describes a failed first-time fix: with probability Prob a customer
// served at the stage comes back, after Delay (nil = at once), to the stage
// To (an index into Model.Stages). The customer resumes the route at the
// latest visit of To on its route, or repeats the current stage if To is
// not on its route before this point.
type Rework struct {
	Prob  float64
	To    int
	Delay Dist
}

// Group is a group of staff in a stage's pool. Speed divides service times
// (1.25 means 25% faster). Staff holds the headcount by weekday as a
// piecewise-constant function of the time of day (Segment.Value is the
// number of staff, a whole number); time not covered has no staff.
type Group struct {
	Name  string
	Speed float64
	Staff [7][]Segment

	// FixRate, when > 0, is the share of this group's customers whose
	// problem is fixed at the first visit; the others come back as the
	// stage's Rework says. 0 leaves the stage's Rework.Prob in force.
	FixRate float64

	// Cost is the cost of one staff hour on the schedule; OvertimeCost of
	// one hour kept on beyond it (0 = Cost). Both in the scenario's
	// currency; 0 leaves staff cost unreported.
	Cost, OvertimeCost float64
}

// valueAt returns the value of the piecewise-constant function segs at time
// of day t (0 where no segment covers t).
func valueAt(segs []Segment, t float64) float64 {
	for _, s := range segs {
		if t < s.From {
			return 0
		}
		if t < s.To {
			return s.Value
		}
	}
	return 0
}
