package rota

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// Break is a break inside a shift. Its placement is not fixed by the
// planner: every start on the interval grid that keeps the whole break
// inside [WindowFrom, WindowTo] is a candidate, and the solver picks how many
// staff take each (see [Pattern]).
type Break struct {
	// Length is the break's length in minutes; a positive multiple of
	// Problem.Interval.
	Length float64
	// WindowFrom and WindowTo bound the break, in minutes after the
	// shift's start: the break starts no earlier than WindowFrom and
	// ends no later than WindowTo. "A 30-minute lunch 3–5 h into the
	// shift" is {Length: 30, WindowFrom: 180, WindowTo: 300}.
	WindowFrom, WindowTo float64
	// Paid breaks are paid at the pattern's CostPerHour; unpaid ones are
	// not. Either way nobody on a break covers an interval.
	Paid bool
	// MinShift makes the break apply only to shifts at least this many
	// minutes long (0: to every shift of the pattern), so one pattern can
	// hold 4 h shifts without a lunch and 8 h shifts with one.
	MinShift float64
}

// Pattern is a family of shifts a planner allows: every combination of
// one of Starts and one of Lengths, with each of its Breaks placed
// anywhere in its window. The solver decides how many staff work each
// concrete shift (a start, a length and one placement of every break);
// Min and Max bound the pattern's total.
type Pattern struct {
	// Name identifies the pattern in messages and in the plan.
	Name string
	// Starts are the allowed start times in minutes after midnight, on
	// the interval grid (see [Every]). Combinations outside the horizon
	// (see [Inside]) are left out, and the plan's Messages say how many.
	Starts []float64
	// Lengths are the allowed shift lengths in minutes (attendance,
	// breaks included), multiples of Problem.Interval.
	Lengths []float64
	// Breaks are taken in the order given and may not overlap.
	Breaks []Break
	// CostPerHour is what one person on this pattern costs per paid
	// hour (attendance less unpaid breaks); it must be positive.
	CostPerHour float64
	// Min and Max bound the number of staff on the pattern, summed over
	// all its starts, lengths and break placements. Max 0 means no limit.
	Min, Max int
}

// Problem is one day's shift-scheduling problem for one stage: a
// requirement per interval and the patterns that may cover it.
type Problem struct {
	// Stage names the stage in messages (e.g. "booking"); it may be
	// empty. Pool says it names a staff pool shared by several stages.
	Stage string
	Pool  bool
	// From is the start of the first interval in minutes after midnight.
	From float64
	// Interval is the length of every interval in minutes (15 for
	// quarter hours); it must be positive.
	Interval float64
	// Requirement is the number of staff needed in each interval:
	// Requirement[i] covers [From+i*Interval, From+(i+1)*Interval).
	// The horizon ends at From+len(Requirement)*Interval.
	Requirement []int
	// Patterns are the allowed shift patterns.
	Patterns []Pattern
	// MaxHeadcount bounds the total number of staff (0: no limit).
	MaxHeadcount int
	// MaxPartTimeShare bounds the share of staff on part-time shifts,
	// those shorter than PartTimeBelow minutes, in [0, 1]; it applies
	// only when PartTimeBelow is positive.
	MaxPartTimeShare float64
	// PartTimeBelow is the shift length in minutes under which a shift
	// counts as part-time (0: no part-time limit).
	PartTimeBelow float64
}

// Every returns the start times from, from+step, ... up to and including
// to, in minutes: Every(7*60, 12*60, 30) is every half hour from 07:00 to
// 12:00. It returns nil when step is not positive or to < from.
func Every(from, to, step float64) []float64 {
	if !(step > 0) || to < from {
		return nil
	}
	var s []float64
	for i := 0; ; i++ {
		t := from + float64(i)*step
		if t > to+1e-9 {
			return s
		}
		s = append(s, t)
	}
}

// end returns the end of the horizon in minutes after midnight.
func (p *Problem) end() float64 { return p.From + float64(len(p.Requirement))*p.Interval }

