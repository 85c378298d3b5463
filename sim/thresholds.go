package sim

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Threshold is an early-warning limit on a KPI: breached in a
// replication when the KPI's value is above (or below) Limit. With
// PerInterval set it is checked in every time-of-day interval of the KPI's
// stage, so a planner sees which interval breaks first.
type Threshold struct {
	KPI         string  // a KPI name, e.g. "booking.wait.p90" or "nps"
	Above       bool    // breach when value > Limit; otherwise when value < Limit
	Limit       float64 // in the KPI's unit (shares as fractions)
	PerInterval bool
}

func (t Threshold) String() string {
	op := "<"
	if t.Above {
		op = ">"
	}
	s := fmt.Sprintf("%s %s %g", t.KPI, op, t.Limit)
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
	Limit float64 `json:"limit"`
	// Value is the KPI's mean over the replications that breached.
	Value float64 `json:"value"`
	// Share is the share of replications in which the threshold was
	// crossed.
	Share float64 `json:"share"`
}

// intervalMeasures are the KPIs that exist per interval, by the name of
// the stage KPI they refine.
var intervalMeasures = map[string]func(iv *IntervalStats) float64{
	"arrivals":  func(iv *IntervalStats) float64 { return float64(iv.Arrived) / iv.Duration * 60 }, // per hour
	"wait.mean": func(iv *IntervalStats) float64 { return ratio(iv.WaitSum, float64(iv.Served)) },
	"service_level": func(iv *IntervalStats) float64 {
		return ratio(float64(iv.WithinTarget), float64(iv.Served+iv.Abandoned+iv.Left))
	},
	"abandonment": func(iv *IntervalStats) float64 { return ratio(float64(iv.Abandoned), float64(iv.Arrived)) },
	"utilisation": func(iv *IntervalStats) float64 { return ratio(iv.BusyArea, iv.PresentArea) },
	"queue.mean":  func(iv *IntervalStats) float64 { return iv.QueueArea / iv.Duration },
}

// KPINames lists the names of the KPIs a run of m reports, in report
// order.
func KPINames(m *Model) []string {
	r := summarise(m, nil, 0, 0.95)
	names := make([]string, len(r.KPIs))
	for i, k := range r.KPIs {
		names[i] = k.Name
	}
	return names
}

// CheckThreshold reports whether t can be evaluated on m's results.
func CheckThreshold(m *Model, t Threshold) error {
	if math.IsNaN(t.Limit) {
		return fmt.Errorf("limit is not a number")
	}
	names := KPINames(m)
	if !slices.Contains(names, t.KPI) {
		return fmt.Errorf("no KPI named %q; KPIs are %s", t.KPI, strings.Join(names, ", "))
	}
	if t.PerInterval {
		si, measure := splitStageKPI(m, t.KPI)
		if si < 0 || intervalMeasures[measure] == nil {
			var ok []string
			for k := range intervalMeasures {
				ok = append(ok, "STAGE."+k)
			}
			slices.Sort(ok)
			return fmt.Errorf("%q has no per-interval values; per interval: %s", t.KPI, strings.Join(ok, ", "))
		}
	}
	return nil
}

// splitStageKPI splits "stage.measure" into the stage index and measure.
func splitStageKPI(m *Model, name string) (int, string) {
	for si, s := range m.Stages {
		if rest, ok := strings.CutPrefix(name, s.Name+"."); ok {
			return si, rest
		}
	}
	return -1, ""
}

// breaches evaluates m's thresholds on the summarised results r, most
// frequent first.
func breaches(m *Model, r *Results) []Breach {
	var out []Breach
	for _, t := range m.Thresholds {
		crossed := func(v float64) bool {
			return !math.IsNaN(v) && (t.Above && v > t.Limit || !t.Above && v < t.Limit)
		}
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
					Above: t.Above, Limit: t.Limit, Value: sum / float64(n), Share: float64(n) / float64(len(vals))})
			}
		}
		k := r.KPI(t.KPI)
		if k == nil {
			continue // CheckThreshold rejects these before a run
		}
		if !t.PerInterval {
			record(k.Stage, -1, -1, k.Values)
			continue
		}
		si, measure := splitStageKPI(m, t.KPI)
		f := intervalMeasures[measure]
		if si < 0 || f == nil {
			continue
		}
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
