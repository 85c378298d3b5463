package rota

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// writeLP writes the integer program in CPLEX LP format, the format CBC
// (and PuLP, CPLEX, Gurobi, HiGHS) reads: variable x<j> is the number of
// staff on column j.
//
//	minimize  Σ cost_j x_j
//	cov_i:    Σ_{j works i} x_j ≥ req_i      every interval with req_i > 0
//	min_k:    Σ_{j in k} x_j ≥ Min_k         patterns with a minimum
//	max_k:    Σ_{j in k} x_j ≤ Max_k         patterns with a maximum
//	head:     Σ x_j ≤ MaxHeadcount
//	part:     Σ_{part-time} (1-s) x_j − Σ_{full-time} s x_j ≤ 0
//	x_j ≥ 0 integer
func (m *model) writeLP(w io.Writer) error {
	bw := bufio.NewWriter(w)
	num := func(v float64) string { return strconv.FormatFloat(v, 'g', 15, 64) }
	// terms writes "+ a x1 + b x2 ..." a few to a line: CBC's reader has a
	// line-length limit.
	terms := func(idx []int, coef func(j int) float64) {
		for n, j := range idx {
			c := coef(j)
			sign := "+"
			if c < 0 {
				sign, c = "-", -c
			}
			fmt.Fprintf(bw, " %s %s x%d", sign, num(c), j)
			if n%8 == 7 {
				bw.WriteString("\n")
			}
		}
	}
	all := make([]int, len(m.cols))
	for j := range all {
		all[j] = j
	}
	one := func(int) float64 { return 1 }
	bw.WriteString("\\ rota: set covering with break placements\nMinimize\n obj:")
	terms(all, func(j int) float64 { return m.cols[j].cost })
	bw.WriteString("\nSubject To\n")
	byRow := make([][]int, len(m.req))
	byPattern := make([][]int, len(m.patterns))
	for j, c := range m.cols {
		for _, r := range c.rows {
			byRow[r] = append(byRow[r], j)
		}
		byPattern[c.pattern] = append(byPattern[c.pattern], j)
	}
	for i, r := range m.req {
		if r == 0 {
			continue
		}
		fmt.Fprintf(bw, " cov%d:", i)
		terms(byRow[i], one)
		fmt.Fprintf(bw, " >= %d\n", r)
	}
	for k, pat := range m.patterns {
		if pat.Min > 0 {
			fmt.Fprintf(bw, " min%d:", k)
			terms(byPattern[k], one)
			fmt.Fprintf(bw, " >= %d\n", pat.Min)
		}
		if pat.Max > 0 {
			fmt.Fprintf(bw, " max%d:", k)
			terms(byPattern[k], one)
			fmt.Fprintf(bw, " <= %d\n", pat.Max)
		}
	}
	if m.headcnt > 0 {
		bw.WriteString(" head:")
		terms(all, one)
		fmt.Fprintf(bw, " <= %d\n", m.headcnt)
	}
	if m.ptLimit && m.ptShare < 1 {
		bw.WriteString(" part:")
		terms(all, func(j int) float64 { return m.ptCoef(j) })
		bw.WriteString(" <= 0\n")
	}
	bw.WriteString("General\n")
	for j := range m.cols {
		fmt.Fprintf(bw, " x%d", j)
		if j%16 == 15 {
			bw.WriteString("\n")
		}
	}
	bw.WriteString("\nEnd\n")
	return bw.Flush()
}

// ptCoef is column j's coefficient in the part-time share row.
func (m *model) ptCoef(j int) float64 {
	if m.cols[j].partTime {
		return 1 - m.ptShare
	}
	return -m.ptShare
}

// cbcGrace is how long past its time limit cbc may run before it is
// killed.
var cbcGrace = 10 * time.Second

// The lines of cbc's log read for its objective and version (compiled on
// first use).
var (
	reContinuous = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`Continuous objective value is\s+(\S+)`) })
	reVersion    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`Version:\s*(\S+)`) })
)

// solveCBC writes the model to a temporary directory, runs cbc on it with
// the time limit (and relative gap, when set) and reads its solution file.
// Errors say what went wrong in words a planner can act on; errInfeasible
// means CBC proved the program infeasible.
func solveCBC(ctx context.Context, m *model, opt Options, limit time.Duration) (*solution, error) {
	bin := opt.CBCPath
	if bin == "" {
		bin = "cbc"
	}
	path, err := exec.LookPath(bin)
	if err != nil {
		return nil, fmt.Errorf("cbc not found (%s is not on PATH)", bin)
	}
	dir, err := os.MkdirTemp("", "rota-cbc-")
	if err != nil {
		return nil, fmt.Errorf("cbc: %w", err)
	}
	defer os.RemoveAll(dir)
	lpFile := filepath.Join(dir, "model.lp")
	solFile := filepath.Join(dir, "solution.txt")
	if err := m.writeLPFile(lpFile); err != nil {
		return nil, err
	}
	log, version, err := runCBC(ctx, path, dir, lpFile, solFile, limit, opt.RatioGap)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(solFile)
	if err != nil {
		return nil, fmt.Errorf("%s wrote no solution: %s", version, lastLines(log, 3))
	}
	sol, err := parseCBCSolution(data, len(m.cols))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", version, err)
	}
	sol.solver = version
	if err := m.cbcBound(ctx, sol, log); err != nil {
		return nil, fmt.Errorf("%s: the LP bound: %w", version, err)
	}
	switch {
	case opt.RatioGap > 0 && sol.optimal:
		// CBC calls a rota within the allowed gap optimal; it is not
		// proved so.
		sol.optimal = false
		sol.msgs = append(sol.msgs, fmt.Sprintf("%s stopped within %.2g%% of its own best bound, as asked; its search raises that bound above the LP bound, so the gap to the LP bound can be larger", version, 100*opt.RatioGap))
	case !sol.optimal:
		sol.msgs = append(sol.msgs, fmt.Sprintf("%s stopped at its time limit of %v with the best rota it had found; a longer limit may lower the cost", version, limit))
	}
	return sol, nil
}

