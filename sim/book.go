package sim

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// Book is a stage's appointment book. A customer reaching the stage on a
// route step marked ByAppointment is given the first free slot no earlier
// than MinLead and no later than Horizon after booking (honouring a stated
// preference when possible), leaves, and comes back for the appointment —
// early or late by Punctuality, or not at all (a no-show). Customers who
// find no free slot within the horizon are lost.
//
// Slots start every Slot minutes from midnight. A slot's capacity is the
// staff on duty at its start, less WalkInShare held back for walk-ins,
// plus Overbook to offset no-shows, rounded down.
type Book struct {
	Slot        float64 // slot length (minutes, dividing a day)
	MinLead     float64 // earliest appointment after booking (minutes)
	Horizon     float64 // latest appointment after booking (minutes, > MinLead)
	WalkInShare float64 // share of capacity kept for walk-ins, in [0, 1)
	Overbook    float64 // extra bookings as a share of capacity (>= 0)

	// NoShow is the probability of not turning up, growing by NoShowPerDay
	// per day of lead time up to NoShowMax (0 = no cap below 1).
	NoShow, NoShowPerDay, NoShowMax float64

	// Punctuality is the arrival time minus the appointment time (minutes,
	// negative = early); nil = on time. Customers who come early wait for
	// their appointment time; the wait at the stage counts from the later
	// of arrival and appointment.
	Punctuality Dist

	// LeadTarget, when > 0, reports the share of appointments given within
	// this lead time (minutes).
	LeadTarget float64

	// Order decides who goes first when appointments and walk-ins queue
	// together.
	Order BookOrder
}

// BookOrder ranks appointments against walk-ins in a stage's queue.
type BookOrder int

const (
	AppointmentsFirst BookOrder = iota // customers with an appointment go first
	ArrivalOrder                       // first come, first served
	WalkInsFirst                       // walk-ins go first
)

var bookOrderNames = [...]string{"appointments_first", "arrival_order", "walk_ins_first"}

func (o BookOrder) String() string {
	if o >= 0 && int(o) < len(bookOrderNames) {
		return bookOrderNames[o]
	}
	return fmt.Sprintf("BookOrder(%d)", int(o))
}

// Preference is a share of a channel's customers who would rather come
// at a time of day [From, To) (To <= From: any time) on some weekdays
// (Days: bit d set for time.Weekday d; 0: any day).
type Preference struct {
	Share    float64
	From, To float64
	Days     uint8
}

func (p *Preference) fits(t float64, wd int) bool {
	tod := t - math.Floor(t/MinutesPerDay)*MinutesPerDay
	if p.To > p.From && (tod < p.From || tod >= p.To) {
		return false
	}
	return p.Days == 0 || p.Days&(1<<wd) != 0
}

// Normal is a normal distribution (for punctuality, which may be
// negative; not for durations).
type Normal struct{ M, SD float64 }

func (d Normal) Rand(src rand.Source) float64 {
	return distuv.Normal{Mu: d.M, Sigma: d.SD, Src: src}.Rand()
}
func (d Normal) Mean() float64 { return d.M }
func (d Normal) Var() float64  { return d.SD * d.SD }
func (d Normal) Validate() error {
	if math.IsNaN(d.M) || math.IsInf(d.M, 0) {
		return fmt.Errorf("mean must be a number")
	}
	return positive("sd", d.SD)
}
func (d Normal) String() string { return "normal(mean " + fmtMin(d.M) + ", sd " + fmtMin(d.SD) + ")" }

// validate checks b for stage s.
func validSlot(slot float64) bool {
	_, ok := dayParts(slot, MaxSlotsPerDay)
	return ok
}

func (b *Book) validate(s *Stage) error {
	switch {
	case !validSlot(b.Slot):
		return fmt.Errorf("slot length must divide a day into at most %d slots (got %g min)", MaxSlotsPerDay, b.Slot)
	case !(b.MinLead >= 0) || !(b.Horizon > b.MinLead):
		return fmt.Errorf("need 0 <= minimum lead < horizon (got %g, %g min)", b.MinLead, b.Horizon)
	case b.Horizon/b.Slot > 1e6:
		return fmt.Errorf("horizon spans more than a million slots")
	case !(b.WalkInShare >= 0 && b.WalkInShare < 1):
		return fmt.Errorf("walk-in share must be in [0, 1) (got %g)", b.WalkInShare)
	case !(b.Overbook >= 0):
		return fmt.Errorf("overbooking must be >= 0 (got %g)", b.Overbook)
	case !(b.NoShow >= 0 && b.NoShow <= 1) || !(b.NoShowPerDay >= 0) || !(b.NoShowMax >= 0 && b.NoShowMax <= 1):
		return fmt.Errorf("no-show probabilities must be in [0, 1]")
	case b.Order < AppointmentsFirst || b.Order > WalkInsFirst:
		return fmt.Errorf("unknown queue order %d", b.Order)
	case !(b.LeadTarget >= 0):
		return fmt.Errorf("lead-time target must be >= 0")
	}
	if b.Punctuality != nil {
		if err := b.Punctuality.Validate(); err != nil {
			return fmt.Errorf("punctuality: %w", err)
		}
	}
	return nil
}

