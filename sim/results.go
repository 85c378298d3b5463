package sim

import (
	"encoding/json"
	"math"
	"strings"
	"time"

	"gonum.org/v1/gonum/stat/distuv"
)

// Results are the outcome of Run: every KPI per replication and summarised
// across replications, per-interval rows, and the raw statistics.
type Results struct {
	Model        string        `json:"model"`
	Seed         uint64        `json:"seed"`
	Replications int           `json:"replications"`
	Confidence   float64       `json:"confidence"`
	Days         int           `json:"days"`
	Warmup       float64       `json:"warmup_min"`
	Interval     float64       `json:"interval_min"`
	Stages       []string      `json:"stages"`
	KPIs         []KPI         `json:"kpis"`
	Intervals    []IntervalRow `json:"intervals"`
	// ByWeekday repeats Intervals for each weekday, where the weekdays
	// differ in opening hours, demand or staffing.
	ByWeekday []IntervalRow `json:"intervals_by_weekday,omitempty"`
	// OpenDays is the number of open days measured in each replication,
	// the denominator of every per-day KPI; OpenDaysPerWeek the number of
	// weekdays with opening hours.
	OpenDays        float64  `json:"open_days"`
	OpenDaysPerWeek int      `json:"open_days_per_week"`
	DayRows         []DayRow `json:"days_series,omitempty"`
	Breaches        []Breach `json:"breaches,omitempty"`
	Events          int64    `json:"events"`

	// Reps are the raw statistics of each replication, in replication
	// order.
	Reps []Replication `json:"-"`
}

// Unit is the unit of a KPI's values.
type Unit string

// Units of KPIs. Shares are fractions in [0, 1].
const (
	Minutes    Unit = "min"
	Share      Unit = "share"
	PerDay     Unit = "/day"
	Customers  Unit = "customers"
	Days       Unit = "days"
	StaffHours Unit = "staff-h/day"
	Rating     Unit = "rating"    // 0-10 likelihood to recommend
	NPSPoints  Unit = "nps"       // -100..100
	Points     Unit = "points"    // rating points (0-10 scale) per customer
	Stars      Unit = "stars"     // displayed reputation, 1-5
	Factor     Unit = "x"         // a multiplier
	Money      Unit = "money/day" // in the scenario's currency
	MoneyWeek  Unit = "money/week"
)

// Estimate is a mean across replications with the half-width of its
// confidence interval (Student t with N-1 degrees of freedom). Replications
// in which the value is undefined (a mean wait with nobody served) are left
// out, so N can be below the number of replications; HalfWidth is NaN when
// N < 2 and Mean is NaN when N = 0.
type Estimate struct {
	Mean      float64
	HalfWidth float64
	N         int
}

// KPI is one key performance indicator. Name is its stable dotted key
// (stage.measure[.statistic], e.g. "booking.wait.p90"), used by scripts
// and targets; Label is for people.
type KPI struct {
	Name  string
	Stage string // "" for whole-journey KPIs
	// Group is the report section: the stage's name, or "journey",
	// "satisfaction", "reputation", "revenue" or "cost".
	Group string
	Label string
	Unit  Unit
	Estimate
	Values []float64 // per replication; NaN where undefined
}

// IntervalRow is one stage in one time-of-day interval, averaged over the
// measured days on which the interval is open at the stage (see
// calendar.go) and summarised across replications.
type IntervalRow struct {
	Stage string
	// Weekday is "" for a row pooled over every open weekday, else the
	// weekday's three-letter name ("mon").
	Weekday  string
	From, To float64 // minutes since midnight
	// Closed marks an interval outside the opening and staffed hours that
	// is shown because something happened in it (overtime after closing,
	// customers sent away, call-backs); its figures average over the
	// stage's open days.
	Closed       bool
	Arrivals     Estimate // customers reaching the stage per hour
	Wait         Estimate // mean wait of served customers (min)
	ServiceLevel Estimate // share answered within the stage's target
	Utilisation  Estimate // busy staff time / staff time on duty
	Staff        Estimate // mean staff on the schedule
	// OnDuty is the mean staff on duty: the schedule plus staff finishing
	// a customer past the end of their shift or kept on after closing.
	OnDuty Estimate
	Queue  Estimate // time-average queue length
}

