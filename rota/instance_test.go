package rota

import (
	"math"
	"math/rand/v2"
)

// realistic is the benchmark instance of the package's acceptance
// criteria: a 12-hour day (07:00–19:00) in 15-minute intervals, an intraday
// demand with a morning and an afternoon peak, and 526 concrete shifts
// from four patterns with a lunch break placed anywhere in its window, a
// part-time share limit of 30%.
func realistic() *Problem {
	const from, interval, n = 7 * 60, 15, 48
	req := make([]int, n)
	for i := range req {
		h := (from + (float64(i)+0.5)*interval) / 60
		v := 4 + 12*math.Exp(-math.Pow((h-10.5)/1.3, 2)) + 9*math.Exp(-math.Pow((h-15.5)/1.4, 2))
		req[i] = int(math.Round(v))
	}
	lunch := func(from, to float64) []Break {
		return []Break{{Length: 30, WindowFrom: from, WindowTo: to}}
	}
	return &Problem{
		Stage:       "contact centre",
		From:        from,
		Interval:    interval,
		Requirement: req,
		Patterns: []Pattern{
			{Name: "day 8h", Starts: Every(7*60, 11*60, 15), Lengths: []float64{480},
				Breaks: lunch(180, 360), CostPerHour: 20},
			{Name: "short 6h", Starts: Every(7*60, 13*60, 15), Lengths: []float64{360},
				Breaks: lunch(120, 270), CostPerHour: 21},
			{Name: "part 4h", Starts: Every(7*60, 15*60, 15), Lengths: []float64{240},
				CostPerHour: 23},
			{Name: "long 10h", Starts: Every(7*60, 9*60, 15), Lengths: []float64{600},
				Breaks: lunch(240, 390), CostPerHour: 20},
		},
		MaxPartTimeShare: 0.3,
		PartTimeBelow:    300,
	}
}

// randomProblem is a seeded random day: 48–67 quarter hours from 07:00,
// two demand peaks of random height and place plus noise, an 8 h pattern
// with a lunch (or, when three is set, two paid 15-minute breaks and a
// lunch), a 6 h pattern starting on the half hour and a part-time 4 h
// pattern with a paid 15-minute break, at most 25% part-time.
func randomProblem(seed uint64, three bool) *Problem {
	r := rand.New(rand.NewPCG(seed, 1))
	n := 48 + r.IntN(20)
	req := make([]int, n)
	p1, p2 := 2+r.Float64()*3, 6+r.Float64()*4
	a1, a2 := 5+r.Float64()*25, 5+r.Float64()*25
	for i := range req {
		h := (float64(i) + 0.5) / 4
		req[i] = int(math.Round(2 + a1*math.Exp(-math.Pow((h-p1)/1.2, 2)) + a2*math.Exp(-math.Pow((h-p2)/1.4, 2)) + r.Float64()*3))
	}
	from := 7 * 60.0
	end := from + float64(n)*15
	brk := []Break{{Length: 30, WindowFrom: 180, WindowTo: 330}}
	if three {
		brk = []Break{{Length: 15, WindowFrom: 90, WindowTo: 150, Paid: true}, {Length: 30, WindowFrom: 210, WindowTo: 300}, {Length: 15, WindowFrom: 360, WindowTo: 420, Paid: true}}
	}
	return &Problem{From: from, Interval: 15, Requirement: req,
		Patterns: []Pattern{
			{Name: "8h", Starts: Every(from, end-480, 15), Lengths: []float64{480}, Breaks: brk, CostPerHour: 20},
			{Name: "6h", Starts: Every(from, end-360, 30), Lengths: []float64{360}, Breaks: []Break{{Length: 30, WindowFrom: 120, WindowTo: 270}}, CostPerHour: 21},
			{Name: "4h", Starts: Every(from, end-240, 15), Lengths: []float64{240}, Breaks: []Break{{Length: 15, WindowFrom: 90, WindowTo: 165, Paid: true}}, CostPerHour: 23},
		}, PartTimeBelow: 300, MaxPartTimeShare: 0.25}
}
