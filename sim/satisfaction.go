package sim

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// Satisfaction rates each customer's experience and feeds the ratings
// back into demand over the following days. The model and its sources are
// described in docs/model.md; in short, for a customer who finished the
// journey:
//
//	q_k = 1 / (1 + (phi_k W_k / T_k)^h_k)          wait score at touchpoint k
//	q_quality = s_g (1 - pi_fail if reworked) + b_rec
//	S = S_max - 10 sum_k w_k (1 - q_k) / sum_k w_k  over the touchpoints passed
//	    - incident penalty (times 1 - recovery share if recovered in time)
//	R = clamp(round(S + eps), 0, 10), eps ~ N(0, sigma^2)
//
// and a lost customer (gave up, balked or sent away) scores S_lost. Each
// rated customer posts a review with probability ReviewRate (times a
// propensity for detractors and promoters); reviews move a reputation that
// is displayed rounded; the displayed reputation, Lag days later,
// multiplies every channel's arrival rate.
type Satisfaction struct {
	Waits     []WaitTouchpoint
	Quality   *QualityTouchpoint // nil: service quality is not rated
	Incidents []Incident

	RatingMax  float64 // S_max: score of a perfect visit (0..10)
	NoiseSD    float64 // sigma: rating noise (>= 0)
	LostRating float64 // S_lost: score of a lost customer (0..10)

	Reputation Reputation

	// Revenue per customer who completes the journey (0: not reported).
	Revenue float64
}

// WaitTouchpoint scores the time customers wait at a stage (all their
// visits to it added up) with a log-logistic tolerance curve. With Lead
// set it scores the appointment lead time at the stage (booking to
// appointment) instead.
type WaitTouchpoint struct {
	Name       string // e.g. "booking_wait", "appointment_lead"
	Stage      int    // index into Model.Stages
	Lead       bool
	Weight     float64 // w >= 0
	Tolerance  float64 // T > 0 (minutes): the perceived wait scoring 0.5
	Steepness  float64 // h > 0
	Perception float64 // phi > 0: perceived / actual wait
}

// QualityTouchpoint scores service quality by the staff group that served
// the customer at a stage and whether the first visit fixed the problem
// (no rework).
type QualityTouchpoint struct {
	Name             string
	Stage            int
	Weight           float64
	GroupQuality     []float64 // s_g per staff group of the stage, in [0, 1]
	FailedFixPenalty float64   // pi_fail in [0, 1]
	RecoveryBonus    float64   // b_rec in [0, 1]: added after a rework visit
}

// Incident is a negative moment of truth that may happen at the end of
// service at a stage (a billing dispute, a service failure). It costs
// Penalty points unless a complaint task, handled at stage Handler with
// queue priority Priority, is resolved within Target minutes of the
// incident, which earns back RecoveryShare of the penalty. A customer has
// at most one incident; the complaint is handled after the customer's
// route.
type Incident struct {
	Name          string
	Stage         int
	Prob          float64
	Penalty       float64
	Handler       int // stage index; -1: no complaint handling
	Priority      int
	Target        float64
	RecoveryShare float64
}

// Reputation turns ratings into reviews and reviews into demand.
type Reputation struct {
	ReviewRate          float64 // r_rev: chance a passive posts a review
	DetractorPropensity float64 // a_D: multiplies ReviewRate for ratings 0-6
	PromoterPropensity  float64 // a_P: multiplies ReviewRate for ratings 9-10
	Memory              float64 // N_mem: reviews behind the starting reputation
	Initial             float64 // starting reputation in stars (1..5)
	DisplayRounding     float64 // displayed stars are rounded to this (0: not rounded)
	DemandPerStar       float64 // beta: ln of the demand factor per displayed star
	Lag                 int     // L: days from reputation to demand (>= 1)
	MinMultiplier       float64
	MaxMultiplier       float64
	RepeatShare         float64 // s_rep: share of demand from returning customers
	RetentionCurvature  float64 // kappa: retention falls by exp(-kappa) per rating point below 10
	Adaptation          float64 // gamma: daily adaptation of tolerances to experienced waits
}

