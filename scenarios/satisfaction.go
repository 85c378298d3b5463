package scenarios

import (
	"fmt"
	"strings"

	"github.com/svcsim/svcsim/sim"
	yaml "go.yaml.in/yaml/v4"
)

// touchpointDefaults are the defaults of the named touchpoints of
// docs/model.md; other names must give weight and tolerance.
var touchpointDefaults = map[string]sim.WaitTouchpoint{
	"booking_wait":     {Weight: 0.10, Tolerance: 1, Steepness: 2, Perception: 1.36},
	"appointment_lead": {Weight: 0.10, Tolerance: 2 * sim.MinutesPerDay, Steepness: 2, Perception: 1, Lead: true},
	"service_wait":     {Weight: 0.15, Tolerance: 15, Steepness: 2, Perception: 1},
	"followup_delay":   {Weight: 0.15, Tolerance: 48 * 60, Steepness: 2, Perception: 1},
}

var satisfactionFields = []string{
	"touchpoints", "rating_max", "rating_noise_sd", "lost_customer_rating", "incidents",
	"reputation", "revenue_per_customer",
}

var reputationFields = []string{
	"review_rate", "review_propensity", "memory", "initial", "display_rounding", "demand_per_star",
	"lag", "multiplier_bounds", "repeat_share", "retention_curvature", "expectation_adaptation",
}

// satisfaction reads the satisfaction: section (docs/model.md).
func (d *decoder) satisfaction(n *yaml.Node, m *sim.Model, stageIdx map[string]int) *sim.Satisfaction {
	const path = "satisfaction"
	f := d.fields(n, path, satisfactionFields...)
	if f == nil {
		return nil
	}
	s := sim.DefaultSatisfaction()
	d.touchpoints(n, f["touchpoints"], path+".touchpoints", m, stageIdx, &s)
	if f["rating_max"] != nil {
		s.RatingMax = d.numberIn(f["rating_max"], path+".rating_max", 0, 10)
	}
	if f["rating_noise_sd"] != nil {
		s.NoiseSD = d.nonNegative(f["rating_noise_sd"], path+".rating_noise_sd")
	}
	if f["lost_customer_rating"] != nil {
		s.LostRating = d.numberIn(f["lost_customer_rating"], path+".lost_customer_rating", 0, 10)
	}
	if f["revenue_per_customer"] != nil {
		s.Revenue = d.nonNegative(f["revenue_per_customer"], path+".revenue_per_customer")
	}
	for i, in := range d.list(f["incidents"], path+".incidents") {
		if inc, ok := d.incident(in, fmt.Sprintf("%s.incidents[%d]", path, i), stageIdx); ok {
			s.Incidents = append(s.Incidents, inc)
		}
	}
	if r := f["reputation"]; r != nil {
		d.reputation(r, path+".reputation", &s.Reputation)
	}
	return &s
}

// touchpoints reads the touchpoints: of the satisfaction section n into
// s: the wait touchpoints and service quality.
func (d *decoder) touchpoints(n, tn *yaml.Node, path string, m *sim.Model, stageIdx map[string]int, s *sim.Satisfaction) {
	tps := d.entries(tn, path)
	if len(tps) == 0 {
		d.errorf(n, path, "missing: name the touchpoints customers rate, e.g. service_wait: {stage: service}")
	}
	wsum := 0.0
	scored := map[[2]int]string{} // (stage, lead) -> the touchpoint scoring it
	for _, e := range tps {
		name := e.key.Value
		p := path + "." + name
		if name == "service_quality" {
			s.Quality = d.quality(e.val, p, m, stageIdx)
			if s.Quality != nil {
				wsum += s.Quality.Weight
			}
			continue
		}
		tp, at, ok := d.waitTouchpoint(e.val, name, p, m, stageIdx)
		if !ok {
			continue
		}
		if tp.Stage >= 0 {
			key := [2]int{tp.Stage, 0}
			if tp.Lead {
				key[1] = 1
			}
			if prev, dup := scored[key]; dup {
				what := "wait"
				if tp.Lead {
					what = "lead time"
				}
				d.errorf(at, p+".stage", "touchpoint %s already scores the %s at stage %q; give each stage's %s one touchpoint", prev, what, m.Stages[tp.Stage].Name, what)
			}
			scored[key] = name
		}
		wsum += tp.Weight
		s.Waits = append(s.Waits, tp)
	}
	if len(s.Waits) > sim.MaxTouchpoints {
		d.errorf(tn, path, "at most %d wait touchpoints (got %d)", sim.MaxTouchpoints, len(s.Waits))
	}
	if len(tps) > 0 && !(wsum > 0) {
		d.errorf(tn, path, "the weights sum to 0; at least one must be positive")
	}
}

