package scenarios

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/rota"
	"github.com/svcsim/svcsim/sim"
	yaml "go.yaml.in/yaml/v4"
)

// Workforce is a scenario's workforce section: what turns a requirement
// per interval into a rota (see package rota and 'svcsim rota').
type Workforce struct {
	// Shrinkage is the share of paid time not on duty (breaks outside
	// the rota, training, absence), in [0, 0.9]: of n staff scheduled,
	// floor(n × (1 − Shrinkage)) are on duty. It applies to staff read
	// from the scenario's roster.
	Shrinkage float64
	// Occupancy is the occupancy cap, in (0, 1]: the requirement of an
	// interval is at least its offered load divided by it (1: no cap).
	Occupancy float64
	// Stages are the stages the rota staffs, in file order.
	Stages []WorkforceStage
}

// WorkforceStage is the shift patterns and limits of one stage, or of
// one pool (see Model.Pools): a pool's rota covers the combined load of
// the stages it serves.
type WorkforceStage struct {
	// Stage indexes Model.Stages, or is -1 when Pool indexes Model.Pools
	// (-1 for a stage); Name is the stage's or the pool's name.
	Stage, Pool int
	Name        string
	// Patterns are the shift patterns, times in minutes as in package
	// rota, and Days each pattern's weekdays (bit d is time.Weekday d).
	Patterns []rota.Pattern
	Days     []uint8
	// MaxHeadcount bounds the staff on one day's rota (0: no limit).
	MaxHeadcount int
	// PartTimeBelow and MaxPartTimeShare bound the share of staff on
	// shifts shorter than PartTimeBelow minutes (0: no limit).
	PartTimeBelow, MaxPartTimeShare float64
	// DaysOn, when positive, asks for the weekly step: how many staff,
	// each working DaysOn days a week (with their days off consecutive
	// when ConsecutiveOff), cover every day's rota (see rota.SolveWeek).
	DaysOn         int
	ConsecutiveOff bool

	// places are where the stage's fields stand in the file, by their
	// path below workforce.stages.NAME ("" for the stage itself).
	places map[string]Place
}

// Place is where a field stands in a scenario file.
type Place struct {
	File         string
	Line, Column int
}

// rotaFields maps the names package rota gives some fields to their
// paths in a scenario file.
var rotaFields = map[string]string{
	"part_time_below":     "part_time.below",
	"max_part_time_share": "part_time.max_share",
}

// At is where field stands in the file: a path below the stage's entry
// as package rota's FieldError names it ("max_headcount",
// "patterns[2].breaks[0].window"), or else the nearest field that holds
// it, at worst the stage's own entry; ok is false for a stage not read
// from a file.
func (ws *WorkforceStage) At(field string) (p Place, path string, ok bool) {
	if f, ok := rotaFields[field]; ok {
		field = f
	}
	for f := field; ; {
		if p, ok := ws.places[f]; ok {
			return p, field, true
		}
		i := strings.LastIndexAny(f, ".[")
		if f == "" {
			return Place{}, field, false
		}
		if i < 0 {
			i = 0
		}
		f = f[:i]
	}
}

// place records where n and everything below it stand, by path.
func (d *decoder) place(into map[string]Place, n *yaml.Node, path string) {
	into[path] = Place{File: d.fileOf(n), Line: n.Line, Column: n.Column}
	join := func(k string) string {
		if path == "" {
			return k
		}
		return path + "." + k
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			d.place(into, n.Content[i+1], join(n.Content[i].Value))
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			d.place(into, c, fmt.Sprintf("%s[%d]", path, i))
		}
	}
}

// Limits of the workforce section, checked before any solve.
const (
	// MaxShifts bounds the concrete shifts (starts × lengths × break
	// placements) of one stage's patterns: past it the integer program
	// is too large to solve in reasonable time.
	MaxShifts = 20000
	// maxCostPerHour bounds a pattern's cost per hour.
	maxCostPerHour = 1e9
	// maxShrinkage bounds the shrinkage: at 90% ten people are scheduled
	// for every one on duty, beyond any real plan.
	maxShrinkage = 0.9
)

