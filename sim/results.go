package sim

import (
	"strings"
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
	Pools        []string      `json:"pools,omitempty"`
	KPIs         []KPI         `json:"kpis"`
	Intervals    []IntervalRow `json:"intervals"`
	// ByWeekday repeats Intervals for each weekday, where the weekdays
	// differ in opening hours, demand or staffing.
	ByWeekday []IntervalRow `json:"intervals_by_weekday,omitempty"`
	// PoolIntervals and PoolByWeekday are the pools' time-of-day rows, as
	// Intervals and ByWeekday are the stages'.
	PoolIntervals []PoolIntervalRow `json:"pool_intervals,omitempty"`
	PoolByWeekday []PoolIntervalRow `json:"pool_intervals_by_weekday,omitempty"`
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
	PerHour    Unit = "/h" // only a stage's arrivals in an interval, as alerts per interval compare them
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

// KPI is one key performance indicator. Name is its stable dotted key
// (stage.measure[.statistic], e.g. "booking.wait.p90"), used by scripts
// and targets; Label is for people.
type KPI struct {
	Name  string
	Stage string // the stage or pool; "" for whole-journey KPIs
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
	for _, p := range m.Pools {
		r.Pools = append(r.Pools, p.Name)
	}
	r.KPIs = append(r.KPIs, poolKPIs(m, reps, conf)...)
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
	r.PoolIntervals = poolIntervalRows(m, reps, conf, false)
	if m.weekdaysDiffer() {
		r.ByWeekday = intervalRows(m, reps, conf, true)
		r.PoolByWeekday = poolIntervalRows(m, reps, conf, true)
	}
	if m.Satisfaction != nil {
		r.KPIs = append(r.KPIs, satKPIs(m, reps, conf)...)
		r.KPIs = append(r.KPIs, revenueKPIs(m, reps, conf)...)
		r.DayRows = dayRows(m, reps, conf)
	}
	for i := range r.KPIs {
		if r.KPIs[i].Group == "" { // pools' KPIs have theirs
			r.KPIs[i].Group = kpiGroup(&r.KPIs[i])
		}
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
