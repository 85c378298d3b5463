package sim

// leadKPIs are the appointment lead times at stage si per channel and
// class, where there is more than one.
func leadKPIs(m *Model, si int, reps []Replication, conf float64) []KPI {
	s := &m.Stages[si]
	var out []KPI
	group := func(kind, name string, pick func(b *BookStats) *LeadStats) {
		prefix := kind + "." + name + "." + s.Name + "."
		defs := []kpiDef{
			{"lead.mean", "mean lead time, " + name, Days, func(st *StageStats, _ float64) float64 {
				ls := pick(st.Book)
				return ratio(ls.LeadSum, float64(ls.Booked)) / MinutesPerDay
			}},
			{"no_slot", "could not get an appointment, " + name, Share, func(st *StageStats, _ float64) float64 {
				ls := pick(st.Book)
				return ratio(float64(ls.NoSlot), float64(ls.Booked+ls.NoSlot))
			}},
		}
		if s.Book.LeadTarget > 0 {
			defs = append(defs, kpiDef{"lead.within_target", "appointments within " + fmtMin(s.Book.LeadTarget) + ", " + name, Share,
				func(st *StageStats, _ float64) float64 {
					ls := pick(st.Book)
					return ratio(float64(ls.LeadIn), float64(ls.Booked))
				}})
		}
		for _, d := range defs {
			k := KPI{Name: prefix + d.name, Stage: s.Name, Label: d.label, Unit: d.unit}
			for i := range reps {
				k.Values = append(k.Values, d.value(&reps[i].Stages[si], 0))
			}
			k.Estimate = estimate(k.Values, conf)
			out = append(out, k)
		}
	}
	if len(m.Channels) > 1 {
		for ci, c := range m.Channels {
			group("channel", c.Name, func(b *BookStats) *LeadStats { return &b.ByChannel[ci] })
		}
	}
	if len(m.Classes) > 1 {
		for ci, c := range m.Classes {
			group("class", c.Name, func(b *BookStats) *LeadStats { return &b.ByClass[ci] })
		}
	}
	return out
}
