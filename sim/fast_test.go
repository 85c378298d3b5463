package sim

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// replicate runs replication rep of m, on the specialised path where a
// stage can take it (fast) or on the general path only.
func replicate(t *testing.T, m *Model, seed uint64, rep int, fast bool) (Replication, int) {
	t.Helper()
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	e := newEngine(m, seed, rep)
	e.rep.Index = rep
	nFast := 0
	for i := range e.stages {
		if !fast {
			e.stages[i].fast, e.stages[i].svcMean = false, 0
		}
		if e.stages[i].fast {
			nFast++
		}
	}
	if err := e.run(); err != nil {
		t.Fatal(err)
	}
	return e.rep, nFast
}

// dump prints every statistic of rep, following its pointers (NaN, as
// printed, equals NaN).
func dump(rep Replication) string {
	out := fmt.Sprintf("%+v", rep.Journey)
	for _, st := range rep.Stages {
		if b := st.Book; b != nil {
			out += fmt.Sprintf("%+v", *b)
		}
		st.Book = nil
		out += fmt.Sprintf("%+v", st)
	}
	if rep.Sat != nil {
		out += fmt.Sprintf("%+v", *rep.Sat)
	}
	rep.Stages, rep.Sat = nil, nil
	return out + fmt.Sprintf("%+v", rep)
}

// plain strips random model m of what keeps a stage off the specialised
// path, but for one stage in three.
func plain(m *Model, seed uint64) *Model {
	m.Name = fmt.Sprintf("plain random %d", seed)
	for i := range m.Stages {
		s := &m.Stages[i]
		s.Rework = Rework{}
		for g := range s.Groups {
			s.Groups[g].FixRate = 0
		}
		if i%3 == 2 {
			continue
		}
		s.Book, s.Delay, s.BalkAt = nil, nil, 0
		if i%2 == 0 {
			s.Service = Exponential{M: s.Service.Mean()}
		}
		s.ServiceByChannel, s.ServiceByClass = nil, nil
		s.Groups = s.Groups[:1]
		s.Assign, s.ClassGroups = AssignFastest, nil
	}
	for c := range m.Channels {
		for k := range m.Channels[c].Route {
			m.Channels[c].Route[k].ByAppointment = m.Channels[c].Route[k].ByAppointment && m.Stages[m.Channels[c].Route[k].Stage].Book != nil
		}
	}
	return m
}

// fastWeek is a working week that every stage of which can take the
// specialised path: two channels, two classes with priorities, patience
// with callbacks, a schedule that changes during the day, closing with
// send-away, serve and carry-over, and a warm-up.
func fastWeek() *Model {
	m := dayModel(9)
	m.Name = "fast week"
	m.Warmup = 1.5 * MinutesPerDay
	m.Stages[0].BalkAt = 0
	m.Stages[1].ServiceByClass = nil
	m.Stages[1].Rework = Rework{}
	m.Stages[1].Groups = m.Stages[1].Groups[:1]
	m.Stages[1].Patience = Exponential{M: 20}
	m.Stages[2].Delay = nil
	m.Stages[2].Service = Exponential{M: 4}
	return m
}

// TestFastPathEqualsGeneral runs models on the specialised path where
// their stages can take it and on the general path only, and wants the
// same statistics to the last bit.
func TestFastPathEqualsGeneral(t *testing.T) {
	mixed := fastWeek()
	mixed.Name = "mixed"
	mixed.Stages[1].Groups = dayModel(1).Stages[1].Groups // two groups: general
	models := []*Model{mmc(9, 1, 10, 3, 600), threeStage(4), fastWeek(), mixed}
	for seed := range uint64(30) {
		m := randomModel(rand.New(rand.NewPCG(seed, 7)))
		m.Name = fmt.Sprintf("random %d", seed)
		models = append(models, m)
		if seed%2 == 0 {
			models = append(models, plain(randomModel(rand.New(rand.NewPCG(seed, 8))), seed))
		}
	}
	total := 0
	for _, m := range models {
		t.Run(m.Name, func(t *testing.T) {
			for rep := range 2 {
				fast, n := replicate(t, m, 3, rep, true)
				general, _ := replicate(t, m, 3, rep, false)
				total += n
				if got, want := dump(fast), dump(general); got != want {
					t.Fatalf("rep %d: the specialised path (%d stages) differs from the general one:\n%s\n%s", rep, n, got, want)
				}
			}
		})
	}
	if total < 20 {
		t.Errorf("%d stage replications took the specialised path: too few to test it", total)
	}
	t.Logf("%d stage replications took the specialised path", total)
}

// TestFastStageChoice checks which stages take the specialised path.
func TestFastStageChoice(t *testing.T) {
	day := dayModel(1)
	tests := []struct {
		name string
		m    *Model
		want []bool
	}{
		{"M/M/c", mmc(1, 1, 1, 1, 0), []bool{true}},
		{"three stages with patience", threeStage(1), []bool{true, true, true}},
		{"week", fastWeek(), []bool{true, true, true}},
		// Balking, two groups and rework at service, a delay: and rework
		// anywhere keeps every stage on the general path.
		{"day", day, []bool{false, false, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEngine(tt.m, 1, 0)
			for i, want := range tt.want {
				if got := e.stages[i].fast; got != want {
					t.Errorf("stage %s: fast %v; want %v", tt.m.Stages[i].Name, got, want)
				}
			}
		})
	}
}
