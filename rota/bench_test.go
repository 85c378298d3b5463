package rota

import (
	"context"
	"testing"
)

// BenchmarkSolve solves the 12-hour, 15-minute, 526-shift day (see
// realistic) and a 2980-shift random day with three breaks per 8 h shift
// with each solver; the acceptance target for the first is under 30 s on
// 2 cores. It reports the gap to the LP bound alongside the time.
func BenchmarkSolve(b *testing.B) {
	for _, size := range []struct {
		name string
		p    *Problem
	}{{"526 shifts", realistic()}, {"2980 shifts", randomProblem(30, true)}} {
		for _, k := range solvers {
			benchSolve(b, size.name, size.p, k)
		}
	}
}

func benchSolve(b *testing.B, name string, p *Problem, k SolverKind) {
	b.Run(name+"/"+k.String(), func(b *testing.B) {
		if k == CBC {
			needCBC(b)
		}
		var pl *Plan
		for b.Loop() {
			var err error
			pl, err = Solve(context.Background(), p, Options{Solver: k})
			if err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(100*pl.Gap, "gap%")
	})
}
