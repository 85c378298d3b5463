package sim

import "strings"

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
