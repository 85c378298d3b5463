package rota_test

import (
	"context"
	"fmt"
	"log"

	"github.com/svcsim/svcsim/rota"
)

// A desk from 08:00 to 14:00 in half hours: 4 h shifts with a 30-minute
// unpaid break 1.5–3 h in, and dearer 2 h cover shifts. The LP relaxation
// would split staff across break placements (265.33); whole people cost
// 280, which CBC proves optimal.
func Example() {
	p := &rota.Problem{
		Stage:       "desk",
		From:        8 * 60, // 08:00
		Interval:    30,
		Requirement: []int{1, 2, 2, 3, 3, 2, 2, 3, 3, 2, 1, 1}, // 08:00–14:00
		Patterns: []rota.Pattern{
			{Name: "4h", Starts: rota.Every(8*60, 10*60, 30), Lengths: []float64{240},
				Breaks:      []rota.Break{{Length: 30, WindowFrom: 90, WindowTo: 180}},
				CostPerHour: 20},
			{Name: "cover", Starts: rota.Every(8*60, 12*60, 30), Lengths: []float64{120},
				CostPerHour: 24},
		},
	}
	// The fallback runs without CBC installed; with it, Solver: rota.Auto
	// (the zero value) gives the same rota here.
	pl, err := rota.Solve(context.Background(), p, rota.Options{Solver: rota.Fallback})
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range pl.Shifts {
		fmt.Printf("%d × %-5s %s for %gh, breaks at %s\n", s.Count, s.Name, hhmm(s.Start), s.Length/60, hhmms(s.Breaks))
	}
	fmt.Printf("cost %.2f, LP bound %.2f, gap %.1f%%, %d staff\n", pl.Cost, pl.LPBound, 100*pl.Gap, pl.Headcount)
	fmt.Println("coverage", pl.Coverage)
	// Output:
	// 1 × 4h    08:00 for 4h, breaks at 10:30
	// 1 × 4h    08:30 for 4h, breaks at 11:00
	// 1 × 4h    09:00 for 4h, breaks at 11:00
	// 1 × 4h    10:00 for 4h, breaks at 11:30
	// cost 280.00, LP bound 265.33, gap 5.5%, 4 staff
	// coverage [1 2 3 3 4 3 2 3 3 2 1 1]
}

func hhmm(m float64) string { return fmt.Sprintf("%02d:%02d", int(m)/60, int(m)%60) }

func hhmms(ms []float64) string {
	if len(ms) == 0 {
		return "-"
	}
	s := ""
	for i, m := range ms {
		if i > 0 {
			s += ", "
		}
		s += hhmm(m)
	}
	return s
}

// Five days on and two consecutive days off, for a week whose weekdays
// need three staff and the weekend one.
func ExampleSolveWeek() {
	w := &rota.Week{Need: [7]int{3, 3, 3, 3, 3, 1, 1}, DaysOn: 5, ConsecutiveOff: true}
	pl, err := rota.SolveWeek(context.Background(), w, rota.Options{Solver: rota.Fallback})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range pl.Rosters {
		fmt.Printf("%d × %s\n", r.Count, r)
	}
	fmt.Println("staff", pl.Headcount, "on duty", pl.OnDuty)
	// Output:
	// 3 × Mon Tue Wed Thu Fri
	// 1 × Mon Tue Wed Sat Sun
	// staff 4 on duty [4 4 4 3 3 1 1]
}
