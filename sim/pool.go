package sim

import (
	"fmt"
	"math"
	"time"
)

// Pool is a group of cross-trained staff shared by several stages: the
// receptionist who answers booking calls and makes follow-up calls. A
// stage a pool serves may have staff of its own as well; a customer is
// served by the stage's own staff when one is free, else by a member of
// a pool that serves the stage (pools in the order of Model.Pools).
//
// A pool member who comes free chooses the next customer among the queues
// of the stages the pool serves by Rule, and never interrupts a service
// (no preemption): PoolPriority takes the first stage in Serves with
// someone waiting, PoolLongestWaiting the stage whose next customer has
// waited longest (ties to the earlier stage in Serves). Within a stage the
// customer is the one the stage's own queue discipline puts first
// (priority class, then first come, first served).
type Pool struct {
	Name string

	// Staff is the headcount by weekday as a piecewise-constant function
	// of the time of day, as Group.Staff.
	Staff [7][]Segment

	// Cost is the cost of one staff hour on the schedule; OvertimeCost of
	// one hour kept on beyond it (0 = Cost).
	Cost, OvertimeCost float64

	Rule PoolRule

	// Serves lists the stages the pool serves; for PoolPriority in order
	// of priority.
	Serves []PoolStage
}

// PoolStage is one stage a pool serves.
type PoolStage struct {
	Stage int     // index into Model.Stages
	Speed float64 // divides the stage's service times (> 0)

	// FixRate, when > 0, is the share of the pool's customers at this
	// stage fixed at the first visit, as Group.FixRate; 0 leaves the
	// stage's Rework.Prob in force.
	FixRate float64

	// Reserve keeps members of the pool free for this stage: the pool
	// serves another stage only while, after taking that customer, at
	// least the sum of the other stages' reserves are still free.
	Reserve int
}

// PoolRule chooses which stage a pool member serves next.
type PoolRule int

const (
	// PoolPriority serves the stages in the fixed order of Pool.Serves.
	PoolPriority PoolRule = iota
	// PoolLongestWaiting serves the customer who has waited longest
	// across the stages.
	PoolLongestWaiting
)

var poolRuleNames = [...]string{"priority", "longest_waiting"}

func (r PoolRule) String() string {
	if r >= 0 && int(r) < len(poolRuleNames) {
		return poolRuleNames[r]
	}
	return fmt.Sprintf("PoolRule(%d)", int(r))
}

// PoolRuleNames lists the names of the pool rules, as String gives them.
func PoolRuleNames() []string { return append([]string(nil), poolRuleNames[:]...) }

// MaxPoolStaff bounds a pool's headcount: more people than any service
// desk has, and well below what would make a typo run for hours.
const MaxPoolStaff = 100000

// PoolsOf lists, for each stage of m, the pools that serve it and the
// stage's index in each pool's Serves.
func (m *Model) poolsOf(si int) []poolLink {
	var out []poolLink
	for pi := range m.Pools {
		for j, ps := range m.Pools[pi].Serves {
			if ps.Stage == si {
				out = append(out, poolLink{pool: int32(pi), serve: int32(j)})
			}
		}
	}
	return out
}

// poolLink is a pool serving a stage: the pool's index in Model.Pools and
// the stage's in the pool's Serves.
type poolLink struct{ pool, serve int32 }

// Pooled reports whether a pool serves stage si.
func (m *Model) Pooled(si int) bool {
	for pi := range m.Pools {
		for _, ps := range m.Pools[pi].Serves {
			if ps.Stage == si {
				return true
			}
		}
	}
	return false
}

// MaxStaff is the largest headcount on p's schedule.
func (p *Pool) MaxStaff() int {
	n := 0.0
	for d := range p.Staff {
		for _, s := range p.Staff[d] {
			n = math.Max(n, s.Value)
		}
	}
	return int(n)
}

// reworkProb is the chance that a customer the pool served at stage s
// (its entry ps) comes back.
func (ps *PoolStage) reworkProb(s *Stage) float64 {
	if ps.FixRate > 0 {
		return 1 - ps.FixRate
	}
	return s.Rework.Prob
}

// checkPools checks the pools: names distinct from each other and from the
// stages, schedules, costs, and the stages served with their speeds, fix
// rates and reserves.
func (m *Model) checkPools() error {
	if len(m.Pools) > math.MaxInt16 { // a customer records its pool in 16 bits
		return fmt.Errorf("sim: model %q: more than %d pools", m.Name, math.MaxInt16)
	}
	names := m.takenPoolNames()
	for pi := range m.Pools {
		p := &m.Pools[pi]
		if p.Name == "" || names[p.Name] {
			return fmt.Errorf("sim: pool %q: name empty or taken by a stage, another pool or a KPI section", p.Name)
		}
		names[p.Name] = true
		if err := checkPoolSettings(p); err != nil {
			return err
		}
		if err := m.checkPoolServes(p); err != nil {
			return err
		}
	}
	return nil
}

