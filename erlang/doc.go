// Package erlang computes steady-state results of analytical queueing
// models: Erlang B and C (M/M/c), Erlang A (M/M/c+M, exponential
// patience), Pollaczek–Khinchine (M/G/1), open Jackson networks of M/M/c
// stations, and the smallest staff meeting a target. svcsim's tests check
// the simulator against these values, and the staffing optimiser starts
// its search from them. ExampleMMC shows typical use.
//
// Use one time unit throughout (svcsim uses minutes): rates are per unit,
// times are in units.
//
// Invalid input — a rate that is not finite and > 0, fewer than one
// server, a negative time — gives NaN (0 from the staffing functions)
// rather than a panic. A queue without a steady state (an M/M/c queue with
// Lambda >= C Mu) is reported, not rejected: infinite mean waits and
// queues, every arrival waiting.
//
// Everything is computed without factorials or powers of the load, so
// results stay accurate for thousands of servers: Erlang B by its
// recursion, Erlang A through the scaled incomplete gamma function.
//
// Sources: Gross, Shortle, Thompson & Harris, Fundamentals of Queueing
// Theory, 4th ed. (Wiley, 2008) for M/M/c, M/M/c/c, M/G/1 and Jackson
// networks; Garnett, Mandelbaum & Reiman, "Designing a call center with
// impatient customers", MSOM 4(3), 2002, and Mandelbaum & Zeltyn, "The
// Palm/Erlang-A queue, with applications to call centers" (Technion,
// 2005), for Erlang A.
package erlang
