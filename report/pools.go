package report

import (
	"fmt"
	"strings"

	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/sim"
)

// poolSentences say, for each pool of r, how busy it is, where its time
// goes and what it costs: " Pool desk is busy 50.8 ± 2.3% of its time on
// duty: 9.6 ± 0.4 staff-h/day at booking, 5.7 ± 0.5 at follow_up; staff
// cost 722.5 ± 2.2 EUR per open day." The empty string without pools.
func poolSentences(r *sim.Results, currency string) string {
	var out strings.Builder
	for _, pool := range r.Pools {
		u := r.KPI(pool + ".utilisation")
		if u == nil {
			continue
		}
		fmt.Fprintf(&out, " Pool %s is busy %s%% of its time on duty", pool, pmOf(u.Estimate, 100))
		var at []string
		for _, k := range r.KPIs {
			if stage, ok := strings.CutPrefix(k.Name, pool+".time."); ok {
				at = append(at, fmt.Sprintf("%s at %s", pmOf(k.Estimate, 1), stage))
			}
		}
		if len(at) > 0 {
			at[0] = strings.Replace(at[0], " at ", " staff-h/day at ", 1)
			fmt.Fprintf(&out, ": %s", strings.Join(at, ", "))
		}
		if c := r.KPI(pool + ".cost"); c != nil {
			fmt.Fprintf(&out, "; staff cost %s %s", pmOf(c.Estimate, 1), moneyUnit(c.Unit, currency))
		}
		out.WriteString(".")
	}
	return out.String()
}

// pmOf is e×scale as "50.8 ± 2.3".
func pmOf(e sim.Estimate, scale float64) string {
	return figures.JoinPM(figures.PM(e.Mean*scale, e.HalfWidth*scale))
}