// waitTouchpoint reads the wait touchpoint name at n, starting from its
// defaults; at is its stage: field, where a duplicate is reported.
func (d *decoder) waitTouchpoint(n *yaml.Node, name, p string, m *sim.Model, stageIdx map[string]int) (tp sim.WaitTouchpoint, at *yaml.Node, ok bool) {
	tf := d.fields(n, p, "stage", "measure", "weight", "tolerance", "steepness", "perception")
	if tf == nil {
		return tp, nil, false
	}
	tp, known := touchpointDefaults[name]
	if !known {
		tp = sim.WaitTouchpoint{Steepness: 2, Perception: 1}
		for _, k := range []string{"weight", "tolerance"} {
			if tf[k] == nil {
				d.errorf(n, p, "missing %s (only %s have defaults)", k, strings.Join(knownTouchpoints(), ", "))
			}
		}
	}
	tp.Name = name
	if tf["stage"] == nil {
		d.errorf(n, p, "missing stage: the stage whose wait this touchpoint scores")
	}
	tp.Stage = d.ref(tf["stage"], p+".stage", "stage", stageIdx)
	if tf["measure"] != nil {
		tp.Lead = d.choice(tf["measure"], p+".measure", []string{"wait", "lead_time"}) == 1
	}
	if tf["weight"] != nil {
		tp.Weight = d.nonNegative(tf["weight"], p+".weight")
	}
	if tf["tolerance"] != nil {
		tp.Tolerance = d.positiveDuration(tf["tolerance"], p+".tolerance")
	}
	if tf["steepness"] != nil {
		tp.Steepness = d.positive(tf["steepness"], p+".steepness")
	}
	if tf["perception"] != nil {
		tp.Perception = d.positive(tf["perception"], p+".perception")
	}
	if tp.Stage >= 0 && tp.Stage < len(m.Stages) && tp.Lead && m.Stages[tp.Stage].Book == nil {
		d.errorf(tf["stage"], p+".stage", "stage %q takes no appointments, so it has no lead time to score", m.Stages[tp.Stage].Name)
	}
	return tp, tf["stage"], true
}

func knownTouchpoints() []string {
	return []string{"booking_wait", "appointment_lead", "service_wait", "followup_delay", "service_quality"}
}

func (d *decoder) quality(n *yaml.Node, path string, m *sim.Model, stageIdx map[string]int) *sim.QualityTouchpoint {
	f := d.fields(n, path, "stage", "weight", "staff_quality", "failed_fix_penalty", "recovery_bonus")
	if f == nil {
		return nil
	}
	q := &sim.QualityTouchpoint{Name: "service_quality", Weight: 0.5, FailedFixPenalty: 0.5}
	if f["stage"] == nil {
		d.errorf(n, path, "missing stage: the stage whose staff and first-time fix are rated")
		return nil
	}
	q.Stage = d.ref(f["stage"], path+".stage", "stage", stageIdx)
	if q.Stage < 0 || q.Stage >= len(m.Stages) {
		return nil
	}
	groups := m.Stages[q.Stage].Groups
	q.GroupQuality = make([]float64, len(groups))
	for i := range q.GroupQuality {
		q.GroupQuality[i] = 0.95
	}
	if f["weight"] != nil {
		q.Weight = d.nonNegative(f["weight"], path+".weight")
	}
	if sq := f["staff_quality"]; sq != nil {
		if sq.Kind == yaml.ScalarNode {
			v := d.prob(sq, path+".staff_quality")
			for i := range q.GroupQuality {
				q.GroupQuality[i] = v
			}
		} else {
			idx := map[string]int{}
			for i, g := range groups {
				idx[g.Name] = i
			}
			for _, e := range d.entries(sq, path+".staff_quality") {
				if gi := d.ref(e.key, path+".staff_quality", "staff group", idx); gi >= 0 {
					q.GroupQuality[gi] = d.prob(e.val, path+".staff_quality."+e.key.Value)
				}
			}
		}
	}
	if f["failed_fix_penalty"] != nil {
		q.FailedFixPenalty = d.prob(f["failed_fix_penalty"], path+".failed_fix_penalty")
	}
	if f["recovery_bonus"] != nil {
		q.RecoveryBonus = d.prob(f["recovery_bonus"], path+".recovery_bonus")
	}
	return q
}