var (
	workforceFields      = []string{"shrinkage", "occupancy", "stages"}
	workforceStageFields = []string{"patterns", "max_headcount", "part_time", "week"}
	patternFields        = []string{"name", "starts", "lengths", "breaks", "days", "cost_per_hour", "min", "max"}
	breakFields          = []string{"length", "window", "paid", "min_shift"}
)

// OnDuty is the staff on duty of a schedule of scheduled staff under
// shrinkage: floor(n × (1 − shrinkage)) in every stretch, stretches with
// nobody on duty left out.
func OnDuty(staff [7][]sim.Segment, shrinkage float64) (out [7][]sim.Segment) {
	if shrinkage == 0 {
		return staff
	}
	for wd, segs := range staff {
		for _, s := range segs {
			if v := math.Floor(s.Value*(1-shrinkage) + 1e-9); v > 0 {
				out[wd] = append(out[wd], sim.Segment{From: s.From, To: s.To, Value: v})
			}
		}
	}
	return out
}

// shrinkageOf reads workforce.shrinkage without reporting errors (the
// workforce section reports them): the roster needs it before the stages
// are read.
func shrinkageOf(n *yaml.Node) float64 {
	v := valueOf(n, "shrinkage")
	if v == nil || v.Kind != yaml.ScalarNode {
		return 0
	}
	x, err := parseNumber(strings.TrimSpace(v.Value))
	if err != nil || x < 0 || x > maxShrinkage {
		return 0
	}
	return x
}

// workforce reads the workforce section.
func (d *decoder) workforce(n *yaml.Node, m *sim.Model) *Workforce {
	f := d.fields(n, "workforce", workforceFields...)
	if f == nil {
		return nil
	}
	w := &Workforce{Occupancy: 1}
	if !(m.Interval > 0) {
		return w // the interval is reported; shifts cannot be placed on it
	}
	if v := f["shrinkage"]; v != nil {
		w.Shrinkage = d.numberIn(v, "workforce.shrinkage", 0, maxShrinkage)
	}
	if v := f["occupancy"]; v != nil {
		w.Occupancy = d.numberIn(v, "workforce.occupancy", 0.01, 1)
	}
	if f["stages"] == nil {
		d.errorf(n, "workforce.stages", "missing: give each rota stage's shift patterns, e.g. stages: {agents: {patterns: [...]}}")
		return w
	}
	for _, e := range d.entries(f["stages"], "workforce.stages") {
		name := e.key.Value
		path := "workforce.stages." + name
		si := slices.IndexFunc(m.Stages, func(s sim.Stage) bool { return s.Name == name })
		pi := slices.IndexFunc(m.Pools, func(p sim.Pool) bool { return p.Name == name })
		switch {
		case si < 0 && pi < 0:
			d.errorf(e.key, path, "no stage or pool named %q in the scenario; valid: %s", name, rotaNames(m))
			continue
		case si >= 0 && len(m.Stages[si].Groups) != 1:
			d.errorf(e.key, path, "stage %s has %d staff groups; a rota staffs a stage with one group", name, len(m.Stages[si].Groups))
			continue
		}
		if ws, ok := d.workforceStage(e.val, path, m, si, pi); ok {
			w.Stages = append(w.Stages, ws)
		}
	}
	return w
}

// rotaNames lists what workforce.stages may name: the stages with one
// staff group and the pools.
func rotaNames(m *sim.Model) string {
	var names []string
	for _, s := range m.Stages {
		if len(s.Groups) == 1 {
			names = append(names, "stage "+s.Name)
		}
	}
	for _, p := range m.Pools {
		names = append(names, "pool "+p.Name)
	}
	if len(names) == 0 {
		return "none (no stage has a single staff group and there are no pools)"
	}
	return strings.Join(names, ", ")
}

// Schedule is the staff schedule of the workforce stage or pool in m:
// when it is staffed, which the rota must cover.
func (ws *WorkforceStage) Schedule(m *sim.Model) [7][]sim.Segment {
	if ws.Pool >= 0 {
		return m.Pools[ws.Pool].Staff
	}
	return m.Stages[ws.Stage].Groups[0].Staff
}

// Kind is "pool" or "stage".
func (ws *WorkforceStage) Kind() string {
	if ws.Pool >= 0 {
		return "pool"
	}
	return "stage"
}

