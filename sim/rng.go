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

// golden is SplitMix64's increment, 2^64 divided by the golden ratio.
const golden = 0x9e3779b97f4a7c15

// stream is SplitMix64 (Steele, Lea & Flood 2014): a Weyl sequence with
// increment golden passed through the mix64 finaliser. Its whole state is
// one word, so pointing it at a new key costs nothing: every random
// quantity of a customer has a stream of its own, keyed by the customer,
// the purpose and the visit, which keeps runs paired draw by draw across
// scenarios (common random numbers) and independent of the worker count.
type stream struct{ s uint64 }

// Uint64 returns the next value of the stream (rand.Source).
func (r *stream) Uint64() uint64 {
	z := r.s
	r.s += golden
	return mix64(z)
}

// tag is the key of one random quantity of customer c: a purpose and two
// further tags (the visit and a sub-index).
func tag(c *customer, purpose uint64, a, b int32) uint64 {
	return c.key ^ mix64(purpose<<40|uint64(uint32(a))<<20|uint64(uint32(b)))
}

// seed points the engine's stream at the random quantity of customer c
// for a purpose and two further tags, and returns it.
func (e *engine) seed(c *customer, purpose uint64, a, b int32) rand.Source {
	e.st.s = tag(c, purpose, a, b)
	return e.src
}

// uniform is the uniform [0, 1) value of customer c for a purpose and two
// tags: the first value of its stream, without the stream.
func (e *engine) uniform(c *customer, purpose uint64, a, b int32) float64 {
	return float64(mix64(tag(c, purpose, a, b))>>11) * 0x1p-53
}

// sample draws from d with customer c's stream for a purpose and two tags.
// The exponential distribution, the most common, is drawn here directly
// (what Exponential.Rand draws, without the interface call and the
// wrapping of the source).
func (e *engine) sample(d Dist, c *customer, purpose uint64, a, b int32) float64 {
	if x, ok := d.(Exponential); ok {
		return e.expDraw(tag(c, purpose, a, b)) * x.M
	}
	return d.Rand(e.seed(c, purpose, a, b))
}
