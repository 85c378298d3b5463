package erlang

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"testing"
)

// reference is testdata/reference.json: values computed in 256-bit
// arithmetic by an independent implementation of the same models,
// internal/refgen (testdata/README.md), and rounded to float64.
type reference struct {
	ErlangB []struct {
		C int     `json:"c"`
		A float64 `json:"a"`
		B float64 `json:"b"`
	} `json:"erlang_b"`
	ErlangC []mmcRef `json:"erlang_c"`
	ErlangA []struct {
		Lambda     float64 `json:"lambda"`
		Mu         float64 `json:"mu"`
		C          int     `json:"c"`
		Theta      float64 `json:"theta"`
		PWait      float64 `json:"p_wait"`
		PAbandon   float64 `json:"p_abandon"`
		Wq         float64 `json:"wq"`
		WaitServed float64 `json:"wait_served"`
		Lq         float64 `json:"lq"`
		// ServiceLevel holds (t, share of arrivals served within t).
		ServiceLevel [][2]float64 `json:"service_level"`
		// ErlangC is the same queue without abandonment, when stable.
		ErlangC *mmcRef `json:"erlang_c"`
	} `json:"erlang_a"`
	MG1 []struct {
		Lambda float64 `json:"lambda"`
		Mean   float64 `json:"mean"`
		SCV    float64 `json:"scv"`
		Wq     float64 `json:"wq"`
	} `json:"mg1"`
	Tandem []struct {
		Lambda   float64 `json:"lambda"`
		Stations []struct {
			Mu     float64 `json:"mu"`
			C      int     `json:"c"`
			Visits float64 `json:"visits"`
		} `json:"stations"`
		Sojourn float64   `json:"sojourn"`
		Per     []float64 `json:"per"`
	} `json:"tandem"`
	Staff []struct {
		Model  string  `json:"model"` // "C", "A" (service level) or "wait"
		Lambda float64 `json:"lambda"`
		Mu     float64 `json:"mu"`
		Theta  float64 `json:"theta"`
		T      float64 `json:"t"`
		SL     float64 `json:"sl"`
		Wq     float64 `json:"wq"`
		C      int     `json:"c"`
	} `json:"staff"`
}

type mmcRef struct {
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
	Quantiles    map[string]float64 `json:"quantiles"` // "p90": 0.9-quantile
}

func loadReference(t *testing.T) reference {
	t.Helper()
	b, err := os.ReadFile("testdata/reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref reference
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatalf("testdata/reference.json: %v", err)
	}
	if len(ref.ErlangB) == 0 || len(ref.ErlangC) == 0 || len(ref.ErlangA) == 0 || len(ref.MG1) == 0 ||
		len(ref.Tandem) == 0 || len(ref.Staff) == 0 {
		t.Fatal("testdata/reference.json: a section is missing")
	}
	return ref
}

// refTol is the relative tolerance against the reference values, which
// are the true values rounded to float64. Package erlang's float64 error
// is a few roundings, amplified where a value is computed through a
// cancellation: the largest seen are 8e-15 for a wait quantile
// ln(C/(1-p))/gap with C/(1-p) near 1, and 4e-15 for c = 1000, the
// Erlang B recursion's thousand roundings. refTol leaves a margin of ten
// over those for other compilers and platforms (fused multiply-adds).
//
// A service level is a difference of O(1) probabilities (1 - PWait at
// t = 0, 1 - PAbandon - P(W > t, served) after), so its error is
// absolute: at most 3e-15 here (1e-5 at lambda 120, c 100, t 0, 2.6e-11
// relative). refAbs allows for that, again with a margin.
const (
	refTol = 1e-13
	refAbs = 1e-14
)

// near reports whether got is within rel of want, relative to |want|;
// want == 0 needs got == 0.
func near(got, want, rel float64) bool {
	return got == want || math.Abs(got-want) <= rel*math.Abs(want)
}

func check(t *testing.T, what string, got, want, rel float64) {
	t.Helper()
	if !near(got, want, rel) {
		t.Errorf("%s = %.15g; want %.15g (relative error %.2g > %.2g)",
			what, got, want, math.Abs(got-want)/math.Abs(want), rel)
	}
}

func TestErlangBReference(t *testing.T) {
	for _, r := range loadReference(t).ErlangB {
		t.Run(fmt.Sprintf("c=%d/a=%g", r.C, r.A), func(t *testing.T) {
			// The reference sums the Poisson terms a^k/k!, a different
			// method from the recursion.
			check(t, "ErlangB", ErlangB(r.C, r.A), r.B, refTol)
		})
	}
}