// workforceStage reads the patterns and limits of stage si, or of pool
// pi when si is -1.
func (d *decoder) workforceStage(n *yaml.Node, path string, m *sim.Model, si, pi int) (WorkforceStage, bool) {
	ws := WorkforceStage{Stage: si, Pool: -1, places: map[string]Place{}}
	d.place(ws.places, n, "")
	if si >= 0 {
		ws.Name = m.Stages[si].Name
	} else {
		ws.Pool, ws.Name = pi, m.Pools[pi].Name
	}
	f := d.fields(n, path, workforceStageFields...)
	if f == nil {
		return ws, false
	}
	before := len(d.errs)
	if v := f["max_headcount"]; v != nil {
		ws.MaxHeadcount = d.integer(v, path+".max_headcount", 0, 1000000)
	}
	if v := f["part_time"]; v != nil {
		pf := d.fields(v, path+".part_time", "below", "max_share")
		if pf["below"] == nil || pf["max_share"] == nil {
			d.errorf(v, path+".part_time", "give both below (a shift length) and max_share (a share), e.g. {below: 6h, max_share: 30%%}")
		} else {
			if ws.PartTimeBelow = d.positiveDuration(pf["below"], path+".part_time.below"); ws.PartTimeBelow > sim.MinutesPerDay {
				d.errorf(pf["below"], path+".part_time.below", "must be at most 24h, the longest shift (got %s); a longer one counts every shift as part-time", figures.Compact(ws.PartTimeBelow))
			}
			ws.MaxPartTimeShare = d.prob(pf["max_share"], path+".part_time.max_share")
		}
	}
	if v := f["week"]; v != nil {
		wf := d.fields(v, path+".week", "days_on", "consecutive_off")
		if wf["days_on"] == nil {
			d.errorf(v, path+".week.days_on", "missing: the days each person works a week, e.g. week: {days_on: 5, consecutive_off: yes}")
		} else {
			ws.DaysOn = d.integer(wf["days_on"], path+".week.days_on", 1, 7)
		}
		if c := wf["consecutive_off"]; c != nil {
			ws.ConsecutiveOff = d.boolean(c, path+".week.consecutive_off")
		}
	}
	items := d.list(f["patterns"], path+".patterns")
	if len(items) == 0 {
		d.errorf(n, path+".patterns", "missing: give at least one shift pattern")
		return ws, false
	}
	d.names(items, path+".patterns")
	shifts, sumMin := 0, 0
	for i, item := range items {
		pp := fmt.Sprintf("%s.patterns[%d]", path, i)
		pt, days, count := d.pattern(item, pp, m.Interval)
		ws.Patterns = append(ws.Patterns, pt)
		ws.Days = append(ws.Days, days)
		shifts += count
		sumMin += pt.Min
	}
	if shifts > MaxShifts {
		d.errorf(f["patterns"], path+".patterns", "the patterns make %d concrete shifts (starts × lengths × break placements); at most %d can be solved, so use a coarser start step or narrower break windows", shifts, MaxShifts)
	}
	if ws.MaxHeadcount > 0 && sumMin > ws.MaxHeadcount {
		d.errorf(f["max_headcount"], path+".max_headcount", "must be at least the patterns' minimums, which add up to %d (got %d)", sumMin, ws.MaxHeadcount)
	}
	if len(d.errs) > before {
		return ws, false
	}
	d.coverable(f["patterns"], path+".patterns", m, &ws)
	return ws, len(d.errs) == before
}

