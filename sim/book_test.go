package sim

import (
	"context"
	"math"
	"testing"
)

// bookModel: phone customers book a 30-minute consultation with one
// clinician on duty 09:00-12:00 (six slots a day), at least a day ahead.
func bookModel(days int, horizon float64) *Model {
	m := mmc(0, 1, 0, days, 0)
	m.Channels[0].Route = []Step{{Stage: 0, Prob: 1, ByAppointment: true}}
	s := &m.Stages[0]
	s.Service = Deterministic{V: 20}
	s.Groups[0].Staff = [7][]Segment{}
	for d := range s.Groups[0].Staff {
		s.Groups[0].Staff[d] = []Segment{{From: 540, To: 720, Value: 1}}
	}
	s.Book = &Book{Slot: 30, MinLead: MinutesPerDay, Horizon: horizon, LeadTarget: 2 * MinutesPerDay}
	return m
}

// TestBookGivesTheFirstFreeSlots: ten bookings at 08:00 on day 0 fill the
// six slots of day 1 and four of day 2, with exact lead times.
func TestBookGivesTheFirstFreeSlots(t *testing.T) {
	m := bookModel(4, 5*MinutesPerDay)
	for range 10 {
		m.Trace = append(m.Trace, Arrival{T: 480, Channel: 0, Class: -1})
	}
	rep, err := Replicate(context.Background(), m, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	checkConservation(t, m, &rep)
	b := rep.Stages[0].Book
	want := 0.0
	for i := range 10 {
		day, slot := 1+i/6, i%6
		want += float64(day)*MinutesPerDay + 540 + 30*float64(slot) - 480
	}
	if b.Booked != 10 || b.NoSlot != 0 || b.LeadSum != want {
		t.Fatalf("booked %d, no slot %d, lead sum %g min; want 10, 0, %g", b.Booked, b.NoSlot, b.LeadSum, want)
	}
	// Every appointment is on time and the clinician is free: no on-site
	// wait, and all 10 served.
	if b.OnSiteSum != 0 || rep.Stages[0].Completed != 10 || rep.Journey.Completed != 10 {
		t.Errorf("on-site wait %g, completed %d, journeys %d", b.OnSiteSum, rep.Stages[0].Completed, rep.Journey.Completed)
	}
	// Lead within 2 days: day-1 slots (lead 25-27.5 h) and day-2 slots
	// before 08:00+48 h... all day-2 slots start after 09:00 = 49 h: out.
	if b.LeadIn != 6 {
		t.Errorf("%d within 2 days, want 6", b.LeadIn)
	}
	if b.SlotsOffered != 4*6 || b.SlotsKept != 10 {
		t.Errorf("slots offered %d kept %d, want 24 and 10", b.SlotsOffered, b.SlotsKept)
	}

	// A horizon of 1.5 days reaches only day 1's slots: four find none.
	m = bookModel(4, 1.5*MinutesPerDay)
	m.Trace = make([]Arrival, 10)
	for i := range m.Trace {
		m.Trace[i] = Arrival{T: 480, Class: -1}
	}
	rep, err = Replicate(context.Background(), m, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	checkConservation(t, m, &rep)
	if b := rep.Stages[0].Book; b.Booked != 6 || b.NoSlot != 4 || rep.Journey.Lost != 4 {
		t.Errorf("horizon 1.5 days: booked %d, no slot %d, lost %d; want 6, 4, 4", b.Booked, b.NoSlot, rep.Journey.Lost)
	}
}

// TestPreferencesAndWalkIns: an afternoon preference cannot be met by a
// morning-only clinic and is recorded; walk-in share holds capacity back.
func TestPreferencesAndWalkIns(t *testing.T) {
	m := bookModel(3, 5*MinutesPerDay)
	m.Channels[0].Preferences = []Preference{{Share: 1, From: 780, To: 1080}}
	m.Stages[0].Groups[0].Staff = allDay(0)
	for d := range m.Stages[0].Groups[0].Staff {
		m.Stages[0].Groups[0].Staff[d] = []Segment{{From: 540, To: 720, Value: 2}}
	}
	m.Stages[0].Book.WalkInShare = 0.5
	m.Trace = []Arrival{{T: 480, Class: -1}, {T: 481, Class: -1}}
	rep, err := Replicate(context.Background(), m, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	b := rep.Stages[0].Book
	if b.PrefUnmet != 2 {
		t.Errorf("preference unmet %d, want 2", b.PrefUnmet)
	}
	// Two clinicians, half kept for walk-ins: one booking per slot.
	if want := float64(MinutesPerDay+60) + float64(MinutesPerDay+59+30); b.LeadSum != want {
		t.Errorf("lead sum %g, want %g (consecutive slots)", b.LeadSum, want)
	}
}

// TestNoShowRate: the measured no-show share lies in the 99.9% binomial
// interval, and a lead-time effect raises it.
func TestNoShowRate(t *testing.T) {
	m := bookModel(60, 10*MinutesPerDay)
	m.Channels[0].Rates = allDay(0)
	for d := range m.Channels[0].Rates {
		m.Channels[0].Rates[d] = []Segment{{From: 480, To: 1080, Value: 0.01}}
	}
	for d := range m.Stages[0].Groups[0].Staff {
		m.Stages[0].Groups[0].Staff[d] = []Segment{{From: 480, To: 1080, Value: 3}}
	}
	m.Stages[0].Book.NoShow = 0.15
	m.Stages[0].Book.Punctuality = Normal{M: -5, SD: 10}
	rep, err := Replicate(context.Background(), m, 2, 0)
	if err != nil {
		t.Fatal(err)
	}
	checkConservation(t, m, &rep)
	b := rep.Stages[0].Book
	n := float64(b.Due)
	got := float64(b.NoShows) / n
	if hw := 3.29 * math.Sqrt(0.15*0.85/n); math.Abs(got-0.15) > hw {
		t.Errorf("no-show %.4f of %d, want 0.15 ± %.4f", got, b.Due, hw)
	}
	if rep.Journey.NoShows != b.NoShows {
		t.Errorf("journey no-shows %d, stage %d", rep.Journey.NoShows, b.NoShows)
	}
	m.Stages[0].Book.NoShowPerDay = 0.05
	rep2, err := Replicate(context.Background(), m, 2, 0)
	if err != nil {
		t.Fatal(err)
	}
	if b2 := rep2.Stages[0].Book; float64(b2.NoShows)/float64(b2.Due) < got+0.03 {
		t.Errorf("no-shows growing with lead time: %.3f, without growth %.3f", float64(b2.NoShows)/float64(b2.Due), got)
	}
}

// TestTraceReplay: a trace's arrivals are reproduced exactly, interval by
// interval, in every replication.
func TestTraceReplay(t *testing.T) {
	m := mmc(0, 1, 3, 2, 0)
	want := make([]int64, 24)
	for i := range 500 {
		tm := float64(i) * 2.7
		m.Trace = append(m.Trace, Arrival{T: tm, Class: -1})
		want[int(math.Mod(tm, MinutesPerDay)/60)]++
	}
	r, err := Run(context.Background(), m, Options{Replications: 3, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for i, rep := range r.Reps {
		got := make([]int64, 24)
		for c, iv := range rep.Stages[0].Intervals { // by weekday and interval
			got[c%24] += iv.Arrived
		}
		for k := range got {
			if got[k] != want[k] {
				t.Errorf("rep %d interval %d: %d arrivals, trace has %d", i, k, got[k], want[k])
			}
		}
	}
}
