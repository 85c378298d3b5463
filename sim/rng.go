package sim

import "math/rand/v2"

// Random-number purposes. Each draw is tagged with its purpose so that
// adding a draw of one kind never shifts the draws of another.
const (
	purposeArrival uint64 = iota + 1
	purposeCustomer
	purposeClass
	purposeService
	purposePatience
	purposeRoute
	purposeRetry
	purposeRework
	purposeDelay
	purposeSatisfaction
	purposeIncident
	purposePreference
	purposePunctuality
	purposeNoShow
)

// mix64 is the splitmix64 finaliser (Steele, Lea & Flood, "Fast splittable
// pseudorandom number generators", OOPSLA 2014): a bijection whose output
// bits each depend on every input bit, used to turn structured keys into
// well-spread generator seeds.
func mix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// hashSeed combines a key with further parts into a new 64-bit key.
func hashSeed(key uint64, parts ...uint64) uint64 {
	for _, p := range parts {
		key = mix64(key ^ mix64(p))
	}
	return key
}

// repKey is the root key of replication rep under the master seed.
func repKey(seed uint64, rep int) uint64 {
	return hashSeed(seed, 0x73766373696d, uint64(rep))
}

// seed points the engine's scratch generator at the stream of customer c
// for a purpose and two further tags, and returns it.
func (e *engine) seed(c *customer, purpose uint64, a, b int32) rand.Source {
	k := mix64(c.key ^ mix64(purpose<<40|uint64(uint32(a))<<20|uint64(uint32(b))))
	e.pcg.Seed(k, mix64(^k))
	return e.src
}

func (e *engine) uniform(c *customer, purpose uint64, a, b int32) float64 {
	return float64(e.seed(c, purpose, a, b).Uint64()>>11) * 0x1p-53
}