// pattern reads one shift pattern; count is its number of concrete
// shifts, capped past MaxShifts.
func (d *decoder) pattern(n *yaml.Node, path string, grid float64) (pt rota.Pattern, days uint8, count int) {
	f := d.fields(n, path, patternFields...)
	if f == nil {
		return pt, 0, 0
	}
	pt.Name = d.name(f["name"], n, path)
	if pt.Name != "" {
		path = path[:strings.LastIndex(path, "[")] + "." + pt.Name
	}
	for _, k := range []string{"starts", "lengths", "cost_per_hour"} {
		if f[k] == nil {
			d.errorf(n, path+"."+k, "missing: a pattern needs starts, lengths and cost_per_hour")
		}
	}
	days = 0x7f
	if v := f["days"]; v != nil {
		days, _ = parseAny(d, v, path+".days", parseDays)
	}
	if v := f["cost_per_hour"]; v != nil {
		if c := d.positive(v, path+".cost_per_hour"); c > maxCostPerHour {
			d.errorf(v, path+".cost_per_hour", "must be at most %g (got %g); check the unit", maxCostPerHour, c)
		} else {
			pt.CostPerHour = c
		}
	}
	if v := f["min"]; v != nil {
		pt.Min = d.integer(v, path+".min", 0, 100000)
	}
	if v := f["max"]; v != nil {
		pt.Max = d.integer(v, path+".max", 0, 100000)
		if pt.Max > 0 && pt.Min > pt.Max {
			d.errorf(v, path+".max", "must be at least min %d, or 0 for no limit (got %d)", pt.Min, pt.Max)
		}
	}
	for _, v := range d.scalars(f["starts"], path+".starts") {
		pt.Starts = append(pt.Starts, d.starts(v, path+".starts", grid)...)
	}
	for _, v := range d.scalars(f["lengths"], path+".lengths") {
		if l := d.gridDuration(v, path+".lengths", grid); l > 0 {
			pt.Lengths = append(pt.Lengths, l)
		}
	}
	for _, k := range []string{"starts", "lengths"} {
		if v := deref(f[k]); v != nil && v.Kind == yaml.SequenceNode && len(v.Content) == 0 {
			d.errorf(v, path+"."+k, "must list at least one (got an empty list); valid: %s", map[string]string{"starts": "starts: 08:00 or starts: 07:00-12:00 every 30m", "lengths": "lengths: 8h or lengths: [4h, 8h]"}[k])
		}
	}
	before := len(d.errs)
	for i, b := range d.list(f["breaks"], path+".breaks") {
		pt.Breaks = append(pt.Breaks, d.shiftBreak(b, fmt.Sprintf("%s.breaks[%d]", path, i), grid))
	}
	if len(d.errs) == before {
		d.breaksFit(f["breaks"], path+".breaks", pt, grid)
	}
	d.midnight(f["lengths"], path, pt)
	return pt, days, shiftCount(pt, grid)
}

// midnight reports shifts that would run past midnight.
func (d *decoder) midnight(n *yaml.Node, path string, pt rota.Pattern) {
	for _, l := range pt.Lengths {
		for _, s := range pt.Starts {
			if s+l > sim.MinutesPerDay {
				d.errorf(n, path+".lengths", "a %s shift starting at %s runs past midnight; a rota covers one day (got starts up to %s)", figures.Compact(l), fmtClock(s), fmtClock(pt.Starts[len(pt.Starts)-1]))
				return
			}
		}
	}
}

// shiftCount bounds the number of concrete shifts of pt: starts × lengths
// × break positions, capped just past MaxShifts.
func shiftCount(pt rota.Pattern, grid float64) int {
	total := 0
	for _, l := range pt.Lengths {
		per := len(pt.Starts)
		for _, b := range pt.Breaks {
			if l < b.MinShift {
				continue
			}
			per *= max(1, int((math.Min(b.WindowTo, l)-b.WindowFrom-b.Length)/grid)+1)
			if per > MaxShifts {
				return MaxShifts + 1
			}
		}
		total += per
		if total > MaxShifts {
			return MaxShifts + 1
		}
	}
	return total
}

// scalars reads a single value or a list of them.
func (d *decoder) scalars(n *yaml.Node, path string) []*yaml.Node {
	n = deref(n)
	if n == nil {
		return nil
	}
	if n.Kind == yaml.SequenceNode {
		return d.list(n, path)
	}
	return []*yaml.Node{n}
}

