package staffing

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/sim"
)

// IntervalStaff is a headcount per varied stage and interval of the day.
type IntervalStaff [][]int

func (s IntervalStaff) key() string { return fmt.Sprint([][]int(s)) }

func (s IntervalStaff) clone() IntervalStaff {
	out := make(IntervalStaff, len(s))
	for i := range s {
		out[i] = slices.Clone(s[i])
	}
	return out
}

// Failure is a per-stage target failing in one interval.
type Failure struct {
	Stage, Interval, Target int // indexes into Vary, the day's intervals, Targets
	Estimate                sim.Estimate
}

func (f Failure) spot() string { return fmt.Sprint(f.Stage, f.Interval, f.Target) }

// IntervalResult is what ByInterval found.
type IntervalResult struct {
	// Staff is the headcount found per varied stage and interval, or,
	// when the search stopped short (Stopped), the highest tried.
	Staff       IntervalStaff
	Results     *sim.Results // of Staff
	Model       *sim.Model   // the model staffed with Staff
	Evaluations int
	// Stopped says why the search stopped without meeting the targets
	// it can reach; "" when it met them.
	Stopped string
	// Cut says why taking people away stopped early.
	Cut string
	// Fails and Whole are the per-interval failures staffing can reach
	// and the whole-run targets (indexes into Targets) failing at Staff.
	Fails []Failure
	Whole []int
	// Unstaffed are the per-interval failures at Staff in intervals where
	// the stage has no staff in the scenario (a call-back after closing):
	// no headcount per interval can reach them, so the search leaves them
	// out and they do not count against meeting the targets, as in Rota.
	// LeftOut names them, "booking 18:00-19:00", and Notes says why, one
	// line per target and cause.
	Unstaffed []Failure
	LeftOut   []string
	Notes     []string
	// Unmet says what fails at Staff and why, worst first; "" when every
	// target holds in every interval staffing can reach.
	Unmet string
	// Capped says where the Erlang requirement is above
	// Options.MaxStaff, so that the search started lower than Erlang
	// asks; "" when it is not.
	Capped string
}

// UnstaffedNote says that target t fails in the intervals where, outside
// the staffed hours, and why: the note Rota and ByInterval give for the
// failures no staffing can reach.
func UnstaffedNote(t Target, where []string, why string) string {
	return fmt.Sprintf("%s fails in %s, outside the staffed hours: %s", t.Text, strings.Join(joinRanges(where), ", "), why)
}

// joinRanges joins intervals written "HH:MM-HH:MM" that follow one
// another into one: 00:00-00:30, 00:30-01:00 is 00:00-01:00.
func joinRanges(ivs []string) []string {
	var out []string
	for _, iv := range ivs {
		from, to, ok := strings.Cut(iv, "-")
		if n := len(out); ok && n > 0 {
			if head, end, _ := strings.Cut(out[n-1], "-"); end == from {
				out[n-1] = head + "-" + to
				continue
			}
		}
		out = append(out, iv)
	}
	return out
}

// PerInterval reports whether t is checked in every interval of a varied
// stage: the wait and service-level KPIs intervals report.
func (p *Problem) PerInterval(t Target) bool { return p.perInterval(t) >= 0 }

// perInterval is the varied stage whose intervals t is checked in, or -1.
func (p *Problem) perInterval(t Target) int {
	return slices.IndexFunc(p.Vary, func(v int) bool {
		return t.KPI == p.Model.Stages[v].Name+".service_level" || t.KPI == p.Model.Stages[v].Name+".wait.mean"
	})
}

// intervalFailures lists the per-stage targets failing in an interval with
// arrivals, worst first within each target, and the whole-run targets
// that fail. A per-stage target whose whole-run KPI is not known (no
// customer reached it) fails over the whole run: an interval without a
// value is skipped, so it could otherwise hold everywhere.
func (p *Problem) intervalFailures(r *sim.Results) (fails []Failure, whole []int) {
	for ti, t := range p.Targets {
		si := p.perInterval(t)
		if si < 0 || !known(r.KPI(t.KPI)) {
			if !t.Met(r.KPI(t.KPI)) {
				whole = append(whole, ti)
			}
			continue
		}
		fails = append(fails, p.stageFailures(r, p.Model.Stages[p.Vary[si]].Name, si, ti)...)
	}
	return fails, whole
}

