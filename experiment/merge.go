package experiment

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// MaxShards bounds the shard count of an experiment, however it is given
// (--shard I/N, --shards N, a plan file) and the count a part may claim.
const MaxShards = 100000

// Units are the replications of an experiment's points gathered from its
// parts: Reps[i][r] is replication r of point i, present where Have[i][r].
// A failed point has neither.
type Units struct {
	Reps [][]sim.Replication
	Have [][]bool
}

// CheckParts checks part files (parts[i] read from files[i]) — untrusted
// input — and gathers their units. It checks that every part comes from
// the build version and from the same experiment (command, seed,
// replications, shard count, scenario files by their SHA-256), that every
// index is in range and every unit appears exactly once, and that each
// replication has its model's shape. Counts are checked before anything
// is allocated for them, so memory stays proportional to the parts' size.
// With partial, shards may be missing.
func CheckParts(files []string, parts []*Part, version string, partial bool) (*Units, error) {
	for i, p := range parts {
		if err := checkPart(files[i], p, files[0], parts[0], version, i == 0); err != nil {
			return nil, err
		}
	}
	if err := checkShards(files, parts, partial); err != nil {
		return nil, err
	}
	for i, p := range parts {
		if want := unitsOf(parts[0], p.Shard); len(p.Units) != want {
			return nil, fmt.Errorf("%s holds %d work units; shard %d of %d has %d", files[i], len(p.Units), p.Shard, p.Of, want)
		}
	}
	return gather(files, parts)
}

// checkPart checks part p (from file f) against the first part and, for
// the first part itself (first), its points' models.
func checkPart(f string, p *Part, f0 string, p0 *Part, version string, first bool) error {
	if p.Version != version {
		return fmt.Errorf("%s was written by svcsim %s; this is svcsim %s: merge with the build that ran the shards", f, p.Version, version)
	}
	switch {
	case p.Of < 1 || p.Of > MaxShards:
		return fmt.Errorf("%s: shard count %d is outside 1-%d", f, p.Of, MaxShards)
	case p.Shard < 0 || p.Shard >= p.Of:
		return fmt.Errorf("%s: shard %d is outside 0-%d", f, p.Shard, p.Of-1)
	case p.Replications < 1 || p.Replications > sim.MaxReplications:
		return fmt.Errorf("%s: %d replications is outside 1-%d", f, p.Replications, sim.MaxReplications)
	}
	if p.Command != p0.Command || p.Seed != p0.Seed || p.Replications != p0.Replications || p.Of != p0.Of || len(p.Points) != len(p0.Points) || !slices.Equal(p.Params, p0.Params) {
		return fmt.Errorf("%s is from a different experiment (%s, seed %d, %d replications, %d shards) than %s (%s, seed %d, %d, %d)",
			f, p.Command, p.Seed, p.Replications, p.Of, f0, p0.Command, p0.Seed, p0.Replications, p0.Of)
	}
	for j, pp := range p.Points {
		fp := p0.Points[j]
		if pp.Name != fp.Name || pp.File != fp.File || pp.Variant != fp.Variant || !slices.Equal(pp.Params, fp.Params) {
			return fmt.Errorf("%s: scenario %d is %q, but in %s it is %q", f, j, pp.Name, f0, fp.Name)
		}
		if pp.SHA256 != fp.SHA256 {
			return fmt.Errorf("%s: %s (%s) has SHA-256 %s, but %s ran it with %s: the scenario file changed between shards", f, pp.Name, pp.File, pp.SHA256, f0, fp.SHA256)
		}
		if (pp.Err == "") != (fp.Err == "") {
			return fmt.Errorf("%s: %s failed in one part and not in the other (%s)", f, pp.Name, f0)
		}
		if pp.Err != "" || !first {
			continue
		}
		if pp.Model == nil {
			return fmt.Errorf("%s: %s has no model", f, pp.Name)
		}
		if err := pp.Model.Validate(); err != nil {
			return fmt.Errorf("%s: %s: %v", f, pp.Name, err)
		}
	}
	return nil
}

// checkShards refuses two parts of one shard and, unless partial,
// missing shards.
func checkShards(files []string, parts []*Part, partial bool) error {
	n := parts[0].Of
	seen := make([]string, n)
	for i, p := range parts {
		if seen[p.Shard] != "" {
			return fmt.Errorf("%s and %s are both shard %d", seen[p.Shard], files[i], p.Shard)
		}
		seen[p.Shard] = files[i]
	}
	var missing []string
	first := -1
	for i, f := range seen {
		if f == "" {
			if first < 0 {
				first = i
			}
			missing = append(missing, strconv.Itoa(i))
			if len(missing) == 10 {
				missing = append(missing, "...")
				break
			}
		}
	}
	if len(missing) > 0 && !partial {
		return fmt.Errorf("shard(s) %s of %d missing (no %s): re-run them alone (Slurm: sbatch --array=%s; or --shard %s/%d), or merge what there is with --partial",
			strings.Join(missing, ", "), n, PartName(first, n), strings.Join(missing, ","), missing[0], n)
	}
	return nil
}

