package staffing

import "testing"

func TestHeadline(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"found", (&Result{Found: true, Evaluations: 7}).Headline(),
			"cheapest staffing meeting every target (95% confidence), 7 staffings simulated"},
		{"cut", (&Result{Found: true, Evaluations: 7, Cut: "the budget --max-evaluations ran out"}).Headline(),
			"a staffing meeting every target (95% confidence), 7 staffings simulated; the budget --max-evaluations ran out, so it may not be the cheapest"},
		{"not found", (&Result{Evaluations: 3}).Headline(),
			"no staffing met every target; the highest staffing tried, of 3 simulated"},
		{"per interval", (&IntervalResult{Evaluations: 9}).Headline(),
			"cheapest staffing per interval meeting every target (95% confidence), 9 staffings simulated"},
		{"per interval, stopped", (&IntervalResult{Evaluations: 9, Stopped: "max staff"}).Headline(),
			"no staffing per interval met every target; the highest staffing tried, of 9 simulated"},
		{"per interval, failing", (&IntervalResult{Evaluations: 9, Whole: []int{0}, Cut: "out of time"}).Headline(),
			"no staffing per interval met every target; the cheapest staffing found for the intervals staff can change, of 9 simulated; out of time"},
		{"per interval, cut", (&IntervalResult{Evaluations: 9, Cut: "out of time"}).Headline(),
			"a staffing per interval meeting every target (95% confidence), 9 staffings simulated; out of time"},
		{"per interval, left out", (&IntervalResult{Evaluations: 9, LeftOut: []string{"booking 18:00-19:00", "follow_up 17:00-18:00"}}).Headline(),
			"cheapest staffing per interval meeting every target (95% confidence), 9 staffings simulated; left out, as the stage has no staff then in the scenario: booking 18:00-19:00, follow_up 17:00-18:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("Headline() = %q; want %q", tt.got, tt.want)
			}
		})
	}
}