// stageFailures lists the intervals with arrivals at the stage named name
// where target ti (a wait or service-level target of that stage) fails,
// as failures of the unit (varied stage, or what the caller counts) at
// index unit.
func (p *Problem) stageFailures(r *sim.Results, name string, unit, ti int) []Failure {
	t := p.Targets[ti]
	var fails []Failure
	for _, row := range r.Intervals {
		if row.Stage != name || !(row.Arrivals.Mean > 0) {
			continue
		}
		e, u := row.Wait, sim.Minutes
		if strings.HasSuffix(t.KPI, ".service_level") {
			e, u = row.ServiceLevel, sim.Share
		}
		if math.IsNaN(e.Mean) {
			continue // nobody served in this interval
		}
		if k := (sim.KPI{Unit: u, Estimate: e}); !t.Met(&k) {
			fails = append(fails, Failure{unit, int(row.From / p.Model.Interval), ti, e})
		}
	}
	return fails
}

// withIntervalStaff returns a copy of the model staffed by n.
func (p *Problem) withIntervalStaff(n IntervalStaff) *sim.Model {
	m := p.Model
	c := *m
	c.Stages = slices.Clone(m.Stages)
	for i, si := range p.Vary {
		s := c.Stages[si]
		s.Groups = slices.Clone(s.Groups)
		orig := m.Stages[si].Groups[0]
		g := orig
		for wd := range 7 {
			var segs []sim.Segment
			for k, v := range n[i] {
				from, to := float64(k)*m.Interval, float64(k+1)*m.Interval
				if v > 0 && staffedAt(&orig, wd, (from+to)/2) {
					segs = append(segs, sim.Segment{From: from, To: to, Value: float64(v)})
				}
			}
			g.Staff[wd] = segs
		}
		s.Groups[0] = g
		c.Stages[si] = s
	}
	return &c
}