func (d *decoder) incident(n *yaml.Node, path string, stageIdx map[string]int) (sim.Incident, bool) {
	in := sim.Incident{Penalty: 3, RecoveryShare: 0.5, Handler: -1}
	f := d.fields(n, path, "name", "stage", "probability", "penalty", "handled_by", "priority", "resolve_within", "recovery_share")
	if f == nil {
		return in, false
	}
	in.Name = d.name(f["name"], n, path)
	for _, k := range []string{"stage", "probability"} {
		if f[k] == nil {
			d.errorf(n, path, "missing %s", k)
		}
	}
	in.Stage = d.ref(f["stage"], path+".stage", "stage", stageIdx)
	in.Prob = d.prob(f["probability"], path+".probability")
	if f["penalty"] != nil {
		in.Penalty = d.numberIn(f["penalty"], path+".penalty", 0, 10)
	}
	if f["handled_by"] != nil {
		in.Handler = d.ref(f["handled_by"], path+".handled_by", "stage", stageIdx)
		if f["resolve_within"] == nil {
			d.errorf(n, path, "missing resolve_within: the target for resolving the complaint, e.g. 48h")
		}
	}
	if f["priority"] != nil {
		in.Priority = d.integer(f["priority"], path+".priority", -1000, 1000)
	}
	if f["resolve_within"] != nil {
		in.Target = d.positiveDuration(f["resolve_within"], path+".resolve_within")
	}
	if f["recovery_share"] != nil {
		in.RecoveryShare = d.prob(f["recovery_share"], path+".recovery_share")
	}
	return in, true
}

func (d *decoder) reputation(n *yaml.Node, path string, r *sim.Reputation) {
	f := d.fields(n, path, reputationFields...)
	if f == nil {
		return
	}
	if f["review_rate"] != nil {
		r.ReviewRate = d.prob(f["review_rate"], path+".review_rate")
	}
	if p := f["review_propensity"]; p != nil {
		pf := d.fields(p, path+".review_propensity", "detractors", "promoters")
		if pf["detractors"] != nil {
			r.DetractorPropensity = d.nonNegative(pf["detractors"], path+".review_propensity.detractors")
		}
		if pf["promoters"] != nil {
			r.PromoterPropensity = d.nonNegative(pf["promoters"], path+".review_propensity.promoters")
		}
		if r.ReviewRate*max(1, r.DetractorPropensity, r.PromoterPropensity) > 1 {
			d.errorf(p, path+".review_propensity", "review_rate times a propensity is above 1 (got %g × %g); valid: a product of at most 1", r.ReviewRate, max(1, r.DetractorPropensity, r.PromoterPropensity))
		}
	}
	if f["memory"] != nil {
		r.Memory = d.positive(f["memory"], path+".memory")
	}
	if f["initial"] != nil {
		r.Initial = d.numberIn(f["initial"], path+".initial", 1, 5)
	}
	if f["display_rounding"] != nil {
		r.DisplayRounding = d.numberIn(f["display_rounding"], path+".display_rounding", 0, 4)
	}
	if f["demand_per_star"] != nil {
		r.DemandPerStar, _ = d.number(f["demand_per_star"], path+".demand_per_star")
	}
	if f["lag"] != nil {
		v := d.duration(f["lag"], path+".lag")
		days := int(v / sim.MinutesPerDay)
		if float64(days)*sim.MinutesPerDay != v || days < 1 {
			d.errorf(f["lag"], path+".lag", "must be a whole number of days >= 1 (got %s); valid: 1d, 2d, ...", f["lag"].Value)
		}
		r.Lag = days
	}
	if b := f["multiplier_bounds"]; b != nil {
		l := d.list(b, path+".multiplier_bounds")
		if len(l) != 2 {
			d.errorf(b, path+".multiplier_bounds", "give [MIN, MAX], e.g. [0.5, 1.5]")
		} else {
			r.MinMultiplier = d.numberIn(l[0], path+".multiplier_bounds[0]", 0.001, 1)
			r.MaxMultiplier = d.numberIn(l[1], path+".multiplier_bounds[1]", 1, 100)
		}
	}
	if f["repeat_share"] != nil {
		r.RepeatShare = d.prob(f["repeat_share"], path+".repeat_share")
	}
	if f["retention_curvature"] != nil {
		r.RetentionCurvature = d.nonNegative(f["retention_curvature"], path+".retention_curvature")
	}
	if f["expectation_adaptation"] != nil {
		r.Adaptation = d.prob(f["expectation_adaptation"], path+".expectation_adaptation")
	}
}