// KPI returns the KPI with the given name, or nil.
func (r *Results) KPI(name string) *KPI {
	for i := range r.KPIs {
		if r.KPIs[i].Name == name {
			return &r.KPIs[i]
		}
	}
	return nil
}

type kpiDef struct {
	name, label string
	unit        Unit
	value       func(st *StageStats, days float64) float64
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return a / b
}

// stageKPIs lists the KPIs of stage s of m.
func stageKPIs(m *Model, s *Stage) []kpiDef {
	retries := s.Retry.Prob > 0
	for _, c := range m.Channels {
		retries = retries || c.Retry != nil && c.Retry.Prob > 0
	}
	defs := []kpiDef{
		{"arrivals", "arrivals", PerDay, func(st *StageStats, days float64) float64 { return float64(st.Arrived) / days }},
		{"wait.mean", "mean wait (served)", Minutes, func(st *StageStats, _ float64) float64 { return ratio(st.WaitSum, float64(st.Served)) }},
		{"wait.mean_all", "mean wait (all arrivals)", Minutes, func(st *StageStats, _ float64) float64 { return waitAll(st) }},
		{"wait.p50", "median wait", Minutes, func(st *StageStats, _ float64) float64 { return st.WaitP50 }},
		{"wait.p90", "90th percentile wait", Minutes, func(st *StageStats, _ float64) float64 { return st.WaitP90 }},
		{"wait.p95", "95th percentile wait", Minutes, func(st *StageStats, _ float64) float64 { return st.WaitP95 }},
		{"wait.p99", "99th percentile wait", Minutes, func(st *StageStats, _ float64) float64 { return st.WaitP99 }},
		{"wait.max", "longest wait", Minutes, func(st *StageStats, _ float64) float64 {
			if st.Served == 0 {
				return math.NaN()
			}
			return st.WaitMax
		}},
		// Service level of offered customers: everyone with an outcome
		// (served, abandoned, balked or sent away) is in the denominator.
		{"service_level", withinLabel(s.Target), Share, func(st *StageStats, _ float64) float64 {
			return ratio(float64(st.WithinTarget), float64(st.Arrived-st.InQueueEnd))
		}},
	}
	for i, t := range s.Targets {
		defs = append(defs, kpiDef{ServiceLevelName(t), withinLabel(t), Share, func(st *StageStats, _ float64) float64 {
			return ratio(float64(st.WithinTargets[i]), float64(st.Arrived-st.InQueueEnd))
		}})
	}
	if s.Patience != nil {
		defs = append(defs, kpiDef{"abandonment", "abandoned", Share, func(st *StageStats, _ float64) float64 {
			return ratio(float64(st.Abandoned), float64(st.Arrived))
		}})
	}
	if s.BalkAt > 0 {
		defs = append(defs, kpiDef{"balking", "balked (queue too long)", Share, func(st *StageStats, _ float64) float64 {
			return ratio(float64(st.Balked), float64(st.Arrived))
		}})
	}
	if s.AtClose == SendAway {
		defs = append(defs, kpiDef{"sent_away", "sent away at closing", Share, func(st *StageStats, _ float64) float64 {
			return ratio(float64(st.SentAway), float64(st.Arrived))
		}})
	}
	if retries {
		defs = append(defs,
			kpiDef{"retries", "arrivals that were retries", Share, func(st *StageStats, _ float64) float64 {
				return ratio(float64(st.Retries), float64(st.Arrived))
			}},
			kpiDef{"unique_customers", "unique customers (attempts less retries)", PerDay, func(st *StageStats, days float64) float64 {
				return float64(st.Arrived-st.Retries) / days
			}},
		)
	}
	if b := s.Book; b != nil {
		defs = append(defs,
			kpiDef{"lead.mean", "mean lead time to an appointment", Days, func(st *StageStats, _ float64) float64 {
				return ratio(st.Book.LeadSum, float64(st.Book.Booked)) / MinutesPerDay
			}},
			kpiDef{"lead.p50", "median lead time", Days, func(st *StageStats, _ float64) float64 { return st.Book.LeadP50 / MinutesPerDay }},
			kpiDef{"lead.p90", "90th percentile lead time", Days, func(st *StageStats, _ float64) float64 { return st.Book.LeadP90 / MinutesPerDay }},
		)
		if b.LeadTarget > 0 {
			defs = append(defs, kpiDef{"lead.within_target", "appointments within " + fmtMin(b.LeadTarget), Share, func(st *StageStats, _ float64) float64 {
				return ratio(float64(st.Book.LeadIn), float64(st.Book.Booked))
			}})
		}
		defs = append(defs,
			kpiDef{"no_slot", "could not get an appointment", Share, func(st *StageStats, _ float64) float64 {
				return ratio(float64(st.Book.NoSlot), float64(st.Book.Requests))
			}},
			kpiDef{"preference_unmet", "booked outside their preferred time", Share, func(st *StageStats, _ float64) float64 {
				return ratio(float64(st.Book.PrefUnmet), float64(st.Book.Booked))
			}},
			kpiDef{"no_show", "did not come to the appointment", Share, func(st *StageStats, _ float64) float64 {
				return ratio(float64(st.Book.NoShows), float64(st.Book.Due))
			}},
			kpiDef{"onsite_wait.mean", "on-site wait beyond the appointment time", Minutes, func(st *StageStats, _ float64) float64 {
				return ratio(st.Book.OnSiteSum, float64(st.Book.Started))
			}},
			kpiDef{"slot_utilisation", "appointment slots used", Share, func(st *StageStats, _ float64) float64 {
				return ratio(float64(st.Book.SlotsKept), float64(st.Book.SlotsOffered))
			}},
		)
	}
	if s.hasRework() {
		defs = append(defs,
			kpiDef{"first_time_fix", "fixed at the first visit", Share, func(st *StageStats, _ float64) float64 {
				return ratio(float64(st.Completed-st.Reworks), float64(st.Completed))
			}},
			kpiDef{"rework_visits", "service visits on a rework loop", PerDay, func(st *StageStats, days float64) float64 {
				return float64(st.ReworkVisits) / days
			}},
			kpiDef{"rework_capacity", "staff time spent on rework loops", Share, func(st *StageStats, _ float64) float64 {
				return ratio(st.ReworkBusy, st.BusyArea)
			}},
		)
		if len(s.Groups) > 1 {
			for gi, g := range s.Groups {
				defs = append(defs, kpiDef{"group." + g.Name + ".first_time_fix", "fixed at the first visit by " + g.Name, Share,
					func(st *StageStats, _ float64) float64 {
						gs := st.Groups[gi]
						return ratio(float64(gs.Completed-gs.Reworks), float64(gs.Completed))
					}})
			}
		}
	}
	if len(s.Groups) > 1 {
		for gi, g := range s.Groups {
			defs = append(defs, kpiDef{"group." + g.Name + ".utilisation", g.Name + " utilisation", Share,
				func(st *StageStats, _ float64) float64 { return ratio(st.Groups[gi].Busy, st.Groups[gi].Present) }})
		}
	}
	defs = append(defs,
		kpiDef{"utilisation", "staff utilisation", Share, func(st *StageStats, _ float64) float64 { return ratio(st.BusyArea, st.PresentArea) }},
		kpiDef{"throughput", "completed service", PerDay, func(st *StageStats, days float64) float64 { return float64(st.Completed) / days }},
		kpiDef{"queue.mean", "mean queue length (open hours)", Customers, func(st *StageStats, _ float64) float64 { return ratio(st.OpenQueueArea, st.OpenMinutes) }},
		kpiDef{"queue.max", "longest queue", Customers, func(st *StageStats, _ float64) float64 { return float64(st.QueueMax) }},
		kpiDef{"staff_hours", "staff time on duty", StaffHours, func(st *StageStats, days float64) float64 { return st.PresentArea / 60 / days }},
		kpiDef{"overtime", "overtime", StaffHours, func(st *StageStats, days float64) float64 { return st.OvertimeArea / 60 / days }},
	)
	return append(defs, outcomeKPIs(s)...)
}

