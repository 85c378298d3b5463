package workbench

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/sim"
)

// MaxColumns bounds the columns of a staffing grid: a day in 5-minute
// steps.
const MaxColumns = 288

// MaxHeadcount bounds a cell of the grid.
const MaxHeadcount = 9999

// Grid is a scenario's staffing as the page edits it: a row per stage
// (or staff group) and set of weekdays with the same schedule, a column
// per step of the day from the earliest opening or staffed time to the
// latest.
type Grid struct {
	From, Step float64 // minutes since midnight; minutes
	Cols       int
	Rows       []Row
	// Why, when not empty, says why the grid cannot be edited at all.
	Why string
	// Note, when not empty, says what the rows leave out: the stages a
	// staff pool serves, whose pool has a row of its own that cannot be
	// edited here yet.
	Note string
}

// Row is one line of a Grid.
type Row struct {
	// Stage is the stage's name; Pool, for a staff pool's row, the
	// pool's (Stage is then "").
	Stage, Pool string
	// Group is the staff group's name, "" for a stage's single schedule.
	Group string
	// Days is the set of weekdays (bit i for time.Weekday i) the row
	// stands for; DaysText names them as a scenario file would.
	Days     uint8
	DaysText string
	Values   []int
	// Why, when not empty, says why the row cannot be edited (its staff
	// comes from a roster file, or it is a pool's).
	Why string

	stage, group int // indexes into the model; for a pool's row -1, the pool's
}

// Label is the row's name for people: "booking", "consultation /
// doctor" or "pool desk".
func (r *Row) Label() string {
	if r.Pool != "" {
		return "pool " + r.Pool
	}
	if r.Group == "" {
		return r.Stage
	}
	return r.Stage + " / " + r.Group
}

// ColumnName is column c's time range, "08:00-09:00".
func (g *Grid) ColumnName(c int) string {
	t := g.From + float64(c)*g.Step
	return figures.Clock(t) + "-" + figures.Clock(t+g.Step)
}

// ColumnStart is column c's start, "08:00".
func (g *Grid) ColumnStart(c int) string { return figures.Clock(g.From + float64(c)*g.Step) }

