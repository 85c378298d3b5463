package sim

import (
	"fmt"
	"time"
)

// Speed is the line 'svcsim run --stats' prints: the wall-clock time of
// the simulation, elapsed (summaries included, reading the scenario and
// writing the results not), on workers goroutines, the events processed
// and the customers simulated (first arrivals after the warm-up, as
// journey.customers counts them) per second, over every replication.
func (res *Results) Speed(elapsed time.Duration, workers int) string {
	var customers int64
	for i := range res.Reps {
		customers += res.Reps[i].Journey.Started
	}
	sec := elapsed.Seconds()
	plural := func(n int, what string) string {
		if n == 1 {
			return "1 " + what
		}
		return fmt.Sprintf("%d %ss", n, what)
	}
	return fmt.Sprintf("stats: %s on %s in %.3f s: %d events (%.2f M/s), %d customers (%.2f M/s)",
		plural(len(res.Reps), "replication"), plural(min(workers, len(res.Reps)), "worker"), sec,
		res.Events, float64(res.Events)/sec/1e6, customers, float64(customers)/sec/1e6)
}
