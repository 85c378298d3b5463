package erlang

import (
	"fmt"
	"testing"
)

func TestStaffReference(t *testing.T) {
	for _, r := range loadReference(t).Staff {
		var got int
		switch r.Model {
		case "C":
			got = StaffForServiceLevel(r.Lambda, r.Mu, r.T, r.SL)
		case "A":
			got = StaffForServiceLevelA(r.Lambda, r.Mu, r.Theta, r.T, r.SL)
		case "wait":
			got = StaffForWait(r.Lambda, r.Mu, r.Wq)
		default:
			t.Fatalf("unknown staffing model %q", r.Model)
		}
		if got != r.C {
			t.Errorf("%s: lambda=%g mu=%g theta=%g t=%g sl=%g wq=%g: got %d servers; want %d",
				r.Model, r.Lambda, r.Mu, r.Theta, r.T, r.SL, r.Wq, got, r.C)
		}
	}
}

// TestStaffMinimal checks that the answer c meets the target and c-1 does
// not (or is unstable, for the M/M/c targets).
func TestStaffMinimal(t *testing.T) {
	for _, lam := range []float64{0.05, 0.5, 3, 17, 120, 1500} {
		for _, mu := range []float64{1, 0.2} {
			t.Run(fmt.Sprintf("lambda=%g/mu=%g", lam, mu), func(t *testing.T) {
				const tt, sl, wq, theta = 0.5, 0.85, 0.1, 0.4
				mmcMeets := func(c int) bool { return MMC{Lambda: lam, Mu: mu, C: c}.ServiceLevel(tt) >= sl }
				waitMeets := func(c int) bool { return MMC{Lambda: lam, Mu: mu, C: c}.Wq() <= wq }
				aMeets := func(c int) bool {
					return MMCA{Lambda: lam, Mu: mu, C: c, Theta: theta}.ServiceLevel(tt) >= sl
				}
				for _, s := range []struct {
					name  string
					c     int
					meets func(int) bool
				}{
					{"StaffForServiceLevel", StaffForServiceLevel(lam, mu, tt, sl), mmcMeets},
					{"StaffForWait", StaffForWait(lam, mu, wq), waitMeets},
					{"StaffForServiceLevelA", StaffForServiceLevelA(lam, mu, theta, tt, sl), aMeets},
				} {
					if s.c < 1 || !s.meets(s.c) {
						t.Errorf("%s = %d does not meet the target", s.name, s.c)
					}
					if s.c > 1 && s.meets(s.c-1) {
						t.Errorf("%s = %d: %d servers also meet the target", s.name, s.c, s.c-1)
					}
				}
			})
		}
	}
	// Without abandonment Erlang A staffing is Erlang C staffing.
	if a, c := StaffForServiceLevelA(17, 1, 0, 0.5, 0.85), StaffForServiceLevel(17, 1, 0.5, 0.85); a != c {
		t.Errorf("StaffForServiceLevelA with theta 0 = %d; want StaffForServiceLevel %d", a, c)
	}
}

func TestStaffInvalid(t *testing.T) {
	for _, tc := range []struct {
		name string
		got  int
	}{
		{"sl = 1", StaffForServiceLevel(9, 1, 0.5, 1)},
		{"mu = 0", StaffForServiceLevel(9, 0, 0.5, 0.8)},
		{"t < 0", StaffForServiceLevel(9, 1, -1, 0.8)},
		{"A sl = 1", StaffForServiceLevelA(9, 1, 0.5, 0.5, 1)},
		{"A theta < 0", StaffForServiceLevelA(9, 1, -0.5, 0.5, 0.8)},
		{"A lambda < 0", StaffForServiceLevelA(-9, 1, 0.5, 0.5, 0.8)},
		{"wq = 0", StaffForWait(9, 1, 0)},
		{"wait lambda = 0", StaffForWait(0, 1, 1)},
	} {
		if tc.got != 0 {
			t.Errorf("%s: got %d servers; want 0 (no answer)", tc.name, tc.got)
		}
	}
}