type journeyDef struct {
	name, label string
	unit        Unit
	value       func(j *JourneyStats, days float64) float64
}

var journeyKPIs = []journeyDef{
	{"journey.customers", "customers", PerDay, func(j *JourneyStats, days float64) float64 { return float64(j.Started) / days }},
	{"journey.time.mean", "mean time in the process", Minutes, func(j *JourneyStats, _ float64) float64 { return ratio(j.TimeSum, float64(j.Completed)) }},
	{"journey.time.p90", "90th percentile time in the process", Minutes, func(j *JourneyStats, _ float64) float64 { return j.TimeP90 }},
	{"journey.completed", "completed their journey", PerDay, func(j *JourneyStats, days float64) float64 { return float64(j.Completed) / days }},
	{"journey.lost", "lost (gave up or sent away)", Share, func(j *JourneyStats, _ float64) float64 { return ratio(float64(j.Lost), float64(j.Started)) }},
}

// summarise builds the KPIs and interval rows from the replications.
func summarise(m *Model, reps []Replication, seed uint64, conf float64) *Results {
	r := &Results{
		Model:           m.Name,
		OpenDaysPerWeek: m.OpenDaysPerWeek(),
		Seed:            seed,
		Replications:    len(reps),
		Confidence:      conf,
		Days:            m.Days,
		Warmup:          m.Warmup,
		Interval:        m.Interval,
		Reps:            reps,
	}
	for i := range reps {
		r.Events += reps[i].Events
		r.OpenDays = reps[i].OpenDays
	}
	for si := range m.Stages {
		s := &m.Stages[si]
		r.Stages = append(r.Stages, s.Name)
		for _, d := range stageKPIs(m, s) {
			k := KPI{Name: s.Name + "." + d.name, Stage: s.Name, Label: d.label, Unit: d.unit}
			for i := range reps {
				k.Values = append(k.Values, d.value(&reps[i].Stages[si], reps[i].DayCount()))
			}
			k.Estimate = estimate(k.Values, conf)
			r.KPIs = append(r.KPIs, k)
		}
		if s.Book != nil {
			r.KPIs = append(r.KPIs, leadKPIs(m, si, reps, conf)...)
		}
		r.KPIs = append(r.KPIs, splitKPIs(m, si, reps, conf)...)
	}
	for _, d := range journeyKPIs {
		k := KPI{Name: d.name, Label: d.label, Unit: d.unit}
		for i := range reps {
			k.Values = append(k.Values, d.value(&reps[i].Journey, reps[i].DayCount()))
		}
		k.Estimate = estimate(k.Values, conf)
		r.KPIs = append(r.KPIs, k)
	}
	r.KPIs = append(r.KPIs, costKPIs(m, reps, conf)...)
	r.Intervals = intervalRows(m, reps, conf, false)
	if m.weekdaysDiffer() {
		r.ByWeekday = intervalRows(m, reps, conf, true)
	}
	if m.Satisfaction != nil {
		r.KPIs = append(r.KPIs, satKPIs(m, reps, conf)...)
		r.KPIs = append(r.KPIs, revenueKPIs(m, reps, conf)...)
		r.DayRows = dayRows(m, reps, conf)
	}
	for i := range r.KPIs {
		r.KPIs[i].Group = kpiGroup(&r.KPIs[i])
	}
	r.Breaches = breaches(m, r)
	return r
}

