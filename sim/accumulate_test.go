package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// eagerIntegrals are a stage's time integrals computed the direct way: the
// state (queue length, busy staff, staff present and scheduled) times the
// time until the next event, split by cell.
type eagerIntegrals struct {
	queue, busy, present, overtime, openMinutes, openQueue float64
	groupPresent, groupBusy, groupOvertime                 []float64
	cells                                                  []IntervalStats
}

// add integrates stage s's state over [from, to).
func (x *eagerIntegrals) add(e *engine, s *stageState, from, to float64) {
	from, to = e.measured(from, to)
	for from < to {
		k, _, end := e.cellAt(from)
		t := min(to, end)
		dt := t - from
		iv := &x.cells[k]
		q := float64(s.nq) * dt
		x.queue += q
		iv.QueueArea += q
		iv.Duration += dt
		if s.open[k] {
			x.openMinutes += dt
			x.openQueue += q
		}
		for gi := range s.groups {
			g := &s.groups[gi]
			p, b := float64(g.present())*dt, float64(g.busy)*dt
			ot := float64(g.present()-g.sched) * dt
			x.busy += b
			x.present += p
			x.overtime += ot
			x.groupBusy[gi] += b
			x.groupPresent[gi] += p
			x.groupOvertime[gi] += ot
			iv.BusyArea += b
			iv.PresentArea += p
			iv.ScheduledArea += float64(g.sched) * dt
		}
		from = t
	}
}

// TestIntegralsEqualTheStateOverTime runs models event by event, integrates
// each stage's state between events, and wants the engine's integrals
// (kept as sums of waits, services and schedule pieces) to agree up to
// rounding: every cell and every total, with overtime, send-away at
// closing, staff leaving while busy, and a warm-up that cuts a day.
func TestIntegralsEqualTheStateOverTime(t *testing.T) {
	day := dayModel(9)
	day.Warmup = 1.3 * MinutesPerDay
	night := dayModel(5)
	night.Name = "late-staff"
	// Staff leave at 17:00 while the queue is long: they finish their
	// customers after their shift.
	night.Stages[1].Groups[0].Staff = night.Stages[1].Groups[1].Staff
	night.Stages[1].AtClose = CarryOver
	for _, m := range []*Model{day, night, mmc(9, 1, 10, 2, 100)} {
		t.Run(m.Name, func(t *testing.T) {
			e := newEngine(m, 11, 0)
			eager := make([]eagerIntegrals, len(e.stages))
			for i := range eager {
				n := len(e.stages[i].groups)
				eager[i] = eagerIntegrals{groupPresent: make([]float64, n), groupBusy: make([]float64, n),
					groupOvertime: make([]float64, n), cells: make([]IntervalStats, 7*e.nInt)}
			}
			last := 0.0
			e.onEvent = func(t float64) {
				for i := range e.stages {
					eager[i].add(e, &e.stages[i], last, t)
				}
				last = t
			}
			if err := e.run(); err != nil {
				t.Fatal(err)
			}
			// run ends with finish, which changes no state.
			for i := range e.stages {
				eager[i].add(e, &e.stages[i], last, e.end)
			}
			for i := range e.stages {
				checkIntegrals(t, m.Stages[i].Name, &e.rep.Stages[i], &eager[i])
			}
			if len(m.Stages) > 1 && !(e.rep.Stages[1].OvertimeArea > 0) {
				t.Errorf("service: no overtime: the model does not test staff beyond the schedule")
			}
		})
	}
}

func checkIntegrals(t *testing.T, stage string, st *StageStats, x *eagerIntegrals) {
	t.Helper()
	check := func(what string, got, want float64) {
		t.Helper()
		if !near(got, want, 1e-9) {
			t.Errorf("%s %s: got %.12g; want %.12g (state over time)", stage, what, got, want)
		}
	}
	check("queue area", st.QueueArea, x.queue)
	check("busy area", st.BusyArea, x.busy)
	check("present area", st.PresentArea, x.present)
	check("overtime area", st.OvertimeArea, x.overtime)
	check("open minutes", st.OpenMinutes, x.openMinutes)
	check("open queue area", st.OpenQueueArea, x.openQueue)
	for g := range st.Groups {
		check(fmt.Sprintf("group %d present", g), st.Groups[g].Present, x.groupPresent[g])
		check(fmt.Sprintf("group %d busy", g), st.Groups[g].Busy, x.groupBusy[g])
		check(fmt.Sprintf("group %d overtime", g), st.Groups[g].Overtime, x.groupOvertime[g])
	}
	for k := range st.Intervals {
		got, want := &st.Intervals[k], &x.cells[k]
		check(fmt.Sprintf("cell %d queue", k), got.QueueArea, want.QueueArea)
		check(fmt.Sprintf("cell %d busy", k), got.BusyArea, want.BusyArea)
		check(fmt.Sprintf("cell %d present", k), got.PresentArea, want.PresentArea)
		check(fmt.Sprintf("cell %d scheduled", k), got.ScheduledArea, want.ScheduledArea)
		check(fmt.Sprintf("cell %d duration", k), got.Duration, want.Duration)
	}
}

// TestCellOfIsCellAt advances the clock in random steps, some over whole
// cells, with intervals that are binary fractions of a minute and some
// that are not, and wants cellOf to give what cellAt gives for earlier
// times, random ones and those at and next to the ends of the cells kept.
func TestCellOfIsCellAt(t *testing.T) {
	for _, iv := range []float64{60, 15, 45, 20.0 / 60, 0.1, 7.0 / 3} {
		t.Run(fmt.Sprint(iv), func(t *testing.T) {
			m := mmc(1, 1, 1, 7, 0)
			m.Interval = iv
			e := newEngine(m, 1, 0)
			r := rand.New(rand.NewPCG(5, uint64(iv*1000)))
			check := func(u float64) {
				if u < 0 || u > e.now {
					return
				}
				k, s, end := e.cellOf(u)
				wk, ws, wend := e.cellAt(u)
				if k != wk || s != ws || end != wend {
					t.Fatalf("now %v: cellOf(%v) = %d [%v, %v); cellAt gives %d [%v, %v)", e.now, u, k, s, end, wk, ws, wend)
				}
			}
			now := 0.0
			for now < e.end {
				step := r.ExpFloat64() * iv / 3
				if r.IntN(10) == 0 {
					step = r.Float64() * 5 * iv // over whole cells
				}
				now += step
				e.setNow(now)
				for range 5 {
					check(now - r.ExpFloat64()*iv*3)
				}
				for _, c := range e.cells.ring {
					for _, u := range []float64{c.start, c.end, math.Nextafter(c.start, -1), math.Nextafter(c.end, -1)} {
						check(u)
					}
				}
				check(e.curStart)
				check(math.Nextafter(e.curStart, -1))
			}
			if e.cells.n < 100 {
				t.Errorf("only %d cells kept", e.cells.n)
			}
		})
	}
}
