package scenarios

import (
	"fmt"
	"math"
	"time"

	"github.com/svcsim/svcsim/sim"
	yaml "go.yaml.in/yaml/v4"
)

// topFields are the fields of a scenario file; see docs/scenarios.md.
var topFields = []string{
	"name", "title", "description", "currency", "extends", "days", "start", "warmup", "interval",
	"replications", "seed", "open", "classes", "channels", "stages", "pools", "arrivals", "roster",
	"satisfaction", "alerts", "variants", "data", "workforce",
}

// build decodes a merged scenario document into s.
func (d *decoder) build(doc *yaml.Node, s *Scenario) {
	f := d.fields(doc, "", topFields...)
	if f == nil {
		return
	}
	m := &sim.Model{Days: 1, StartDay: time.Monday, Interval: 30}
	s.Model = m
	d.data.inline = d.inlineData(f["data"]) // before anything reads a data file
	d.header(doc, f, s)
	d.runSettings(f, s)
	if f["open"] == nil {
		d.errorf(doc, "open", "missing: give the opening hours, e.g. open: {mon-fri: 08:00-18:00}")
	}
	m.Open = d.openingHours(f["open"], "open")
	d.shrinkage = shrinkageOf(f["workforce"])
	d.process(doc, f, m)
	if n := f["workforce"]; n != nil {
		s.Workforce = d.workforce(n, m)
	}
}

// header reads the scenario's name, title, description and currency.
func (d *decoder) header(doc *yaml.Node, f map[string]*yaml.Node, s *Scenario) {
	m := s.Model
	m.Name = d.str(f["name"], "name")
	switch {
	case f["name"] == nil:
		d.errorf(doc, "name", "missing: every scenario needs a name")
	case f["name"].Kind == yaml.ScalarNode && m.Name == "":
		d.errorf(f["name"], "name", "must not be empty")
	}
	s.Title = d.str(f["title"], "title")
	s.Description = d.str(f["description"], "description")
	s.Currency = d.str(f["currency"], "currency")
}

// runSettings reads the calendar (days, start, warmup, interval) and the
// run settings (replications, seed).
func (d *decoder) runSettings(f map[string]*yaml.Node, s *Scenario) {
	m := s.Model
	if n := f["days"]; n != nil {
		m.Days = d.integer(n, "days", 1, 3660)
	}
	if n := f["start"]; n != nil {
		m.StartDay, _ = parseAny(d, n, "start", parseWeekday)
	}
	if n := f["warmup"]; n != nil {
		m.Warmup = d.duration(n, "warmup")
		if m.Warmup >= float64(m.Days)*sim.MinutesPerDay {
			d.errorf(n, "warmup", "must be shorter than the %d simulated day(s) (got %s); valid: less than %dd", m.Days, n.Value, m.Days)
		}
	}
	if n := f["interval"]; n != nil {
		m.Interval = d.dayPart(n, "interval", sim.MaxIntervalsPerDay, "15m, 30m or 1h")
	}
	if n := f["replications"]; n != nil {
		s.Replications = d.integer(n, "replications", 1, 100000)
	}
	if n := f["seed"]; n != nil {
		if v, err := wholeUint(d.str(n, "seed")); err != nil {
			d.errorf(n, "seed", "%v", err)
		} else {
			s.Seed, s.SeedSet = v, true
		}
	}
}

// process reads the process: classes, channels, stages and pools (with
// the roster their staff may come from), the arrival trace, satisfaction
// and alerts.
func (d *decoder) process(doc *yaml.Node, f map[string]*yaml.Node, m *sim.Model) {
	m.Classes = d.classes(f["classes"])
	stageNodes := d.list(f["stages"], "stages")
	if f["stages"] == nil {
		d.errorf(doc, "stages", "missing: list the stages customers pass through (booking, service, follow_up, ...)")
	}
	stageIdx := d.names(stageNodes, "stages")
	chanNodes := d.list(f["channels"], "channels")
	if f["channels"] == nil {
		d.errorf(doc, "channels", "missing: list the ways customers arrive (phone, web, walk_in, ...)")
	}
	chanIdx := d.names(chanNodes, "channels")
	for _, n := range chanNodes {
		m.Channels = append(m.Channels, d.channel(n, m, stageIdx))
	}
	poolNodes, poolIdx := d.poolIndex(f["pools"])
	d.roster = nil
	if n := f["roster"]; n != nil {
		d.readRoster(n, rosterNames(stageIdx, poolIdx))
	}
	for _, n := range stageNodes {
		m.Stages = append(m.Stages, d.stage(n, m, stageIdx, chanIdx))
	}
	d.pools(poolNodes, m, stageIdx)
	if n := f["roster"]; n != nil {
		d.checkRoster(n)
	}
	if n := f["arrivals"]; n != nil {
		m.Trace = d.trace(n, m, chanIdx)
	}
	if n := f["satisfaction"]; n != nil {
		m.Satisfaction = d.satisfaction(n, m, stageIdx)
	}
	if n := f["alerts"]; n != nil && len(d.errs) == 0 {
		m.Thresholds = d.alerts(n, m)
	}
}

// dayPart reads a duration that must divide a day into at most most
// pieces (a reporting interval, an appointment slot). The check is exact,
// so 20s is a third of a minute and divides a day; the value is then the
// day divided by the number of pieces.
func (d *decoder) dayPart(n *yaml.Node, path string, most int64, like string) float64 {
	s, ok := d.scalar(n, path)
	if !ok {
		return 0
	}
	r, err := parseDurationExact(s)
	if err != nil {
		d.errorf(n, path, "%v", err)
		return 0
	}
	if r.Sign() == 0 {
		d.errorf(n, path, "must be longer than 0 (got %s); valid: a duration dividing a day, like %s", s, like)
		return 0
	}
	k, ok := dividesDay(r, most)
	if !ok {
		d.errorf(n, path, "must divide a day evenly into at most %d parts, like %s (got %s)", most, like, s)
		return 0
	}
	return sim.MinutesPerDay / float64(k)
}

func (d *decoder) classes(n *yaml.Node) []sim.Class {
	var out []sim.Class
	items := d.list(n, "classes")
	d.names(items, "classes")
	sum := 0.0
	for i, c := range items {
		path := fmt.Sprintf("classes[%d]", i)
		f := d.fields(c, path, "name", "share", "priority")
		if f == nil {
			continue
		}
		cl := sim.Class{Name: d.name(f["name"], c, path)}
		path = "classes." + cl.Name
		if f["share"] == nil {
			d.errorf(c, path, "missing share (the class's share of arrivals, e.g. 0.1 or 10%%)")
		}
		cl.Share = d.prob(f["share"], path+".share")
		if f["priority"] != nil {
			cl.Priority = d.integer(f["priority"], path+".priority", -1000, 1000)
		}
		sum += cl.Share
		out = append(out, cl)
	}
	if len(out) > 0 && math.Abs(sum-1) > 1e-6 {
		d.errorf(n, "classes", "the shares sum to %g; they must sum to 1", sum)
	}
	return out
}