// DefaultSatisfaction returns the parameters of docs/model.md with no
// touchpoints; the caller adds the touchpoints of its process.
func DefaultSatisfaction() Satisfaction {
	return Satisfaction{
		RatingMax:  9,
		NoiseSD:    1.5,
		LostRating: 2,
		Reputation: Reputation{
			ReviewRate:          0.05,
			DetractorPropensity: 1.5,
			PromoterPropensity:  1.2,
			Memory:              200,
			Initial:             4,
			DisplayRounding:     0.5,
			DemandPerStar:       math.Log(1.07),
			Lag:                 1,
			MinMultiplier:       0.5,
			MaxMultiplier:       1.5,
			RetentionCurvature:  0.9,
		},
	}
}

// maxTouchpoints bounds the wait touchpoints (a bit set per customer).
const maxTouchpoints = 32

// MaxTouchpoints is the most wait touchpoints a Satisfaction may have.
const MaxTouchpoints = maxTouchpoints

// Validate reports the first impossible parameter, naming it.
func (s *Satisfaction) Validate(m *Model) error {
	stage := func(i int, what string) error {
		if i < 0 || i >= len(m.Stages) {
			return fmt.Errorf("sim: satisfaction: %s names stage %d of %d", what, i, len(m.Stages))
		}
		return nil
	}
	unit := func(v float64, what string) error {
		if !(v >= 0 && v <= 1) {
			return fmt.Errorf("sim: satisfaction: %s must be in [0, 1] (got %g)", what, v)
		}
		return nil
	}
	score := func(v float64, what string) error {
		if !(v >= 0 && v <= 10) {
			return fmt.Errorf("sim: satisfaction: %s must be in [0, 10] (got %g)", what, v)
		}
		return nil
	}
	if len(s.Waits) > maxTouchpoints {
		return fmt.Errorf("sim: satisfaction: at most %d wait touchpoints (got %d)", maxTouchpoints, len(s.Waits))
	}
	wsum := 0.0
	seen := map[int]bool{}
	for _, w := range s.Waits {
		if err := stage(w.Stage, "touchpoint "+w.Name); err != nil {
			return err
		}
		key := w.Stage
		if w.Lead {
			key = -1 - w.Stage
			if m.Stages[w.Stage].Book == nil {
				return fmt.Errorf("sim: satisfaction: touchpoint %s scores lead times at stage %q, which has no appointment book", w.Name, m.Stages[w.Stage].Name)
			}
		}
		if seen[key] {
			return fmt.Errorf("sim: satisfaction: two touchpoints for the same wait at stage %q", m.Stages[w.Stage].Name)
		}
		seen[key] = true
		if !(w.Weight >= 0) || !(w.Tolerance > 0) || !(w.Steepness > 0) || !(w.Perception > 0) {
			return fmt.Errorf("sim: satisfaction: touchpoint %s needs weight >= 0 and tolerance, steepness and perception > 0", w.Name)
		}
		wsum += w.Weight
	}
	if q := s.Quality; q != nil {
		if err := stage(q.Stage, "service quality"); err != nil {
			return err
		}
		if len(q.GroupQuality) != len(m.Stages[q.Stage].Groups) {
			return fmt.Errorf("sim: satisfaction: service quality has %d group scores for %d staff groups", len(q.GroupQuality), len(m.Stages[q.Stage].Groups))
		}
		for _, g := range q.GroupQuality {
			if err := unit(g, "staff quality"); err != nil {
				return err
			}
		}
		for _, e := range []error{unit(q.FailedFixPenalty, "failed-fix penalty"), unit(q.RecoveryBonus, "recovery bonus")} {
			if e != nil {
				return e
			}
		}
		if !(q.Weight >= 0) {
			return fmt.Errorf("sim: satisfaction: service quality weight must be >= 0")
		}
		wsum += q.Weight
	}
	if !(wsum > 0) {
		return fmt.Errorf("sim: satisfaction: the touchpoint weights must sum to a positive number")
	}
	for _, in := range s.Incidents {
		if err := stage(in.Stage, "incident "+in.Name); err != nil {
			return err
		}
		if in.Handler != -1 {
			if err := stage(in.Handler, "incident "+in.Name+" handler"); err != nil {
				return err
			}
		}
		if err := unit(in.Prob, "incident probability"); err != nil {
			return err
		}
		if err := unit(in.RecoveryShare, "recovery share"); err != nil {
			return err
		}
		if err := score(in.Penalty, "incident penalty"); err != nil {
			return err
		}
		if in.Handler != -1 && !(in.Target > 0) {
			return fmt.Errorf("sim: satisfaction: incident %s needs a resolution target > 0", in.Name)
		}
	}
	for _, e := range []error{score(s.RatingMax, "rating max"), score(s.LostRating, "lost-customer rating")} {
		if e != nil {
			return e
		}
	}
	if !(s.NoiseSD >= 0) {
		return fmt.Errorf("sim: satisfaction: rating noise must be >= 0 (got %g)", s.NoiseSD)
	}
	r := s.Reputation
	for _, e := range []error{
		unit(r.ReviewRate, "review rate"), unit(r.RepeatShare, "repeat share"), unit(r.Adaptation, "expectation adaptation"),
	} {
		if e != nil {
			return e
		}
	}
	switch {
	case !(r.DetractorPropensity >= 0) || !(r.PromoterPropensity >= 0) || r.ReviewRate*max(1, r.DetractorPropensity, r.PromoterPropensity) > 1:
		return fmt.Errorf("sim: satisfaction: review propensities must be >= 0 and keep review chances <= 1")
	case !(r.Memory > 0):
		return fmt.Errorf("sim: satisfaction: reputation memory must be > 0 (got %g)", r.Memory)
	case !(r.Initial >= 1 && r.Initial <= 5):
		return fmt.Errorf("sim: satisfaction: initial reputation must be 1 to 5 stars (got %g)", r.Initial)
	case !(r.DisplayRounding >= 0):
		return fmt.Errorf("sim: satisfaction: display rounding must be >= 0")
	case r.Lag < 1:
		return fmt.Errorf("sim: satisfaction: reputation lag must be >= 1 day (got %d)", r.Lag)
	case !(r.MinMultiplier > 0 && r.MinMultiplier <= 1 && r.MaxMultiplier >= 1):
		return fmt.Errorf("sim: satisfaction: multiplier bounds need 0 < min <= 1 <= max (got %g, %g)", r.MinMultiplier, r.MaxMultiplier)
	case math.IsNaN(r.DemandPerStar) || math.IsInf(r.DemandPerStar, 0):
		return fmt.Errorf("sim: satisfaction: demand per star must be a number")
	case !(r.RetentionCurvature >= 0):
		return fmt.Errorf("sim: satisfaction: retention curvature must be >= 0")
	}
	if !(s.Revenue >= 0) {
		return fmt.Errorf("sim: satisfaction: revenue must be >= 0")
	}
	return nil
}