// BookStats are one stage's appointment statistics in one replication,
// for bookings made at or after the warm-up.
type BookStats struct {
	Requests  int64 // customers who asked for an appointment
	Booked    int64
	NoSlot    int64 // no free slot within the horizon: lost
	PrefUnmet int64 // booked outside their stated preference
	Due       int64 // appointments that came due before the end
	NoShows   int64
	LeadSum   float64 // minutes from booking to appointment
	LeadIn    int64   // booked within LeadTarget
	LeadP50   float64 // minutes
	LeadP90   float64
	// On-site wait beyond the later of arrival and appointment time, for
	// appointment customers who started service.
	Started   int64
	OnSiteSum float64
	// Capacity: slots offered and appointments kept, for slots starting
	// after the warm-up.
	SlotsOffered int64
	SlotsKept    int64

	ByChannel []LeadStats
	ByClass   []LeadStats
}

// LeadStats are lead times of one channel's or class's bookings.
type LeadStats struct {
	Booked  int64
	LeadSum float64
	LeadIn  int64
	NoSlot  int64
}

// bookState is a stage's appointment book during a replication.
type bookState struct {
	cfg   *Book
	cap   [7][]int32 // capacity by weekday and slot of the day
	slotK []int64    // ring: absolute slot number held in each cell
	slotN []int32    // ring: bookings in that slot
	lead  *hist
	stats BookStats
}

func newBookState(m *Model, s *Stage) *bookState {
	b := &bookState{cfg: s.Book, lead: newHist()}
	per := int(MinutesPerDay / s.Book.Slot)
	for d := range 7 {
		b.cap[d] = make([]int32, per)
		for k := range per {
			t := float64(k) * s.Book.Slot
			staff := 0.0
			for _, g := range s.Groups {
				staff += valueAt(g.Staff[d], t)
			}
			b.cap[d][k] = int32(math.Floor(staff*(1-s.Book.WalkInShare)*(1+s.Book.Overbook) + 1e-9))
		}
	}
	n := int(math.Ceil(s.Book.Horizon/s.Book.Slot)) + 2
	b.slotK = make([]int64, n)
	for i := range b.slotK {
		b.slotK[i] = -1
	}
	b.slotN = make([]int32, n)
	b.stats.ByChannel = make([]LeadStats, len(m.Channels))
	b.stats.ByClass = make([]LeadStats, max(len(m.Classes), 1))
	return b
}

// free returns the capacity left in absolute slot k on weekday-of(k).
func (b *bookState) free(e *engine, k int64) int32 {
	per := int64(len(b.cap[0]))
	day := int(k / per)
	c := b.cap[e.weekday(day)][k%per]
	if i := k % int64(len(b.slotK)); b.slotK[i] == k {
		c -= b.slotN[i]
	}
	return c
}

func (b *bookState) take(k int64) {
	i := k % int64(len(b.slotK))
	if b.slotK[i] != k {
		b.slotK[i], b.slotN[i] = k, 0
	}
	b.slotN[i]++
}