// writeLPFile writes the model as an LP file at path.
func (m *model) writeLPFile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("cbc: %w", err)
	}
	if err := m.writeLP(f); err != nil {
		f.Close()
		return fmt.Errorf("cbc: writing the model: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("cbc: writing the model: %w", err)
	}
	return nil
}

// runCBC runs cbc on lpFile, writing solFile, and returns its log and
// version ("cbc 2.10.8"). CBC stops itself at -sec; the context's
// deadline, a little later, catches a CBC that does not, and ctx's
// cancellation kills it at once.
func runCBC(ctx context.Context, path, dir, lpFile, solFile string, limit time.Duration, ratioGap float64) (log, version string, err error) {
	sec := math.Max(1, math.Ceil(limit.Seconds()))
	rctx, cancel := context.WithTimeout(ctx, limit+cbcGrace)
	defer cancel()
	args := []string{lpFile, "-sec", strconv.FormatFloat(sec, 'f', 0, 64), "-timeMode", "elapsed", "-threads", "1"}
	if ratioGap > 0 {
		args = append(args, "-ratioGap", strconv.FormatFloat(ratioGap, 'g', -1, 64))
	}
	cmd := exec.CommandContext(rctx, path, append(args, "-solve", "-solution", solFile)...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	runErr := cmd.Run()
	if ctx.Err() != nil {
		return "", "", ctx.Err()
	}
	if rctx.Err() != nil {
		return "", "", fmt.Errorf("cbc did not finish within its time limit of %v", limit)
	}
	log = out.String()
	version = "cbc"
	if v := reVersion().FindStringSubmatch(log); v != nil {
		version = "cbc " + v[1]
	}
	if runErr != nil {
		return "", "", fmt.Errorf("%s failed: %v: %s", version, runErr, lastLines(log, 3))
	}
	return log, version, nil
}

// cbcBound sets sol's LP bound from CBC's log, or, when CBC's
// preprocessing settled the model before it printed the relaxation, by
// solving the relaxation here, so that the bound is always reported.
func (m *model) cbcBound(ctx context.Context, sol *solution, log string) error {
	if v := reContinuous().FindStringSubmatch(log); v != nil {
		if b, err := strconv.ParseFloat(v[1], 64); err == nil {
			sol.lpBound = b
		}
	}
	if sol.lpBound != 0 {
		return nil
	}
	b, _, err := m.relaxation(ctx)
	sol.lpBound = b
	return err
}

// parseCBCSolution reads CBC's solution file: a status line, then one line
// per nonzero variable, "index name value reduced-cost".
func parseCBCSolution(data []byte, n int) (*solution, error) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	if !sc.Scan() {
		return nil, errors.New("empty solution file")
	}
	status := strings.TrimSpace(sc.Text())
	sol := &solution{x: make([]int, n)}
	switch {
	case strings.HasPrefix(status, "Optimal"):
		sol.optimal = true
	case strings.HasPrefix(status, "Infeasible"), strings.HasPrefix(status, "Integer infeasible"):
		return nil, errInfeasible
	case strings.HasPrefix(status, "Stopped") && !strings.Contains(status, "no integer"):
		// a time limit reached with an integer solution in hand
	default:
		return nil, fmt.Errorf("no integer rota (%s)", status)
	}
	for sc.Scan() {
		f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(sc.Text()), "**"))
		if len(f) < 3 || !strings.HasPrefix(f[1], "x") {
			continue
		}
		j, err := strconv.Atoi(f[1][1:])
		if err != nil || j < 0 || j >= n {
			return nil, fmt.Errorf("solution names an unknown variable %q", f[1])
		}
		v, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			return nil, fmt.Errorf("solution: variable %s: %w", f[1], err)
		}
		if !almostInt(v, 1e-6) || v < -1e-6 {
			return nil, fmt.Errorf("solution: variable %s is not a whole number of staff (got %v)", f[1], v)
		}
		sol.x[j] = int(math.Round(v))
	}
	return sol, sc.Err()
}

// lastLines returns the last k non-empty lines of s, joined by "; ".
func lastLines(s string, k int) string {
	var ls []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			ls = append(ls, l)
		}
	}
	if len(ls) > k {
		ls = ls[len(ls)-k:]
	}
	return strings.Join(ls, "; ")
}
