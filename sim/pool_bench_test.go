package sim

import "testing"

// A pool of 20 serving two stages longest waiting first, at utilisation
// 0.9: 18 arrivals a minute in all, 25,920 a day. Allocations per op stay
// flat from tier to tier: the pools' event handling allocates nothing.
func BenchmarkPool(b *testing.B) {
	for _, tier := range []struct {
		name string
		days int
	}{{"1e5", 4}, {"1e6", 39}} {
		b.Run(tier.name, func(b *testing.B) {
			benchModel(b, pooledModel([]float64{9, 9}, 1, 20, PoolLongestWaiting, tier.days, 0))
		})
	}
}
