package experiment

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/svcsim/svcsim/internal/userfile"
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/sim"
)

// Merged is an experiment merged from its part files.
type Merged struct {
	Files  []string // the part files, in the order read
	Parts  []*Part
	Points []*Point
}

// Job is the job whose work the merged parts are, writing into dir: the
// merged points, with the parts' seed, replications, command and
// parameters, so that its folder is the one a run on one machine writes.
func (m *Merged) Job(version string, dir *resultset.Dir) *Job {
	first := m.Parts[0]
	return &Job{Points: m.Points, Options: Options{Options: sim.Options{Seed: first.Seed, Replications: first.Replications}},
		Command: first.Command, Params: first.Params, Version: version, Dir: dir}
}

// MergeFiles reads the part files args name (see PartFiles), checks them
// (see CheckParts) and against plan when it is not nil (read from the file
// planFile), and merges them into the points one machine would have run.
// With partial, missing shards are allowed and each point is summarised
// over the replications present. Unusable input is an *InputError, an
// interruption ErrInterrupted.
func MergeFiles(ctx context.Context, args []string, plan *Plan, planFile, version string, partial bool) (*Merged, error) {
	files, empty, err := PartFiles(args)
	if err != nil {
		return nil, &InputError{err}
	}
	if len(files) == 0 {
		return nil, &InputError{nothingToMerge(args, empty, plan, planFile)}
	}
	parts, err := ReadParts(ctx, files)
	if err != nil {
		return nil, err
	}
	first := parts[0]
	units, err := CheckParts(files, parts, version, partial)
	if err != nil {
		return nil, &InputError{err}
	}
	if plan != nil && (plan.Shards != first.Of || plan.Seed != first.Seed || plan.Replications != first.Replications) {
		return nil, &InputError{fmt.Errorf("%s is not from --plan %s: %d shards, seed %d, %d replications; want %d, %d, %d",
			files[0], planFile, first.Of, first.Seed, first.Replications, plan.Shards, plan.Seed, plan.Replications)}
	}
	if plan != nil {
		if err := planHolds(plan, planFile, first, files[0]); err != nil {
			return nil, &InputError{err}
		}
	}
	pts, err := Merge(first, units, partial)
	if err != nil {
		return nil, err
	}
	return &Merged{Files: files, Parts: parts, Points: pts}, nil
}

// planHolds refuses a part (from file) of an experiment whose scenario
// count is not the plan's. The plan counts the scenarios that loaded; a
// part also holds those that did not, and a loaded one whose model
// failed (--days shorter than its warm-up, say) has no units either, so
// the plan's count lies between the part's points with units and all of
// them.
func planHolds(plan *Plan, planFile string, p *Part, file string) error {
	ran := 0
	for _, pp := range p.Points {
		if pp.Err == "" {
			ran++
		}
	}
	if plan.Scenarios < ran || plan.Scenarios > len(p.Points) {
		return fmt.Errorf("%s is not from --plan %s: the plan has %d scenarios (got %d in the part, %d of them run); valid: the parts of the command that was planned",
			file, planFile, plan.Scenarios, len(p.Points), ran)
	}
	return nil
}

// ReadParts reads and decodes the part files. A file that cannot be read
// or decoded is an *InputError, an interruption ErrInterrupted.
func ReadParts(ctx context.Context, files []string) ([]*Part, error) {
	var parts []*Part
	for _, f := range files {
		if ctx.Err() != nil {
			return nil, ErrInterrupted
		}
		b, err := userfile.Read(f, userfile.Part)
		if err != nil {
			return nil, &InputError{err}
		}
		p, err := DecodePart(b)
		if fe, ok := errors.AsType[*FormatError](err); ok {
			return nil, &InputError{fmt.Errorf("%s %v: rerun the shard that wrote it with this build", f, fe)}
		}
		if err != nil {
			return nil, &InputError{fmt.Errorf("%s: %v; rerun the shard that wrote it", f, err)}
		}
		parts = append(parts, p)
	}
	return parts, nil
}

// Shortfall says what a partial merge lacks: lines naming the missing
// shards and work units (none when every unit is present), and the
// merge's outcome: nil for a complete or partial merge, else Failed's
// error when a point failed in the shards.
func (m *Merged) Shortfall() (lines []string, err error) {
	lost, broken := 0, false
	for i, p := range m.Points {
		lost += len(p.Missing)
		broken = broken || m.Parts[0].Points[i].Err != ""
	}
	if lost == 0 {
		return nil, Failed(m.Points)
	}
	first := m.Parts[0]
	present := map[int]bool{}
	for _, p := range m.Parts {
		present[p.Shard] = true
	}
	var missing []string
	for i := range first.Of {
		if !present[i] {
			missing = append(missing, strconv.Itoa(i))
		}
	}
	lines = append(lines, fmt.Sprintf("partial: shard(s) %s of %d missing, %d of %d work units; each scenario is summarised over the replications present:",
		strings.Join(missing, ", "), first.Of, lost, len(m.Points)*first.Replications))
	lines = append(lines, MissingUnits(m.Points)...)
	if !broken {
		return lines, nil
	}
	return lines, Failed(m.Points)
}

// partCount reads N from a part-I-of-N.gob name. Compiled on first use,
// as every regular expression of svcsim is: package initialisation runs
// in every command, which should not pay for what few of them use.
var partCount = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`-of-([0-9]+)\.gob$`) })

// nothingToMerge is the error when a merge's arguments hold no part
// file: it names the parts it expected, from the plan or from the
// pattern.
func nothingToMerge(args, empty []string, plan *Plan, planFile string) error {
	n := 0
	if plan != nil {
		n = plan.Shards
	} else {
		for _, a := range args {
			if m := partCount().FindStringSubmatch(a); m != nil {
				n, _ = strconv.Atoi(m[1])
			}
		}
	}
	where := "no part file given"
	if len(empty) > 0 {
		where = strings.Join(empty, ", ") + " holds or matches no part file"
	}
	expected := "the part-I-of-N.gob files that --shard, --shards and --plan write into each shard's --out DIR"
	if n > 0 {
		expected = fmt.Sprintf("%s: one per shard 0..%d, each in its shard's --out DIR", ExpectedParts(n), n-1)
		if plan != nil {
			expected += " (the " + strconv.Itoa(n) + " shards of " + planFile + ")"
		}
	}
	return fmt.Errorf("nothing to merge: %s; expected %s", where, expected)
}
