package rota

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// perturb is the largest amount by which relaxation loosens a row.
const perturb = 1e-6

// fallbackName is Plan.Solver for the in-process solver.
const fallbackName = "fallback (gonum simplex + rounding)"

// lpRow is one constraint of the LP relaxation over column indexes.
type lpRow struct {
	cols  []int
	coef  []float64 // nil: all 1
	sense int       // +1: ≥ (surplus), -1: ≤ (slack)
	rhs   float64
}

// lpRows are the LP relaxation's constraints: coverage, the patterns'
// minimums and maximums, the headcount and the part-time share.
func (m *model) lpRows() []lpRow {
	var rows []lpRow
	byPattern := make([][]int, len(m.patterns))
	byRow := make([][]int, len(m.req))
	for j, c := range m.cols {
		byPattern[c.pattern] = append(byPattern[c.pattern], j)
		for _, r := range c.rows {
			byRow[r] = append(byRow[r], j)
		}
	}
	for i, r := range m.req {
		if r > 0 {
			rows = append(rows, lpRow{cols: byRow[i], sense: +1, rhs: float64(r)})
		}
	}
	for k, pat := range m.patterns {
		if pat.Min > 0 {
			rows = append(rows, lpRow{cols: byPattern[k], sense: +1, rhs: float64(pat.Min)})
		}
		if pat.Max > 0 {
			rows = append(rows, lpRow{cols: byPattern[k], sense: -1, rhs: float64(pat.Max)})
		}
	}
	all := make([]int, len(m.cols))
	for j := range all {
		all[j] = j
	}
	if m.headcnt > 0 {
		rows = append(rows, lpRow{cols: all, sense: -1, rhs: float64(m.headcnt)})
	}
	if m.ptLimit && m.ptShare < 1 {
		coef := make([]float64, len(all))
		for j := range all {
			coef[j] = m.ptCoef(j)
		}
		rows = append(rows, lpRow{cols: all, coef: coef, sense: -1, rhs: 0})
	}
	return rows
}

// relaxation solves the LP relaxation with gonum's simplex and returns its
// optimum and the column values. The program is put in the standard form
// lp.Simplex takes (A x = b, x ≥ 0) by hand, one slack or surplus per row,
// rather than through lp.Convert, which leaves the variables free.
// Columns that meet no row are left out (lp.Simplex rejects zero
// columns); they are 0 in any optimum since every cost is positive.
func (m *model) relaxation(ctx context.Context) (float64, []float64, error) {
	rows := m.lpRows()
	x := make([]float64, len(m.cols))
	if len(rows) == 0 {
		return 0, x, nil
	}
	// Map the columns that meet a row to LP variables 0..nv-1.
	used := make([]int, len(m.cols))
	for j := range used {
		used[j] = -1
	}
	var vars []int
	for _, r := range rows {
		for n, j := range r.cols {
			if used[j] < 0 && (r.coef == nil || r.coef[n] != 0) {
				used[j] = len(vars)
				vars = append(vars, j)
			}
		}
	}
	c, A, b := m.standardForm(rows, vars, used)
	if err := ctx.Err(); err != nil {
		return 0, nil, err
	}
	opt, sx, err := lp.Simplex(c, A, b, 1e-10, nil)
	if err != nil {
		if errors.Is(err, lp.ErrInfeasible) {
			return 0, nil, errInfeasible
		}
		return 0, nil, fmt.Errorf("gonum simplex on the LP relaxation: %w", err)
	}
	for v, j := range vars {
		x[j] = math.Max(0, sx[v])
	}
	return opt, x, nil
}

