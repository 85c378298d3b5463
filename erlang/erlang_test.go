package erlang

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"testing"
)

type reference struct {
	ErlangC []struct {
		Lambda       float64 `json:"lambda"`
		Mu           float64 `json:"mu"`
		C            int     `json:"c"`
		T            float64 `json:"t"`
		PWait        float64 `json:"p_wait"`
		Wq           float64 `json:"wq"`
		Lq           float64 `json:"lq"`
		ServiceLevel float64 `json:"service_level"`
		P90          float64 `json:"p90"`
	} `json:"erlang_c"`
	ErlangA []struct {
		Lambda       float64 `json:"lambda"`
		Mu           float64 `json:"mu"`
		C            int     `json:"c"`
		Theta        float64 `json:"theta"`
		T            float64 `json:"t"`
		PWait        float64 `json:"p_wait"`
		PAbandon     float64 `json:"p_abandon"`
		Wq           float64 `json:"wq"`
		WaitServed   float64 `json:"wait_served"`
		Lq           float64 `json:"lq"`
		ServiceLevel float64 `json:"service_level"`
	} `json:"erlang_a"`
	MG1 []struct {
		Lambda float64 `json:"lambda"`
		Mean   float64 `json:"mean"`
		Scv    float64 `json:"scv"`
		Wq     float64 `json:"wq"`
	} `json:"mg1"`
	Tandem []struct {
		Lambda   float64 `json:"lambda"`
		Stations []struct {
			Mu     float64  `json:"mu"`
			C      int      `json:"c"`
			Visits *float64 `json:"visits"`
		} `json:"stations"`
		Sojourn float64   `json:"sojourn"`
		Per     []float64 `json:"per"`
	} `json:"tandem"`
	Staff []struct {
		Model  string  `json:"model"`
		Lambda float64 `json:"lambda"`
		Mu     float64 `json:"mu"`
		Theta  float64 `json:"theta"`
		T      float64 `json:"t"`
		SL     float64 `json:"sl"`
		C      int     `json:"c"`
	} `json:"staff"`
}

// loadReference reads the values queueing.py computed (testdata/README.md).
func loadReference(t *testing.T) reference {
	t.Helper()
	b, err := os.ReadFile("testdata/reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref reference
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref.ErlangC) == 0 || len(ref.ErlangA) == 0 || len(ref.Staff) == 0 || len(ref.Tandem) == 0 {
		t.Fatal("reference.json has no values")
	}
	return ref
}

func near(t *testing.T, what string, got, want, rel float64) {
	t.Helper()
	if math.Abs(got-want) > rel*math.Max(math.Abs(want), 1e-12) {
		t.Errorf("%s = %.12g, want %.12g (relative error %.2g > %.0g)", what, got, want, math.Abs(got-want)/math.Abs(want), rel)
	}
}

func TestErlangCReference(t *testing.T) {
	for _, r := range loadReference(t).ErlangC {
		q := MMC{Lambda: r.Lambda, Mu: r.Mu, C: r.C}
		id := fmt.Sprintf("M/M/%d rho=%.2g", r.C, q.Rho())
		near(t, id+" P(wait)", q.PWait(), r.PWait, 1e-9)
		near(t, id+" Wq", q.Wq(), r.Wq, 1e-9)
		near(t, id+" Lq", q.Lq(), r.Lq, 1e-9)
		near(t, id+" SL", q.ServiceLevel(r.T), r.ServiceLevel, 1e-9)
		near(t, id+" p90", q.WaitQuantile(0.9), r.P90, 1e-9)
	}
}

// TestErlangAReference checks the chain measures to 1e-9 and the service
// level, which combines the chain with incomplete gamma functions, to 1e-7.
func TestErlangAReference(t *testing.T) {
	for _, r := range loadReference(t).ErlangA {
		q := MMCA{Lambda: r.Lambda, Mu: r.Mu, C: r.C, Theta: r.Theta}
		id := fmt.Sprintf("M/M/%d+M lambda=%g theta=%g", r.C, r.Lambda, r.Theta)
		near(t, id+" P(wait)", q.PWait(), r.PWait, 1e-9)
		near(t, id+" P(abandon)", q.PAbandon(), r.PAbandon, 1e-9)
		near(t, id+" Wq", q.Wq(), r.Wq, 1e-9)
		near(t, id+" wait served", q.WaitServed(), r.WaitServed, 1e-9)
		near(t, id+" Lq", q.Lq(), r.Lq, 1e-9)
		near(t, id+" SL", q.ServiceLevel(r.T), r.ServiceLevel, 1e-7)
		// Abandonment balance: Theta Lq = Lambda P(abandon).
		near(t, id+" theta Lq", r.Theta*q.Lq(), r.Lambda*q.PAbandon(), 1e-9)
	}
}

func TestPKAndTandemReference(t *testing.T) {
	ref := loadReference(t)
	for _, r := range ref.MG1 {
		near(t, fmt.Sprintf("M/G/1 lambda=%g scv=%g", r.Lambda, r.Scv), PKWait(r.Lambda, r.Mean, r.Scv), r.Wq, 1e-12)
	}
	for _, r := range ref.Tandem {
		var st []Station
		for _, s := range r.Stations {
			v := 1.0
			if s.Visits != nil {
				v = *s.Visits
			}
			st = append(st, Station{Mu: s.Mu, C: s.C, Visits: v})
		}
		soj, per := Tandem(r.Lambda, st)
		near(t, "tandem sojourn", soj, r.Sojourn, 1e-9)
		for i := range per {
			near(t, fmt.Sprintf("tandem station %d wait", i), per[i], r.Per[i], 1e-9)
		}
	}
}