// FieldError is one problem with one field of a [Problem] or a [Week].
// Solve and SolveWeek return every problem they find, joined (errors.Join)
// and wrapped with the stage's name; a caller that reads the problem from
// a file walks the joined errors (errors.As, or Unwrap() []error) to put
// each field's file position in front of it.
type FieldError struct {
	// Field is the field's path in snake_case, as a scenario file would
	// spell it: "patterns[2].breaks[0].window", "max_headcount",
	// "requirement" (for intervals, named in Problem as HH:MM–HH:MM).
	Field string
	// Problem says what is wrong, with the value found and what would be
	// valid.
	Problem string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Problem }

// column is one concrete shift: a pattern, a start, a length and one
// placement of each break; the integer program has one variable per column.
type column struct {
	pattern  int
	start    float64
	length   float64
	breaks   []float64 // break starts, minutes after midnight
	cost     float64   // per person
	rows     []int     // intervals covered (working, not on break)
	partTime bool
}

// model is the expanded problem: columns and the side constraints.
type model struct {
	p        *Problem
	cols     []column
	skipped  []int // per pattern: start/length combinations outside the horizon
	req      []int
	headcnt  int
	ptShare  float64
	ptLimit  bool
	ptBelow  float64
	patterns []Pattern
	// span names rows i..j in messages: a clock range for a day's
	// intervals, weekday names for a week.
	span func(i, j int) string
	// reqField names the requirement in messages.
	reqField string
}

// onGrid reports whether x is a whole number of steps.
func onGrid(x, step float64) bool {
	q := x / step
	return math.Abs(q-math.Round(q)) < 1e-6
}

// expand validates p and builds its columns. It reports every problem it
// finds, joined.
func expand(p *Problem) (*model, error) {
	var errs []error
	bad := func(field, format string, a ...any) {
		errs = append(errs, &FieldError{Field: field, Problem: fmt.Sprintf(format, a...)})
	}
	if !(p.Interval > 0) {
		bad("interval", "must be positive (got %s)", dur(p.Interval))
		return nil, wrapStage(p, errors.Join(errs...))
	}
	p.checkLimits(bad)
	m := &model{p: p, req: p.Requirement, headcnt: p.MaxHeadcount,
		ptShare: p.MaxPartTimeShare, ptLimit: p.PartTimeBelow > 0, ptBelow: p.PartTimeBelow, patterns: p.Patterns, span: p.span, reqField: "requirement",
		skipped: make([]int, len(p.Patterns))}
	names := map[string]int{}
	for k, pt := range p.Patterns {
		f := fmt.Sprintf("patterns[%d]", k)
		if pt.Name == "" {
			bad(f+".name", "must not be empty")
		} else if j, dup := names[pt.Name]; dup {
			bad(f+".name", "%q is already the name of patterns[%d]", pt.Name, j)
		} else {
			names[pt.Name] = k
		}
		if p.checkPattern(f, pt, bad) {
			m.expandPattern(k, f, bad)
		}
	}
	if len(errs) > 0 {
		return nil, wrapStage(p, errors.Join(errs...))
	}
	return m, nil
}

// checkLimits checks the requirement and the problem-wide limits.
func (p *Problem) checkLimits(bad func(field, format string, a ...any)) {
	if len(p.Requirement) == 0 {
		bad("requirement", "must have at least one interval (got none)")
	}
	if math.IsNaN(p.From) || math.IsInf(p.From, 0) {
		bad("from", "must be a time of day (got %v)", p.From)
	}
	for i, r := range p.Requirement {
		if r < 0 {
			bad(fmt.Sprintf("requirement[%d]", i), "interval %s must need >= 0 staff (got %d)", p.span(i, i), r)
		}
	}
	if len(p.Patterns) == 0 {
		bad("patterns", "must list at least one pattern (got none)")
	}
	if p.MaxHeadcount < 0 {
		bad("max_headcount", "must be >= 0, 0 for no limit (got %d)", p.MaxHeadcount)
	}
	if p.PartTimeBelow < 0 {
		bad("part_time_below", "must be >= 0, 0 for no part-time limit (got %s)", dur(p.PartTimeBelow))
	}
	if p.PartTimeBelow > 0 && !(p.MaxPartTimeShare >= 0 && p.MaxPartTimeShare <= 1) {
		bad("max_part_time_share", "must be in [0, 1] (got %v)", p.MaxPartTimeShare)
	}
}