// unitsOf is the number of work units shard i of the experiment of part
// p has: unit u = point × replications + replication goes to shard u mod
// n, and failed points have none.
func unitsOf(p *Part, i int) int {
	R, n := p.Replications, p.Of
	below := func(k int) int { // units u < k with u mod n = i
		if k <= i {
			return 0
		}
		return (k-i-1)/n + 1
	}
	want := 0
	for pi, pp := range p.Points {
		if pp.Err == "" {
			want += below((pi+1)*R) - below(pi*R)
		}
	}
	return want
}

// gather places every unit of the parts, checking each.
func gather(files []string, parts []*Part) (*Units, error) {
	first := parts[0]
	R, n := first.Replications, first.Of
	u := &Units{Reps: make([][]sim.Replication, len(first.Points)), Have: make([][]bool, len(first.Points))}
	for i, pp := range first.Points {
		if pp.Err == "" {
			u.Reps[i] = make([]sim.Replication, R)
			u.Have[i] = make([]bool, R)
		}
	}
	for i, p := range parts {
		for _, w := range p.Units {
			where := fmt.Sprintf("%s: work unit (scenario %d, replication %d)", files[i], w.Point, w.Rep)
			switch {
			case w.Point < 0 || w.Point >= len(u.Reps) || w.Rep < 0 || w.Rep >= R:
				return nil, fmt.Errorf("%s is out of range (%d scenarios × %d replications)", where, len(u.Reps), R)
			case u.Reps[w.Point] == nil:
				return nil, fmt.Errorf("%s belongs to a scenario that failed", where)
			case (w.Point*R+w.Rep)%n != p.Shard:
				return nil, fmt.Errorf("%s belongs to shard %d, not %d", where, (w.Point*R+w.Rep)%n, p.Shard)
			case u.Have[w.Point][w.Rep]:
				return nil, fmt.Errorf("%s appears twice", where)
			case w.Stats.Index != w.Rep:
				return nil, fmt.Errorf("%s holds replication %d", where, w.Stats.Index)
			}
			if err := w.Stats.CheckShape(first.Points[w.Point].Model); err != nil {
				return nil, fmt.Errorf("%s: %v", where, err)
			}
			u.Reps[w.Point][w.Rep], u.Have[w.Point][w.Rep] = w.Stats, true
		}
	}
	return u, nil
}

// Merge turns checked parts (the first of them, p) and their units into
// the experiment's points, summarised as one machine would have. With
// partial, a point lacking replications is summarised over those present
// and lists the rest in Missing; without, a missing replication is an
// error.
func Merge(p *Part, u *Units, partial bool) ([]*Point, error) {
	var pts []*Point
	for i, pp := range p.Points {
		pt := &Point{Name: pp.Name, File: pp.File, Params: paramMap(pp.Params), Seed: pp.Seed, Assumptions: pp.Assumptions,
			Scenario: &scenarios.Scenario{Model: pp.Model, Variant: pp.Variant, Hash: pp.SHA256, Currency: pp.Currency}}
		switch {
		case pp.Err != "":
			pt.Err = fmt.Errorf("%s", pp.Err)
		case slices.Contains(u.Have[i], false) && !partial:
			return nil, fmt.Errorf("%s is missing replication %d", pp.Name, slices.Index(u.Have[i], false))
		case slices.Contains(u.Have[i], false):
			var present []sim.Replication
			pt.Missing = []int{}
			for r, ok := range u.Have[i] {
				if ok {
					present = append(present, u.Reps[i][r])
				} else {
					pt.Missing = append(pt.Missing, r)
				}
			}
			if len(present) == 0 {
				pt.Err = fmt.Errorf("partial merge: no replication of this scenario is in the parts")
			} else {
				pt.Results = sim.Summarise(pp.Model, present, p.Seed, 0.95)
			}
		default:
			pt.Results = sim.Summarise(pp.Model, u.Reps[i], pt.SeedOr(p.Seed), 0.95)
		}
		pts = append(pts, pt)
	}
	return pts, nil
}

// MissingUnits describes the work units a partial merge lacks, one point
// per line, with at most a few replication numbers each.
func MissingUnits(pts []*Point) []string {
	var lines []string
	for _, p := range pts {
		if len(p.Missing) == 0 {
			continue
		}
		var nums []string
		for k, r := range p.Missing {
			if k == 8 {
				nums = append(nums, fmt.Sprintf("… (%d in all)", len(p.Missing)))
				break
			}
			nums = append(nums, strconv.Itoa(r))
		}
		lines = append(lines, fmt.Sprintf("  %s: replication(s) %s", p.Name, strings.Join(nums, ", ")))
	}
	return lines
}
