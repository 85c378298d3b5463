package scenarios_test

import (
	"fmt"

	"github.com/svcsim/svcsim/scenarios"
)

// Load a built-in scenario and list its channels' routes and its stages
// with their service times and targets (times are minutes).
func ExampleBuiltin() {
	s, err := scenarios.Builtin("clinic")
	if err != nil {
		fmt.Println(err)
		return
	}
	m := s.Model
	fmt.Printf("%s: %d days, %d variants\n", s.Name(), m.Days, len(s.Variants))
	for _, c := range m.Channels {
		fmt.Print(c.Name, ":")
		for _, step := range c.Route {
			fmt.Print(" ", m.Stages[step.Stage].Name)
		}
		fmt.Println()
	}
	for _, st := range m.Stages {
		fmt.Printf("stage %s: service %v, target %g min, %d staff group(s)\n", st.Name, st.Service, st.Target, len(st.Groups))
	}
	// Output:
	// clinic: 28 days, 2 variants
	// phone: booking consultation follow_up
	// web: consultation follow_up
	// walk_in: consultation follow_up
	// stage booking: service lognormal(mean 3m, sd 1.5m), target 1 min, 1 staff group(s)
	// stage consultation: service gamma(mean 12m, sd 5m), target 15 min, 1 staff group(s)
	// stage follow_up: service exponential(mean 6m), target 2880 min, 1 staff group(s)
}