// takenPoolNames returns the names a pool cannot take: the stages' and
// the KPI sections'.
func (m *Model) takenPoolNames() map[string]bool {
	names := map[string]bool{}
	for _, s := range m.Stages {
		names[s.Name] = true
	}
	for _, reserved := range []string{"journey", "cost", "revenue", "reputation", "demand", "satisfaction"} {
		names[reserved] = true
	}
	return names
}

// checkPoolSettings checks what a pool says of itself: its rule, its costs
// and its staff schedule.
func checkPoolSettings(p *Pool) error {
	if p.Rule < PoolPriority || p.Rule > PoolLongestWaiting {
		return fmt.Errorf("sim: pool %q: unknown rule %d", p.Name, p.Rule)
	}
	if !(p.Cost >= 0) || !(p.OvertimeCost >= 0) || math.IsInf(p.Cost, 0) || math.IsInf(p.OvertimeCost, 0) {
		return fmt.Errorf("sim: pool %q: costs must be >= 0", p.Name)
	}
	for d := range p.Staff {
		if err := checkSegments(p.Staff[d], true); err != nil {
			return fmt.Errorf("sim: pool %q: staff on %v: %w", p.Name, time.Weekday(d), err)
		}
	}
	if n := p.MaxStaff(); n > MaxPoolStaff {
		return fmt.Errorf("sim: pool %q: %d staff: at most %d", p.Name, n, MaxPoolStaff)
	}
	return nil
}

// checkPoolServes checks that p serves at least one stage, each existing
// and listed once, and each entry's settings.
func (m *Model) checkPoolServes(p *Pool) error {
	if len(p.Serves) == 0 {
		return fmt.Errorf("sim: pool %q: serves no stage", p.Name)
	}
	seen := map[int]bool{}
	for _, ps := range p.Serves {
		if ps.Stage < 0 || ps.Stage >= len(m.Stages) {
			return fmt.Errorf("sim: pool %q: serves stage %d of %d", p.Name, ps.Stage, len(m.Stages))
		}
		if seen[ps.Stage] {
			return fmt.Errorf("sim: pool %q: serves stage %q twice", p.Name, m.Stages[ps.Stage].Name)
		}
		seen[ps.Stage] = true
		if err := m.checkPoolStage(p, ps); err != nil {
			return err
		}
	}
	return nil
}

// checkPoolStage checks one stage p serves, ps, which must exist: that a
// pool may serve it, and the entry's speed, fix rate and reserve.
func (m *Model) checkPoolStage(p *Pool, ps PoolStage) error {
	name := m.Stages[ps.Stage].Name
	if sat := m.Satisfaction; sat != nil && sat.Quality != nil && sat.Quality.Stage == ps.Stage {
		return fmt.Errorf("sim: pool %q: stage %q is the satisfaction model's service-quality stage, whose quality is per staff group of the stage: a pool cannot serve it", p.Name, name)
	}
	if m.Stages[ps.Stage].Book != nil {
		return fmt.Errorf("sim: pool %q: stage %q has an appointment book, whose slots follow the stage's own staff: a pool cannot serve it", p.Name, name)
	}
	if !(ps.Speed > 0) || math.IsInf(ps.Speed, 0) {
		return fmt.Errorf("sim: pool %q stage %q: Speed must be > 0 (got %g)", p.Name, name, ps.Speed)
	}
	if !(ps.FixRate >= 0 && ps.FixRate <= 1) {
		return fmt.Errorf("sim: pool %q stage %q: fix rate must be in (0, 1] (got %g)", p.Name, name, ps.FixRate)
	}
	if ps.FixRate > 0 && ps.FixRate < 1 {
		if rw := m.Stages[ps.Stage].Rework.To; rw < 0 || rw >= len(m.Stages) {
			return fmt.Errorf("sim: pool %q stage %q: rework goes to stage %d of %d", p.Name, name, rw, len(m.Stages))
		}
	}
	if ps.Reserve < 0 || ps.Reserve > 0 && ps.Reserve >= p.MaxStaff() {
		return fmt.Errorf("sim: pool %q stage %q: reserve must be >= 0 and below the pool's largest headcount %d (got %d)", p.Name, name, p.MaxStaff(), ps.Reserve)
	}
	return nil
}
