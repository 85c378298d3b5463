package experiment

import (
	"cmp"

	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// DefaultSeed is the master seed of a scenario whose file sets none, when
// no other is given.
const DefaultSeed = 1

// SeedOf is the master seed sc runs with unless another is given: its
// file's seed: field (0 included), else DefaultSeed. A nil sc has
// DefaultSeed.
func SeedOf(sc *scenarios.Scenario) uint64 {
	if sc != nil && sc.SeedSet {
		return sc.Seed
	}
	return DefaultSeed
}

// ReplicationsOf is the number of replications sc runs unless another is
// given: its file's replications: field, else sim.DefaultReplications.
func ReplicationsOf(sc *scenarios.Scenario) int {
	return cmp.Or(sc.Replications, sim.DefaultReplications)
}
