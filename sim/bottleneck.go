package sim

import (
	"math"
	"strconv"
)

// Bottleneck says that a scenario moves more customers through stage
// Upstream than the baseline does, but no more through the later stage
// Downstream, which is busy: the extra customers only queue there (or
// wait longer for an appointment, or are still in the process when the
// run ends), so gains upstream do not become served customers.
type Bottleneck struct {
	Upstream, Downstream string
	// More is the paired difference of Upstream's throughput (per open
	// day, distinguishable and positive); Same that of Downstream's (not
	// distinguishable from zero).
	More, Same Estimate
	// Why names the evidence that Downstream is saturated: its
	// utilisation or slot use, or a wait that grew.
	Why string
}

// Bottlenecks finds the stages of other (compared with base on common
// random numbers) whose extra throughput does not pass a later stage.
// Stages are taken in model order, which is route order for the usual
// booking → service → follow-up process.
func Bottlenecks(base, other *Results) []Bottleneck {
	if base.Seed != other.Seed || len(base.Reps) != len(other.Reps) {
		return nil
	}
	diff := func(name string) (Estimate, bool) {
		b, o := base.KPI(name), other.KPI(name)
		if b == nil || o == nil {
			return Estimate{}, false
		}
		d := make([]float64, len(b.Values))
		for i := range d {
			d[i] = o.Values[i] - b.Values[i]
		}
		return estimate(d, base.Confidence), true
	}
	distinct := func(e Estimate) bool {
		return e.N >= 2 && !math.IsNaN(e.HalfWidth) && math.Abs(e.Mean) > e.HalfWidth
	}
	var out []Bottleneck
	for i, up := range base.Stages {
		more, ok := diff(up + ".throughput")
		if !ok || !distinct(more) || more.Mean <= 0 {
			continue
		}
		for _, down := range base.Stages[i+1:] {
			same, ok := diff(down + ".throughput")
			if !ok || distinct(same) {
				continue
			}
			if why := saturated(other, down, diff, distinct); why != "" {
				out = append(out, Bottleneck{Upstream: up, Downstream: down, More: more, Same: same, Why: why})
				break
			}
		}
	}
	return out
}

// saturated names the evidence that stage is a bottleneck in r: staff or
// slots at least 85% used, or a wait, queue or lead time that grew
// distinguishably; "" when there is none.
func saturated(r *Results, stage string, diff func(string) (Estimate, bool), distinct func(Estimate) bool) string {
	const busy = 0.85
	if k := r.KPI(stage + ".utilisation"); k != nil && k.Mean >= busy {
		return "staff utilisation " + fmtShare(k.Mean)
	}
	if k := r.KPI(stage + ".slot_utilisation"); k != nil && k.Mean >= busy {
		return "appointment slots " + fmtShare(k.Mean) + " used"
	}
	for _, m := range []struct{ kpi, what string }{
		{".lead.mean", "appointment lead time grew"},
		{".wait.mean", "wait grew"},
		{".queue.mean", "queue grew"},
	} {
		if d, ok := diff(stage + m.kpi); ok && distinct(d) && d.Mean > 0 {
			return m.what
		}
	}
	return ""
}

func fmtShare(v float64) string {
	return strconv.FormatFloat(100*v, 'f', 0, 64) + "%"
}