func TestMMCReference(t *testing.T) {
	for _, r := range loadReference(t).ErlangC {
		q := MMC{Lambda: r.Lambda, Mu: r.Mu, C: r.C}
		t.Run(fmt.Sprintf("c=%d/rho=%.2g", r.C, q.Rho()), func(t *testing.T) {
			checkMMC(t, q, r)
		})
	}
}

func checkMMC(t *testing.T, q MMC, r mmcRef) {
	t.Helper()
	check(t, "ErlangB", ErlangB(q.C, q.Lambda/q.Mu), r.ErlangB, refTol)
	check(t, "PWait", q.PWait(), r.PWait, refTol)
	check(t, "Wq", q.Wq(), r.Wq, refTol)
	check(t, "Lq", q.Lq(), r.Lq, refTol)
	check(t, fmt.Sprintf("PWaitGT(%g)", r.T), q.PWaitGT(r.T), r.PWaitGT, refTol)
	check(t, fmt.Sprintf("ServiceLevel(%g)", r.T), q.ServiceLevel(r.T), r.ServiceLevel, refTol)
	if len(r.Quantiles) == 0 {
		t.Error("no wait quantiles recorded")
	}
	for name, want := range r.Quantiles {
		var pct float64
		if _, err := fmt.Sscanf(name, "p%g", &pct); err != nil {
			t.Fatalf("quantile %q: %v", name, err)
		}
		check(t, fmt.Sprintf("WaitQuantile(%g)", pct/100), q.WaitQuantile(pct/100), want, refTol)
	}
}

func TestMMCAReference(t *testing.T) {
	for _, r := range loadReference(t).ErlangA {
		q := MMCA{Lambda: r.Lambda, Mu: r.Mu, C: r.C, Theta: r.Theta}
		t.Run(fmt.Sprintf("c=%d/lambda=%g/theta=%g", r.C, r.Lambda, r.Theta), func(t *testing.T) {
			check(t, "PWait", q.PWait(), r.PWait, refTol)
			check(t, "PAbandon", q.PAbandon(), r.PAbandon, refTol)
			check(t, "Wq", q.Wq(), r.Wq, refTol)
			check(t, "WaitServed", q.WaitServed(), r.WaitServed, refTol)
			check(t, "Lq", q.Lq(), r.Lq, refTol)
			if len(r.ServiceLevel) == 0 {
				t.Fatal("no service levels recorded")
			}
			for _, p := range r.ServiceLevel {
				if got := q.ServiceLevel(p[0]); !near(got, p[1], refTol) && math.Abs(got-p[1]) > refAbs {
					t.Errorf("ServiceLevel(%g) = %.15g; want %.15g (error %.2g)", p[0], got, p[1], got-p[1])
				}
			}
		})
	}
}

// TestMMCAApproachesMMC checks that Erlang A tends to Erlang C as patience
// grows: the difference of every measure shrinks in proportion to Theta,
// and Theta == 0 is Erlang C exactly.
func TestMMCAApproachesMMC(t *testing.T) {
	seen := map[MMC]bool{}
	defer func() {
		if len(seen) == 0 {
			t.Error("no Erlang A case records its Erlang C limit")
		}
	}()
	for _, r := range loadReference(t).ErlangA {
		c := MMC{Lambda: r.Lambda, Mu: r.Mu, C: r.C}
		if r.ErlangC == nil || seen[c] {
			continue
		}
		seen[c] = true
		t.Run(fmt.Sprintf("c=%d/lambda=%g", r.C, r.Lambda), func(t *testing.T) {
			checkMMC(t, c, *r.ErlangC) // the limit itself, from the reference
			tt := r.ErlangC.T
			measures := []struct {
				name string
				a    func(MMCA) float64
				c    float64
			}{
				{"PWait", MMCA.PWait, c.PWait()},
				{"Wq", MMCA.Wq, c.Wq()},
				{"WaitServed", MMCA.WaitServed, c.Wq()},
				{"Lq", MMCA.Lq, c.Lq()},
				{"PAbandon", MMCA.PAbandon, 0},
				{fmt.Sprintf("ServiceLevel(%g)", tt), func(q MMCA) float64 { return q.ServiceLevel(tt) }, c.ServiceLevel(tt)},
			}
			for _, m := range measures {
				if got := m.a(MMCA{Lambda: r.Lambda, Mu: r.Mu, C: r.C}); got != m.c {
					t.Errorf("Theta = 0: %s = %.15g; want Erlang C %.15g", m.name, got, m.c)
				}
				// |A - C| / theta settles to the derivative at theta = 0:
				// it changes by under 10% between theta = 1e-4 and 1e-8.
				d := func(theta float64) float64 {
					return math.Abs(m.a(MMCA{Lambda: r.Lambda, Mu: r.Mu, C: r.C, Theta: theta})-m.c) / theta
				}
				if d4, d8 := d(1e-4), d(1e-8); !(math.Abs(d8-d4) <= 0.1*d4) {
					t.Errorf("%s: |Erlang A - Erlang C| / theta = %.4g at theta 1e-4, %.4g at 1e-8", m.name, d4, d8)
				}
			}
		})
	}
}

