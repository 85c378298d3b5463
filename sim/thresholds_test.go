package sim

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

func TestCheckThresholds(t *testing.T) {
	m := dayModel(1)
	ts := []Threshold{
		{KPI: "booking.wait.p90", Above: true, Limit: 5},
		{KPI: "booking.nonsense", Above: true, Limit: 5},
		{KPI: "service.service_level", Limit: 0.8, PerInterval: true},
		{KPI: "follow-up.wait.p90", Above: true, Limit: 5, PerInterval: true},
	}
	errs := CheckThresholds(m, ts)
	want := []string{"", `no KPI named "booking.nonsense"`, "", `"follow-up.wait.p90" has no per-interval values`}
	for i, w := range want {
		switch {
		case w == "" && errs[i] != nil:
			t.Errorf("threshold %d: got %v; want no error", i, errs[i])
		case w != "" && (errs[i] == nil || !strings.Contains(errs[i].Error(), w)):
			t.Errorf("threshold %d: got %v; want %q", i, errs[i], w)
		}
	}
}

// TestThresholdLimitsOutOfRange checks that a limit no value of its KPI
// can reach (a share above 100%, a negative wait) is an error, and that
// the ends of each range are not.
func TestThresholdLimitsOutOfRange(t *testing.T) {
	m := dayModel(1)
	tests := []struct {
		name string
		t    Threshold
		want string
	}{
		{"share above 100%", Threshold{KPI: "service.service_level", Above: true, Limit: 1.8}, "limit: service.service_level can never take it (got 180%); valid: a share from 0% to 100%"},
		{"negative share", Threshold{KPI: "service.service_level", Above: true, Limit: -0.05}, "(got -5%)"},
		{"negative wait", Threshold{KPI: "booking.wait.p90", Limit: -1}, "limit: booking.wait.p90 can never take it (got -1); valid: a duration of 0 or more"},
		{"infinite wait", Threshold{KPI: "booking.wait.p90", Limit: math.Inf(-1)}, "(got -Inf)"},
		{"share of 100%", Threshold{KPI: "service.service_level", Above: true, Limit: 1}, ""},
		{"share of 0%", Threshold{KPI: "service.service_level", Limit: 0}, ""},
		{"wait of 0", Threshold{KPI: "booking.wait.p90", Limit: 0}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckThreshold(m, tt.t)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("got %v; want no error", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("got %v; want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestStageNamesSplitPrefersTheFirstStage(t *testing.T) {
	m := &Model{Stages: []Stage{{Name: "a.b"}, {Name: "a"}}}
	idx := stageIndex(m)
	for _, tt := range []struct {
		kpi, measure string
		stage        int
	}{{"a.b.wait.mean", "wait.mean", 0}, {"a.wait.mean", "wait.mean", 1}, {"c.wait.mean", "", -1}} {
		if si, rest := idx.split(tt.kpi); si != tt.stage || rest != tt.measure {
			t.Errorf("split(%q) = %d, %q; want %d, %q", tt.kpi, si, rest, tt.stage, tt.measure)
		}
	}
}

// BenchmarkValidateManyThresholds checks thousands of alerts; the cost
// per threshold stays flat across the tiers (it grew with their number
// when each check recomputed the model's KPI names).
func BenchmarkValidateManyThresholds(b *testing.B) {
	for _, n := range []int{1000, 5000, 20000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			m := dayModel(1)
			for i := range n {
				m.Thresholds = append(m.Thresholds, Threshold{KPI: "booking.wait.p90", Above: true, Limit: float64(i % 50)})
			}
			for b.Loop() {
				if err := m.Validate(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/threshold")
		})
	}
}

// TestInclusiveThresholds: >= and <= cross at the limit itself, > and <
// do not. With far more booking staff than callers, nobody waits there:
// its longest wait is exactly 0 in every replication.
func TestInclusiveThresholds(t *testing.T) {
	m := dayModel(1)
	for d := range 7 {
		m.Stages[0].Groups[0].Staff[d] = []Segment{{0, MinutesPerDay, 1000}}
	}
	m.Thresholds = []Threshold{
		{KPI: "booking.wait.max", Limit: 0, Inclusive: true},              // <= 0
		{KPI: "booking.wait.max", Limit: 0},                               // < 0
		{KPI: "booking.wait.max", Limit: 0, Above: true, Inclusive: true}, // >= 0
		{KPI: "booking.wait.max", Limit: 0, Above: true},                  // > 0
	}
	r, err := Run(t.Context(), m, Options{Replications: 3, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, b := range r.Breaches {
		got[b.Threshold.String()] = b.Share
	}
	want := map[string]float64{"booking.wait.max <= 0": 1, "booking.wait.max >= 0": 1}
	if len(got) != len(want) || got["booking.wait.max <= 0"] != 1 || got["booking.wait.max >= 0"] != 1 {
		t.Errorf("breaches %v; want %v", got, want)
	}
	for _, tt := range []struct {
		th   Threshold
		v    float64
		want bool
	}{
		{Threshold{Above: true, Limit: 5}, 5, false},
		{Threshold{Above: true, Inclusive: true, Limit: 5}, 5, true},
		{Threshold{Limit: 5}, 5, false},
		{Threshold{Inclusive: true, Limit: 5}, 5, true},
		{Threshold{Inclusive: true, Limit: 5}, math.NaN(), false},
	} {
		if got := tt.th.Crossed(tt.v); got != tt.want {
			t.Errorf("%v crossed by %g = %v; want %v", tt.th, tt.v, got, tt.want)
		}
	}
}

// TestTargetsAtTheEdge: a strict target at the edge of its KPI's values
// (> 100%, < 0%, a wait < 0s) can never be met and is refused as a
// target, though as an alert it is allowed (it is never crossed); the
// inclusive ones are allowed as both.
func TestTargetsAtTheEdge(t *testing.T) {
	m := dayModel(1)
	for _, tt := range []struct {
		name string
		t    Threshold
		want string
	}{
		{"above 100%", Threshold{KPI: "service.service_level", Above: true, Limit: 1}, "can never be above its highest value (got > 100%); valid: >= 100%"},
		{"below 0%", Threshold{KPI: "service.service_level", Limit: 0}, "can never be below its lowest value (got < 0%); valid: <= 0%"},
		{"a wait below 0", Threshold{KPI: "booking.wait.mean", Limit: 0}, "can never be below its lowest value (got < 0)"},
		{"at least 100%", Threshold{KPI: "service.service_level", Above: true, Inclusive: true, Limit: 1}, ""},
		{"at most 0%", Threshold{KPI: "service.service_level", Inclusive: true, Limit: 0}, ""},
		{"above 99%", Threshold{KPI: "service.service_level", Above: true, Limit: 0.99}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := CheckThreshold(m, tt.t); err != nil {
				t.Errorf("as an alert: %v; want none", err)
			}
			err := CheckTarget(m, tt.t)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("as a target: %v; want none", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("as a target: %v; want an error containing %q", err, tt.want)
			}
		})
	}
}

// TestThresholdInUnit checks that a limit written in one unit is put in
// its KPI's, and that one whose unit does not fit is refused, saying what
// was given and what is valid.
func TestThresholdInUnit(t *testing.T) {
	tests := []struct {
		name  string
		given LimitUnit
		limit float64 // as written: minutes for a duration, a fraction for a percentage
		unit  Unit
		want  float64
		err   string
	}{
		{"duration on a wait", Duration, 90, Minutes, 90, ""},
		{"duration on a lead time", Duration, 720, Days, 0.5, ""},
		{"days on a lead time", Duration, 2 * MinutesPerDay, Days, 2, ""},
		{"duration on staff-hours", Duration, 40 * 60, StaffHours, 40, ""},
		{"number on staff-hours", Bare, 40, StaffHours, 40, ""},
		{"percentage on a share", Percent, 0.8, Share, 0.8, ""},
		{"fraction on a share", Bare, 0.8, Share, 0.8, ""},
		{"number on NPS", Bare, -20, NPSPoints, -20, ""},
		{"number on money", Bare, 5000, Money, 5000, ""},
		{"number on a rate", Bare, 120, PerDay, 120, ""},
		{"number on customers", Bare, 3, Customers, 3, ""},
		{"number on a rating", Bare, 8, Rating, 8, ""},
		{"number on points", Bare, 0.1, Points, 0.1, ""},
		{"number on stars", Bare, 4, Stars, 4, ""},
		{"number on a factor", Bare, 1.1, Factor, 1.1, ""},
		{"zero on a wait", Bare, 0, Minutes, 0, ""},
		{"made in code", InKPIUnit, 2, Days, 2, ""},
		{"percentage on a wait", Percent, 0.8, Minutes, 0, "limit: k is in minutes, not a percentage (got 80%); valid: a duration such as 90s, 5m or 1h30m"},
		{"duration on NPS", Duration, 5, NPSPoints, 0, "limit: k is in NPS points, not a duration (got 5m); valid: a score from -100 to 100"},
		{"number on a wait", Bare, 5, Minutes, 0, "limit: k is in minutes, so a number without a unit is ambiguous (got 5); valid: a duration"},
		{"number on a lead time", Bare, 2, Days, 0, "limit: k is in days, so a number without a unit is ambiguous (got 2); valid: a duration such as 12h, 2d or 1d12h"},
		{"duration on money", Duration, 180, Money, 0, "(got 3h); valid: a number (in the scenario's currency per day)"},
		{"duration on a share", Duration, 5, Share, 0, "(got 5m); valid: a share such as 80%"},
		{"percentage on a rate", Percent, 0.5, PerDay, 0, "(got 50%); valid: a number of 0 or more"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Threshold{KPI: "k", Limit: tt.limit, Given: tt.given}.InUnit(tt.unit)
			switch {
			case tt.err == "" && err != nil:
				t.Errorf("got %v; want no error", err)
			case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
				t.Errorf("got %v; want an error containing %q", err, tt.err)
			case tt.err == "" && (got.Limit != tt.want || got.Given != InKPIUnit):
				t.Errorf("got limit %g (given %d); want %g in the KPI's unit", got.Limit, got.Given, tt.want)
			}
		})
	}
}