// checkPattern checks pattern pt (field f) and reports whether its
// starts, lengths and breaks are sound enough to expand.
func (p *Problem) checkPattern(f string, pt Pattern, bad func(field, format string, a ...any)) bool {
	if !(pt.CostPerHour > 0) {
		bad(f+".cost_per_hour", "must be positive (got %v)", pt.CostPerHour)
	}
	if pt.Min < 0 {
		bad(f+".min", "must be >= 0 (got %d)", pt.Min)
	}
	if pt.Max < 0 {
		bad(f+".max", "must be >= 0, 0 for no limit (got %d)", pt.Max)
	}
	if pt.Max > 0 && pt.Min > pt.Max {
		bad(f+".min", "must be <= max %d (got %d)", pt.Max, pt.Min)
	}
	if len(pt.Starts) == 0 {
		bad(f+".starts", "must list at least one start time (got none)")
	}
	if len(pt.Lengths) == 0 {
		bad(f+".lengths", "must list at least one length (got none)")
	}
	ok := true
	for i, s := range pt.Starts {
		if !onGrid(s-p.From, p.Interval) || math.IsNaN(s) {
			bad(fmt.Sprintf("%s.starts[%d]", f, i), "must be on the %s grid from %s (got %s)", dur(p.Interval), clock(p.From), clock(s))
			ok = false
		}
	}
	for i, l := range pt.Lengths {
		if !(l > 0) || !onGrid(l, p.Interval) {
			bad(fmt.Sprintf("%s.lengths[%d]", f, i), "must be a positive multiple of the interval %s (got %s)", dur(p.Interval), dur(l))
			ok = false
		}
	}
	for i, b := range pt.Breaks {
		ok = p.checkBreak(fmt.Sprintf("%s.breaks[%d]", f, i), b, bad) && ok
	}
	return ok
}

// checkBreak checks break b (field bf).
func (p *Problem) checkBreak(bf string, b Break, bad func(field, format string, a ...any)) bool {
	ok := true
	if !(b.Length > 0) || !onGrid(b.Length, p.Interval) {
		bad(bf+".length", "must be a positive multiple of the interval %s (got %s)", dur(p.Interval), dur(b.Length))
		ok = false
	}
	if b.WindowFrom < 0 || !(b.WindowTo >= b.WindowFrom+b.Length) {
		bad(bf+".window", "must hold the %s break: from >= 0 and to >= from + length (got %s–%s)", dur(b.Length), dur(b.WindowFrom), dur(b.WindowTo))
		ok = false
	}
	if b.MinShift < 0 {
		bad(bf+".min_shift", "must be >= 0 (got %s)", dur(b.MinShift))
		ok = false
	}
	return ok
}

// expandPattern adds the columns of pattern k (field f): one per start,
// length and placement of its breaks inside the horizon.
func (m *model) expandPattern(k int, f string, bad func(field, format string, a ...any)) {
	p, pt := m.p, m.p.Patterns[k]
	end := p.end()
	n := 0
	for _, l := range pt.Lengths {
		var brks []Break
		for _, b := range pt.Breaks {
			if l >= b.MinShift {
				brks = append(brks, b)
			}
		}
		placements := place(brks, l, p.Interval)
		if len(placements) == 0 {
			bad(f+".breaks", "no placement of the breaks fits a %s shift on the %s grid", dur(l), dur(p.Interval))
			continue
		}
		for _, s := range pt.Starts {
			if !Inside(s, l, p.From, end) {
				m.skipped[k]++
				continue
			}
			for _, pl := range placements {
				m.cols = append(m.cols, m.newColumn(k, s, l, brks, pl))
				n++
			}
		}
	}
	if n == 0 && len(pt.Starts) > 0 && len(pt.Lengths) > 0 {
		bad(f, "%q has no shift inside the horizon %s–%s (starts %s, lengths %s)", pt.Name, clock(p.From), clock(end), clocks(pt.Starts), durs(pt.Lengths))
	}
}

// Inside reports whether a shift starting at start and lasting length
// minutes lies inside the horizon from–to (minutes after midnight). A
// rota is made of such shifts only: a pattern's start/length
// combinations that are not inside are left out (the plan's Messages say
// how many), and a pattern with none inside is an error.
func Inside(start, length, from, to float64) bool {
	return start >= from-1e-9 && start+length <= to+1e-9
}

