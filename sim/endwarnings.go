package sim

import "fmt"

// endShare is the share of a stage's arrivals still waiting when the run
// ends from which EndWarnings speaks up.
const endShare = 0.01

// EndWarnings describes, after a run, each stage whose figures the end of
// the run cuts short: at least 1% of its arrivals (over every
// replication) were still waiting when the run ended. Their waits are in
// none of the stage's waits and service levels, which count the customers
// whose wait ended (served, abandoned, balked, sent away); and those left
// waiting are the ones who would have waited longest, so on a stage whose
// customers wait hours or days the figures read low, by up to about that
// share. A longer run (more days) shrinks it.
//
// A run that measured no opening hours at all (Model.AllowIdle; see
// Model.Idle) is described first: its figures are n/a or zero.
func (r *Results) EndWarnings() []string {
	var warns []string
	if len(r.Reps) > 0 && r.Reps[0].OpenDays == 0 { // the same in every replication
		warns = append(warns, "the run measured no opening hours: the scenario is open during none of the time it measures, so its figures are n/a or zero (a what-if run, as --allow-idle allows); to measure the service, give more --days or another start day")
	}
	for si, name := range r.Stages {
		var arrived, waiting int64
		var days float64
		for i := range r.Reps {
			st := &r.Reps[i].Stages[si]
			arrived += st.Arrived
			waiting += st.InQueueEnd
			days += r.Reps[i].DayCount()
		}
		if arrived == 0 || float64(waiting) < endShare*float64(arrived) {
			continue
		}
		warns = append(warns, fmt.Sprintf(
			"stage %q: %.1f%% of its arrivals (%.3g a day) were still waiting when the run ended and are in none of its waits and service levels; as they would have waited longest, those read low: simulate more days (--days)",
			name, 100*float64(waiting)/float64(arrived), float64(waiting)/days))
	}
	return warns
}