// kpiGroup is the report section of k.
func kpiGroup(k *KPI) string {
	if k.Stage != "" {
		return k.Stage
	}
	for _, g := range []string{"journey", "cost", "revenue", "reputation"} {
		if strings.HasPrefix(k.Name, g+".") {
			return g
		}
	}
	if strings.HasPrefix(k.Name, "demand.") {
		return "reputation"
	}
	return "satisfaction"
}

// satKPIs are the satisfaction KPIs: overall, per channel and class, the
// lost points by cause, incidents, reputation and revenue.
func satKPIs(m *Model, reps []Replication, conf float64) []KPI {
	s := m.Satisfaction
	var out []KPI
	add := func(name, label string, unit Unit, f func(rep *Replication) float64) {
		k := KPI{Name: name, Label: label, Unit: unit}
		for i := range reps {
			k.Values = append(k.Values, f(&reps[i]))
		}
		k.Estimate = estimate(k.Values, conf)
		out = append(out, k)
	}
	bands := func(prefix, who string, counts func(rep *Replication) *[11]int64) {
		add(prefix+"nps", "NPS"+who, NPSPoints, func(rep *Replication) float64 { return nps(counts(rep)) })
		add(prefix+"rating.mean", "mean rating (0-10)"+who, Rating, func(rep *Replication) float64 {
			c := counts(rep)
			n, sum := int64(0), 0.0
			for r, k := range c {
				n += k
				sum += float64(r) * float64(k)
			}
			return ratio(sum, float64(n))
		})
		for _, b := range []struct {
			name, label string
			lo, hi      int
		}{{"promoters", "promoters (9-10)", 9, 10}, {"passives", "passives (7-8)", 7, 8}, {"detractors", "detractors (0-6)", 0, 6}} {
			add(prefix+b.name, b.label+who, Share, func(rep *Replication) float64 {
				c := counts(rep)
				n, in := int64(0), int64(0)
				for r, k := range c {
					n += k
					if r >= b.lo && r <= b.hi {
						in += k
					}
				}
				return ratio(float64(in), float64(n))
			})
		}
	}
	bands("", "", func(rep *Replication) *[11]int64 { return &rep.Sat.Counts })
	if len(m.Channels) > 1 {
		for ci, ch := range m.Channels {
			bands("channel."+ch.Name+".", ", "+ch.Name, func(rep *Replication) *[11]int64 { return &rep.Sat.ByChannel[ci] })
		}
	}
	if len(m.Classes) > 1 {
		for ci, cl := range m.Classes {
			bands("class."+cl.Name+".", ", "+cl.Name, func(rep *Replication) *[11]int64 { return &rep.Sat.ByClass[ci] })
		}
	}
	for i, cause := range s.causes(m) {
		label := "points lost to " + cause
		if strings.HasPrefix(cause, "lost_at_") {
			label = "points lost to customers lost at " + strings.TrimPrefix(cause, "lost_at_")
		}
		add("lost_points."+cause, label, Points, func(rep *Replication) float64 {
			return ratio(rep.Sat.LostPoints[i], float64(rep.Sat.Rated))
		})
	}
	for i, in := range s.Incidents {
		add("incidents."+in.Name+".rate", in.Name+" incidents per rated customer", Share, func(rep *Replication) float64 {
			return ratio(float64(rep.Sat.Incidents[i]), float64(rep.Sat.Rated))
		})
		if in.Handler >= 0 {
			add("incidents."+in.Name+".recovered", in.Name+" complaints resolved within "+fmtMin(in.Target), Share, func(rep *Replication) float64 {
				return ratio(float64(rep.Sat.Recovered[i]), float64(rep.Sat.Incidents[i]))
			})
		}
	}
	if m.Days > 1 {
		add("reputation.final", "displayed reputation at the end", Stars, func(rep *Replication) float64 {
			return rep.Sat.Days[len(rep.Sat.Days)-1].Displayed
		})
		add("demand.multiplier", "demand multiplier (mean over measured open days)", Factor, func(rep *Replication) float64 {
			n, sum := 0, 0.0
			for d, day := range rep.Sat.Days {
				if float64(d+1)*MinutesPerDay > m.Warmup && day.Expected > 0 {
					n++
					sum += day.Multiplier
				}
			}
			return ratio(sum, float64(n))
		})
	}
	return out
}

