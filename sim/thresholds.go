package sim

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Threshold is an early-warning limit on a KPI: breached in a
// replication when the KPI's value is above (or below) Limit. With
// PerInterval set it is checked in every time-of-day interval of the KPI's
// stage, so a planner sees which interval breaks first.
type Threshold struct {
	KPI   string // a KPI name, e.g. "booking.wait.p90" or "nps"
	Above bool   // breach when value > Limit; otherwise when value < Limit
	// Inclusive makes the comparison >= (with Above) or <=: a value equal
	// to Limit crosses it too.
	Inclusive   bool
	Limit       float64 // in the KPI's unit (shares as fractions), unless Given says otherwise
	PerInterval bool
	// Given is the unit Limit was written in. A threshold read from text
	// ("> 2d") holds the limit as written until ResolveThresholds puts it
	// in its KPI's unit; the zero value, InKPIUnit, needs no conversion.
	Given LimitUnit
}

// LimitUnit is the unit a Threshold's Limit was written in.
type LimitUnit uint8

const (
	// InKPIUnit: Limit is already in its KPI's unit (shares as
	// fractions), as in a Threshold made in code or one resolved.
	InKPIUnit LimitUnit = iota
	// Bare: written as a number without a unit, taken in the KPI's unit;
	// refused on a KPI of time (minutes, days), where it is ambiguous,
	// unless it is 0.
	Bare
	// Percent: written with a % sign; Limit holds the fraction (80% is
	// 0.8). Only shares take one.
	Percent
	// Duration: written as a duration ("5m", "2d"); Limit holds minutes.
	// Only KPIs of time take one: waits (minutes), lead times (days) and
	// staff-hours.
	Duration
)

// timeUnits are the KPI units a duration limit converts to: how many
// minutes one of the unit holds, and what is valid for it.
var timeUnits = map[Unit]struct {
	minutes float64
	valid   string
}{
	Minutes:    {1, "a duration such as 90s, 5m or 1h30m"},
	Days:       {MinutesPerDay, "a duration such as 12h, 2d or 1d12h"},
	StaffHours: {60, "a number of staff-hours a day such as 40, or a duration such as 40h"},
}

// validLimit says what limit a KPI of unit u takes.
func validLimit(u Unit) string {
	if tu, ok := timeUnits[u]; ok {
		return tu.valid
	}
	switch u {
	case Share:
		return "a share such as 80%"
	case Money, MoneyWeek:
		return "a number (in the scenario's currency per " + strings.TrimPrefix(string(u), "money/") + ")"
	}
	if r, ok := unitRanges[u]; ok {
		return r.valid
	}
	return "a number (" + string(u) + ")"
}

// givenText is t's limit as written, for messages.
func givenText(t Threshold) string {
	switch t.Given {
	case Percent:
		return strconv.FormatFloat(t.Limit*100, 'g', -1, 64) + "%"
	case Duration:
		for _, d := range []struct {
			suffix  string
			minutes float64
		}{{"d", MinutesPerDay}, {"h", 60}} {
			if v := t.Limit / d.minutes; v == math.Trunc(v) && v != 0 {
				return strconv.FormatFloat(v, 'g', -1, 64) + d.suffix
			}
		}
		return strconv.FormatFloat(t.Limit, 'g', -1, 64) + "m"
	}
	return strconv.FormatFloat(t.Limit, 'g', -1, 64)
}