// standardForm is the relaxation as min c·x, A x = b, x ≥ 0 over the
// variables vars (used maps a column to its variable, or -1) and one
// slack or surplus per row.
func (m *model) standardForm(rows []lpRow, vars, used []int) (c []float64, A *mat.Dense, b []float64) {
	nv := len(vars)
	A = mat.NewDense(len(rows), nv+len(rows), nil)
	b = make([]float64, len(rows))
	c = make([]float64, nv+len(rows))
	for v, j := range vars {
		c[v] = m.cols[j].cost
	}
	for i, r := range rows {
		for n, j := range r.cols {
			a := 1.0
			if r.coef != nil {
				a = r.coef[n]
			}
			if used[j] >= 0 {
				A.Set(i, used[j], a)
			}
		}
		A.Set(i, nv+i, -float64(r.sense))
		// Relax each row by a tiny distinct amount (lower a ≥ row's
		// bound, raise a ≤ row's): the covering LP is highly degenerate
		// and gonum's simplex can stall on ties, and a relaxed program's
		// optimum is still a valid lower bound.
		b[i] = r.rhs - float64(r.sense)*perturb*float64(1+(i*7919)%len(rows))/float64(len(rows))
	}
	return c, A, b
}

// solveFallback solves the relaxation, then for several rounding
// thresholds rounds it, repairs what rounding broke and improves the
// result by local search, and keeps the cheapest rota.
func solveFallback(ctx context.Context, m *model) (*solution, error) {
	bound, x, err := m.relaxation(ctx)
	if err != nil {
		return nil, err
	}
	var best []int
	bestCost := math.Inf(1)
	for _, t := range []float64{1, 0.75, 0.5, 0.25, 1e-9} {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		s := m.newSearch()
		for j, v := range x {
			n := int(math.Floor(v + 1e-9))
			if v-float64(n) >= t {
				n++
			}
			s.add(j, n)
		}
		if !s.repair() {
			continue
		}
		s.improve()
		// Rounding up can pass a maximum or the headcount, which repair
		// (it only adds) cannot undo; such a candidate is dropped. The
		// floor of the LP optimum never passes them.
		if m.verify(s.x) == nil && s.cost < bestCost-1e-9 {
			best, bestCost = append([]int(nil), s.x...), s.cost
		}
	}
	if best == nil {
		return nil, errors.New("the fallback solver found no rota within the limits (rounding the LP relaxation and repairing it failed); with CBC installed (Debian package coinor-cbc) the exact solver runs")
	}
	return &solution{x: best, lpBound: bound, solver: fallbackName}, nil
}

// search is a rota under local search: counts, coverage and the side
// constraints' sums kept up to date.
type search struct {
	m     *model
	x     []int
	cov   []int
	per   []int
	total int
	pt    int
	cost  float64
	mark  []int // scratch: rows of a column, by generation
	gen   int
}

func (m *model) newSearch() *search {
	return &search{m: m, x: make([]int, len(m.cols)), cov: make([]int, len(m.req)),
		per: make([]int, len(m.patterns)), mark: make([]int, len(m.req))}
}

func (s *search) add(j, n int) {
	if n == 0 {
		return
	}
	c := &s.m.cols[j]
	s.x[j] += n
	for _, r := range c.rows {
		s.cov[r] += n
	}
	s.per[c.pattern] += n
	s.total += n
	if c.partTime {
		s.pt += n
	}
	s.cost += float64(n) * c.cost
}

// canAdd reports whether one more on column j keeps the maximums, the
// headcount and the part-time share.
func (s *search) canAdd(j int) bool {
	c := &s.m.cols[j]
	if mx := s.m.patterns[c.pattern].Max; mx > 0 && s.per[c.pattern] >= mx {
		return false
	}
	if s.m.headcnt > 0 && s.total >= s.m.headcnt {
		return false
	}
	if c.partTime && s.m.ptLimit && float64(s.pt+1) > s.m.ptShare*float64(s.total+1)+1e-9 {
		return false
	}
	return true
}

// canRemove reports whether one fewer on column j keeps the coverage, the
// minimums and the part-time share.
func (s *search) canRemove(j int) bool {
	c := &s.m.cols[j]
	if s.x[j] == 0 || s.per[c.pattern] <= s.m.patterns[c.pattern].Min {
		return false
	}
	if !c.partTime && s.m.ptLimit && float64(s.pt) > s.m.ptShare*float64(s.total-1)+1e-9 {
		return false
	}
	for _, r := range c.rows {
		if s.cov[r]-1 < s.m.req[r] {
			return false
		}
	}
	return true
}