// leadKPIs are the appointment lead times at stage si per channel and
// class, where there is more than one.
func leadKPIs(m *Model, si int, reps []Replication, conf float64) []KPI {
	s := &m.Stages[si]
	var out []KPI
	group := func(kind, name string, pick func(b *BookStats) *LeadStats) {
		prefix := kind + "." + name + "." + s.Name + "."
		defs := []kpiDef{
			{"lead.mean", "mean lead time, " + name, Days, func(st *StageStats, _ float64) float64 {
				ls := pick(st.Book)
				return ratio(ls.LeadSum, float64(ls.Booked)) / MinutesPerDay
			}},
			{"no_slot", "could not get an appointment, " + name, Share, func(st *StageStats, _ float64) float64 {
				ls := pick(st.Book)
				return ratio(float64(ls.NoSlot), float64(ls.Booked+ls.NoSlot))
			}},
		}
		if s.Book.LeadTarget > 0 {
			defs = append(defs, kpiDef{"lead.within_target", "appointments within " + fmtMin(s.Book.LeadTarget) + ", " + name, Share,
				func(st *StageStats, _ float64) float64 {
					ls := pick(st.Book)
					return ratio(float64(ls.LeadIn), float64(ls.Booked))
				}})
		}
		for _, d := range defs {
			k := KPI{Name: prefix + d.name, Stage: s.Name, Label: d.label, Unit: d.unit}
			for i := range reps {
				k.Values = append(k.Values, d.value(&reps[i].Stages[si], 0))
			}
			k.Estimate = estimate(k.Values, conf)
			out = append(out, k)
		}
	}
	if len(m.Channels) > 1 {
		for ci, c := range m.Channels {
			group("channel", c.Name, func(b *BookStats) *LeadStats { return &b.ByChannel[ci] })
		}
	}
	if len(m.Classes) > 1 {
		for ci, c := range m.Classes {
			group("class", c.Name, func(b *BookStats) *LeadStats { return &b.ByClass[ci] })
		}
	}
	return out
}