// InUnit returns t with its limit in unit u, the unit of its KPI: a
// duration becomes days for a lead time and hours for staff-hours, a
// percentage a fraction. A limit whose unit does not fit u (80% on a
// wait, 5m on NPS, a bare 5 on a wait) is an error saying what fits.
// A limit already InKPIUnit is returned as it is.
func (t Threshold) InUnit(u Unit) (Threshold, error) {
	fits := true
	switch t.Given {
	case InKPIUnit:
		return t, nil
	case Bare:
		_, isTime := timeUnits[u]
		fits = !isTime || u == StaffHours || t.Limit == 0
	case Percent:
		fits = u == Share
	case Duration:
		tu, ok := timeUnits[u]
		fits = ok
		if ok {
			t.Limit /= tu.minutes
		}
	}
	if !fits {
		return t, fmt.Errorf("limit: %s is in %s, %s (got %s); valid: %s", t.KPI, unitName(u), givenKind(t.Given), givenText(t), validLimit(u))
	}
	t.Given = InKPIUnit
	return t, nil
}

// unitName names unit u in a message.
func unitName(u Unit) string {
	switch u {
	case Minutes:
		return "minutes"
	case Share:
		return "shares"
	case NPSPoints:
		return "NPS points"
	case Money:
		return "money per day"
	case MoneyWeek:
		return "money per week"
	case PerDay:
		return "a number per day"
	case PerHour:
		return "a number per hour"
	case StaffHours:
		return "staff-hours per day"
	}
	return string(u)
}

// givenKind says why a limit given as g does not fit a KPI's unit.
func givenKind(g LimitUnit) string {
	switch g {
	case Percent:
		return "not a percentage"
	case Duration:
		return "not a duration"
	}
	return "so a number without a unit is ambiguous"
}

// Crossed reports whether v crosses t: v > Limit (>= when Inclusive) for
// an upper limit, v < Limit (<=) for a lower one. NaN crosses nothing.
func (t Threshold) Crossed(v float64) bool {
	switch {
	case math.IsNaN(v):
		return false
	case t.Above:
		return v > t.Limit || t.Inclusive && v == t.Limit
	}
	return v < t.Limit || t.Inclusive && v == t.Limit
}

func (t Threshold) String() string {
	op := "<"
	if t.Above {
		op = ">"
	}
	if t.Inclusive {
		op += "="
	}
	limit := givenText(t)
	if t.Given == InKPIUnit {
		limit = strconv.FormatFloat(t.Limit, 'g', -1, 64)
	}
	s := fmt.Sprintf("%s %s %s", t.KPI, op, limit)
	if t.PerInterval {
		s += " in any interval"
	}
	return s
}

// Breach is a threshold crossed in at least one replication.
type Breach struct {
	Threshold Threshold `json:"-"`
	KPI       string    `json:"kpi"`
	Stage     string    `json:"stage,omitempty"`
	// From and To bound the time-of-day interval (minutes since midnight)
	// of a per-interval threshold; both are -1 for a whole-run KPI.
	From  float64 `json:"from_min"`
	To    float64 `json:"to_min"`
	Above bool    `json:"above"`
	// Inclusive: the limit itself crosses (>= or <=).
	Inclusive bool    `json:"inclusive,omitempty"`
	Limit     float64 `json:"limit"`
	// Unit is the unit of Limit and Value: the KPI's, but per hour for a
	// stage's arrivals in an interval.
	Unit Unit `json:"unit"`
	// Value is the KPI's mean over the replications that breached.
	Value float64 `json:"value"`
	// Share is the share of replications in which the threshold was
	// crossed.
	Share float64 `json:"share"`
}

// intervalMeasures are the KPIs that exist per interval, by the name of
// the stage KPI they refine, with their value and unit in an interval:
// the KPI's own, but arrivals per hour rather than per day.
var intervalMeasures = map[string]struct {
	unit  Unit
	value func(iv *IntervalStats) float64
}{
	"arrivals":  {PerHour, func(iv *IntervalStats) float64 { return float64(iv.Arrived) / iv.Duration * 60 }},
	"wait.mean": {Minutes, func(iv *IntervalStats) float64 { return ratio(iv.WaitSum, float64(iv.Served)) }},
	"service_level": {Share, func(iv *IntervalStats) float64 {
		return ratio(float64(iv.WithinTarget), float64(iv.Served+iv.Abandoned+iv.Left))
	}},
	"abandonment": {Share, func(iv *IntervalStats) float64 { return ratio(float64(iv.Abandoned), float64(iv.Arrived)) }},
	"utilisation": {Share, func(iv *IntervalStats) float64 { return ratio(iv.BusyArea, iv.PresentArea) }},
	"queue.mean":  {Customers, func(iv *IntervalStats) float64 { return iv.QueueArea / iv.Duration }},
}

