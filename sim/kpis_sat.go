package sim

import "strings"

// repKPIs collects KPIs whose value is computed per replication.
type repKPIs struct {
	reps []Replication
	conf float64
	out  []KPI
}

// add appends the KPI name with value f in each replication.
func (ks *repKPIs) add(name, label string, unit Unit, f func(rep *Replication) float64) {
	k := KPI{Name: name, Label: label, Unit: unit}
	for i := range ks.reps {
		k.Values = append(k.Values, f(&ks.reps[i]))
	}
	k.Estimate = estimate(k.Values, ks.conf)
	ks.out = append(ks.out, k)
}

// satKPIs are the satisfaction KPIs: overall, per channel and class, the
// lost points by cause, incidents, reputation and revenue.
func satKPIs(m *Model, reps []Replication, conf float64) []KPI {
	ks := &repKPIs{reps: reps, conf: conf}
	ks.ratings("", "", func(rep *Replication) *[11]int64 { return &rep.Sat.Counts })
	if len(m.Channels) > 1 {
		for ci, ch := range m.Channels {
			ks.ratings("channel."+ch.Name+".", ", "+ch.Name, func(rep *Replication) *[11]int64 { return &rep.Sat.ByChannel[ci] })
		}
	}
	if len(m.Classes) > 1 {
		for ci, cl := range m.Classes {
			ks.ratings("class."+cl.Name+".", ", "+cl.Name, func(rep *Replication) *[11]int64 { return &rep.Sat.ByClass[ci] })
		}
	}
	ks.lostPoints(m)
	ks.incidents(m.Satisfaction)
	if m.Days > 1 {
		ks.reputation(m)
	}
	return ks.out
}

// ratings adds the NPS, mean rating and the promoter, passive and
// detractor shares of the ratings counts picks, named with prefix and
// labelled with who.
func (ks *repKPIs) ratings(prefix, who string, counts func(rep *Replication) *[11]int64) {
	ks.add(prefix+"nps", "NPS"+who, NPSPoints, func(rep *Replication) float64 { return nps(counts(rep)) })
	ks.add(prefix+"rating.mean", "mean rating (0-10)"+who, Rating, func(rep *Replication) float64 {
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
		ks.add(prefix+b.name, b.label+who, Share, func(rep *Replication) float64 {
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

// lostPoints adds the rating points lost per rated customer, by cause.
func (ks *repKPIs) lostPoints(m *Model) {
	for i, cause := range m.Satisfaction.causes(m) {
		label := "points lost to " + cause
		if strings.HasPrefix(cause, "lost_at_") {
			label = "points lost to customers lost at " + strings.TrimPrefix(cause, "lost_at_")
		}
		ks.add("lost_points."+cause, label, Points, func(rep *Replication) float64 {
			return ratio(rep.Sat.LostPoints[i], float64(rep.Sat.Rated))
		})
	}
}

// incidents adds each incident type's rate and, where complaints are
// handled, the share resolved within target.
func (ks *repKPIs) incidents(s *Satisfaction) {
	for i, in := range s.Incidents {
		ks.add("incidents."+in.Name+".rate", in.Name+" incidents per rated customer", Share, func(rep *Replication) float64 {
			return ratio(float64(rep.Sat.Incidents[i]), float64(rep.Sat.Rated))
		})
		if in.Handler >= 0 {
			ks.add("incidents."+in.Name+".recovered", in.Name+" complaints resolved within "+fmtMin(in.Target), Share, func(rep *Replication) float64 {
				return ratio(float64(rep.Sat.Recovered[i]), float64(rep.Sat.Incidents[i]))
			})
		}
	}
}

// reputation adds the final displayed reputation and the mean demand
// multiplier over the measured open days.
func (ks *repKPIs) reputation(m *Model) {
	ks.add("reputation.final", "displayed reputation at the end", Stars, func(rep *Replication) float64 {
		return rep.Sat.Days[len(rep.Sat.Days)-1].Displayed
	})
	ks.add("demand.multiplier", "demand multiplier (mean over measured open days)", Factor, func(rep *Replication) float64 {
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
