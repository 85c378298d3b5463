package experiment

import (
	"fmt"

	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// Compared returns the scenarios of sc that a comparison of n scenario
// arguments runs: a single scenario with its variants, else only the
// scenario itself unless variants is set.
func Compared(sc *scenarios.Scenario, n int, variants bool) []*scenarios.Scenario {
	if n == 1 || variants {
		return sc.All()
	}
	return []*scenarios.Scenario{sc}
}

// Differences returns the paired differences of each point's results
// from the first point's (the baseline); the baseline's own are nil, as
// are those of points that do not compare.
func Differences(pts []*Point) [][]sim.Diff {
	out := make([][]sim.Diff, len(pts))
	for i, p := range pts[1:] {
		d, err := sim.Compare(pts[0].Results, p.Results)
		if err == nil {
			out[i+1] = d
		}
	}
	return out
}

// BottleneckNotes say, for each point, where it serves more customers at
// a stage than the baseline but no more at a later, busy stage, so the
// gain upstream does not become served customers (see sim.Bottlenecks).
func BottleneckNotes(pts []*Point) []string {
	var notes []string
	base := pts[0].Results
	for i, p := range pts[1:] {
		if p.Results == nil || base == nil {
			continue
		}
		for _, bn := range sim.Bottlenecks(base, p.Results) {
			notes = append(notes, BottleneckNote(fmt.Sprintf("scenario %d (%s)", i+2, p.Name), bn))
		}
	}
	return notes
}

// BottleneckNote says in words what bn means for the scenario who.
func BottleneckNote(who string, bn sim.Bottleneck) string {
	more, morePM := figures.PM(bn.More.Mean, bn.More.HalfWidth)
	same, samePM := figures.PM(bn.Same.Mean, bn.Same.HalfWidth)
	return fmt.Sprintf("%s: %s completes %s more customers per open day, "+
		"but %s, the bottleneck (%s), completes no more (%s): the extra customers only wait there or are "+
		"still in the process at the end, so they add no served customers or revenue",
		who, bn.Upstream, figures.JoinPM("+"+more, morePM), bn.Downstream, bn.Why, figures.JoinPM(same, samePM))
}