// TestMMCAServiceLevel checks the service level's end points and shape:
// 1 - PWait at t = 0, rising with t towards the served share 1 - PAbandon.
func TestMMCAServiceLevel(t *testing.T) {
	for _, q := range []MMCA{
		{Lambda: 9, Mu: 1, C: 10, Theta: 0.5},
		{Lambda: 12, Mu: 1, C: 10, Theta: 1},
		{Lambda: 1200, Mu: 1, C: 1000, Theta: 0.01},
		{Lambda: 900, Mu: 1, C: 1000, Theta: 1e-3},
	} {
		t.Run(fmt.Sprintf("c=%d/lambda=%g/theta=%g", q.C, q.Lambda, q.Theta), func(t *testing.T) {
			// Differences of O(1) probabilities. For the overloaded 1000
			// servers these come from exp(ln A(x, y_t) - ln A(x, y) + ...)
			// with logs near 2000, each a few roundings off: ~1e-12.
			const tol = 1e-11
			if got, want := q.ServiceLevel(0), 1-q.PWait(); math.Abs(got-want) > tol {
				t.Errorf("ServiceLevel(0) = %.15g; want 1 - PWait = %.15g", got, want)
			}
			if got, want := q.ServiceLevel(math.Inf(1)), 1-q.PAbandon(); math.Abs(got-want) > tol {
				t.Errorf("ServiceLevel(+Inf) = %.15g; want 1 - PAbandon = %.15g", got, want)
			}
			prev := q.ServiceLevel(0)
			for tt := 0.01; tt < 1e4; tt *= 2 {
				sl := q.ServiceLevel(tt)
				if sl < prev-tol || sl > 1-q.PAbandon()+tol {
					t.Fatalf("ServiceLevel(%g) = %.15g after %.15g; want rising to %.15g", tt, sl, prev, 1-q.PAbandon())
				}
				prev = sl
			}
		})
	}
}

// TestLittle checks Little's law Lq = Lambda Wq and, for Erlang A, the
// abandonment balance Theta Lq = Lambda PAbandon; the mean wait of all
// arrivals must lie between those of the served and of the abandoning.
func TestLittle(t *testing.T) {
	for _, c := range []int{1, 3, 30, 1000} {
		for _, rho := range []float64{0.3, 0.9, 0.99, 1.2} {
			lam := rho * float64(c)
			name := fmt.Sprintf("c=%d/rho=%g", c, rho)
			t.Run(name, func(t *testing.T) {
				if q := (MMC{Lambda: lam, Mu: 1, C: c}); q.Stable() {
					check(t, "M/M/c Lq", q.Lq(), lam*q.Wq(), 1e-15)
				}
				q := MMCA{Lambda: lam, Mu: 1, C: c, Theta: 0.2}
				check(t, "Erlang A Lq", q.Lq(), lam*q.Wq(), 1e-15)
				check(t, "Erlang A Theta Lq", q.Theta*q.Lq(), lam*q.PAbandon(), 1e-15)
				// E[W] = P(Sr) E[W | Sr] + P(Ab) E[W | Ab] >= P(Sr) E[W | Sr].
				if served := (1 - q.PAbandon()) * q.WaitServed(); !(served <= q.Wq()*(1+1e-12)) {
					t.Errorf("Erlang A: P(Sr) WaitServed = %g > Wq = %g", served, q.Wq())
				}
			})
		}
	}
}

