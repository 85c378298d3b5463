package experiment

import (
	"bytes"
	"cmp"
	"context"
	"encoding/gob"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/svcsim/svcsim/sim"
)

// Part is one shard's output: its work units' raw statistics and every
// point's model, so that Merge needs nothing but the parts.
type Part struct {
	Version      string
	Command      string
	Params       []string
	Seed         uint64
	Replications int
	Shard, Of    int
	Points       []PartPoint
	Units        []PartUnit
}

// PartPoint is one point of a Part.
type PartPoint struct {
	Name, File, Variant, SHA256, Currency string
	// Params are the sweep parameters in name order. A part holds no Go
	// map: gob sizes a map by the count the file states before reading
	// any entry, so a crafted count of billions would exhaust memory.
	Params      []Param
	Assumptions []string
	Model       *sim.Model
	Err         string
	// Seed is the point's master seed when it has its own (a batch
	// file's); nil means the part's Seed.
	Seed *uint64
}

// Param is one sweep parameter of a PartPoint.
type Param struct{ Name, Value string }

// sortedParams lists m in name order.
func sortedParams(m map[string]string) []Param {
	var out []Param
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, Param{k, m[k]})
	}
	return out
}

// paramMap is ps as a map (nil for none).
func paramMap(ps []Param) map[string]string {
	if len(ps) == 0 {
		return nil
	}
	m := make(map[string]string, len(ps))
	for _, p := range ps {
		m[p.Name] = p.Value
	}
	return m
}

// PartUnit is one work unit of a Part: replication Rep of point Point.
type PartUnit struct {
	Point, Rep int
	Stats      sim.Replication
}

func init() {
	for _, d := range []sim.Dist{sim.Exponential{}, sim.LogNormal{}, sim.Gamma{}, sim.Erlang{}, sim.Triangular{},
		sim.Uniform{}, sim.Deterministic{}, sim.Empirical{}, sim.Normal{}} {
		gob.Register(d)
	}
}

// PartName is the file shard i of n writes.
func PartName(i, n int) string { return fmt.Sprintf("part-%d-of-%d.gob", i, n) }

// ExpectedParts names the part files of shards 0..n-1 for a message,
// eliding the middle of a long list.
func ExpectedParts(n int) string {
	if n <= 4 {
		var names []string
		for i := range n {
			names = append(names, PartName(i, n))
		}
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s, %s, …, %s", PartName(0, n), PartName(1, n), PartName(n-1, n))
}

// Shard is the work of shard I of N of an experiment, ready to run.
type Shard struct {
	I, N    int
	part    Part
	pts     []*Point
	opt     Options
	work    []unit
	workers int
}

type unit struct {
	point, rep int
	model      *sim.Model
}

// NewShard prepares shard i of n of the experiment pts: the points whose
// model cannot be made are recorded as failed, and the shard's units are
// those u = point × replications + replication with u mod n = i. command
// and params name the experiment in the part.
func NewShard(pts []*Point, o Options, i, n int, command string, params []string) *Shard {
	s := &Shard{I: i, N: n, pts: pts, opt: o,
		part: Part{Version: o.Version, Command: command, Params: params, Seed: o.Seed, Replications: o.Replications, Shard: i, Of: n}}
	for pi, pt := range pts {
		pp := PartPoint{Name: pt.Name, File: pt.File, Params: sortedParams(pt.Params), Seed: pt.Seed}
		m, err := pt.Err, error(nil)
		var model *sim.Model
		if m == nil {
			model, err = o.Model(pt)
		}
		switch {
		case m != nil:
			pp.Err = m.Error()
		case err != nil:
			pp.Err = err.Error()
		default:
			pp.Model, pp.Variant, pp.SHA256, pp.Currency, pp.Assumptions = model, pt.Scenario.Variant, pt.Scenario.Hash, pt.Scenario.Currency, describeModel(pt.Scenario, model)
			for r := range o.Replications {
				if (pi*o.Replications+r)%n == i {
					s.work = append(s.work, unit{pi, r, model})
				}
			}
		}
		s.part.Points = append(s.part.Points, pp)
	}
	s.workers = min(cmp.Or(o.Workers, runtime.GOMAXPROCS(0)), max(len(s.work), 1))
	return s
}

// Units is the number of work units of the shard; Workers, of the
// goroutines Run runs them on.
func (s *Shard) Units() int   { return len(s.work) }
func (s *Shard) Workers() int { return s.workers }

// Run runs the shard's units, each a replication on its own, and returns
// the part, Options.Progress told of each unit under the name "shard I of
// N". It returns ErrInterrupted when ctx is cancelled first.
func (s *Shard) Run(ctx context.Context) (*Part, error) {
	name := fmt.Sprintf("shard %d of %d", s.I, s.N)
	s.opt.progress(name, 0)
	reps := make([]sim.Replication, len(s.work))
	errs := make([]error, len(s.work))
	next := make(chan int)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range s.workers {
		wg.Go(func() {
			for k := range next {
				u := s.work[k]
				reps[k], errs[k] = sim.Replicate(ctx, u.model, s.pts[u.point].SeedOr(s.opt.Seed), u.rep)
				mu.Lock()
				s.opt.progress(name, 1)
				mu.Unlock()
			}
		})
	}
feed:
	for k := range s.work {
		select {
		case next <- k:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if ctx.Err() != nil {
		return nil, ErrInterrupted
	}
	p := s.part
	for k, u := range s.work {
		if errs[k] != nil {
			return nil, fmt.Errorf("%s, replication %d: %w", s.pts[u.point].Name, u.rep, errs[k])
		}
		p.Units = append(p.Units, PartUnit{u.point, u.rep, reps[k]})
	}
	return &p, nil
}

// Encode is the part file's contents: the gob encoding of p, sealed with
// its SHA-256 (see seal).
func (p *Part) Encode() ([]byte, error) {
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(p); err != nil {
		return nil, err
	}
	return seal(sealPart, b.Bytes()), nil
}

// DecodePart reads a part file's contents: ErrDamaged if they are not
// what Encode wrote (a flipped bit, bytes cut or appended), a
// *FormatError if an older build wrote them or they are no part file.
// They are untrusted even then: check the parts with CheckParts before
// using them.
func DecodePart(b []byte) (*Part, error) {
	payload, err := unseal(sealPart, b)
	if err != nil {
		return nil, err
	}
	var p Part
	if err := decodeGob(payload, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// decodeGob decodes b, one value, into v; bytes after it are an error.
// encoding/gob is not hardened against adversarial input (its
// documentation says so) and can panic on a crafted file, so a panic
// while decoding is a decoding error here.
func decodeGob(b []byte, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("malformed data (%v)", r)
		}
	}()
	r := bytes.NewReader(b)
	if err := gob.NewDecoder(r).Decode(v); err != nil {
		return err
	}
	if r.Len() > 0 {
		return fmt.Errorf("%d bytes after the data", r.Len())
	}
	return nil
}
