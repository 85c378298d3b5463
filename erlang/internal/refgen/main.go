// Command refgen writes erlang/testdata/reference.json, the analytical
// values that package erlang's tests check against. It is an independent
// implementation: 256-bit math/big arithmetic, stationary distributions
// summed directly (no Erlang B recursion), and for Erlang A the
// birth-death chain and uniformization instead of the Mandelbaum–Zeltyn
// closed forms. From the erlang directory:
//
//	go run ./internal/refgen > testdata/reference.json
//
// or `go test ./internal/refgen -update`. With the argument wait-score it
// writes sim/testdata/wait_score.json instead (waitscore.go). The test in
// this directory checks that both files are what the command writes.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
)

func main() {
	gen := generate
	switch {
	case len(os.Args) == 2 && os.Args[1] == "wait-score":
		gen = waitScores
	case len(os.Args) > 1:
		fmt.Fprintln(os.Stderr, "usage: refgen [wait-score]")
		os.Exit(2)
	}
	b, err := gen()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	w := bufio.NewWriter(os.Stdout)
	w.Write(b)
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "refgen:", err)
		os.Exit(1)
	}
}

type erlangB struct {
	C int     `json:"c"`
	A float64 `json:"a"`
	B float64 `json:"b"`
}

type mmcRecord struct {
	Lambda       float64            `json:"lambda"`
	Mu           float64            `json:"mu"`
	C            int                `json:"c"`
	T            float64            `json:"t"`
	ErlangB      float64            `json:"erlang_b"`
	PWait        float64            `json:"p_wait"`
	Wq           float64            `json:"wq"`
	Lq           float64            `json:"lq"`
	PWaitGT      float64            `json:"p_wait_gt_t"`
	ServiceLevel float64            `json:"service_level"`
	Quantiles    map[string]float64 `json:"quantiles"`
}

type erlangARecord struct {
	Lambda       float64      `json:"lambda"`
	Mu           float64      `json:"mu"`
	C            int          `json:"c"`
	Theta        float64      `json:"theta"`
	PWait        float64      `json:"p_wait"`
	PAbandon     float64      `json:"p_abandon"`
	Wq           float64      `json:"wq"`
	WaitServed   float64      `json:"wait_served"`
	Lq           float64      `json:"lq"`
	ServiceLevel [][2]float64 `json:"service_level"`
	ErlangC      *mmcRecord   `json:"erlang_c,omitempty"`
}

type mg1Record struct {
	Lambda float64 `json:"lambda"`
	Mean   float64 `json:"mean"`
	SCV    float64 `json:"scv"`
	Wq     float64 `json:"wq"`
}

type station struct {
	Mu     float64 `json:"mu"`
	C      int     `json:"c"`
	Visits float64 `json:"visits"`
}

type tandemRecord struct {
	Lambda   float64   `json:"lambda"`
	Stations []station `json:"stations"`
	Sojourn  float64   `json:"sojourn"`
	Per      []float64 `json:"per"`
}

type staffRecord struct {
	Model  string   `json:"model"`
	Lambda float64  `json:"lambda"`
	Mu     float64  `json:"mu"`
	Theta  float64  `json:"theta,omitempty"`
	T      *float64 `json:"t,omitempty"` // nil for a wait target
	SL     float64  `json:"sl,omitempty"`
	Wq     float64  `json:"wq,omitempty"`
	C      int      `json:"c"`
}

type reference struct {
	ErlangB []erlangB       `json:"erlang_b"`
	ErlangC []mmcRecord     `json:"erlang_c"`
	ErlangA []erlangARecord `json:"erlang_a"`
	MG1     []mg1Record     `json:"mg1"`
	Tandem  []tandemRecord  `json:"tandem"`
	Staff   []staffRecord   `json:"staff"`
}