// ThresholdUnit is the unit t's limit is compared in, for a threshold
// on a KPI of m in unit u: u, but customers an hour for a stage's
// arrivals per interval.
func ThresholdUnit(m *Model, t Threshold, u Unit) Unit {
	return thresholdUnit(t, u, stageIndex(m))
}

// thresholdUnit is ThresholdUnit with m's stages indexed.
func thresholdUnit(t Threshold, u Unit, stages stageNames) Unit {
	if !t.PerInterval {
		return u
	}
	if si, measure := stages.split(t.KPI); si >= 0 {
		if im, ok := intervalMeasures[measure]; ok {
			return im.unit
		}
	}
	return u
}

// KPINames lists the names of the KPIs a run of m reports, in report
// order.
func KPINames(m *Model) []string {
	bare := *m
	bare.Thresholds = nil // the names do not depend on them
	r := summarise(&bare, nil, 0, 0.95)
	names := make([]string, len(r.KPIs))
	for i, k := range r.KPIs {
		names[i] = k.Name
	}
	return names
}

// KPIsOf returns the KPIs a run of m reports, in report order, without
// values: each one's name, stage, group, label and unit. Its cost is
// KPINames'.
func KPIsOf(m *Model) []KPI {
	bare := *m
	bare.Thresholds = nil // the KPIs do not depend on them
	kpis := summarise(&bare, nil, 0, 0.95).KPIs
	for i := range kpis {
		k := &kpis[i]
		*k = KPI{Name: k.Name, Stage: k.Stage, Group: k.Group, Label: k.Label, Unit: k.Unit}
	}
	return kpis
}

// CheckThreshold reports whether t can be evaluated on m's results.
func CheckThreshold(m *Model, t Threshold) error {
	return CheckThresholds(m, []Threshold{t})[0]
}

// CheckThresholds reports, for each of ts, whether it can be evaluated on
// m's results: errs[i] is nil when ts[i] can. The KPI names are computed
// once, so the cost is linear in len(ts) plus the size of m.
func CheckThresholds(m *Model, ts []Threshold) (errs []error) {
	_, errs = resolve(m, ts, false)
	return errs
}

// ResolveThresholds checks ts as CheckThresholds does and returns them
// with each limit in its KPI's unit (see Threshold.InUnit): "lead.p90 >
// 2d", read as 2880 minutes, becomes 2 days. out[i] is ts[i] unchanged
// where errs[i] is not nil. Its cost is CheckThresholds'.
func ResolveThresholds(m *Model, ts []Threshold) (out []Threshold, errs []error) {
	return resolve(m, ts, false)
}

// ResolveTarget is ResolveThresholds for one target, checked as
// CheckTarget does.
func ResolveTarget(m *Model, t Threshold) (Threshold, error) {
	out, errs := resolve(m, []Threshold{t}, true)
	return out[0], errs[0]
}

