package sim

// Waits by population: every customer who reaches a stage has exactly one
// outcome there (served, abandoned, balked, sent away) or is still waiting
// when the run ends. The KPIs here expose those parts per day, so that
//
//	arrivals = served + abandoned + balked + sent away + waiting at the end
//
// holds in every replication (up to floating-point rounding of the
// division by the days measured), and the waits of every population with
// an outcome: the served wait, the abandoners' time until they hung up,
// the sent-away customers' time until closing and the balkers' zero.
//
// "Served" means started service, as in StageStats.Served: a customer in
// service when the run ends is served (their wait is known). Completed
// services are the stage's throughput; served = throughput + still in
// service at the end.

// WaitStats are the outcomes and waits of one channel's or one class's
// customers at a stage. As for the stage:
//
//	Arrived = Served + Abandoned + Balked + SentAway + InQueueEnd
type WaitStats struct {
	Arrived, Served, Abandoned, Balked, SentAway, InQueueEnd int64

	WithinTarget int64   // served with wait <= the stage's target
	WaitSum      float64 // total wait of the served (min)
	LostWaitSum  float64 // total time abandoners and sent-away customers waited (min)
}

// outcome is how a customer's visit to a stage ended, for WaitStats.
type outcome uint8

const (
	outArrived outcome = iota // reached the stage (not an outcome: counted first)
	outServed
	outAbandoned
	outBalked
	outSentAway
	outWaiting // still queued when the run ended
)

// newWaitStats returns a breakdown for n channels or classes, or nil when
// there is only one (the stage's own statistics are that breakdown).
func newWaitStats(n int) []WaitStats {
	if n < 2 {
		return nil
	}
	return make([]WaitStats, n)
}

// tally records outcome o of counted customer c, who waited w minutes, in
// stage s's per-channel and per-class breakdowns. The stage totals are
// kept by the caller.
func (s *stageState) tally(c *customer, o outcome, w float64) {
	st := &s.stats
	if st.ByChannel != nil {
		st.ByChannel[c.channel].add(o, w, w <= s.cfg.Target)
	}
	if st.ByClass != nil {
		st.ByClass[c.class].add(o, w, w <= s.cfg.Target)
	}
}

func (ws *WaitStats) add(o outcome, w float64, within bool) {
	switch o {
	case outArrived:
		ws.Arrived++
	case outServed:
		ws.Served++
		ws.WaitSum += w
		if within {
			ws.WithinTarget++
		}
	case outAbandoned:
		ws.Abandoned++
		ws.LostWaitSum += w
	case outBalked:
		ws.Balked++
	case outSentAway:
		ws.SentAway++
		ws.LostWaitSum += w
	case outWaiting:
		ws.InQueueEnd++
	}
}

// waitAll is the mean wait of the stage's customers with an outcome:
// served waits, abandoners' and sent-away customers' time in the queue,
// and balkers' zero.
func waitAll(st *StageStats) float64 {
	return ratio(st.WaitSum+st.AbandonWaitSum+st.SentAwayWait, float64(st.Arrived-st.InQueueEnd))
}

// withinLabel is the label of the service level at wait threshold t.
func withinLabel(t float64) string {
	if t == 0 {
		return "served without waiting"
	}
	return "served within " + fmtMin(t)
}