// starts reads "07:00", or "07:00-12:00 every 30m" (both ends included).
func (d *decoder) starts(n *yaml.Node, path string, grid float64) []float64 {
	s, ok := d.scalar(n, path)
	if !ok {
		return nil
	}
	const valid = "valid: a time such as 07:30, or a range with a step such as 07:00-12:00 every 30m"
	rng, step, stepped := strings.Cut(s, " every ")
	if !stepped {
		t, err := parseClock(s)
		if err != nil || t >= sim.MinutesPerDay {
			d.errorf(n, path, "%q is not a start time; %s", s, valid)
			return nil
		}
		return d.onGrid(n, path, []float64{t}, grid)
	}
	w, err := parseRange(strings.TrimSpace(rng))
	st, err2 := parseDuration(strings.TrimSpace(step))
	switch {
	case err != nil:
		d.errorf(n, path, "%v; %s", err, valid)
		return nil
	case err2 != nil || !(st > 0):
		d.errorf(n, path, "the step %q is not a duration longer than 0; %s", strings.TrimSpace(step), valid)
		return nil
	case !onGrid(st, grid):
		d.errorf(n, path, "the step must be a multiple of the scenario's interval %s (got %s)", figures.Compact(grid), figures.Compact(st))
		return nil
	}
	return d.onGrid(n, path, rota.Every(w.From, w.To, st), grid)
}

// onGrid keeps the times on the interval grid, reporting the first that
// is not.
func (d *decoder) onGrid(n *yaml.Node, path string, ts []float64, grid float64) []float64 {
	for _, t := range ts {
		if !onGrid(t, grid) {
			d.errorf(n, path, "%s is not on the scenario's %s interval grid (intervals start at 00:00)", fmtClock(t), figures.Compact(grid))
			return nil
		}
	}
	return ts
}

// gridDuration reads a positive duration that is a whole number of
// intervals and at most a day.
func (d *decoder) gridDuration(n *yaml.Node, path string, grid float64) float64 {
	v := d.positiveDuration(n, path)
	switch {
	case v <= 0:
		return 0
	case v > sim.MinutesPerDay:
		d.errorf(n, path, "must be at most 24h (got %s)", figures.Compact(v))
		return 0
	case !onGrid(v, grid):
		d.errorf(n, path, "must be a whole number of the scenario's %s intervals (got %s)", figures.Compact(grid), figures.Compact(v))
		return 0
	}
	return v
}

// breaksFit reports each shift length of pt whose breaks cannot all be
// placed, in order and without overlap, on the grid inside the shift: a
// window past the shift's end, or breaks that add up to more than fits.
// Without it the pattern passes validation and fails only in the solver,
// far from the line at fault.
func (d *decoder) breaksFit(n *yaml.Node, path string, pt rota.Pattern, grid float64) {
	for _, l := range pt.Lengths {
		// Placing each break as early as its window and the break before
		// it allow leaves the most room for the rest, so this greedy
		// placement fits whenever any placement does.
		earliest := 0.0
		for i, b := range pt.Breaks {
			if l < b.MinShift {
				continue
			}
			from := math.Ceil(math.Max(b.WindowFrom, earliest)/grid-1e-9) * grid
			if from+b.Length > math.Min(b.WindowTo, l)+1e-9 {
				d.errorf(n, path, "no placement of the breaks fits a %s shift: breaks[%d] (%s in %s-%s) cannot start at or after %s and end by %s; valid: windows inside the shift with room for every break in order, or min_shift to leave the break out of shorter shifts",
					span(l), i, span(b.Length), span(b.WindowFrom), span(b.WindowTo), span(from), span(math.Min(b.WindowTo, l)))
				return
			}
			earliest = from + b.Length
		}
	}
}

// span writes a duration into the shift as figures.Compact does, and 0
// as 0h (Compact writes nothing for it).
func span(x float64) string {
	if x == 0 {
		return "0h"
	}
	return figures.Compact(x)
}

