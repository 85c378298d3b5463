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

// DefaultMaxInSystem is the bound on customers in the system at once when
// Model.MaxInSystem is 0. A customer costs about 200 bytes, so the default
// bounds a replication's customer records to about 400 MB.
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

// Validate reports the first problem that makes m unusable by Run. Package
// scenarios reports problems with file positions; Validate is the engine's
// own guard against programmer error.
func (m *Model) Validate() error {
	if m.Days < 1 || m.Days > MaxDays {
		return fmt.Errorf("sim: model %q: Days must be in [1, %d] (got %d)", m.Name, MaxDays, m.Days)
	}
	if m.MaxInSystem < 0 {
		return fmt.Errorf("sim: model %q: MaxInSystem must be >= 0 (got %d)", m.Name, m.MaxInSystem)
	}
	if m.Warmup < 0 || m.Warmup >= float64(m.Days)*MinutesPerDay {
		return fmt.Errorf("sim: model %q: Warmup must be in [0, %d days) (got %g min)", m.Name, m.Days, m.Warmup)
	}
	if _, ok := dayParts(m.Interval, MaxIntervalsPerDay); !ok {
		return fmt.Errorf("sim: model %q: Interval must divide a day into at most %d parts (got %g min)", m.Name, MaxIntervalsPerDay, m.Interval)
	}
	for d, w := range m.Open {
		if !w.Closed() && (w.From < 0 || w.To > MinutesPerDay) {
			return fmt.Errorf("sim: model %q: opening hours on %v outside the day", m.Name, time.Weekday(d))
		}
	}
	if len(m.Stages) == 0 {
		return fmt.Errorf("sim: model %q: no stages", m.Name)
	}
	const most = math.MaxInt16 // customers record channel, class and group in 16 bits
	if len(m.Stages) > most || len(m.Channels) > most || len(m.Classes) > most {
		return fmt.Errorf("sim: model %q: more than %d stages, channels or classes", m.Name, most)
	}
	for _, s := range m.Stages {
		if len(s.Groups) > most {
			return fmt.Errorf("sim: stage %q: more than %d staff groups", s.Name, most)
		}
	}
	if len(m.Channels) == 0 {
		return fmt.Errorf("sim: model %q: no channels", m.Name)
	}
	share := 0.0
	for _, c := range m.Classes {
		if c.Share < 0 {
			return fmt.Errorf("sim: class %q: negative share", c.Name)
		}
		share += c.Share
	}
	if len(m.Classes) > 0 && math.Abs(share-1) > 1e-9 {
		return fmt.Errorf("sim: class shares sum to %g, not 1", share)
	}
	prev := 0.0
	for i, a := range m.Trace {
		if a.T < prev || math.IsNaN(a.T) {
			return fmt.Errorf("sim: trace arrival %d at %g min is out of order", i+1, a.T)
		}
		prev = a.T
		if a.Channel < 0 || a.Channel >= len(m.Channels) || a.Class < -1 || a.Class >= max(len(m.Classes), 1) {
			return fmt.Errorf("sim: trace arrival %d names channel %d, class %d", i+1, a.Channel, a.Class)
		}
	}
	for _, c := range m.Channels {
		if len(c.Route) == 0 {
			return fmt.Errorf("sim: channel %q: empty route", c.Name)
		}
		for _, s := range c.Route {
			if s.Stage < 0 || s.Stage >= len(m.Stages) {
				return fmt.Errorf("sim: channel %q: route names stage %d of %d", c.Name, s.Stage, len(m.Stages))
			}
			if s.ByAppointment && m.Stages[s.Stage].Book == nil {
				return fmt.Errorf("sim: channel %q: stage %q is visited by appointment but has no appointment book", c.Name, m.Stages[s.Stage].Name)
			}
			if s.Prob < 0 || s.Prob > 1 {
				return fmt.Errorf("sim: channel %q: route probability %g outside [0,1]", c.Name, s.Prob)
			}
		}
		share := 0.0
		for _, p := range c.Preferences {
			if !(p.Share >= 0) {
				return fmt.Errorf("sim: channel %q: preference share must be >= 0", c.Name)
			}
			share += p.Share
		}
		if share > 1+1e-9 {
			return fmt.Errorf("sim: channel %q: preference shares sum to %g > 1", c.Name, share)
		}
		if c.Retry != nil {
			if c.Retry.Prob < 0 || c.Retry.Prob >= 1 || c.Retry.Prob > 0 && c.Retry.Delay == nil {
				return fmt.Errorf("sim: channel %q: retry needs a probability in [0,1) and a delay", c.Name)
			}
		}
		for d := range c.Rates {
			if err := checkSegments(c.Rates[d], false); err != nil {
				return fmt.Errorf("sim: channel %q: rates on %v: %w", c.Name, time.Weekday(d), err)
			}
		}
	}
	for i := range m.Stages {
		s := &m.Stages[i]
		if s.Service == nil {
			return fmt.Errorf("sim: stage %q: no service-time distribution", s.Name)
		}
		durations := append([]Dist{s.Service, s.Delay, s.Patience, s.Retry.Delay, s.Rework.Delay}, s.ServiceByChannel...)
		for _, d := range append(durations, s.ServiceByClass...) {
			if _, ok := d.(Normal); ok {
				return fmt.Errorf("sim: stage %q: a normal distribution can be negative: use it for punctuality only", s.Name)
			}
		}
		if s.Book != nil {
			if err := s.Book.validate(s); err != nil {
				return fmt.Errorf("sim: stage %q: appointment book: %w", s.Name, err)
			}
		}
		if n := len(s.ServiceByChannel); n != 0 && n != len(m.Channels) {
			return fmt.Errorf("sim: stage %q: ServiceByChannel has %d entries for %d channels", s.Name, n, len(m.Channels))
		}
		if n := len(s.ServiceByClass); n != 0 && n != len(m.Classes) {
			return fmt.Errorf("sim: stage %q: ServiceByClass has %d entries for %d classes", s.Name, n, len(m.Classes))
		}
		if s.Retry.Prob < 0 || s.Retry.Prob >= 1 {
			return fmt.Errorf("sim: stage %q: retry probability must be in [0,1) (got %g)", s.Name, s.Retry.Prob)
		}
		if s.Retry.Prob > 0 && s.Retry.Delay == nil {
			return fmt.Errorf("sim: stage %q: retry without a delay distribution", s.Name)
		}
		if s.Rework.Prob < 0 || s.Rework.Prob >= 1 {
			return fmt.Errorf("sim: stage %q: rework probability must be in [0,1) (got %g)", s.Name, s.Rework.Prob)
		}
		reworks := s.Rework.Prob > 0
		for _, g := range s.Groups {
			if g.FixRate < 0 || g.FixRate > 1 {
				return fmt.Errorf("sim: stage %q group %q: fix rate must be in (0, 1] (got %g)", s.Name, g.Name, g.FixRate)
			}
			reworks = reworks || (g.FixRate > 0 && g.FixRate < 1)
		}
		if s.Assign < AssignFastest || s.Assign > AssignByClass {
			return fmt.Errorf("sim: stage %q: unknown assignment rule %d", s.Name, s.Assign)
		}
		if s.Assign == AssignByClass {
			if len(s.ClassGroups) != max(len(m.Classes), 1) {
				return fmt.Errorf("sim: stage %q: ClassGroups has %d entries for %d classes", s.Name, len(s.ClassGroups), max(len(m.Classes), 1))
			}
			for _, gs := range s.ClassGroups {
				for _, g := range gs {
					if g < 0 || g >= len(s.Groups) {
						return fmt.Errorf("sim: stage %q: ClassGroups names group %d of %d", s.Name, g, len(s.Groups))
					}
				}
			}
		}
		if reworks && (s.Rework.To < 0 || s.Rework.To >= len(m.Stages)) {
			return fmt.Errorf("sim: stage %q: rework goes to stage %d of %d", s.Name, s.Rework.To, len(m.Stages))
		}
		if !(s.Target > 0) {
			return fmt.Errorf("sim: stage %q: Target must be > 0 (got %g)", s.Name, s.Target)
		}
		for _, t := range s.Targets {
			if !(t >= 0) || math.IsInf(t, 0) {
				return fmt.Errorf("sim: stage %q: service-level thresholds must be >= 0 (got %g)", s.Name, t)
			}
		}
		if s.BalkAt < 0 {
			return fmt.Errorf("sim: stage %q: BalkAt must be >= 0", s.Name)
		}
		if len(s.Groups) == 0 {
			return fmt.Errorf("sim: stage %q: no staff groups", s.Name)
		}
		for _, g := range s.Groups {
			if !(g.Cost >= 0) || !(g.OvertimeCost >= 0) {
				return fmt.Errorf("sim: stage %q group %q: costs must be >= 0", s.Name, g.Name)
			}
			if !(g.Speed > 0) {
				return fmt.Errorf("sim: stage %q group %q: Speed must be > 0 (got %g)", s.Name, g.Name, g.Speed)
			}
			for d := range g.Staff {
				if err := checkSegments(g.Staff[d], true); err != nil {
					return fmt.Errorf("sim: stage %q group %q: staff on %v: %w", s.Name, g.Name, time.Weekday(d), err)
				}
			}
		}
	}
	if m.Satisfaction != nil {
		if err := m.Satisfaction.Validate(m); err != nil {
			return err
		}
	}
	for i, err := range CheckThresholds(m, m.Thresholds) {
		if err != nil {
			return fmt.Errorf("sim: threshold %v: %w", m.Thresholds[i], err)
		}
	}
	return nil
}

// checkSegments checks that segs are sorted, non-overlapping, inside the day
// and non-negative (whole numbers when whole is set).
func checkSegments(segs []Segment, whole bool) error {
	prev := 0.0
	for _, s := range segs {
		if s.From < prev || s.To <= s.From || s.To > MinutesPerDay {
			return fmt.Errorf("segment [%g, %g) out of order, empty or outside the day", s.From, s.To)
		}
		if s.Value < 0 || math.IsNaN(s.Value) || math.IsInf(s.Value, 0) {
			return fmt.Errorf("segment [%g, %g) has value %g", s.From, s.To, s.Value)
		}
		if whole && s.Value != math.Trunc(s.Value) {
			return fmt.Errorf("segment [%g, %g) has fractional headcount %g", s.From, s.To, s.Value)
		}
		prev = s.To
	}
	return nil
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