// TestErlangCFromB checks the identity C = B / (1 - rho (1 - B)) and the
// Erlang B recursion against its definition for small c.
func TestErlangCFromB(t *testing.T) {
	for _, c := range []int{1, 2, 7, 40, 300, 1000, 5000} {
		for _, rho := range []float64{0.1, 0.5, 0.9, 0.999} {
			a := rho * float64(c)
			b := ErlangB(c, a)
			// Same quantities rearranged: a few roundings apart.
			check(t, fmt.Sprintf("ErlangC(%d, %g)", c, a), ErlangC(c, a), b/(1-rho*(1-b)), 1e-13)
			if c <= 7 {
				// B = (a^c/c!) / sum_{k<=c} a^k/k!, fine for small c.
				term, sum := 1.0, 1.0
				for k := 1; k <= c; k++ {
					term *= a / float64(k)
					sum += term
				}
				check(t, fmt.Sprintf("ErlangB(%d, %g)", c, a), b, term/sum, 1e-13)
			}
		}
	}
	if got := ErlangC(10, 10); got != 1 {
		t.Errorf("ErlangC(10, 10) = %g; want 1 (no steady state)", got)
	}
}

// TestLargeC checks that a thousand servers, and ten thousand, give finite
// results inside their ranges; TestMMCReference checks c = 1000 against
// the reference values.
func TestLargeC(t *testing.T) {
	for _, c := range []int{1000, 10000} {
		for _, rho := range []float64{0.5, 0.95, 0.999, 1.1} {
			lam := rho * float64(c)
			t.Run(fmt.Sprintf("c=%d/rho=%g", c, rho), func(t *testing.T) {
				q := MMC{Lambda: lam, Mu: 1, C: c}
				for name, v := range map[string]float64{"PWait": q.PWait(), "ServiceLevel": q.ServiceLevel(0.01)} {
					if !(v >= 0 && v <= 1) {
						t.Errorf("M/M/c %s = %g; want a probability", name, v)
					}
				}
				if w := q.Wq(); q.Stable() && !(w >= 0 && !math.IsInf(w, 1)) || !q.Stable() && !math.IsInf(w, 1) {
					t.Errorf("M/M/c Wq = %g (stable %v)", w, q.Stable())
				}
				for _, theta := range []float64{1, 1e-3} {
					a := MMCA{Lambda: lam, Mu: 1, C: c, Theta: theta}
					for name, v := range map[string]float64{"PWait": a.PWait(), "PAbandon": a.PAbandon(), "ServiceLevel": a.ServiceLevel(0.01)} {
						if !(v >= 0 && v <= 1) {
							t.Errorf("Erlang A theta=%g: %s = %g; want a probability", theta, name, v)
						}
					}
					for name, v := range map[string]float64{"Wq": a.Wq(), "WaitServed": a.WaitServed()} {
						if !(v >= 0 && !math.IsInf(v, 1)) {
							t.Errorf("Erlang A theta=%g: %s = %g; want finite", theta, name, v)
						}
					}
				}
			})
		}
	}
}

// TestLnA checks both branches of lnA, the series and gonum's incomplete
// gamma function, against the series summed in log space, which holds for
// every y but needs about y-x terms.
func TestLnA(t *testing.T) {
	brute := func(x, y float64) float64 {
		var l, m float64 // log of the current term, largest so far
		s := 1.0         // sum of the terms over e^m
		for n := 1.0; ; n++ {
			l += math.Log(y / (x + n))
			if l > m {
				s, m = s*math.Exp(m-l)+1, l
			} else {
				s += math.Exp(l - m)
			}
			if y < x+n && l-m < -50 {
				return m + math.Log(s)
			}
		}
	}
	for _, p := range []struct{ x, y float64 }{
		{0.25, 0.1}, {1, 2}, {10, 12}, {10, 10.5}, {50, 60}, {100, 100}, {100, 101.5}, {500, 600},
		{1e4, 1e4 + 450}, {1e4, 1e4 + 460}, {1e4, 1.2e4}, {1e5, 1e5 + 1500}, {1e6, 1e6 + 5000}, {1e6, 1.1e6},
	} {
		// The brute-force sum rounds each of its thousands of terms:
		// allow 1e-13 relative.
		check(t, fmt.Sprintf("lnA(%g, %g)", p.x, p.y), lnA(p.x, p.y), brute(p.x, p.y), 1e-13)
	}
	// Stirling's series against the direct difference, which loses about
	// eps x ln x to cancellation: 1e-13 at these x.
	for _, x := range []float64{15, 20, 40} {
		lg, _ := math.Lgamma(x + 1)
		if got, want := stirling(x), lg-(x+0.5)*math.Log(x)+x-0.5*math.Log(2*math.Pi); math.Abs(got-want) > 1e-13 {
			t.Errorf("stirling(%g) = %.15g; want %.15g", x, got, want)
		}
	}
}

