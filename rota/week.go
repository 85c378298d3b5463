package rota

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
)

// Weekdays names the days of a [Week], Monday first.
var Weekdays = [7]string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}

// Week is the weekly days-off problem: how many staff a stage employs and
// which days each has off, so that every weekday has at least Need staff on
// duty, under a days-on rule such as "five days on, two consecutive days
// off". It is the second step of a weekly plan: solve each weekday's
// [Problem] first and take Need[d] from that day's Plan.Headcount.
type Week struct {
	// Stage names the stage in messages; it may be empty. Pool says it
	// names a staff pool shared by several stages.
	Stage string
	Pool  bool
	// Need is the number of staff on duty needed each weekday, Monday
	// first.
	Need [7]int
	// DaysOn is the number of days each person works per week, 1 to 7.
	DaysOn int
	// ConsecutiveOff makes each person's days off one run of consecutive
	// days, counted round the week (Sunday and Monday are consecutive).
	ConsecutiveOff bool
	// Closed marks days nobody can work (the stage is closed): only
	// rosters with those days off are used, so DaysOn days are worked.
	Closed [7]bool
}

// Roster is one weekly days-on pattern and how many staff work it.
type Roster struct {
	// On marks the days worked, Monday first.
	On [7]bool
	// Count is the number of staff on this roster (> 0 in a plan).
	Count int
}

// String writes the roster's days on, "Mon–Fri" style as "Mon Tue Wed Thu
// Fri".
func (r Roster) String() string {
	var d []string
	for i, on := range r.On {
		if on {
			d = append(d, Weekdays[i])
		}
	}
	return strings.Join(d, " ")
}

// WeekPlan is the solution of a [Week].
type WeekPlan struct {
	// Rosters are the days-on patterns used, Count > 0, in a fixed order
	// (by the first day off).
	Rosters []Roster
	// Headcount is the number of staff employed: the sum of Counts.
	Headcount int
	// OnDuty is the number of staff working each weekday; OnDuty[d] >=
	// Need[d], and Surplus sums the difference in staff days.
	OnDuty  [7]int
	Surplus int
	// LPBound, Gap, Optimal, Solver and Messages are as in [Plan], with
	// headcount in place of cost.
	LPBound, Gap float64
	Optimal      bool
	Solver       string
	Messages     []string
}

// SolveWeek finds the fewest staff, and their rosters, that meet w's
// daily need under its days-on rule; the integer program is the same
// covering problem as [Solve]'s with days in place of intervals and
// rosters in place of shifts (Baker 1974), solved the same way.
func SolveWeek(ctx context.Context, w *Week, opt Options) (*WeekPlan, error) {
	wrap := func(err error) error {
		if w.Stage != "" {
			return &StageError{Stage: w.Stage, Pool: w.Pool, Week: true, Err: err}
		}
		return fmt.Errorf("rota: week: %w", err)
	}
	var errs []error
	if w.DaysOn < 1 || w.DaysOn > 7 {
		errs = append(errs, fieldErr("days_on", "must be 1 to 7 (got %d)", w.DaysOn))
	}
	for d, n := range w.Need {
		if n < 0 {
			errs = append(errs, fieldErr("need["+Weekdays[d]+"]", "must be >= 0 (got %d)", n))
		}
	}
	if len(errs) > 0 {
		return nil, wrap(errors.Join(errs...))
	}
	m := &model{req: w.Need[:], patterns: []Pattern{{Name: "week"}}, skipped: []int{0}, reqField: "need",
		span: func(i, j int) string {
			if i == j {
				return Weekdays[i]
			}
			return Weekdays[i] + "–" + Weekdays[j]
		}}
	all := openRosters(rosters(w.DaysOn, w.ConsecutiveOff), w.Closed)
	if len(all) == 0 {
		return nil, wrap(fieldErr("days_on", "no roster of %d days on fits the %d open days of the week", w.DaysOn, 7-countTrue(w.Closed)))
	}
	for _, on := range all {
		c := column{cost: 1}
		for d, o := range on {
			if o {
				c.rows = append(c.rows, d)
			}
		}
		m.cols = append(m.cols, c)
	}
	sol, msgs, err := run(ctx, m, opt)
	if err != nil {
		return nil, wrap(err)
	}
	pl := &WeekPlan{LPBound: sol.lpBound, Optimal: sol.optimal, Solver: sol.solver, Messages: msgs}
	for j, n := range sol.x {
		if n == 0 {
			continue
		}
		pl.Rosters = append(pl.Rosters, Roster{On: all[j], Count: n})
		pl.Headcount += n
		for d, on := range all[j] {
			if on {
				pl.OnDuty[d] += n
			}
		}
	}
	for d := range pl.OnDuty {
		pl.Surplus += pl.OnDuty[d] - w.Need[d]
	}
	pl.LPBound = math.Min(pl.LPBound, float64(pl.Headcount))
	if pl.LPBound > 0 {
		pl.Gap = (float64(pl.Headcount) - pl.LPBound) / pl.LPBound
		if pl.Gap < 1e-9 {
			pl.Gap, pl.Optimal = 0, true
		}
	} else if pl.Headcount == 0 {
		pl.Optimal = true
	}
	return pl, nil
}

// rosters lists the weekly days-on patterns with daysOn days worked, in
// order of the bit pattern (Monday the lowest bit), keeping only those
// whose days off are one cyclic run when consecutive is set.
func rosters(daysOn int, consecutive bool) [][7]bool {
	var out [][7]bool
	for mask := 0; mask < 1<<7; mask++ {
		var on [7]bool
		n := 0
		for d := range on {
			on[d] = mask&(1<<d) != 0
			if on[d] {
				n++
			}
		}
		if n != daysOn {
			continue
		}
		if consecutive && daysOn < 7 {
			// one run of days off round the week: exactly one day off
			// whose predecessor is a day on
			starts := 0
			for d := range on {
				if !on[d] && on[(d+6)%7] {
					starts++
				}
			}
			if starts != 1 {
				continue
			}
		}
		out = append(out, on)
	}
	return out
}

// openRosters keeps the rosters that work no closed day.
func openRosters(all [][7]bool, closed [7]bool) [][7]bool {
	var out [][7]bool
	for _, on := range all {
		ok := true
		for d := range on {
			if on[d] && closed[d] {
				ok = false
			}
		}
		if ok {
			out = append(out, on)
		}
	}
	return out
}

func countTrue(b [7]bool) int {
	n := 0
	for _, x := range b {
		if x {
			n++
		}
	}
	return n
}
