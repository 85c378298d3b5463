// Package sim simulates a customer-service process: customers arrive
// through channels, queue at a sequence of staffed stages (booking, service,
// follow-up, or whatever the model names) and leave served or lost.
//
// A Model describes the process; Run simulates it for a number of
// independent replications and returns Results: per-stage and per-interval
// statistics for every replication and a summary with Student-t confidence
// intervals.
//
// # Time
//
// Every time inside the package is a float64 number of minutes. Time 0 is
// midnight at the start of the first simulated day; day d covers
// [d*1440, (d+1)*1440). Rates are customers per minute.
//
// # Engine
//
// Each replication is one synchronous event loop on a typed 4-ary heap
// ordered by (time, sequence number), so simultaneous events run in the
// order they were scheduled and a run is deterministic. Customers live in a
// reusable slab; abandonment timers are cancelled in O(1) by invalidating
// the customer's visit token (a stale timer is dropped when it surfaces).
// No package-level state affects a result: replications run on worker
// goroutines, each with its own engine, and are merged in replication
// order, so results do not depend on the number of workers. The package
// keeps two read-only caches of values that are the same however often
// they are computed: the tables of the exponential draw's fast path
// (read once from math/rand/v2) and Student's t quantiles.
//
// # Random numbers
//
// Every random draw about a customer (class, service time, patience,
// routing, retry) comes from a PCG generator seeded by hashing (master seed,
// replication, channel, arrival number, purpose, journey step). Two models
// that differ only in staffing therefore see the same customers with the
// same service requirements and patience: common random numbers.
package sim