// ServiceLevelName is the measure name of the service level at wait
// threshold t minutes: "service_level(15m)".
func ServiceLevelName(t float64) string { return "service_level(" + fmtMin(t) + ")" }

// nps is 100 × (share of 9-10 − share of 0-6).
func nps(c *[11]int64) float64 {
	n, p, d := int64(0), int64(0), int64(0)
	for r, k := range c {
		n += k
		switch {
		case r >= 9:
			p += k
		case r <= 6:
			d += k
		}
	}
	return 100 * ratio(float64(p-d), float64(n))
}

// DayRow is one simulated day, summarised across replications.
type DayRow struct {
	Day        int      `json:"day"` // 0-based
	Weekday    string   `json:"weekday"`
	Open       bool     `json:"open"` // the business has opening hours on the day
	Arrivals   Estimate `json:"arrivals"`
	Rating     Estimate `json:"rating_mean"`
	NPS        Estimate `json:"nps"`
	Reviews    Estimate `json:"reviews"`
	Reputation Estimate `json:"reputation_displayed"`
	Multiplier Estimate `json:"demand_multiplier"`
	Revenue    Estimate `json:"revenue"`
}

func dayRows(m *Model, reps []Replication, conf float64) []DayRow {
	rows := make([]DayRow, m.Days)
	vals := make([][]float64, 7)
	for d := range rows {
		for i := range vals {
			vals[i] = vals[i][:0]
		}
		for ri := range reps {
			day := &reps[ri].Sat.Days[d]
			vals[0] = append(vals[0], float64(day.Arrivals))
			vals[1] = append(vals[1], ratio(day.RatingSum, float64(day.Rated)))
			vals[2] = append(vals[2], 100*ratio(float64(day.Promoters-day.Detractors), float64(day.Rated)))
			vals[3] = append(vals[3], float64(day.Reviews))
			vals[4] = append(vals[4], day.Displayed)
			vals[5] = append(vals[5], day.Multiplier)
			vals[6] = append(vals[6], day.Revenue)
		}
		w := time.Weekday((int(m.StartDay) + d) % 7)
		rows[d] = DayRow{
			Day: d, Weekday: weekdayName(w), Open: m.OpenDay(w), Arrivals: estimate(vals[0], conf), Rating: estimate(vals[1], conf), NPS: estimate(vals[2], conf),
			Reviews: estimate(vals[3], conf), Reputation: estimate(vals[4], conf), Multiplier: estimate(vals[5], conf),
			Revenue: estimate(vals[6], conf),
		}
	}
	return rows
}