// describeIntervals is the range of headcounts of each varied stage over
// the intervals it is staffed in.
func (p *Problem) describeIntervals(n IntervalStaff) string {
	var parts []string
	for i, si := range p.Vary {
		lo, hi := math.MaxInt, 0
		for _, v := range n[i] {
			if v > 0 {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
		name := p.Model.Stages[si].Name
		switch {
		case hi == 0:
			parts = append(parts, fmt.Sprintf("%s none", name))
		case lo == hi:
			parts = append(parts, fmt.Sprintf("%s %d in every interval", name, lo))
		default:
			parts = append(parts, fmt.Sprintf("%s %d-%d by interval", name, lo, hi))
		}
	}
	return strings.Join(parts, ", ")
}

// FailureText is a failing interval in words: "agents.service_level >=
// 80% not met in 20:00-20:30: 41 ± 9.8 %".
func (p *Problem) FailureText(r *sim.Results, f Failure) string {
	t := p.Targets[f.Target]
	return t.NotMet(f.Estimate, r.KPI(t.KPI).Unit, "in "+p.IntervalName(f.Interval))
}

// summarise is a staffing's failures in one line for the search log.
func (p *Problem) summarise(r *sim.Results, fails []Failure, whole []int) string {
	if len(fails) == 0 && len(whole) == 0 {
		return "meets every target in every interval staff can change"
	}
	var parts []string
	for ti, t := range p.Targets {
		var worst *Failure
		count := 0
		for i, f := range fails {
			if f.Target == ti {
				count++
				if worst == nil || t.Shortfall(&sim.KPI{Estimate: f.Estimate}) > t.Shortfall(&sim.KPI{Estimate: worst.Estimate}) {
					worst = &fails[i]
				}
			}
		}
		if worst != nil {
			parts = append(parts, fmt.Sprintf("%s (%d of the intervals fail)", p.FailureText(r, *worst), count))
		}
		if slices.Contains(whole, ti) {
			k := r.KPI(t.KPI)
			parts = append(parts, t.NotMet(k.Estimate, k.Unit, ""))
		}
	}
	return strings.Join(parts, "; ")
}

// ByInterval finds the cheapest staffing of p per varied stage and
// interval of the day — the requirement table for a rota — such that the
// wait and service-level targets of a varied stage hold in every
// interval with arrivals and every other target over the whole run. It
// starts from the Erlang requirement of each staffed interval, adds a
// person wherever a target fails, then takes people away interval by
// interval while every target still holds. It never simulates more than
// MaxStaff in an interval. Failures in intervals where the scenario has
// no staff cannot be reached by staffing: they are left out of the search
// and do not make it fail; the result names them (Unstaffed, LeftOut) and
// says why (Notes).
func ByInterval(ctx context.Context, p *Problem, o Options) (*IntervalResult, error) {
	if err := searchable(p.Model); err != nil {
		return nil, err
	}
	s := &intervalSearch{search: newSearch(ctx, p, o), closed: map[string]string{}}
	defer s.stop()
	n := make(IntervalStaff, len(p.Vary))
	res := &IntervalResult{}
	peak, where := make([]int, len(p.Vary)), make([]string, len(p.Vary))
	for i, si := range p.Vary {
		n[i] = make([]int, p.Intervals())
		for j := range n[i] {
			if p.Staffed(i, j) {
				n[i][j] = min(max(1, p.Req[i][j]), s.o.MaxStaff)
				peak[i] = max(peak[i], p.Req[i][j])
			}
		}
		where[i] = "at " + p.Model.Stages[si].Name
	}
	_, res.Capped = capped(peak, where, s.o.MaxStaff)
	last, lastR, err := s.raise(n, res)
	if err != nil {
		return nil, err
	}
	if res.Stopped == "" {
		if last, res.Cut, err = s.reduce(last, lastR); err != nil {
			return nil, err
		}
		lastR = s.evals[last.key()]
	}
	if lastR == nil {
		return nil, fmt.Errorf("no staffing simulated: %s", res.Stopped)
	}
	res.Staff, res.Results, res.Model, res.Evaluations = last, lastR, p.withIntervalStaff(last), s.done
	fails, whole := p.intervalFailures(lastR)
	for _, f := range fails {
		if s.isClosed(f) {
			res.Unstaffed = append(res.Unstaffed, f)
			continue
		}
		res.Fails = append(res.Fails, f)
	}
	res.Whole = whole
	res.LeftOut, res.Notes = s.leftOut(res)
	res.Unmet = s.unmet(res)
	return res, nil
}

// intervalSearch is a search per interval, with the failures staffing
// cannot reach.
type intervalSearch struct {
	*search
	// closed holds the failures staffing cannot reach: the stage has no
	// staff in that interval in the scenario, so the search cannot add
	// any there. Each maps to why.
	closed map[string]string
	stall  stallTracker
}

// isClosed reports whether staffing cannot reach f, noting why.
func (s *intervalSearch) isClosed(f Failure) bool {
	if _, ok := s.closed[f.spot()]; ok {
		return true
	}
	p := s.p
	if p.Staffed(f.Stage, f.Interval) {
		return false
	}
	name := p.Model.Stages[p.Vary[f.Stage]].Name
	why := fmt.Sprintf("customers reach %s then, when it has no staff, so no headcount can serve them in time", name)
	if causes := unservedCauses(p.Model, p.Vary[f.Stage], p.Unstaffed[f.Stage][f.Interval]); len(causes) > 0 {
		why += " (" + strings.Join(causes, "; ") + ")"
	}
	s.closed[f.spot()] = why
	return true
}

// open is fails less those staffing cannot reach.
func (s *intervalSearch) open(fails []Failure) []Failure {
	var out []Failure
	for _, f := range fails {
		if !s.isClosed(f) {
			out = append(out, f)
		}
	}
	return out
}

func (s *intervalSearch) evaluate(n IntervalStaff) (*sim.Results, error) {
	p := s.p
	return s.search.evaluate(n.key(), p.describeIntervals(n), p.withIntervalStaff(n), func(r *sim.Results) string {
		fails, whole := p.intervalFailures(r)
		live := s.open(fails)
		text := p.summarise(r, live, whole)
		if k := len(fails) - len(live); k > 0 {
			text += fmt.Sprintf("; %d failing interval(s) have no staff in the scenario", k)
		}
		return text
	})
}

// raise adds people where targets fail until every target staffing can
// reach holds, setting res.Stopped when it cannot get there. It returns
// the last staffing simulated and its results.
func (s *intervalSearch) raise(n IntervalStaff, res *IntervalResult) (last IntervalStaff, lastR *sim.Results, err error) {
	s.stall = stallTracker{}
	for res.Stopped == "" {
		r, err := s.evaluate(n)
		if ce, ok := overloaded(err); ok {
			if err := s.raiseOverloaded(n, ce); err != nil {
				return nil, nil, err
			}
			continue
		}
		if be, ok := errors.AsType[*budgetError](err); ok {
			if lastR == nil && len(s.full) > 0 {
				return nil, nil, s.overloadError(be.Error())
			}
			res.Stopped = be.Error()
			break
		}
		if err != nil {
			return nil, nil, err
		}
		last, lastR = n.clone(), r
		fails, whole := s.p.intervalFailures(r)
		live := s.open(fails)
		if len(live) == 0 && len(whole) == 0 {
			break
		}
		next := n.clone()
		res.Stopped = s.raiseFailing(r, n, next, live)
		if len(live) == 0 {
			res.Stopped = s.raiseWhole(r, n, next, whole)
		}
		if res.Stopped == "" {
			n = next
		}
	}
	return last, lastR, nil
}

// raiseOverloaded adds a person to n in every staffed interval below
// MaxStaff after n reached the bound on customers in the system (where
// the queue grows is not known), or returns why it cannot.
func (s *intervalSearch) raiseOverloaded(n IntervalStaff, ce *sim.CapacityError) error {
	if s.stall.same("overload", ce.At) {
		return s.overloadError(fmt.Sprintf("adding a person in every interval (%d times) %s", stallRaises, stuckAtBound))
	}
	raised := false
	for i := range n {
		for k, v := range n[i] {
			if v > 0 && v < s.o.MaxStaff {
				n[i][k]++
				raised = true
			}
		}
	}
	if !raised {
		return s.overloadError(fmt.Sprintf("--max-staff %d in every interval", s.o.MaxStaff))
	}
	return nil
}

// raiseFailing adds a person to next in every interval of live, or says
// why the search cannot.
func (s *intervalSearch) raiseFailing(r *sim.Results, n, next IntervalStaff, live []Failure) (stopped string) {
	p := s.p
	for _, f := range live {
		i, k := f.Stage, f.Interval
		switch {
		case n[i][k] >= s.o.MaxStaff:
			stopped = fmt.Sprintf("%s with --max-staff %d people there", p.FailureText(r, f), s.o.MaxStaff)
		case s.stall.same(f.spot(), f.Estimate.Mean):
			stopped = fmt.Sprintf("adding staff at %s in %s (%d to %d) no longer changes %s, so staffing cannot meet it", p.Model.Stages[p.Vary[i]].Name, p.IntervalName(k), n[i][k]-stallRaises, n[i][k], p.Targets[f.Target].KPI)
		default:
			next[i][k]++
		}
	}
	return stopped
}

// raiseWhole adds a person to next for a failing whole-run target, where
// the busiest stage is busiest, or says why the search cannot.
func (s *intervalSearch) raiseWhole(r *sim.Results, n, next IntervalStaff, whole []int) string {
	p := s.p
	bi, bk, bu := -1, -1, -1.0
	for i, si := range p.Vary {
		for _, row := range r.Intervals {
			k := int(row.From / p.Model.Interval)
			if row.Stage == p.Model.Stages[si].Name && n[i][k] > 0 && n[i][k] < s.o.MaxStaff && row.Utilisation.Mean > bu {
				bi, bk, bu = i, k, row.Utilisation.Mean
			}
		}
	}
	t := p.Targets[whole[0]]
	switch {
	case bi < 0:
		return fmt.Sprintf("%s is not met even with --max-staff %d in every interval", t.Text, s.o.MaxStaff)
	case s.stall.same(fmt.Sprint("whole", whole[0]), r.KPI(t.KPI).Mean):
		return fmt.Sprintf("adding staff no longer changes %s, so staffing cannot meet it", t.KPI)
	}
	next[bi][bk]++
	return ""
}

// reduce takes people away, interval by interval, while every target
// staffing can reach still holds (when only failures it cannot reach are
// left, the cheapest staffing for the rest is still worth showing).
// Taking people away must not make a failure staffing cannot reach appear
// where none was (fewer staff, more call-backs after closing).
func (s *intervalSearch) reduce(n IntervalStaff, top *sim.Results) (IntervalStaff, string, error) {
	p := s.p
	known := map[string]bool{}
	fails, _ := p.intervalFailures(top)
	for _, f := range fails {
		known[f.spot()] = true
	}
	ok := func(r *sim.Results) bool {
		fails, whole := p.intervalFailures(r)
		if len(s.open(fails)) > 0 || len(whole) > 0 {
			return false
		}
		for _, f := range fails {
			if !known[f.spot()] {
				return false
			}
		}
		return true
	}
	for improved := true; improved; {
		improved = false
		for i := range n {
			for k := range n[i] {
				if n[i][k] <= 1 {
					continue
				}
				m := n.clone()
				m[i][k]--
				r, err := s.evaluate(m)
				if be, isBudget := errors.AsType[*budgetError](err); isBudget {
					return n, fmt.Sprintf("stopped taking staff away: %v, so it may not be the cheapest", be), nil
				}
				if _, full := overloaded(err); full {
					continue // too few: the queues grow without end
				}
				if err != nil {
					return nil, "", err
				}
				if ok(r) {
					n, improved = m, true
				}
			}
		}
	}
	return n, "", nil
}

// leftOut names the intervals of res.Unstaffed, by stage, and says why
// each target fails there: one note per target and cause, with the
// estimate in each interval.
func (s *intervalSearch) leftOut(res *IntervalResult) (where, notes []string) {
	p := s.p
	type group struct {
		target int
		why    string
		where  []string
	}
	var groups []*group
	for _, f := range res.Unstaffed {
		at := p.Model.Stages[p.Vary[f.Stage]].Name + " " + p.IntervalName(f.Interval)
		if !slices.Contains(where, at) {
			where = append(where, at)
		}
		why := s.closed[f.spot()]
		i := slices.IndexFunc(groups, func(g *group) bool { return g.target == f.Target && g.why == why })
		if i < 0 {
			groups = append(groups, &group{target: f.Target, why: why})
			i = len(groups) - 1
		}
		u := res.Results.KPI(p.Targets[f.Target].KPI).Unit
		groups[i].where = append(groups[i].where, fmt.Sprintf("%s (%s)", p.IntervalName(f.Interval), figures.Estimate(f.Estimate, u)))
	}
	for _, g := range groups {
		notes = append(notes, UnstaffedNote(p.Targets[g.target], g.where, g.why))
	}
	return where, notes
}

// unmet says what fails at the staffing of res, worst first, and why: ""
// when every target holds in every interval staffing can reach.
func (s *intervalSearch) unmet(res *IntervalResult) string {
	if res.Stopped == "" && len(res.Fails) == 0 && len(res.Whole) == 0 {
		return ""
	}
	var parts []string
	if res.Capped != "" {
		parts = append(parts, res.Capped)
	}
	if res.Stopped != "" {
		parts = append(parts, res.Stopped)
	}
	if len(res.Fails) > 0 || len(res.Whole) > 0 {
		parts = append(parts, "at the staffing shown "+s.p.summarise(res.Results, res.Fails, res.Whole))
	}
	return "no staffing met every target in every interval staff can change: " + strings.Join(parts, "; ")
}