func TestPKReference(t *testing.T) {
	for _, r := range loadReference(t).MG1 {
		check(t, fmt.Sprintf("PKWait(%g, %g, %g)", r.Lambda, r.Mean, r.SCV), PKWait(r.Lambda, r.Mean, r.SCV), r.Wq, refTol)
		if r.SCV == 0 {
			check(t, fmt.Sprintf("MD1Wait(%g, %g)", r.Lambda, r.Mean), MD1Wait(r.Lambda, r.Mean), r.Wq, refTol)
		}
	}
	// Exponential service: Pollaczek–Khinchine is M/M/1.
	check(t, "PKWait(0.7, 1, 1)", PKWait(0.7, 1, 1), MMC{Lambda: 0.7, Mu: 1, C: 1}.Wq(), 1e-15)
	if w := PKWait(1, 1, 1); !math.IsInf(w, 1) {
		t.Errorf("PKWait at rho = 1 = %g; want +Inf", w)
	}
}

func TestTandemReference(t *testing.T) {
	for i, r := range loadReference(t).Tandem {
		var st []Station
		for _, s := range r.Stations {
			st = append(st, Station{Mu: s.Mu, C: s.C, Visits: s.Visits})
		}
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			soj, per := Tandem(r.Lambda, st)
			check(t, "sojourn", soj, r.Sojourn, refTol)
			if len(per) != len(r.Per) {
				t.Fatalf("len(per) = %d; want %d", len(per), len(r.Per))
			}
			for i := range per {
				check(t, fmt.Sprintf("per[%d]", i), per[i], r.Per[i], refTol)
			}
		})
	}
	soj, per := Tandem(9, []Station{{Mu: 1, C: 10, Visits: 1}, {Mu: 1, C: 5, Visits: 1}, {Mu: 1, C: 1, Visits: 0}})
	if !math.IsInf(soj, 1) || !math.IsInf(per[1], 1) || per[2] != 0 {
		t.Errorf("unstable middle station: sojourn %g, per %v; want +Inf, [_ +Inf 0]", soj, per)
	}
}

func TestInvalidInput(t *testing.T) {
	nan := math.NaN()
	inf := math.Inf(1)
	_, per := Tandem(1, []Station{{Mu: 1, C: 2, Visits: -1}})
	soj, _ := Tandem(0, []Station{{Mu: 1, C: 2, Visits: 1}})
	for _, tc := range []struct {
		name string
		got  float64
	}{
		{"ErlangB(0, 1)", ErlangB(0, 1)},
		{"ErlangB(3, -1)", ErlangB(3, -1)},
		{"ErlangC(2, NaN)", ErlangC(2, nan)},
		{"MMC Lambda < 0", MMC{Lambda: -1, Mu: 1, C: 2}.Wq()},
		{"MMC Lambda = 0", MMC{Lambda: 0, Mu: 1, C: 2}.Rho()},
		{"MMC Mu = +Inf", MMC{Lambda: 1, Mu: inf, C: 2}.PWait()},
		{"MMC C = 0", MMC{Lambda: 1, Mu: 1, C: 0}.Lq()},
		{"MMC t < 0", MMC{Lambda: 1, Mu: 1, C: 2}.ServiceLevel(-1)},
		{"MMC p > 1", MMC{Lambda: 1, Mu: 1, C: 2}.WaitQuantile(1.5)},
		{"MMCA Mu = 0", MMCA{Lambda: 1, Mu: 0, C: 1, Theta: 1}.PAbandon()},
		{"MMCA Theta < 0", MMCA{Lambda: 1, Mu: 1, C: 1, Theta: -1}.Wq()},
		{"MMCA Theta NaN", MMCA{Lambda: 1, Mu: 1, C: 1, Theta: nan}.WaitServed()},
		{"MMCA C < 0", MMCA{Lambda: 1, Mu: 1, C: -3, Theta: 1}.PWait()},
		{"MMCA t NaN", MMCA{Lambda: 1, Mu: 1, C: 1, Theta: 1}.ServiceLevel(nan)},
		{"PKWait mean < 0", PKWait(1, -1, 1)},
		{"PKWait scv < 0", PKWait(0.5, 1, -0.1)},
		{"MD1Wait lambda = 0", MD1Wait(0, 1)},
		{"Tandem Visits < 0", per[0]},
		{"Tandem lambda = 0", soj},
	} {
		if !math.IsNaN(tc.got) {
			t.Errorf("%s = %g; want NaN", tc.name, tc.got)
		}
	}
	if (MMC{Lambda: -1, Mu: 1, C: 2}).Stable() {
		t.Error("invalid MMC reports itself stable")
	}
}
