package sim

import "math"

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
