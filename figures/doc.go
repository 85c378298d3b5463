// Package figures formats the numbers svcsim shows: an estimate as value
// ± half-width rounded by the Particle Data Group's rule (PM), numbers for
// scripts at full precision (Number), clock times (Clock) and durations in
// words (Duration) or compactly (Compact).
//
// Every table, report, message and CSV file of svcsim formats through
// these functions, so that one figure reads the same everywhere. See
// ExamplePM.
package figures
