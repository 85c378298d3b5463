// Package staffing finds the cheapest staffing of a scenario that meets
// targets such as "agents.service_level >= 80%" with confidence: a target
// counts as met only when the whole confidence interval is on the right
// side of its limit.
//
// A Problem is a model, the stages whose headcount may change and the
// targets. Its starting point is queueing theory: OfferedLoad works out
// each stage's load per interval from the scenario's own rates, route
// probabilities and mean times, and Erlang A (Erlang C without
// abandonment) turns it into a headcount per interval. Cheapest then
// searches one headcount per stage, ByInterval one per stage and
// interval of the day (the requirement table for a rota): both add
// people where a target fails and take them away while every target
// still holds, simulating each staffing on common random numbers, within
// budgets of evaluations and time. When no staffing meets the targets,
// the result says which target fails, where and by how much.
//
// Rota goes from requirement to rota: it turns a scenario's shift
// patterns (scenarios.Workforce) into the cheapest rota with package
// rota, simulates the roster as the staff schedule, raises the
// requirement where a target fails and solves again, until every target
// holds on the seed and on fresh seeds or its rounds run out.
//
// Progress and the search log arrive through Options' callbacks; the
// package writes nothing to a terminal. See Example.
package staffing