// generate computes every section and returns the file's contents.
func generate() ([]byte, error) {
	var out reference
	out.ErlangB = erlangBSection()
	out.ErlangC = erlangCSection()
	var err error
	if out.ErlangA, err = erlangASection(); err != nil {
		return nil, err
	}
	out.MG1 = mg1Section()
	out.Tandem = tandemSection()
	if out.Staff, err = staffing(); err != nil {
		return nil, err
	}
	b, err := json.MarshalIndent(out, "", " ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// erlangBSection computes Erlang B as (a^c/c!) / sum_{k<=c} a^k/k!, up to c = 1000.
func erlangBSection() (out []erlangB) {
	for _, p := range []struct {
		c int
		a float64
	}{{1, 0.5}, {5, 3}, {10, 9}, {50, 40}, {100, 95}, {500, 475}, {1000, 500}, {1000, 950}, {1000, 1000}, {1000, 1100}} {
		term, sum := num(1), num(1)
		a := num(p.a)
		for k := 1; k <= p.c; k++ {
			term = quo(mul(term, a), integer(k))
			sum = add(sum, term)
		}
		out = append(out, erlangB{C: p.c, A: p.a, B: f64(quo(term, sum))})
	}
	return out
}

// erlangCSection computes Erlang C for c x rho with mu = 0.5 (mean service 2) and t = 1 (half a
// service time), and rho = 0.99 for c = 1000.
func erlangCSection() (out []mmcRecord) {
	for _, c := range []int{1, 2, 5, 10, 20, 50, 100, 500, 1000} {
		rhos := []float64{0.5, 0.8, 0.95}
		if c == 1000 {
			rhos = append(rhos, 0.99)
		}
		for _, rho := range rhos {
			const mu = 0.5
			out = append(out, mmcRecordOf(rho*float64(c)*mu, mu, c, 1))
		}
	}
	return out
}

// erlangASection computes Erlang A for (lambda, mu, c, theta) and service-level thresholds.
func erlangASection() (out []erlangARecord, err error) {
	for _, p := range []struct {
		lam, mu float64
		c       int
		theta   float64
		ts      []float64
	}{
		{9, 1, 10, 0.5, []float64{0, 0.5, 2}},
		{4, 0.25, 18, 1.0 / 3, []float64{0, 1.0 / 3, 1}},
		{2, 1, 3, 0.1, []float64{0, 1, 5}},
		{45, 1, 50, 2, []float64{0, 0.1}},
		{475, 1, 500, 0.05, []float64{0, 0.05, 0.5}},
		{9, 1, 10, 1e-6, []float64{0, 0.5}},      // tiny theta: close to Erlang C
		{12, 1, 10, 1, []float64{0, 0.2, 1}},     // rho = 1.2
		{1.2, 1, 1, 0.2, []float64{0, 1, 10}},    // rho = 1.2, one server
		{120, 1, 100, 0.2, []float64{0, 0.1, 1}}, // rho = 1.2, many servers
		{52, 1, 50, 0.1, []float64{0, 0.1}},
	} {
		q := newPalm(p.lam, p.mu, p.theta, p.c)
		if err := q.checkAbandon(); err != nil {
			return nil, err
		}
		rec := erlangARecord{
			Lambda: p.lam, Mu: p.mu, C: p.c, Theta: p.theta,
			PWait: f64(q.pWait()), PAbandon: f64(q.pAbandon()),
			Wq: f64(quo(q.lq(), q.lam)), WaitServed: f64(q.waitServed()), Lq: f64(q.lq()),
		}
		for _, t := range p.ts {
			rec.ServiceLevel = append(rec.ServiceLevel, [2]float64{t, f64(q.serviceLevel(t))})
		}
		if p.lam < float64(p.c)*p.mu {
			r := mmcRecordOf(p.lam, p.mu, p.c, p.ts[len(p.ts)-1])
			rec.ErlangC = &r
		}
		out = append(out, rec)
	}
	return out, nil
}

// mg1Section computes Pollaczek–Khinchine: Wq = lambda E[S^2] / (2 (1 - rho)), E[S^2] =
// (1 + scv) mean^2, in exact rational arithmetic.
func mg1Section() (out []mg1Record) {
	for _, p := range []struct{ lam, mean, scv float64 }{
		{0.5, 1, 1}, {0.8, 1, 0}, {0.8, 1, 0.25}, {0.8, 1, 1}, {0.8, 1, 4}, {0.9, 1, 2}, {0.3, 2, 0.5},
	} {
		rat := func(v float64) *big.Rat { return new(big.Rat).SetFloat64(v) }
		one := big.NewRat(1, 1)
		lam, mean := rat(p.lam), rat(p.mean)
		es2 := new(big.Rat).Mul(new(big.Rat).Add(one, rat(p.scv)), new(big.Rat).Mul(mean, mean))
		idle := new(big.Rat).Sub(one, new(big.Rat).Mul(lam, mean))
		wq, _ := new(big.Rat).Quo(new(big.Rat).Mul(lam, es2), new(big.Rat).Mul(big.NewRat(2, 1), idle)).Float64()
		out = append(out, mg1Record{Lambda: p.lam, Mean: p.mean, SCV: p.scv, Wq: wq})
	}
	return out
}

// tandemSection computes Jackson networks: each station an M/M/c queue with arrival rate
// lambda times its visits; the sojourn is sum of visits (Wq + 1/mu).
func tandemSection() (out []tandemRecord) {
	for _, p := range []struct {
		lam      float64
		stations []station
	}{
		{9, []station{{1, 10, 1}, {0.5, 20, 1}, {0.5, 9, 0.4}}},
		{8, []station{{2, 5, 1}, {1, 12, 1.3}, {0.25, 4, 0.1}}},
	} {
		rec := tandemRecord{Lambda: p.lam, Stations: p.stations}
		soj := num(0)
		for _, s := range p.stations {
			q := solveMMC(mul(num(p.lam), num(s.Visits)), num(s.Mu), s.C)
			rec.Per = append(rec.Per, f64(q.wq))
			soj = add(soj, mul(num(s.Visits), add(q.wq, quo(num(1), num(s.Mu)))))
		}
		rec.Sojourn = f64(soj)
		out = append(out, rec)
	}
	return out
}

func mmcRecordOf(lam, mu float64, c int, t float64) mmcRecord {
	q := solveMMC(num(lam), num(mu), c)
	gt := q.pWaitGT(num(t))
	r := mmcRecord{
		Lambda: lam, Mu: mu, C: c, T: t,
		ErlangB: f64(q.b), PWait: f64(q.pWait), Wq: f64(q.wq), Lq: f64(q.lq),
		PWaitGT: f64(gt), ServiceLevel: f64(sub(num(1), gt)),
		Quantiles: map[string]float64{},
	}
	for _, p := range []struct {
		name string
		p    float64
	}{{"p50", 0.5}, {"p80", 0.8}, {"p90", 0.9}, {"p95", 0.95}, {"p99", 0.99}} {
		r.Quantiles[p.name] = f64(q.quantile(p.p))
	}
	return r
}

// margin is how close to its target a staffing answer's measure may come
// before the generator refuses it: nearer than this, float64
// implementations could rightly disagree about the answer.
var margin = num(1e-9)

// staffing finds the smallest c meeting each target by trying c upwards
// from a bound below the answer, and checks that the answer is not
// within margin of the target.
func staffing() ([]staffRecord, error) {
	var out []staffRecord
	search := func(rec staffRecord, from int, measure func(c int) *big.Float, target *big.Float, atLeast bool) (staffRecord, error) {
		for c := max(from, 1); c < from+100000; c++ {
			m := measure(c)
			if m == nil {
				continue
			}
			if d := sub(m, target); less(abs(d), margin) {
				return rec, fmt.Errorf("refgen: staffing %+v: c = %d is %g from the target: too close to call", rec, c, f64(d))
			}
			if (m.Cmp(target) >= 0) == atLeast {
				rec.C = c
				return rec, nil
			}
		}
		return rec, fmt.Errorf("refgen: staffing %+v: no answer", rec)
	}
	stable := func(lam, mu float64, c int) bool { return lam < float64(c)*mu }
	for _, p := range []struct{ lam, mu, t, sl float64 }{
		{9, 1, 0.5, 0.8}, {100, 0.25, 1.0 / 3, 0.8}, {2, 1, 0.1, 0.95}, {0.1, 1, 0, 0.5}, {950, 1, 0.05, 0.9},
	} {
		rec, err := search(staffRecord{Model: "C", Lambda: p.lam, Mu: p.mu, T: &p.t, SL: p.sl}, int(p.lam/p.mu),
			func(c int) *big.Float {
				if !stable(p.lam, p.mu, c) {
					return nil
				}
				return sub(num(1), solveMMC(num(p.lam), num(p.mu), c).pWaitGT(num(p.t)))
			}, num(p.sl), true)
		if err != nil {
			return nil, err
		}
		out = append(out, rec)
	}
	for _, p := range []struct{ lam, mu, wq float64 }{{9, 1, 0.1}, {100, 0.25, 0.05}, {0.5, 1, 2}, {950, 1, 0.001}} {
		rec, err := search(staffRecord{Model: "wait", Lambda: p.lam, Mu: p.mu, Wq: p.wq}, int(p.lam/p.mu),
			func(c int) *big.Float {
				if !stable(p.lam, p.mu, c) {
					return nil
				}
				return solveMMC(num(p.lam), num(p.mu), c).wq
			}, num(p.wq), false)
		if err != nil {
			return nil, err
		}
		out = append(out, rec)
	}
	// Erlang A: only c mu of the lam arrivals can be served per unit time,
	// so the service level is below c mu / lam and c >= sl lam / mu.
	for _, p := range []struct{ lam, mu, theta, t, sl float64 }{
		{9, 1, 0.5, 0.5, 0.8}, {30, 0.25, 1.0 / 3, 1.0 / 3, 0.8}, {12, 1, 1, 0.2, 0.9}, {2, 1, 0.1, 1, 0.5},
	} {
		rec, err := search(staffRecord{Model: "A", Lambda: p.lam, Mu: p.mu, Theta: p.theta, T: &p.t, SL: p.sl}, int(p.sl*p.lam/p.mu),
			func(c int) *big.Float { return newPalm(p.lam, p.mu, p.theta, c).serviceLevel(p.t) }, num(p.sl), true)
		if err != nil {
			return nil, err
		}
		out = append(out, rec)
	}
	return out, nil
}
