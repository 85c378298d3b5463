package rota

import (
	"context"
	"strings"
	"testing"
)

func TestRosters(t *testing.T) {
	cases := []struct {
		on          int
		consecutive bool
		want        int
	}{
		{5, true, 7},   // the pair of days off starts on any of 7 days
		{5, false, 21}, // 7 choose 2
		{7, true, 1},
		{6, true, 7},
		{4, true, 7},
	}
	for _, tc := range cases {
		got := rosters(tc.on, tc.consecutive)
		if len(got) != tc.want {
			t.Errorf("rosters(%d, %v): %d; want %d", tc.on, tc.consecutive, len(got), tc.want)
		}
	}
	for _, r := range rosters(5, true) {
		s := Roster{On: r}.String()
		// the days off of a cyclic run: in the doubled week the days on
		// form one run of five
		doubled := ""
		for range 2 {
			for _, on := range r {
				doubled += map[bool]string{true: "1", false: "0"}[on]
			}
		}
		if !strings.Contains(doubled, "11111") || strings.Count(doubled[:7], "1") != 5 {
			t.Errorf("roster %s is not five days on with two consecutive off", s)
		}
	}
}

func TestSolveWeek(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		w    Week
		head int // the optimum, argued in the comment
	}{
		// 17 staff days at 5 days each need 4 staff: three Mon–Fri and one
		// Wed–Sun.
		{"weekday peak", Week{Need: [7]int{3, 3, 3, 3, 3, 1, 1}, DaysOn: 5, ConsecutiveOff: true}, 4},
		// 7 staff days need 2; off Mon–Tue and Thu–Fri leaves someone
		// every day.
		{"one a day", Week{Need: [7]int{1, 1, 1, 1, 1, 1, 1}, DaysOn: 5, ConsecutiveOff: true}, 2},
		// Every day 5: 35 staff days need 7, one per pair of days off.
		{"flat", Week{Need: [7]int{5, 5, 5, 5, 5, 5, 5}, DaysOn: 5, ConsecutiveOff: true}, 7},
		// Seven days on: the peak.
		{"no days off", Week{Need: [7]int{2, 4, 3, 1, 0, 0, 2}, DaysOn: 7}, 4},
	}
	for _, tc := range cases {
		for _, k := range solvers {
			t.Run(tc.name+"/"+k.String(), func(t *testing.T) {
				if k == CBC {
					needCBC(t)
				}
				pl, err := SolveWeek(context.Background(), &tc.w, Options{Solver: k})
				if err != nil {
					t.Fatal(err)
				}
				if pl.Headcount != tc.head {
					t.Errorf("Headcount = %d; want %d (rosters %v)", pl.Headcount, tc.head, pl.Rosters)
				}
				sum := 0
				var duty [7]int
				for _, r := range pl.Rosters {
					sum += r.Count
					n := 0
					for d, on := range r.On {
						if on {
							n++
							duty[d] += r.Count
						}
					}
					if n != tc.w.DaysOn {
						t.Errorf("roster %v works %d days; want %d", r, n, tc.w.DaysOn)
					}
				}
				if sum != pl.Headcount || duty != pl.OnDuty {
					t.Errorf("rosters sum to %d staff, %v on duty; plan says %d, %v", sum, duty, pl.Headcount, pl.OnDuty)
				}
				for d := range duty {
					if duty[d] < tc.w.Need[d] {
						t.Errorf("%s: %d on duty; need %d", Weekdays[d], duty[d], tc.w.Need[d])
					}
				}
				if pl.LPBound > float64(pl.Headcount)+1e-9 {
					t.Errorf("LPBound %v above the headcount %d", pl.LPBound, pl.Headcount)
				}
			})
		}
	}
}

func TestSolveWeekBadInput(t *testing.T) {
	w := &Week{Stage: "desk", Need: [7]int{1, -1, 0, 0, 0, 0, 0}, DaysOn: 0}
	_, err := SolveWeek(context.Background(), w, Options{Solver: Fallback})
	for _, want := range []string{`rota: stage "desk": week:`, "days_on: must be 1 to 7 (got 0)", "need[Tue]: must be >= 0 (got -1)"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v; want it to say %q", err, want)
		}
	}
}

// TestSolveWeekClosed checks that no roster works a closed day: with
// Sunday closed and five days on, two consecutive off, everyone is off
// on Sunday and on Saturday or Monday, so the Saturday and Monday needs
// are met by different people: 14 + 7 = 21.
func TestSolveWeekClosed(t *testing.T) {
	w := &Week{Need: [7]int{14, 14, 14, 14, 14, 7, 0}, DaysOn: 5, ConsecutiveOff: true, Closed: [7]bool{6: true}}
	pl, err := SolveWeek(context.Background(), w, Options{Solver: Fallback})
	if err != nil {
		t.Fatal(err)
	}
	if pl.Headcount != 21 || pl.OnDuty[6] != 0 {
		t.Errorf("headcount %d, on duty Sunday %d; want 21 and 0 (rosters %v)", pl.Headcount, pl.OnDuty[6], pl.Rosters)
	}
	w.Closed = [7]bool{true, true, true, false, false, false, false}
	if _, err := SolveWeek(context.Background(), w, Options{Solver: Fallback}); err == nil || !strings.Contains(err.Error(), "no roster of 5 days on fits the 4 open days") {
		t.Errorf("five days on in a four-day week: %v; want an error", err)
	}
}