// estimate returns the mean of the defined values with the half-width of
// the conf-level Student-t confidence interval.
func estimate(vals []float64, conf float64) Estimate {
	n, sum := 0, 0.0
	for _, v := range vals {
		if !math.IsNaN(v) {
			n++
			sum += v
		}
	}
	if n == 0 {
		return Estimate{Mean: math.NaN(), HalfWidth: math.NaN()}
	}
	mean := sum / float64(n)
	if n < 2 {
		return Estimate{Mean: mean, HalfWidth: math.NaN(), N: n}
	}
	ss := 0.0
	for _, v := range vals {
		if !math.IsNaN(v) {
			ss += (v - mean) * (v - mean)
		}
	}
	sd := math.Sqrt(ss / float64(n-1))
	return Estimate{Mean: mean, HalfWidth: TQuantile(conf, n-1) * sd / math.Sqrt(float64(n)), N: n}
}

// TQuantile returns the two-sided conf-level quantile of Student's t with
// df degrees of freedom: the factor that turns a standard error into a
// confidence half-width.
func TQuantile(conf float64, df int) float64 {
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}.Quantile(1 - (1-conf)/2)
}

// jsonNum renders NaN and infinities as null, which JSON has no number for.
type jsonNum float64

func (v jsonNum) MarshalJSON() ([]byte, error) {
	f := float64(v)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(f)
}

func (v *jsonNum) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*v = jsonNum(math.NaN())
		return nil
	}
	var f float64
	err := json.Unmarshal(b, &f)
	*v = jsonNum(f)
	return err
}

type estimateJSON struct {
	Mean      jsonNum `json:"mean"`
	HalfWidth jsonNum `json:"half_width"`
	N         int     `json:"n"`
}

// MarshalJSON writes {"mean", "half_width", "n"}, with null for undefined
// values.
func (e Estimate) MarshalJSON() ([]byte, error) {
	return json.Marshal(estimateJSON{jsonNum(e.Mean), jsonNum(e.HalfWidth), e.N})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (e *Estimate) UnmarshalJSON(b []byte) error {
	var j estimateJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*e = Estimate{float64(j.Mean), float64(j.HalfWidth), j.N}
	return nil
}

type kpiJSON struct {
	Name     string    `json:"name"`
	Stage    string    `json:"stage,omitempty"`
	Group    string    `json:"group"`
	Label    string    `json:"label"`
	Unit     Unit      `json:"unit"`
	Estimate Estimate  `json:"estimate"`
	Values   []jsonNum `json:"values"`
}

// MarshalJSON writes the KPI with null for undefined values.
func (k KPI) MarshalJSON() ([]byte, error) {
	j := kpiJSON{Name: k.Name, Stage: k.Stage, Group: k.Group, Label: k.Label, Unit: k.Unit, Estimate: k.Estimate}
	for _, v := range k.Values {
		j.Values = append(j.Values, jsonNum(v))
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads what MarshalJSON writes.
func (k *KPI) UnmarshalJSON(b []byte) error {
	var j kpiJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*k = KPI{Name: j.Name, Stage: j.Stage, Group: j.Group, Label: j.Label, Unit: j.Unit, Estimate: j.Estimate}
	for _, v := range j.Values {
		k.Values = append(k.Values, float64(v))
	}
	return nil
}

type intervalJSON struct {
	Stage        string   `json:"stage"`
	Weekday      string   `json:"weekday,omitempty"`
	From         float64  `json:"from_min"`
	To           float64  `json:"to_min"`
	Closed       bool     `json:"closed,omitempty"`
	Arrivals     Estimate `json:"arrivals_per_hour"`
	Wait         Estimate `json:"wait_mean_min"`
	ServiceLevel Estimate `json:"service_level"`
	Utilisation  Estimate `json:"utilisation"`
	Staff        Estimate `json:"staff"`
	OnDuty       Estimate `json:"staff_on_duty"`
	Queue        Estimate `json:"queue_mean"`
}

// MarshalJSON writes the row with snake_case keys that carry their units.
func (r IntervalRow) MarshalJSON() ([]byte, error) {
	return json.Marshal(intervalJSON(r))
}

// UnmarshalJSON reads what MarshalJSON writes.
func (r *IntervalRow) UnmarshalJSON(b []byte) error {
	var j intervalJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*r = IntervalRow(j)
	return nil
}