// WaitScore is the tolerance curve: the score of a perceived wait p
// against tolerance t with steepness h.
func WaitScore(p, t, h float64) float64 {
	if p <= 0 {
		return 1
	}
	x := p / t
	switch h { // the common steepnesses, without math.Pow
	case 1:
		return 1 / (1 + x)
	case 2:
		return 1 / (1 + x*x)
	}
	return 1 / (1 + math.Pow(x, h))
}

// Causes of lost points, after the wait touchpoints.
func (s *Satisfaction) causes(m *Model) []string {
	var c []string
	for _, w := range s.Waits {
		c = append(c, w.Name)
	}
	name := "service_quality"
	if s.Quality != nil && s.Quality.Name != "" {
		name = s.Quality.Name
	}
	c = append(c, name, "incidents")
	for _, st := range m.Stages {
		c = append(c, "lost_at_"+st.Name)
	}
	return c
}

// SatStats are one replication's ratings, counted over customers whose
// journey started after the warm-up and ended within the run.
type SatStats struct {
	Rated     int64
	Counts    [11]int64 // by rating 0..10
	ByChannel [][11]int64
	ByClass   [][11]int64
	// LostPoints sums, per cause (wait touchpoints, service quality,
	// incidents, then customers lost at each stage), the points each
	// rated customer's score fell short of RatingMax.
	LostPoints []float64
	Incidents  []int64 // per incident type
	Recovered  []int64 // complaints resolved within target
	Revenue    float64 // from completed journeys
	LostValue  float64 // revenue of lost customers
	Days       []DayStats
}