// gain is how much one more on column j reduces the deficit.
func (s *search) gain(j int) int {
	g := 0
	for _, r := range s.m.cols[j].rows {
		if s.cov[r] < s.m.req[r] {
			g++
		}
	}
	return g
}

// repair makes the rota feasible by adding staff greedily: the patterns'
// minimums, then the part-time share, then every interval's deficit, each
// time on the column that covers the most uncovered intervals per unit of
// cost (Chvátal's greedy rule for set covering). It reports false when it
// cannot.
func (s *search) repair() bool {
	m := s.m
	pick := func(ok func(j int) bool) int {
		best, bestScore := -1, -1.0
		for j := range m.cols {
			if !ok(j) || !s.canAdd(j) {
				continue
			}
			score := (float64(s.gain(j)) + 1e-6) / m.cols[j].cost
			if score > bestScore {
				best, bestScore = j, score
			}
		}
		return best
	}
	for k, pat := range m.patterns {
		for s.per[k] < pat.Min {
			j := pick(func(j int) bool { return m.cols[j].pattern == k })
			if j < 0 {
				return false
			}
			s.add(j, 1)
		}
	}
	if m.ptLimit {
		for float64(s.pt) > m.ptShare*float64(s.total)+1e-9 {
			j := pick(func(j int) bool { return !m.cols[j].partTime })
			if j < 0 {
				return false
			}
			s.add(j, 1)
		}
	}
	for {
		short := false
		for i, r := range m.req {
			if s.cov[i] < r {
				short = true
				break
			}
		}
		if !short {
			return true
		}
		j := pick(func(j int) bool { return s.gain(j) > 0 })
		if j < 0 {
			return false
		}
		s.add(j, 1)
	}
}

// improve drops staff who are not needed, most expensive first, and swaps
// one person to a cheaper shift while coverage holds, until neither move
// helps.
func (s *search) improve() {
	m := s.m
	order := make([]int, len(m.cols))
	for j := range order {
		order[j] = j
	}
	sort.SliceStable(order, func(a, b int) bool { return m.cols[order[a]].cost > m.cols[order[b]].cost })
	for pass := 0; pass < 1000; pass++ {
		changed := false
		for _, j := range order {
			for s.canRemove(j) {
				s.add(j, -1)
				changed = true
			}
		}
		for _, j := range order {
			if s.x[j] == 0 {
				continue
			}
			if k := s.swap(j); k >= 0 {
				s.add(j, -1)
				s.add(k, 1)
				changed = true
			}
		}
		if !changed {
			return
		}
	}
}

// swap finds a column k, cheaper than j, that can take one person from j
// without leaving an interval short or breaking a limit; -1 if none. It
// takes the cheapest such k.
func (s *search) swap(j int) int {
	m := s.m
	cj := &m.cols[j]
	best, bestCost := -1, cj.cost-1e-9
	for k := range m.cols {
		ck := &m.cols[k]
		if ck.cost >= bestCost || k == j {
			continue
		}
		if ck.pattern != cj.pattern {
			if s.per[cj.pattern] <= m.patterns[cj.pattern].Min {
				continue
			}
			if mx := m.patterns[ck.pattern].Max; mx > 0 && s.per[ck.pattern] >= mx {
				continue
			}
		}
		if m.ptLimit && ck.partTime && !cj.partTime && float64(s.pt+1) > m.ptShare*float64(s.total)+1e-9 {
			continue
		}
		s.gen++
		for _, r := range ck.rows {
			s.mark[r] = s.gen
		}
		ok := true
		for _, r := range cj.rows {
			if s.mark[r] != s.gen && s.cov[r]-1 < m.req[r] {
				ok = false
				break
			}
		}
		if ok {
			best, bestCost = k, ck.cost
		}
	}
	return best
}