// shiftBreak reads a break: {length: 30m, window: 3h-5h, paid: no,
// min_shift: 6h}.
func (d *decoder) shiftBreak(n *yaml.Node, path string, grid float64) rota.Break {
	var b rota.Break
	f := d.fields(n, path, breakFields...)
	if f == nil {
		return b
	}
	if f["length"] == nil || f["window"] == nil {
		d.errorf(n, path, "give length and window, e.g. {length: 30m, window: 3h-5h}")
		return b
	}
	b.Length = d.gridDuration(f["length"], path+".length", grid)
	if s, ok := d.scalar(f["window"], path+".window"); ok {
		a, z, found := strings.Cut(s, "-")
		from, err1 := parseDuration(strings.TrimSpace(a))
		to, err2 := parseDuration(strings.TrimSpace(z))
		switch {
		case !found || err1 != nil || err2 != nil:
			d.errorf(f["window"], path+".window", "%q is not a window into the shift; valid: two durations after the shift's start, such as 3h-5h", s)
		case b.Length > 0 && to < from+b.Length:
			d.errorf(f["window"], path+".window", "must hold the %s break: its end must be at least its start plus the length (got %s)", figures.Compact(b.Length), s)
		case !onGrid(from, grid) || !onGrid(to, grid):
			// The solver places breaks on the grid only, so an end between
			// two intervals would silently narrow the window.
			d.errorf(f["window"], path+".window", "both ends must be whole numbers of the scenario's %s intervals after the shift's start (got %s)", figures.Compact(grid), s)
		case to > sim.MinutesPerDay:
			d.errorf(f["window"], path+".window", "must end within a day of the shift's start, at most 24h (got %s)", s)
		default:
			b.WindowFrom, b.WindowTo = from, to
		}
	}
	if v := f["paid"]; v != nil {
		b.Paid = d.boolean(v, path+".paid")
	}
	if v := f["min_shift"]; v != nil {
		if b.MinShift = d.duration(v, path+".min_shift"); b.MinShift > sim.MinutesPerDay {
			d.errorf(v, path+".min_shift", "must be at most 24h, the longest shift (got %s); a longer one leaves the break out of every shift", figures.Compact(b.MinShift))
			b.MinShift = 0
		}
	}
	return b
}

// Horizon is the part of weekday wd that the rota of the stage (or
// pool) in m covers: from the start of its first staffed interval to the
// end of its last one; ok is false on a day it is not staffed. A pattern
// contributes only its shifts inside the horizon (see rota.Inside).
func (ws *WorkforceStage) Horizon(m *sim.Model, wd int) (from, to float64, ok bool) {
	first, last := math.Inf(1), math.Inf(-1)
	for _, s := range ws.Schedule(m)[wd] {
		if s.Value > 0 {
			first, last = math.Min(first, s.From), math.Max(last, s.To)
		}
	}
	if first > last {
		return 0, 0, false
	}
	return math.Floor(first/m.Interval) * m.Interval, math.Ceil(last/m.Interval) * m.Interval, true
}

// coverable checks the patterns against the hours the stage (or pool) is
// staffed, day by day, as a rota sees them: only the shifts inside the
// day's horizon count. A pattern with no shift inside the horizon of a
// day it works is an error (the rota would refuse it); one with some
// shifts outside gets a note saying they are left out. Every weekday the
// stage is staffed must have a pattern, and every staffed interval must
// lie inside one of the shifts that count: otherwise no rota can staff
// it, whatever the requirement.
func (d *decoder) coverable(n *yaml.Node, path string, m *sim.Model, ws *WorkforceStage) {
	staff := ws.Schedule(m)
	var none, some []misfit
	add := func(list []misfit, f misfit, wd int) []misfit {
		for i := range list {
			if g := &list[i]; g.k == f.k && g.from == f.from && g.to == f.to && g.out == f.out {
				g.days |= 1 << wd
				return list
			}
		}
		f.days = 1 << wd
		return append(list, f)
	}
	for i := range 7 {
		wd := (i + 1) % 7 // Monday first
		from, to, staffed := ws.Horizon(m, wd)
		if !staffed {
			continue
		}
		var spans []sim.Window
		works, refused := false, false
		for k, pt := range ws.Patterns {
			if ws.Days[k]&(1<<wd) == 0 {
				continue
			}
			works = true
			out := 0
			for _, s := range pt.Starts {
				for _, l := range pt.Lengths {
					if !rota.Inside(s, l, from, to) {
						out++
						continue
					}
					spans = append(spans, sim.Window{From: s, To: s + l})
				}
			}
			f := misfit{k: k, from: from, to: to, out: out, all: len(pt.Starts) * len(pt.Lengths)}
			switch {
			case out == f.all:
				none, refused = add(none, f, wd), true
			case out > 0:
				some = add(some, f, wd)
			}
		}
		if refused {
			continue // the pattern's error says what to change first
		}
		for _, seg := range staff[wd] {
			if seg.Value <= 0 {
				continue
			}
			if !works {
				d.errorf(n, path, "%s %s is staffed on %s (%s) but no pattern works that day; add the day to a pattern's days", ws.Kind(), ws.Name, dayNames[wd], fmtRange(seg))
				break
			}
			if gap, ok := uncovered(seg, spans, m.Interval); ok {
				d.errorf(n, path, "%s %s is staffed on %s in %s but no pattern's shift works then; add starts or lengths that reach it (only shifts inside the staffed hours %s count)", ws.Kind(), ws.Name, dayNames[wd], fmtRange(gap), fmtRange(sim.Segment{From: from, To: to}))
			}
		}
	}
	d.misfits(n, path, ws, none, some)
}