// resolve is ResolveThresholds, and with targets CheckTarget's check of
// each.
func resolve(m *Model, ts []Threshold, targets bool) (out []Threshold, errs []error) {
	errs = make([]error, len(ts))
	out = slices.Clone(ts)
	if len(ts) == 0 {
		return out, errs
	}
	bare := *m
	bare.Thresholds = nil // the names do not depend on them
	kpis := summarise(&bare, nil, 0, 0.95).KPIs
	names := make([]string, len(kpis))
	known := make(map[string]bool, len(kpis))
	units := make(map[string]Unit, len(kpis))
	for i, k := range kpis {
		names[i], known[k.Name], units[k.Name] = k.Name, true, k.Unit
	}
	var list, perInterval string // built on first use, then shared
	stages := stageIndex(m)
	for i, t := range ts {
		if math.IsNaN(t.Limit) {
			errs[i] = fmt.Errorf("limit is not a number")
			continue
		}
		if !known[t.KPI] {
			if list == "" {
				list = strings.Join(names, ", ")
			}
			errs[i] = fmt.Errorf("no KPI named %q; KPIs are %s", t.KPI, list)
			continue
		}
		u := thresholdUnit(t, units[t.KPI], stages)
		t, err := t.InUnit(u)
		if err != nil {
			errs[i] = err
			continue
		}
		if err := inRange(t, u); err != nil {
			errs[i] = err
			continue
		}
		if err := atEdge(t, u); targets && err != nil {
			errs[i] = err
			continue
		}
		if t.PerInterval {
			si, measure := stages.split(t.KPI)
			if _, ok := intervalMeasures[measure]; si < 0 || !ok {
				if perInterval == "" {
					var ok []string
					for k := range intervalMeasures {
						ok = append(ok, "STAGE."+k)
					}
					slices.Sort(ok)
					perInterval = strings.Join(ok, ", ")
				}
				errs[i] = fmt.Errorf("%q has no per-interval values; per interval: %s", t.KPI, perInterval)
				continue
			}
		}
		out[i] = t
	}
	return out, errs
}

// unitRanges are the values a KPI of each bounded unit can take. A limit
// outside them makes a target that no run can meet, or one every run
// meets, which is always a slip (180% for 80%, or a minus sign).
var unitRanges = map[Unit]struct {
	lo, hi float64
	valid  string
}{
	Share:      {0, 1, "a share from 0% to 100%"},
	Minutes:    {0, math.Inf(1), "a duration of 0 or more"},
	PerDay:     {0, math.Inf(1), "a number of 0 or more"},
	PerHour:    {0, math.Inf(1), "a number of 0 or more"},
	Customers:  {0, math.Inf(1), "a number of 0 or more"},
	Days:       {0, math.Inf(1), "a number of 0 or more"},
	StaffHours: {0, math.Inf(1), "a number of 0 or more"},
	Rating:     {0, 10, "a rating from 0 to 10"},
	NPSPoints:  {-100, 100, "a score from -100 to 100"},
	Stars:      {1, 5, "a number of stars from 1 to 5"},
}

// UnitRange returns the values a KPI of unit u can take, and false for a
// unit without bounds: a confidence interval reaching past them (a share's
// interval below 0% with few replications) says no more than the bound.
func UnitRange(u Unit) (lo, hi float64, ok bool) {
	r, ok := unitRanges[u]
	return r.lo, r.hi, ok
}

// inRange reports a limit outside the values t's KPI, of unit u, can take.
func inRange(t Threshold, u Unit) error {
	r, ok := unitRanges[u]
	if !ok || (t.Limit >= r.lo && t.Limit <= r.hi) {
		return nil
	}
	return fmt.Errorf("limit: %s can never take it (got %s); valid: %s", t.KPI, limitText(t.Limit, u), r.valid)
}

func limitText(limit float64, u Unit) string {
	if u == Share {
		return strconv.FormatFloat(limit*100, 'g', -1, 64) + "%"
	}
	return strconv.FormatFloat(limit, 'g', -1, 64)
}

// CheckTarget is CheckThreshold for a target a staffing must meet, where
// Above means that the KPI must be above the limit: a strict limit at the
// edge of the KPI's values (> 100%, < 0%, a wait < 0s) is a target no
// staffing can meet, though as an alert it is merely never crossed.
func CheckTarget(m *Model, t Threshold) error {
	_, err := ResolveTarget(m, t)
	return err
}

