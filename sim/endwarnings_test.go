package sim

import (
	"strings"
	"testing"
)

// TestEndWarnings: a stage warns when at least 1% of its arrivals were
// still waiting at the end, with the share and the count per open day.
func TestEndWarnings(t *testing.T) {
	rep := func(waiting ...int64) Replication {
		r := Replication{OpenDays: 10}
		for _, w := range waiting {
			r.Stages = append(r.Stages, StageStats{Arrived: 1000, Served: 1000 - w, InQueueEnd: w})
		}
		return r
	}
	res := &Results{Stages: []string{"booking", "follow_up"}, Reps: []Replication{rep(5, 20), rep(4, 20)}}
	got := res.EndWarnings()
	if len(got) != 1 || !strings.HasPrefix(got[0], `stage "follow_up": 2.0% of its arrivals (2 a day) were still waiting`) {
		t.Errorf("EndWarnings = %q; want one warning, for follow_up, 2.0%% and 2 a day", got)
	}
}
