package sim

import (
	"context"
	"math"
	"testing"
)

// skillModel is one service stage with a senior and a junior group who
// fix a problem at the first visit with different rates; failures come
// straight back.
func skillModel(assign AssignRule) *Model {
	m := mmc(8, 1, 0, 20, 0)
	s := &m.Stages[0]
	s.Groups = []Group{
		{Name: "senior", Speed: 1.2, FixRate: 0.9, Staff: allDay(5)},
		{Name: "junior", Speed: 1, FixRate: 0.7, Staff: allDay(6)},
	}
	s.Rework = Rework{To: 0}
	s.Assign = assign
	return m
}

// TestFirstTimeFixRates: each group's measured first-time-fix rate lies
// within the 99.9% binomial interval around its configured rate.
func TestFirstTimeFixRates(t *testing.T) {
	m := skillModel(AssignFastest)
	rep, err := Replicate(context.Background(), m, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	checkConservation(t, m, &rep)
	st := rep.Stages[0]
	for gi, g := range m.Stages[0].Groups {
		gs := st.Groups[gi]
		n := float64(gs.Completed)
		got := (n - float64(gs.Reworks)) / n
		hw := 3.29 * math.Sqrt(g.FixRate*(1-g.FixRate)/n)
		if math.Abs(got-g.FixRate) > hw {
			t.Errorf("%s: first-time fix %.4f of %d, want %.2f ± %.4f", g.Name, got, gs.Completed, g.FixRate, hw)
		}
	}
	if st.ReworkVisits == 0 || st.ReworkBusy <= 0 {
		t.Errorf("rework visits %d, busy %g", st.ReworkVisits, st.ReworkBusy)
	}
}

func TestAssignmentRules(t *testing.T) {
	share := func(assign AssignRule) float64 {
		m := skillModel(assign)
		m.Stages[0].Groups[0].Speed = 1 // equal speed: only the rule decides
		m.Stages[0].Groups[1].FixRate = 0.95
		r, err := Run(context.Background(), m, Options{Replications: 2, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		st := r.Reps[0].Stages[0]
		return float64(st.Groups[0].Completed) / float64(st.Completed)
	}
	// Fastest (a tie: the first listed), most skilled (the junior group
	// now fixes more), any free (spreads by idle staff: about 5/11).
	if s := share(AssignFastest); s < 0.5 {
		t.Errorf("fastest with equal speeds: senior share %.2f, want the first group preferred", s)
	}
	if s := share(AssignMostSkilled); s > 0.5 {
		t.Errorf("most skilled: senior share %.2f, want the junior group (fix 0.95) preferred", s)
	}
	if s := share(AssignAnyFree); math.Abs(s-5.0/11) > 0.05 {
		t.Errorf("any free: senior share %.2f, want about %.2f", s, 5.0/11)
	}
	m := skillModel(AssignByClass)
	m.Classes = []Class{{Name: "vip", Share: 0.3, Priority: 1}, {Name: "std", Share: 0.7}}
	m.Stages[0].ClassGroups = [][]int{{0}, {1}}
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	rep, err := Replicate(context.Background(), m, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	checkConservation(t, m, &rep)
}