// atEdge reports a strict limit at the edge of the values of unit u.
func atEdge(t Threshold, u Unit) error {
	r, ok := unitRanges[u]
	got := limitText(t.Limit, u)
	switch {
	case !ok || t.Inclusive:
	case t.Above && t.Limit == r.hi:
		return fmt.Errorf("limit: %s can never be above its highest value (got > %s); valid: >= %s, or a lower limit", t.KPI, got, got)
	case !t.Above && t.Limit == r.lo:
		return fmt.Errorf("limit: %s can never be below its lowest value (got < %s); valid: <= %s, or a higher limit", t.KPI, got, got)
	}
	return nil
}

// stageNames finds the stage a KPI name such as "booking.wait.p90" is
// about, in time linear in the name's length.
type stageNames map[string]int

func stageIndex(m *Model) stageNames {
	idx := make(stageNames, len(m.Stages))
	for si, s := range m.Stages {
		if _, dup := idx[s.Name]; !dup {
			idx[s.Name] = si
		}
	}
	return idx
}

// split splits "stage.measure" into the stage index and measure: the
// first stage in model order whose name and a dot begin name; -1 if none.
func (idx stageNames) split(name string) (int, string) {
	best, rest := -1, ""
	for i := range len(name) {
		if name[i] != '.' {
			continue
		}
		if si, ok := idx[name[:i]]; ok && (best < 0 || si < best) {
			best, rest = si, name[i+1:]
		}
	}
	return best, rest
}

// breaches evaluates m's thresholds on the summarised results r, most
// frequent first.
func breaches(m *Model, r *Results) []Breach {
	var out []Breach
	if len(m.Thresholds) == 0 {
		return nil
	}
	kpis := make(map[string]*KPI, len(r.KPIs))
	for i := range r.KPIs {
		if _, dup := kpis[r.KPIs[i].Name]; !dup {
			kpis[r.KPIs[i].Name] = &r.KPIs[i]
		}
	}
	stages := stageIndex(m)
	for _, t := range m.Thresholds {
		k := kpis[t.KPI]
		if k == nil {
			continue // CheckThreshold rejects these before a run
		}
		// Compared in the KPI's unit, whatever the limit was written in.
		u := thresholdUnit(t, k.Unit, stages)
		t, err := t.InUnit(u)
		if err != nil {
			continue // as above
		}
		crossed := t.Crossed
		record := func(stage string, from, to float64, vals []float64) {
			n, sum := 0, 0.0
			for _, v := range vals {
				if crossed(v) {
					n++
					sum += v
				}
			}
			if n > 0 {
				out = append(out, Breach{Threshold: t, KPI: t.KPI, Stage: stage, From: from, To: to,
					Above: t.Above, Inclusive: t.Inclusive, Limit: t.Limit, Unit: u, Value: sum / float64(n), Share: float64(n) / float64(len(vals))})
			}
		}
		if !t.PerInterval {
			record(k.Stage, -1, -1, k.Values)
			continue
		}
		si, measure := stages.split(t.KPI)
		im, ok := intervalMeasures[measure]
		if si < 0 || !ok {
			continue
		}
		f := im.value
		// Per interval, only where the stage is open (never a closed
		// hour) and has staff or customers in it; averaged over the open
		// days as in the time-of-day table.
		ws := openDays(m, si)
		vals := make([]float64, len(r.Reps))
		for iv := range m.NumIntervals() {
			cells, closed := pooledCells(m, r.Reps, si, iv, ws)
			if cells == nil || closed {
				continue
			}
			for ri := range cells {
				st := &cells[ri]
				vals[ri] = math.NaN()
				if st.Duration > 0 && (st.Arrived > 0 || st.PresentArea > 0) {
					vals[ri] = f(st)
				}
			}
			record(m.Stages[si].Name, float64(iv)*m.Interval, float64(iv+1)*m.Interval, vals)
		}
	}
	slices.SortStableFunc(out, func(a, b Breach) int { return cmp.Compare(b.Share, a.Share) })
	return out
}