// DayStats follow one simulated day, warm-up included.
type DayStats struct {
	Arrivals   int64   // first arrivals on the day
	Expected   float64 // arrivals the day's rates promise at multiplier 1
	Rated      int64
	RatingSum  float64
	Promoters  int64
	Detractors int64
	Reviews    int64
	Stars      float64 // stars posted
	Reputation float64 // at the end of the day, unrounded
	Displayed  float64 // at the end of the day
	Multiplier float64 // demand multiplier applied on the day
	Revenue    float64
}

// satState is a replication's satisfaction machinery.
type satState struct {
	cfg      *Satisfaction
	waitOf   []int     // stage -> wait touchpoint, or -1
	leadOf   []int     // stage -> lead-time touchpoint, or -1
	tol      []float64 // current tolerances (adapted daily)
	perc     []float64 // perceived waits of the day per touchpoint
	percN    []int64
	tw       []float64 // accumulated wait per customer and touchpoint
	rho      float64
	rbar     float64
	rbar0    float64
	shown    []float64 // displayed reputation at the end of each day
	kept     []float64 // retention average at the end of each day
	dayRet   float64
	retain   [11]float64 // retention by rating
	incLevel []int32     // incident -> queue priority level
	stats    SatStats
}

func newSatState(e *engine, s *Satisfaction, nStages int) *satState {
	st := &satState{cfg: s, rho: s.Reputation.Initial}
	st.waitOf = make([]int, nStages)
	st.leadOf = make([]int, nStages)
	for i := range st.waitOf {
		st.waitOf[i], st.leadOf[i] = -1, -1
	}
	for k, w := range s.Waits {
		if w.Lead {
			st.leadOf[w.Stage] = k
		} else {
			st.waitOf[w.Stage] = k
		}
		st.tol = append(st.tol, w.Tolerance)
	}
	st.perc = make([]float64, len(s.Waits))
	st.percN = make([]int64, len(s.Waits))
	r0 := (s.Reputation.Initial - 1) / 0.4 // the rating that posts the initial stars
	st.rbar0 = retention(s, r0)
	for r := range st.retain {
		st.retain[r] = retention(s, float64(r))
	}
	st.rbar = st.rbar0
	st.stats.ByChannel = make([][11]int64, len(e.m.Channels))
	st.stats.ByClass = make([][11]int64, len(e.classCum))
	st.stats.LostPoints = make([]float64, len(s.causes(e.m)))
	st.stats.Incidents = make([]int64, len(s.Incidents))
	st.stats.Recovered = make([]int64, len(s.Incidents))
	st.stats.Days = make([]DayStats, e.m.Days)
	for d := range st.stats.Days {
		st.stats.Days[d].Multiplier = 1
	}
	return st
}

func retention(s *Satisfaction, r float64) float64 {
	return math.Exp(-s.Reputation.RetentionCurvature * (10 - r))
}

func (st *satState) displayed(rho float64) float64 {
	if r := st.cfg.Reputation.DisplayRounding; r > 0 {
		return math.Round(rho/r) * r
	}
	return rho
}

// endDay closes day d's books: reputation, retention and tolerances, and
// returns the demand multiplier for day d+1.
func (st *satState) endDay(d int) float64 {
	cfg := &st.cfg.Reputation
	day := &st.stats.Days[d]
	if n := float64(day.Reviews); n > 0 {
		st.rho += n / (cfg.Memory + n) * (day.Stars/n - st.rho)
	}
	if n := float64(day.Rated); n > 0 {
		st.rbar += n / (cfg.Memory + n) * (st.dayRet/n - st.rbar)
	}
	st.dayRet = 0
	day.Reputation = st.rho
	day.Displayed = st.displayed(st.rho)
	st.shown = append(st.shown, day.Displayed)
	st.kept = append(st.kept, st.rbar)
	if g := cfg.Adaptation; g > 0 {
		for k := range st.tol {
			if st.percN[k] > 0 {
				st.tol[k] = (1-g)*st.tol[k] + g*st.perc[k]/float64(st.percN[k])
			}
		}
	}
	clear(st.perc)
	clear(st.percN)
	// Day d+1 sees the reputation displayed at the end of day d+1-L.
	j := d + 1 - cfg.Lag
	if j < 0 {
		return 1
	}
	m := math.Exp(cfg.DemandPerStar * (st.shown[j] - st.displayed(cfg.Initial)))
	if cfg.RepeatShare > 0 {
		m *= 1 - cfg.RepeatShare + cfg.RepeatShare*st.kept[j]/st.rbar0
	}
	return min(max(m, cfg.MinMultiplier), cfg.MaxMultiplier)
}