// book gives customer ci an appointment at its current route step's stage,
// or loses the customer if there is no free slot.
func (e *engine) book(ci int32) {
	c := &e.cust[ci]
	x := &e.ext[ci]
	c.step++
	c.stage = int32(e.m.Channels[c.channel].Route[c.pos].Stage)
	s := e.stageOf(c)
	b := s.book
	cfg := b.cfg
	st := &b.stats
	counted := e.now >= e.warmup
	any, chosen := b.findSlot(e, e.preference(c))
	if counted {
		st.Requests++
	}
	if chosen < 0 && any >= 0 {
		chosen = any
		if counted {
			st.PrefUnmet++
		}
	}
	if chosen < 0 {
		if counted {
			st.NoSlot++
			st.ByChannel[c.channel].NoSlot++
			st.ByClass[c.class].NoSlot++
		}
		e.lose(ci, lostNoSlot)
		return
	}
	b.take(chosen)
	appt := float64(chosen) * cfg.Slot
	lead := appt - e.now
	if counted {
		b.recordBooking(c, lead)
	}
	if e.sat != nil {
		e.touchLead(c, ci, lead)
	}
	x.appt = appt
	x.lead = lead
	x.apptCounted = counted
	at := appt
	if cfg.Punctuality != nil {
		at += e.sample(cfg.Punctuality, c, purposePunctuality, c.step, 0)
	}
	c.where = inTransit
	c.token++
	e.fel.push(max(at, e.now), evAppointment, ci, c.token)
}

// preference draws customer c's stated preference from its channel's
// shares; nil: none.
func (e *engine) preference(c *customer) *Preference {
	prefs := e.m.Channels[c.channel].Preferences
	if len(prefs) == 0 {
		return nil
	}
	u, acc := e.uniform(c, purposePreference, c.step, 0), 0.0
	for i := range prefs {
		if acc += prefs[i].Share; u < acc {
			return &prefs[i]
		}
	}
	return nil
}

// findSlot returns the first free slot within the booking window from
// now, any, and the first free one that fits pref, chosen (any without a
// preference); -1 where there is none. The book runs past the end of the
// run: a customer booked beyond it has an appointment (and a lead time)
// but is still waiting for it when the run ends, rather than being turned
// away.
func (b *bookState) findSlot(e *engine, pref *Preference) (any, chosen int64) {
	cfg := b.cfg
	first := int64(math.Ceil((e.now + cfg.MinLead) / cfg.Slot))
	last := int64(math.Floor((e.now + cfg.Horizon) / cfg.Slot))
	any, chosen = -1, -1
	per := int64(len(b.cap[0]))
	for k := first; k <= last; k++ {
		if b.free(e, k) <= 0 {
			continue
		}
		if any < 0 {
			any = k
			if pref == nil {
				return any, k
			}
		}
		if pref.fits(float64(k)*cfg.Slot, e.weekday(int(k/per))) {
			return any, k
		}
	}
	return any, chosen
}

// recordBooking counts a booking of counted customer c with the given lead
// time (min).
func (b *bookState) recordBooking(c *customer, lead float64) {
	st := &b.stats
	st.Booked++
	st.LeadSum += lead
	b.lead.record(lead)
	in := b.cfg.LeadTarget > 0 && lead <= b.cfg.LeadTarget
	if in {
		st.LeadIn++
	}
	for _, ls := range []*LeadStats{&st.ByChannel[c.channel], &st.ByClass[c.class]} {
		ls.Booked++
		ls.LeadSum += lead
		if in {
			ls.LeadIn++
		}
	}
}

// appointment brings customer ci to its appointment: a no-show ends the
// journey; otherwise the customer joins the stage's queue at the later of
// arrival and appointment time.
func (e *engine) appointment(ci int32) {
	c := &e.cust[ci]
	x := &e.ext[ci]
	s := e.stageOf(c)
	b := s.book
	cfg := b.cfg
	if x.apptCounted {
		b.stats.Due++
	}
	p := cfg.NoShow + cfg.NoShowPerDay*x.lead/MinutesPerDay
	if cfg.NoShowMax > 0 {
		p = min(p, cfg.NoShowMax)
	}
	if p > 0 && e.uniform(c, purposeNoShow, c.step, 0) < p {
		if x.apptCounted {
			b.stats.NoShows++
		}
		if c.measured {
			e.rep.Journey.NoShows++
		}
		e.release(ci)
		return
	}
	if x.apptCounted && x.appt >= e.warmup {
		b.stats.SlotsKept++
	}
	c.isAppt = true
	if e.now < x.appt {
		// Early: wait for the appointment time.
		c.token++
		e.fel.push(x.appt, evJoin, ci, c.token)
		return
	}
	e.join(ci)
}

// slotsOffered counts the capacity of slots starting in [from, to).
func (b *bookState) slotsOffered(e *engine, from, to float64) int64 {
	n := int64(0)
	for k := int64(math.Ceil(from / b.cfg.Slot)); float64(k)*b.cfg.Slot < to; k++ {
		per := int64(len(b.cap[0]))
		n += int64(b.cap[e.weekday(int(k/per))][k%per])
	}
	return n
}