// newGrid builds the grid of model m; paths are the fields the scenario
// file sets (scenarios.Scenario.Paths), which tell a stage's own staff
// from a roster's.
func newGrid(m *sim.Model, paths []string) *Grid {
	g := &Grid{}
	has := map[string]bool{}
	for _, p := range paths {
		has[p] = true
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	step := int64(m.Interval)
	cover := func(from, to float64) {
		lo, hi = min(lo, from), max(hi, to)
		for _, t := range []float64{from, to} {
			if t != math.Trunc(t) {
				step = 0
			} else if step > 0 {
				step = gcd(step, int64(t))
			}
		}
	}
	for wd := range 7 {
		if w := m.Open[wd]; !w.Closed() {
			cover(w.From, w.To)
		}
		for _, st := range m.Stages {
			for _, gr := range st.Groups {
				for _, s := range gr.Staff[wd] {
					cover(s.From, s.To)
				}
			}
		}
		for _, p := range m.Pools {
			for _, s := range p.Staff[wd] {
				cover(s.From, s.To)
			}
		}
	}
	if float64(step) != m.Interval && step > 0 {
		// Boundaries inside intervals: the columns follow them, down to
		// 5 minutes.
		step = max(step, 5)
	}
	switch {
	case lo >= hi:
		g.Why = "the scenario is open on no day and has no staff"
		return g
	case step == 0 || !aligned(m, float64(step)):
		g.Why = "the staff schedules change at times that are not whole multiples of 5 minutes; edit the file"
		return g
	}
	g.From, g.Step = lo, float64(step)
	g.Cols = int(math.Round((hi - lo) / g.Step))
	if g.Cols > MaxColumns {
		g.Why = fmt.Sprintf("the grid would have %d columns (at most %d)", g.Cols, MaxColumns)
		return g
	}
	for si, st := range m.Stages {
		for gi, gr := range st.Groups {
			row := Row{Stage: st.Name, stage: si, group: gi}
			switch {
			case len(st.Groups) == 1 && has["stages."+st.Name+".staff"]:
			case has["stages."+st.Name+".groups."+gr.Name+".staff"]:
				row.Group = gr.Name
			default:
				row.Group = gr.Name
				row.Why = "its staff comes from the roster file; edit the roster"
			}
			for _, days := range dayGroups(m, gr.Staff) {
				r := row
				r.Days, r.DaysText = days, daysText(days)
				first := firstDay(days)
				for c := range g.Cols {
					r.Values = append(r.Values, int(valueAt(gr.Staff[first], g.From+float64(c)*g.Step)))
				}
				g.Rows = append(g.Rows, r)
			}
		}
	}
	g.poolRows(m)
	return g
}

// poolRows adds a row per staff pool and set of weekdays, with the
// pool's headcount, which cannot be edited here yet: a variant would
// have to write the pool's staff, and the staffing help and the rota
// would have to size it. The grid's Note names the stages the pools
// serve, so that a scenario staffed only by pools does not show an empty
// grid without a word.
func (g *Grid) poolRows(m *sim.Model) {
	var notes []string
	for pi, p := range m.Pools {
		var served []string
		for _, ps := range p.Serves {
			served = append(served, m.Stages[ps.Stage].Name)
		}
		why := fmt.Sprintf("the staff of pool %s (serving %s) cannot be edited here yet; change pools: %s in the file", p.Name, strings.Join(served, ", "), p.Name)
		for _, days := range dayGroups(m, p.Staff) {
			r := Row{Pool: p.Name, Days: days, DaysText: daysText(days), Why: why, stage: -1, group: pi}
			first := firstDay(days)
			for c := range g.Cols {
				r.Values = append(r.Values, int(valueAt(p.Staff[first], g.From+float64(c)*g.Step)))
			}
			g.Rows = append(g.Rows, r)
		}
		notes = append(notes, fmt.Sprintf("%s served by pool %s", strings.Join(served, " and "), p.Name))
	}
	if len(notes) > 0 {
		g.Note = strings.Join(notes, "; ") + ": a pool's row shows its headcount, which cannot be edited here yet (change pools: in the file); the staffing help and the rota change only the stages' own staff"
	}
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// aligned reports whether every staff segment of m starts and ends on a
// multiple of step with a whole headcount.
func aligned(m *sim.Model, step float64) bool {
	ok := func(week [7][]sim.Segment) bool {
		for _, day := range week {
			for _, s := range day {
				if math.Mod(s.From, step) != 0 || math.Mod(s.To, step) != 0 || s.Value != math.Trunc(s.Value) {
					return false
				}
			}
		}
		return true
	}
	for _, st := range m.Stages {
		for _, gr := range st.Groups {
			if !ok(gr.Staff) {
				return false
			}
		}
	}
	for _, p := range m.Pools {
		if !ok(p.Staff) {
			return false
		}
	}
	return true
}

// weekOrder lists the weekdays Monday first, as planners read a week.
var weekOrder = []int{1, 2, 3, 4, 5, 6, 0}

var dayNames = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// dayGroups splits the week into sets of days with the same schedule,
// leaving out closed days without staff.
func dayGroups(m *sim.Model, staff [7][]sim.Segment) []uint8 {
	var out []uint8
	var segs [][]sim.Segment
	for _, wd := range weekOrder {
		if m.Open[wd].Closed() && len(staff[wd]) == 0 {
			continue
		}
		i := slices.IndexFunc(segs, func(s []sim.Segment) bool { return slices.Equal(s, staff[wd]) })
		if i < 0 {
			out, segs = append(out, 0), append(segs, staff[wd])
			i = len(out) - 1
		}
		out[i] |= 1 << wd
	}
	return out
}

func firstDay(days uint8) int {
	for _, wd := range weekOrder {
		if days&(1<<wd) != 0 {
			return wd
		}
	}
	return 0
}

// daysText names a set of weekdays as a scenario file's key: runs of
// consecutive days (Monday first) joined by commas, "mon-fri" or
// "mon,wed,sat-sun".
func daysText(days uint8) string {
	var parts []string
	for i := 0; i < 7; {
		if days&(1<<weekOrder[i]) == 0 {
			i++
			continue
		}
		j := i
		for j+1 < 7 && days&(1<<weekOrder[j+1]) != 0 {
			j++
		}
		switch {
		case j == i:
			parts = append(parts, dayNames[weekOrder[i]])
		default:
			parts = append(parts, dayNames[weekOrder[i]]+"-"+dayNames[weekOrder[j]])
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}

// valueAt is the value of segs at time of day t (0 where none covers it).
func valueAt(segs []sim.Segment, t float64) float64 {
	for _, s := range segs {
		if t >= s.From && t < s.To {
			return s.Value
		}
	}
	return 0
}

// schedule writes the values of rows (one staff schedule's rows, on days)
// as a scenario file's staff: value. openDays is the set of open
// weekdays: a single row for exactly them needs no weekday key.
func (g *Grid) schedule(rows []Row, values [][]int, openDays uint8) string {
	ranges := func(vals []int) string {
		var parts []string
		for c := 0; c < len(vals); {
			d := c
			for d+1 < len(vals) && vals[d+1] == vals[c] {
				d++
			}
			if vals[c] != 0 {
				parts = append(parts, figures.Clock(g.From+float64(c)*g.Step)+"-"+figures.Clock(g.From+float64(d+1)*g.Step)+": "+strconv.Itoa(vals[c]))
			}
			c = d + 1
		}
		if len(parts) == 0 {
			return "0"
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	if len(rows) == 1 && rows[0].Days == openDays {
		return ranges(values[0])
	}
	var parts []string
	for i, r := range rows {
		parts = append(parts, r.DaysText+": "+ranges(values[i]))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}
