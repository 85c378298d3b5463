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

func ExamplePriorityMMC() {
	// Three cross-trained people answer booking calls (0.8 a minute) and
	// make follow-up calls (0.8 a minute), one minute each, booking first.
	q := erlang.PriorityMMC{Lambda: []float64{0.8, 0.8}, Mu: 1, C: 3}
	fmt.Printf("booking waits %.3f min, follow-up %.3f min\n", q.Wq(0), q.Wq(1))
	// Served in order of arrival instead, both wait as one M/M/3 queue:
	// the same mean over all calls (the conservation law).
	fmt.Printf("mean %.3f min; first come, first served %.3f min\n", q.Wait(), erlang.MMC{Lambda: 1.6, Mu: 1, C: 3}.Wq())
	// Output:
	// booking waits 0.124 min, follow-up 0.267 min
	// mean 0.196 min; first come, first served 0.196 min
}
