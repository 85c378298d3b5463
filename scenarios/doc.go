// Package scenarios reads scenario files: YAML descriptions of a service
// process (opening hours, demand, stages, staff, satisfaction model, alerts
// and variants) that become a sim.Model. Every problem is reported with
// its file, line and field; nothing is silently defaulted that the file
// format does not document (docs/scenarios.md).
package scenarios
