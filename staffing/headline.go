package staffing

import (
	"fmt"
	"strings"
)

// Headline says in a line what Cheapest found: the cheapest staffing
// meeting every target, one that may not be the cheapest (a budget cut the
// search short), or none.
func (r *Result) Headline() string {
	switch {
	case !r.Found:
		return fmt.Sprintf("no staffing met every target; the highest staffing tried, of %d simulated", r.Evaluations)
	case r.Cut != "":
		return fmt.Sprintf("a staffing meeting every target (95%% confidence), %d staffings simulated; %s, so it may not be the cheapest", r.Evaluations, r.Cut)
	}
	return fmt.Sprintf("cheapest staffing meeting every target (95%% confidence), %d staffings simulated", r.Evaluations)
}

// Headline says in a line what ByInterval found, and why taking people
// away stopped early when it did.
func (r *IntervalResult) Headline() string {
	h := fmt.Sprintf("cheapest staffing per interval meeting every target (95%% confidence), %d staffings simulated", r.Evaluations)
	switch {
	case r.Stopped != "":
		h = fmt.Sprintf("no staffing per interval met every target; the highest staffing tried, of %d simulated", r.Evaluations)
	case len(r.Fails) > 0 || len(r.Whole) > 0:
		h = fmt.Sprintf("no staffing per interval met every target; the cheapest staffing found for the intervals staff can change, of %d simulated", r.Evaluations)
	case r.Cut != "":
		h = fmt.Sprintf("a staffing per interval meeting every target (95%% confidence), %d staffings simulated", r.Evaluations)
	}
	if r.Cut != "" {
		h += "; " + r.Cut
	}
	if len(r.LeftOut) > 0 {
		h += "; left out, as the stage has no staff then in the scenario: " + strings.Join(r.LeftOut, ", ")
	}
	return h
}

// PoolHeadline says in a line what CheapestPool found: the smallest pool
// meeting every target, one that may not be the smallest, or none.
func (r *Result) PoolHeadline() string {
	switch {
	case !r.Found:
		return fmt.Sprintf("no pool size met every target; the highest tried, of %d simulated", r.Evaluations)
	case r.Cut != "":
		return fmt.Sprintf("a pool size meeting every target (95%% confidence), %d staffings simulated; %s, so it may not be the smallest", r.Evaluations, r.Cut)
	}
	return fmt.Sprintf("smallest pool meeting every target (95%% confidence), %d staffings simulated", r.Evaluations)
}

// Headline says in a line what Rota found for the scenario called name,
// searched on seed: a rota meeting every target on it and on the fresh
// seeds, or the last one tried.
func (r *RotaResult) Headline(name string, seed uint64) string {
	if !r.Met {
		return fmt.Sprintf("no rota of %s met every target; the last one tried", name)
	}
	return fmt.Sprintf("rota of %s: every target met (95%% confidence) on seed %d and %d fresh seeds", name, seed, len(r.Fresh))
}