func TestStaffingReference(t *testing.T) {
	for _, r := range loadReference(t).Staff {
		var got int
		if r.Model == "A" {
			got = StaffForServiceLevelA(r.Lambda, r.Mu, r.Theta, r.T, r.SL)
		} else {
			got = StaffForServiceLevel(r.Lambda, r.Mu, r.T, r.SL)
		}
		if got != r.C {
			t.Errorf("Erlang %s staff for lambda=%g mu=%g SL %g within %g = %d, want %d", r.Model, r.Lambda, r.Mu, r.SL, r.T, got, r.C)
		}
	}
}

// TestStaffingIsMinimal checks that one fewer than the answer misses the
// target and the answer meets it.
func TestStaffingIsMinimal(t *testing.T) {
	for _, lam := range []float64{0.5, 3, 17, 120} {
		c := StaffForServiceLevel(lam, 1, 0.2, 0.8)
		if sl := (MMC{lam, 1, c}).ServiceLevel(0.2); sl < 0.8 {
			t.Errorf("lambda %g: c=%d gives %g", lam, c, sl)
		}
		if c > 1 {
			if q := (MMC{lam, 1, c - 1}); q.Stable() && q.ServiceLevel(0.2) >= 0.8 {
				t.Errorf("lambda %g: c=%d also meets the target", lam, c-1)
			}
		}
		w := StaffForWait(lam, 1, 0.1)
		if (MMC{lam, 1, w}).Wq() > 0.1 || (w > 1 && (MMC{lam, 1, w - 1}).Wq() <= 0.1) {
			t.Errorf("lambda %g: StaffForWait = %d is not minimal", lam, w)
		}
		a := StaffForServiceLevelA(lam, 1, 0.5, 0.2, 0.8)
		if (MMCA{lam, 1, a, 0.5}).ServiceLevel(0.2) < 0.8 || (a > 1 && (MMCA{lam, 1, a - 1, 0.5}).ServiceLevel(0.2) >= 0.8) {
			t.Errorf("lambda %g: StaffForServiceLevelA = %d is not minimal", lam, a)
		}
	}
}

func TestIdentities(t *testing.T) {
	for _, c := range []int{1, 4, 30, 1000} {
		for _, rho := range []float64{0.3, 0.9, 0.99} {
			a := rho * float64(c)
			b := ErlangB(c, a)
			// C = B / (1 - rho (1 - B)).
			near(t, fmt.Sprintf("C from B c=%d rho=%g", c, rho), ErlangC(c, a), b/(1-rho*(1-b)), 1e-12)
			q := MMC{Lambda: a, Mu: 1, C: c}
			near(t, "Little", q.Lq(), q.Lambda*q.Wq(), 1e-12)
			if p := q.PWait(); !(p > 0 && p < 1) {
				t.Errorf("c=%d rho=%g: P(wait) = %g", c, rho, p)
			}
		}
	}
	// Erlang A tends to Erlang C as patience grows.
	c := MMC{Lambda: 9, Mu: 1, C: 10}
	a := MMCA{Lambda: 9, Mu: 1, C: 10, Theta: 1e-7}
	near(t, "Erlang A -> C wait", a.Wq(), c.Wq(), 1e-4)
	near(t, "Erlang A -> C SL", a.ServiceLevel(0.5), c.ServiceLevel(0.5), 1e-4)
	if z := (MMCA{Lambda: 9, Mu: 1, C: 10}); z.Wq() != c.Wq() {
		t.Errorf("Theta = 0 is not Erlang C: %g vs %g", z.Wq(), c.Wq())
	}
	// Overloaded Erlang A is stable; Erlang C is not.
	if o := (MMCA{Lambda: 15, Mu: 1, C: 10, Theta: 1}); !(o.PAbandon() > 0.3 && o.PAbandon() < 1) {
		t.Errorf("overloaded Erlang A abandonment %g", o.PAbandon())
	}
	if w := (MMC{Lambda: 15, Mu: 1, C: 10}).Wq(); !math.IsInf(w, 1) {
		t.Errorf("unstable M/M/c wait %g", w)
	}
}

func TestInvalidInput(t *testing.T) {
	for _, v := range []float64{
		MMC{Lambda: -1, Mu: 1, C: 2}.Wq(), MMC{Lambda: 1, Mu: 1, C: 0}.PWait(),
		MMCA{Lambda: 1, Mu: 0, C: 1, Theta: 1}.PAbandon(), PKWait(1, -1, 1), ErlangB(-1, 1),
		MMC{Lambda: 1, Mu: 2, C: 1}.WaitQuantile(1.5),
	} {
		if !math.IsNaN(v) {
			t.Errorf("invalid input gave %g, want NaN", v)
		}
	}
	if StaffForServiceLevel(1, 1, 1, 1) != 0 {
		t.Error("a 100% service level has no finite staffing")
	}
}

func ExampleMMC() {
	// A call centre: 9 calls a minute, 1-minute calls, 10 agents.
	q := MMC{Lambda: 9, Mu: 1, C: 10}
	fmt.Printf("P(wait) %.3f, mean wait %.3f min, answered within 30 s %.1f%%\n", q.PWait(), q.Wq(), 100*q.ServiceLevel(0.5))
	fmt.Println("agents for 80% within 30 s:", StaffForServiceLevel(9, 1, 0.5, 0.8))
	// Output:
	// P(wait) 0.669, mean wait 0.669 min, answered within 30 s 59.4%
	// agents for 80% within 30 s: 11
}