// rate scores customer ci's journey (lostAt = the stage where the customer
// was lost, or -1) and records the rating.
func (e *engine) rate(ci int32, lostAt int) {
	st := e.sat
	c := &e.cust[ci]
	x := &e.ext[ci]
	cfg := st.cfg
	nw := len(cfg.Waits)
	stats := &st.stats
	var lost [maxTouchpoints + 2]float64 // points lost per wait touchpoint, quality, incident
	var s float64
	if lostAt >= 0 {
		s = cfg.LostRating
	} else {
		wsum, def := 0.0, 0.0
		for k := range nw {
			if x.visited&(1<<k) == 0 {
				continue
			}
			w := &cfg.Waits[k]
			p := w.Perception * st.tw[int(ci)*nw+k]
			q := WaitScore(p, st.tol[k], w.Steepness)
			lost[k] = w.Weight * (1 - q)
			def += lost[k]
			wsum += w.Weight
			st.perc[k] += p
			st.percN[k]++
		}
		if qt := cfg.Quality; qt != nil && x.qgroup >= 0 {
			q := qt.GroupQuality[x.qgroup]
			if x.failedFix {
				q = min(1, q*(1-qt.FailedFixPenalty)+qt.RecoveryBonus)
			}
			lost[nw] = qt.Weight * (1 - q)
			def += lost[nw]
			wsum += qt.Weight
		}
		s = cfg.RatingMax
		if wsum > 0 {
			for k := range nw + 1 {
				lost[k] *= 10 / wsum
			}
			s -= 10 * def / wsum
		}
		if x.incident >= 0 {
			in := &cfg.Incidents[x.incident]
			pen := in.Penalty
			if x.recovered {
				pen *= 1 - in.RecoveryShare
			}
			lost[nw+1] = pen
			s -= pen
		}
	}
	src := e.seed(c, purposeSatisfaction, 0, 0)
	eps := 0.0
	if cfg.NoiseSD > 0 {
		eps = cfg.NoiseSD * normal(src)
	}
	r := int(min(max(math.Round(s+eps), 0), 10))
	day := &stats.Days[min(int(e.now/MinutesPerDay), len(stats.Days)-1)]
	day.Rated++
	day.RatingSum += float64(r)
	st.dayRet += st.retain[r]
	rr := &cfg.Reputation
	chance := rr.ReviewRate
	switch {
	case r <= 6:
		day.Detractors++
		chance *= rr.DetractorPropensity
	case r >= 9:
		day.Promoters++
		chance *= rr.PromoterPropensity
	}
	if float64(src.Uint64()>>11)*0x1p-53 < chance {
		day.Reviews++
		day.Stars += 1 + 0.4*float64(r)
	}
	if lostAt < 0 {
		day.Revenue += cfg.Revenue
	}
	if !c.measured {
		return
	}
	stats.Rated++
	stats.Counts[r]++
	stats.ByChannel[c.channel][r]++
	stats.ByClass[c.class][r]++
	if lostAt >= 0 {
		stats.LostPoints[nw+2+lostAt] += cfg.RatingMax - cfg.LostRating
		stats.LostValue += cfg.Revenue
	} else {
		for k := range nw + 2 {
			stats.LostPoints[k] += lost[k]
		}
		stats.Revenue += cfg.Revenue
	}
	if x.incident >= 0 {
		stats.Incidents[x.incident]++
		if x.recovered {
			stats.Recovered[x.incident]++
		}
	}
}

// normal draws a standard normal value from src.
func normal(src rand.Source) float64 {
	return distuv.Normal{Mu: 0, Sigma: 1, Src: src}.Rand()
}