// place enumerates the placements of breaks (offsets after the shift's
// start) on the grid, in order and without overlap, inside a shift of
// length l.
func place(brks []Break, l, step float64) [][]float64 {
	var out [][]float64
	cur := make([]float64, len(brks))
	var rec func(k int, earliest float64)
	rec = func(k int, earliest float64) {
		if k == len(brks) {
			out = append(out, append([]float64(nil), cur...))
			return
		}
		b := brks[k]
		lo := math.Max(b.WindowFrom, earliest)
		lo = math.Ceil(lo/step-1e-9) * step
		hi := math.Min(b.WindowTo, l) - b.Length
		for o := lo; o <= hi+1e-9; o += step {
			cur[k] = o
			rec(k+1, o+b.Length)
		}
	}
	rec(0, 0)
	return out
}

func (m *model) newColumn(k int, s, l float64, brks []Break, offs []float64) column {
	p := m.p
	pt := p.Patterns[k]
	c := column{pattern: k, start: s, length: l}
	onBreak := map[int]bool{}
	paid := l
	for i, b := range brks {
		c.breaks = append(c.breaks, s+offs[i])
		if !b.Paid {
			paid -= b.Length
		}
		first := int(math.Round((s + offs[i] - p.From) / p.Interval))
		for j := 0; j < int(math.Round(b.Length/p.Interval)); j++ {
			onBreak[first+j] = true
		}
	}
	first := int(math.Round((s - p.From) / p.Interval))
	for j := 0; j < int(math.Round(l/p.Interval)); j++ {
		if !onBreak[first+j] {
			c.rows = append(c.rows, first+j)
		}
	}
	c.cost = pt.CostPerHour * paid / 60
	c.partTime = m.ptLimit && l < p.PartTimeBelow
	return c
}

// span formats intervals i..j as a clock range, "07:00–07:30".
func (p *Problem) span(i, j int) string {
	return clock(p.From+float64(i)*p.Interval) + "–" + clock(p.From+float64(j+1)*p.Interval)
}

func wrapStage(p *Problem, err error) error {
	if err == nil {
		return nil
	}
	if p.Stage == "" {
		return fmt.Errorf("rota: %w", err)
	}
	return &StageError{Stage: p.Stage, Pool: p.Pool, Err: err}
}

// StageError is a problem of one stage's (or pool's) rota, so that a
// scenario reader can place the Err's *FieldError at the stage's field
// in its file.
type StageError struct {
	Stage string
	Pool  bool
	Week  bool // the weekly step's problem
	Err   error
}

func (e *StageError) Error() string {
	kind, week := "stage", ""
	if e.Pool {
		kind = "pool"
	}
	if e.Week {
		week = "week: "
	}
	return fmt.Sprintf("rota: %s %q: %s%v", kind, e.Stage, week, e.Err)
}

func (e *StageError) Unwrap() error { return e.Err }

// clock formats minutes after midnight as HH:MM (hours past 24 for
// shifts that run past midnight).
func clock(m float64) string {
	if math.IsNaN(m) || math.IsInf(m, 0) {
		return fmt.Sprint(m)
	}
	t := int(math.Round(m))
	sign := ""
	if t < 0 {
		sign, t = "-", -t
	}
	return fmt.Sprintf("%s%02d:%02d", sign, t/60, t%60)
}

// dur formats minutes as 15m, 4h, 1h30m.
func dur(m float64) string {
	if math.IsNaN(m) || math.IsInf(m, 0) {
		return fmt.Sprint(m)
	}
	if m != math.Round(m) {
		return fmt.Sprintf("%gm", m)
	}
	t := int(m)
	sign := ""
	if t < 0 {
		sign, t = "-", -t
	}
	switch {
	case t == 0:
		return "0m"
	case t%60 == 0:
		return fmt.Sprintf("%s%dh", sign, t/60)
	case t < 60:
		return fmt.Sprintf("%s%dm", sign, t)
	}
	return fmt.Sprintf("%s%dh%02dm", sign, t/60, t%60)
}

func clocks(xs []float64) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = clock(x)
	}
	return strings.Join(s, ", ")
}

func durs(xs []float64) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = dur(x)
	}
	return strings.Join(s, ", ")
}
