package sim

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

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

// rate scores customer ci's journey (lostAt = the stage where the customer
// was lost, or -1) and records the rating.
func (e *engine) rate(ci int32, lostAt int) {
	st := e.sat
	c := &e.cust[ci]
	x := &e.ext[ci]
	cfg := st.cfg
	var lost [maxTouchpoints + 2]float64 // points lost per wait touchpoint, quality, incident
	s := cfg.LostRating
	if lostAt < 0 {
		s = st.score(ci, x, &lost)
	}
	src := e.seed(c, purposeSatisfaction, 0, 0)
	eps := 0.0
	if cfg.NoiseSD > 0 {
		eps = cfg.NoiseSD * normal(src)
	}
	r := int(min(max(math.Round(s+eps), 0), 10))
	stats := &st.stats
	st.review(&stats.Days[min(int(e.now/MinutesPerDay), len(stats.Days)-1)], r, src, lostAt)
	if c.measured {
		st.record(c, x, r, lostAt, &lost)
	}
}

// score is the score S of customer ci (extension x), who finished the
// journey, before the rating noise; lost receives the points lost per wait
// touchpoint, to service quality and to the incident. The waits also enter
// the day's perceived waits, for adaptation.
func (st *satState) score(ci int32, x *custExt, lost *[maxTouchpoints + 2]float64) float64 {
	cfg := st.cfg
	nw := len(cfg.Waits)
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
	s := cfg.RatingMax
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
	return s
}

// review enters rating r in the day's figures and, with the review chance
// of its band (drawn from src), posts a review; a customer who completed
// the journey (lostAt < 0) adds the day's revenue.
func (st *satState) review(day *DayStats, r int, src rand.Source, lostAt int) {
	cfg := st.cfg
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
}

// record enters the rating r of measured customer c (extension x) in the
// replication's statistics, with the points lost by cause.
func (st *satState) record(c *customer, x *custExt, r, lostAt int, lost *[maxTouchpoints + 2]float64) {
	cfg := st.cfg
	nw := len(cfg.Waits)
	stats := &st.stats
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
