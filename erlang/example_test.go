package erlang_test

import (
	"fmt"

	"github.com/svcsim/svcsim/erlang"
)

func ExampleMMC() {
	// A call centre in minutes: 9 calls a minute, 1-minute calls, 10 agents.
	q := erlang.MMC{Lambda: 9, Mu: 1, C: 10}
	fmt.Printf("utilisation %.2f, P(wait) %.3f, mean wait %.3f min\n", q.Rho(), q.PWait(), q.Wq())
	fmt.Printf("answered within 30 s: %.1f%%, 90%% wait less than %.2f min\n", 100*q.ServiceLevel(0.5), q.WaitQuantile(0.9))
	fmt.Println("agents for 80% within 30 s:", erlang.StaffForServiceLevel(9, 1, 0.5, 0.8))

	// The same centre when callers hang up after 2 minutes on average.
	a := erlang.MMCA{Lambda: 9, Mu: 1, C: 10, Theta: 0.5}
	fmt.Printf("with abandonment: %.1f%% abandon, %.1f%% of callers answered within 30 s\n", 100*a.PAbandon(), 100*a.ServiceLevel(0.5))
	// Output:
	// utilisation 0.90, P(wait) 0.669, mean wait 0.669 min
	// answered within 30 s: 59.4%, 90% wait less than 1.90 min
	// agents for 80% within 30 s: 11
	// with abandonment: 6.7% abandon, 86.1% of callers answered within 30 s
}