// misfit is how a pattern fits the days with one horizon: out of all its
// start/length combinations, out lie outside the staffed hours.
type misfit struct {
	k        int
	from, to float64
	days     uint8
	out, all int
}

// misfits reports the patterns with no shift inside a day's horizon as
// errors at their days field, and those with some shifts outside as
// notes.
func (d *decoder) misfits(n *yaml.Node, path string, ws *WorkforceStage, none, some []misfit) {
	items := deref(n)
	for _, f := range none {
		pt := ws.Patterns[f.k]
		at, field := n, path+"."+pt.Name
		if items != nil && items.Kind == yaml.SequenceNode && f.k < len(items.Content) {
			at = items.Content[f.k]
			if v := valueOf(at, "days"); v != nil {
				at = v
			}
			field += ".days"
		}
		hours := fmtRange(sim.Segment{From: f.from, To: f.to})
		d.errorf(at, field, "the pattern has no shift inside the staffed hours %s on %s, so a rota cannot use it then (got starts %s, lengths %s); valid: days without %s, or a start and a length that fit in %s",
			hours, DaysText(f.days), startsText(pt.Starts), lengthsText(pt.Lengths), DaysText(f.days), hours)
	}
	for _, f := range some {
		pt := ws.Patterns[f.k]
		d.notes = append(d.notes, fmt.Sprintf("%s.%s: on %s, %d of its %d start/length combinations lie outside the staffed hours %s and are left out of the rota",
			path, pt.Name, DaysText(f.days), f.out, f.all, fmtRange(sim.Segment{From: f.from, To: f.to})))
	}
}

// startsText writes start times briefly: "08:00", "08:00, 09:00" or
// "08:00 to 10:45" (the earliest and the latest of more).
func startsText(ts []float64) string {
	switch len(ts) {
	case 0:
		return "none"
	case 1, 2:
		var out []string
		for _, t := range ts {
			out = append(out, fmtClock(t))
		}
		return strings.Join(out, ", ")
	}
	return fmtClock(slices.Min(ts)) + " to " + fmtClock(slices.Max(ts))
}

// lengthsText writes shift lengths: "8h30m" or "4h, 8h".
func lengthsText(ls []float64) string {
	var out []string
	for _, l := range ls {
		out = append(out, figures.Compact(l))
	}
	return strings.Join(out, ", ")
}

// uncovered returns the first run of intervals of seg that lies in none of
// spans.
func uncovered(seg sim.Segment, spans []sim.Window, grid float64) (sim.Segment, bool) {
	gap := sim.Segment{From: -1}
	for t := seg.From; t < seg.To-1e-9; t += grid {
		mid := math.Min(t+grid/2, (t+seg.To)/2)
		in := false
		for _, sp := range spans {
			if sp.From <= mid && mid < sp.To {
				in = true
				break
			}
		}
		switch {
		case !in && gap.From < 0:
			gap = sim.Segment{From: t, To: math.Min(t+grid, seg.To)}
		case !in:
			gap.To = math.Min(t+grid, seg.To)
		case gap.From >= 0:
			return gap, true
		}
	}
	return gap, gap.From >= 0
}

// onGrid reports whether x is a whole number of steps.
func onGrid(x, step float64) bool {
	q := x / step
	return math.Abs(q-math.Round(q)) < 1e-6
}