// outcomeKPIs are stage s's handling time and the parts of its arrivals
// per day. Parts a stage cannot have (abandonment without patience, say)
// are left out: they are zero.
func outcomeKPIs(s *Stage) []kpiDef {
	perDay := func(f func(st *StageStats) int64) func(st *StageStats, days float64) float64 {
		return func(st *StageStats, days float64) float64 { return float64(f(st)) / days }
	}
	defs := []kpiDef{
		{"handle.mean", "mean handling time (completed services)", Minutes, func(st *StageStats, _ float64) float64 {
			return ratio(st.HandleSum, float64(st.Completed))
		}},
		{"outcome.served", "arrivals served (started service)", PerDay, perDay(func(st *StageStats) int64 { return st.Served })},
	}
	if s.Patience != nil {
		defs = append(defs, kpiDef{"outcome.abandoned", "arrivals abandoned", PerDay, perDay(func(st *StageStats) int64 { return st.Abandoned })})
	}
	if s.BalkAt > 0 {
		defs = append(defs, kpiDef{"outcome.balked", "arrivals balked", PerDay, perDay(func(st *StageStats) int64 { return st.Balked })})
	}
	if s.AtClose == SendAway {
		defs = append(defs, kpiDef{"outcome.sent_away", "arrivals sent away at closing", PerDay, perDay(func(st *StageStats) int64 { return st.SentAway })})
	}
	return append(defs,
		kpiDef{"outcome.waiting_end", "arrivals still waiting at the end", PerDay, perDay(func(st *StageStats) int64 { return st.InQueueEnd })},
		kpiDef{"outcome.in_service_end", "served, still in service at the end", PerDay,
			perDay(func(st *StageStats) int64 { return st.InServiceEnd })},
	)
}

// visitors reports which channels can reach stage si of m: those whose
// route has the stage, and, for a complaint-handling stage, those whose
// route has a stage where the incident happens.
func visitors(m *Model, si int) []bool {
	on := func(ci, stage int) bool {
		for _, st := range m.Channels[ci].Route {
			if st.Stage == stage {
				return true
			}
		}
		return false
	}
	out := make([]bool, len(m.Channels))
	for ci := range m.Channels {
		out[ci] = on(ci, si)
		if m.Satisfaction != nil {
			for _, in := range m.Satisfaction.Incidents {
				out[ci] = out[ci] || in.Handler == si && on(ci, in.Stage)
			}
		}
	}
	return out
}

// splitDef is a KPI of one channel's or class's customers at a stage.
type splitDef struct {
	name, label string
	unit        Unit
	value       func(ws *WaitStats) float64
}

// splitKPIs are the waits at stage si per channel and per class, where the
// model has more than one, for the channels that can reach the stage.
func splitKPIs(m *Model, si int, reps []Replication, conf float64) []KPI {
	s := &m.Stages[si]
	var out []KPI
	group := func(kind, name string, pick func(st *StageStats) *WaitStats) {
		defs := []splitDef{
			{"wait.mean", "mean wait (served), " + name, Minutes, func(ws *WaitStats) float64 { return ratio(ws.WaitSum, float64(ws.Served)) }},
			{"wait.mean_all", "mean wait (all arrivals), " + name, Minutes, func(ws *WaitStats) float64 {
				return ratio(ws.WaitSum+ws.LostWaitSum, float64(ws.Arrived-ws.InQueueEnd))
			}},
			{"service_level", withinLabel(s.Target) + ", " + name, Share, func(ws *WaitStats) float64 {
				return ratio(float64(ws.WithinTarget), float64(ws.Arrived-ws.InQueueEnd))
			}},
		}
		if s.Patience != nil {
			defs = append(defs, splitDef{"abandonment", "abandoned, " + name, Share, func(ws *WaitStats) float64 {
				return ratio(float64(ws.Abandoned), float64(ws.Arrived))
			}})
		}
		for _, d := range defs {
			k := KPI{Name: kind + "." + name + "." + s.Name + "." + d.name, Stage: s.Name, Label: d.label, Unit: d.unit}
			for i := range reps {
				k.Values = append(k.Values, d.value(pick(&reps[i].Stages[si])))
			}
			k.Estimate = estimate(k.Values, conf)
			out = append(out, k)
		}
	}
	if len(m.Channels) > 1 {
		for ci, on := range visitors(m, si) {
			if on {
				group("channel", m.Channels[ci].Name, func(st *StageStats) *WaitStats { return &st.ByChannel[ci] })
			}
		}
	}
	if len(m.Classes) > 1 {
		for ci, c := range m.Classes {
			group("class", c.Name, func(st *StageStats) *WaitStats { return &st.ByClass[ci] })
		}
	}
	return out
}
