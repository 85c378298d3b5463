package scenarios

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/svcsim/svcsim/sim"
	yaml "go.yaml.in/yaml/v4"
)

// topFields are the fields of a scenario file; see docs/scenarios.md.
var topFields = []string{
	"name", "title", "description", "currency", "extends", "days", "start", "warmup", "interval",
	"replications", "seed", "open", "classes", "channels", "stages", "arrivals", "roster",
	"satisfaction", "alerts", "variants", "data",
}

var stageFields = []string{
	"name", "service", "service_by_channel", "service_by_class", "delay", "patience", "balk_at",
	"retry", "rework", "target", "targets", "at_close", "staff", "cost", "overtime_cost", "speed",
	"first_time_fix", "groups", "assign", "class_groups", "appointments",
}

var groupFields = []string{"name", "speed", "first_time_fix", "cost", "overtime_cost", "staff"}

var channelFields = []string{"name", "rates", "volumes", "weekdays", "route", "preferences", "retry"}

// build decodes a merged scenario document into s.
func (d *decoder) build(doc *yaml.Node, s *Scenario) {
	f := d.fields(doc, "", topFields...)
	if f == nil {
		return
	}
	m := &sim.Model{Days: 1, StartDay: time.Monday, Interval: 30}
	s.Model = m
	d.data.inline = d.inlineData(f["data"]) // before anything reads a data file
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
	if n := f["days"]; n != nil {
		m.Days = d.integer(n, "days", 1, 3660)
	}
	if n := f["start"]; n != nil {
		m.StartDay, _ = parseAny(d, n, "start", parseWeekday)
	}
	if n := f["warmup"]; n != nil {
		m.Warmup = d.duration(n, "warmup")
		if m.Warmup >= float64(m.Days)*sim.MinutesPerDay {
			d.errorf(n, "warmup", "must be shorter than the %d simulated day(s)", m.Days)
		}
	}
	if n := f["interval"]; n != nil {
		m.Interval = d.dayPart(n, "interval", sim.MaxIntervalsPerDay, "15m, 30m or 1h")
	}
	if n := f["replications"]; n != nil {
		s.Replications = d.integer(n, "replications", 1, 100000)
	}
	if n := f["seed"]; n != nil {
		if v, err := strconv.ParseUint(d.str(n, "seed"), 10, 64); err != nil {
			d.errorf(n, "seed", "%q is not a whole number >= 0", n.Value)
		} else {
			s.Seed, s.SeedSet = v, true
		}
	}
	if f["open"] == nil {
		d.errorf(doc, "open", "missing: give the opening hours, e.g. open: {mon-fri: 08:00-18:00}")
	}
	m.Open = d.openingHours(f["open"], "open")

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
	d.roster = nil
	if n := f["roster"]; n != nil {
		d.readRoster(n, stageIdx)
	}
	for _, n := range stageNodes {
		m.Stages = append(m.Stages, d.stage(n, m, stageIdx, chanIdx))
	}
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
		d.errorf(n, path, "must be longer than 0")
		return 0
	}
	k, ok := dividesDay(r, most)
	if !ok {
		d.errorf(n, path, "must divide a day evenly into at most %d parts, like %s (got %s)", most, like, s)
		return 0
	}
	return sim.MinutesPerDay / float64(k)
}

// names indexes the names of a list of named items, reporting duplicates.
func (d *decoder) names(items []*yaml.Node, path string) map[string]int {
	idx := map[string]int{}
	for i, n := range items {
		if n.Kind != yaml.MappingNode {
			continue
		}
		name := valueOf(n, "name")
		if name == nil {
			continue
		}
		if _, dup := idx[name.Value]; dup {
			d.errorf(name, path, "%q is named twice", name.Value)
			continue
		}
		idx[name.Value] = i
	}
	return idx
}

// valueOf returns the value of key in mapping n, or nil.
func valueOf(n *yaml.Node, key string) *yaml.Node {
	n = deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return deref(n.Content[i+1])
		}
	}
	return nil
}

// ref resolves a reference to a named item (a stage, a channel).
func (d *decoder) ref(n *yaml.Node, path, kind string, idx map[string]int) int {
	s, ok := d.scalar(n, path)
	if !ok {
		return -1
	}
	i, found := idx[s]
	if !found && d.full() {
		return -1 // reported no more: listing the names costs their number
	}
	if !found {
		known := make([]string, 0, len(idx))
		for k := range idx {
			known = append(known, k)
		}
		slices.Sort(known)
		msg := fmt.Sprintf("no %s named %q", kind, s)
		if c := closest(s, known); len(c) > 0 {
			msg += fmt.Sprintf(" (did you mean %s?)", strings.Join(quoteAll(c), " or "))
		}
		plural := kind + "s"
		if strings.HasSuffix(kind, "s") {
			plural = kind + "es"
		}
		d.errorf(n, path, "%s; the %s are %s", msg, plural, strings.Join(known, ", "))
		return -1
	}
	return i
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

func (d *decoder) channel(n *yaml.Node, m *sim.Model, stageIdx map[string]int) sim.Channel {
	var c sim.Channel
	f := d.fields(n, "channels", channelFields...)
	if f == nil {
		return c
	}
	c.Name = d.name(f["name"], n, "channels")
	path := "channels." + c.Name
	switch {
	case f["rates"] != nil && f["volumes"] != nil:
		d.errorf(f["volumes"], path, "give either rates or volumes, not both")
	case f["rates"] != nil:
		c.Rates = d.schedule(f["rates"], path+".rates", allDays(), parseRate)
	case f["volumes"] != nil:
		c.Rates = d.volumes(f["volumes"], path+".volumes", m, c.Name)
	default:
		d.errorf(n, path, "missing rates: the arrival rate by time of day, e.g. rates: {08:00-12:00: 30/h, 12:00-18:00: 20/h}")
	}
	if w := f["weekdays"]; w != nil {
		for _, e := range d.entries(w, path+".weekdays") {
			days, err := parseDays(e.key.Value)
			if err != nil {
				d.errorf(e.key, path+".weekdays", "%v", err)
				continue
			}
			x := d.nonNegative(e.val, path+".weekdays."+e.key.Value)
			for wd := range 7 {
				if days&(1<<wd) != 0 {
					segs := slices.Clone(c.Rates[wd])
					for i := range segs {
						segs[i].Value *= x
					}
					c.Rates[wd] = segs
				}
			}
		}
	}
	route := d.list(f["route"], path+".route")
	if f["route"] == nil {
		d.errorf(n, path, "missing route: the stages this channel's customers visit, e.g. route: [booking, service]")
	}
	for i, s := range route {
		p := fmt.Sprintf("%s.route[%d]", path, i)
		step := sim.Step{Prob: 1}
		if s.Kind == yaml.ScalarNode {
			step.Stage = d.ref(s, p, "stage", stageIdx)
		} else if sf := d.fields(s, p, "stage", "probability", "appointment"); sf != nil {
			if sf["stage"] == nil {
				d.errorf(s, p, "missing stage")
			}
			step.Stage = d.ref(sf["stage"], p+".stage", "stage", stageIdx)
			if sf["probability"] != nil {
				step.Prob = d.prob(sf["probability"], p+".probability")
			}
			if sf["appointment"] != nil {
				step.ByAppointment = d.boolean(sf["appointment"], p+".appointment")
			}
		}
		c.Route = append(c.Route, step)
	}
	prefSum := 0.0
	for i, pn := range d.list(f["preferences"], path+".preferences") {
		p := fmt.Sprintf("%s.preferences[%d]", path, i)
		pf := d.fields(pn, p, "share", "time", "days")
		if pf == nil {
			continue
		}
		pref := sim.Preference{Share: d.prob(pf["share"], p+".share")}
		if pf["share"] == nil {
			d.errorf(pn, p, "missing share")
		}
		if pf["time"] != nil {
			if w, ok := parseAny(d, pf["time"], p+".time", parseRange); ok {
				pref.From, pref.To = w.From, w.To
			}
		}
		if pf["days"] != nil {
			pref.Days, _ = parseAny(d, pf["days"], p+".days", parseDays)
		}
		c.Preferences = append(c.Preferences, pref)
		prefSum += pref.Share
	}
	if prefSum > 1+1e-9 {
		d.errorf(f["preferences"], path+".preferences", "the shares sum to %.4g; they must sum to at most 1 (the rest take any slot)", prefSum)
	}
	if r := f["retry"]; r != nil {
		rt := d.retry(r, path+".retry")
		c.Retry = &rt
	}
	return c
}

func allDays() (open [7]sim.Window) {
	for i := range open {
		open[i] = sim.Window{From: 0, To: sim.MinutesPerDay}
	}
	return open
}

func (d *decoder) retry(n *yaml.Node, path string) sim.Retry {
	var r sim.Retry
	f := d.fields(n, path, "probability", "delay")
	if f == nil {
		return r
	}
	if f["probability"] == nil || f["delay"] == nil {
		d.errorf(n, path, "needs probability (of trying again, below 1) and delay (a distribution, e.g. exponential(10m))")
	}
	if f["probability"] != nil {
		r.Prob = d.numberIn(f["probability"], path+".probability", 0, 0.999)
	}
	if f["delay"] != nil {
		r.Delay = d.dist(f["delay"], path+".delay", false)
	}
	return r
}

func (d *decoder) stage(n *yaml.Node, m *sim.Model, stageIdx, chanIdx map[string]int) sim.Stage {
	var s sim.Stage
	f := d.fields(n, "stages", stageFields...)
	if f == nil {
		return s
	}
	s.Name = d.name(f["name"], n, "stages")
	path := "stages." + s.Name
	if f["service"] == nil {
		d.errorf(n, path, "missing service: the service-time distribution, e.g. service: exponential(5m)")
	}
	s.Service = d.dist(f["service"], path+".service", false)
	if sc := f["service_by_channel"]; sc != nil {
		s.ServiceByChannel = make([]sim.Dist, len(m.Channels))
		for _, e := range d.entries(sc, path+".service_by_channel") {
			if i := d.ref(e.key, path+".service_by_channel", "channel", chanIdx); i >= 0 && i < len(m.Channels) {
				s.ServiceByChannel[i] = d.dist(e.val, path+".service_by_channel."+e.key.Value, false)
			}
		}
	}
	if sc := f["service_by_class"]; sc != nil {
		classIdx := map[string]int{}
		for i, c := range m.Classes {
			classIdx[c.Name] = i
		}
		s.ServiceByClass = make([]sim.Dist, len(m.Classes))
		for _, e := range d.entries(sc, path+".service_by_class") {
			if i := d.ref(e.key, path+".service_by_class", "class", classIdx); i >= 0 {
				s.ServiceByClass[i] = d.dist(e.val, path+".service_by_class."+e.key.Value, false)
			}
		}
	}
	if f["delay"] != nil {
		s.Delay = d.dist(f["delay"], path+".delay", false)
	}
	if f["patience"] != nil {
		s.Patience = d.dist(f["patience"], path+".patience", false)
	}
	if f["balk_at"] != nil {
		s.BalkAt = d.integer(f["balk_at"], path+".balk_at", 1, 1<<30)
	}
	if f["retry"] != nil {
		s.Retry = d.retry(f["retry"], path+".retry")
	}
	s.Rework.To = len(m.Stages) // customers sent back come back here by default
	if r := f["rework"]; r != nil {
		rf := d.fields(r, path+".rework", "probability", "to", "delay")
		if rf != nil {
			if rf["probability"] != nil {
				s.Rework.Prob = d.numberIn(rf["probability"], path+".rework.probability", 0, 0.999)
			}
			if rf["to"] != nil {
				s.Rework.To = d.ref(rf["to"], path+".rework.to", "stage", stageIdx)
			}
			if rf["delay"] != nil {
				s.Rework.Delay = d.dist(rf["delay"], path+".rework.delay", false)
			}
		}
	}
	if f["target"] == nil {
		d.errorf(n, path, "missing target: the wait that counts as served in time, e.g. target: 2m (the service level reports the share within it)")
	}
	s.Target = d.positiveDuration(f["target"], path+".target")
	for i, t := range d.list(f["targets"], path+".targets") {
		// 0s is allowed: the share served without waiting, 1 - P(wait > 0).
		s.Targets = append(s.Targets, d.duration(t, fmt.Sprintf("%s.targets[%d]", path, i)))
	}
	if f["at_close"] != nil {
		s.AtClose = sim.ClosePolicy(d.choice(f["at_close"], path+".at_close", []string{"serve", "send_away", "carry_over"}))
	}
	s.Groups = d.groups(n, f, path, m)
	if f["assign"] != nil {
		s.Assign = sim.AssignRule(d.choice(f["assign"], path+".assign", []string{"fastest", "most_skilled", "any_free", "by_class"}))
	}
	if cg := f["class_groups"]; cg != nil {
		s.ClassGroups = d.classGroups(cg, path+".class_groups", m, s.Groups)
		if s.Assign != sim.AssignByClass {
			d.errorf(cg, path+".class_groups", "only used with assign: by_class")
		}
	} else if s.Assign == sim.AssignByClass {
		d.errorf(f["assign"], path+".assign", "by_class needs class_groups: for each class, its staff groups in order of preference")
	}
	if b := f["appointments"]; b != nil {
		s.Book = d.book(b, path+".appointments")
	}
	return s
}

// groups reads a stage's staff: one pool (staff:, cost:, ... on the stage)
// or several groups (groups:), or a roster CSV.
func (d *decoder) groups(n *yaml.Node, f map[string]*yaml.Node, path string, m *sim.Model) []sim.Group {
	shorthand := []string{"staff", "speed", "first_time_fix", "cost", "overtime_cost"}
	if gs := f["groups"]; gs != nil {
		for _, k := range shorthand {
			if f[k] != nil {
				d.errorf(f[k], path+"."+k, "the stage has groups:, so give %s for each group", k)
			}
		}
		items := d.list(gs, path+".groups")
		d.names(items, path+".groups")
		var out []sim.Group
		for _, g := range items {
			gf := d.fields(g, path+".groups", groupFields...)
			if gf == nil {
				continue
			}
			name := d.name(gf["name"], g, path+".groups")
			out = append(out, d.group(g, gf, path+".groups."+name, name, m))
		}
		if len(out) == 0 && len(items) == 0 {
			d.errorf(gs, path+".groups", "is empty: give at least one staff group")
		}
		return out
	}
	stage := strings.TrimPrefix(path, "stages.")
	if f["staff"] == nil {
		if names := d.rosterGroups(stage); len(names) > 0 {
			var out []sim.Group
			for _, name := range names {
				out = append(out, d.group(n, f, path, name, m))
			}
			return out
		}
		d.errorf(n, path, "missing staff: the number on duty, e.g. staff: 3 or staff: {mon-fri: {08:00-12:00: 3, 12:00-18:00: 2}}, or a roster")
		return nil
	}
	return []sim.Group{d.group(n, f, path, "staff", m)}
}

func (d *decoder) group(n *yaml.Node, f map[string]*yaml.Node, path, name string, m *sim.Model) sim.Group {
	g := sim.Group{Name: name, Speed: 1}
	if f["speed"] != nil {
		g.Speed = d.positive(f["speed"], path+".speed")
	}
	if f["first_time_fix"] != nil {
		g.FixRate = d.numberIn(f["first_time_fix"], path+".first_time_fix", 0.001, 1)
	}
	if f["cost"] != nil {
		g.Cost = d.nonNegative(f["cost"], path+".cost")
	}
	if f["overtime_cost"] != nil {
		g.OvertimeCost = d.nonNegative(f["overtime_cost"], path+".overtime_cost")
	}
	if f["staff"] == nil {
		stage, _, _ := strings.Cut(strings.TrimPrefix(path, "stages."), ".")
		if e := d.roster[[2]string{stage, name}]; e != nil {
			e.used = true
			g.Staff = e.staff
			return g
		}
		d.errorf(n, path, "missing staff: the number on duty, e.g. staff: 2, or rows for it in the roster")
	}
	g.Staff = d.schedule(f["staff"], path+".staff", m.Open, headcount)
	return g
}

func (d *decoder) classGroups(n *yaml.Node, path string, m *sim.Model, groups []sim.Group) [][]int {
	classIdx := map[string]int{}
	for i, c := range m.Classes {
		classIdx[c.Name] = i
	}
	groupIdx := map[string]int{}
	for i, g := range groups {
		groupIdx[g.Name] = i
	}
	out := make([][]int, len(m.Classes))
	for _, e := range d.entries(n, path) {
		ci := d.ref(e.key, path, "class", classIdx)
		for _, gn := range d.list(e.val, path+"."+e.key.Value) {
			if gi := d.ref(gn, path+"."+e.key.Value, "staff group", groupIdx); gi >= 0 && ci >= 0 {
				out[ci] = append(out[ci], gi)
			}
		}
	}
	return out
}

// maxBookSlots bounds an appointment book's slots over its horizon, as
// sim.Book does.
const maxBookSlots = 1_000_000

var bookFields = []string{
	"slot", "min_lead", "horizon", "walk_in_share", "overbook", "no_show", "no_show_per_day",
	"no_show_max", "punctuality", "lead_target", "order",
}

func (d *decoder) book(n *yaml.Node, path string) *sim.Book {
	f := d.fields(n, path, bookFields...)
	if f == nil {
		return nil
	}
	b := &sim.Book{}
	for _, k := range []string{"slot", "horizon"} {
		if f[k] == nil {
			d.errorf(n, path, "missing %s (slot: the appointment length, e.g. 20m; horizon: how far ahead one can book, e.g. 14d)", k)
		}
	}
	b.Slot = d.dayPart(f["slot"], path+".slot", sim.MaxSlotsPerDay, "10m, 15m, 20m or 30m")
	b.Horizon = d.positiveDuration(f["horizon"], path+".horizon")
	if b.Slot > 0 && b.Horizon/b.Slot > maxBookSlots {
		d.errorf(f["horizon"], path+".horizon", "spans %.0f slots of %s; at most %d (a shorter horizon or longer slots)", math.Floor(b.Horizon/b.Slot), f["slot"].Value, maxBookSlots)
	}
	if f["min_lead"] != nil {
		b.MinLead = d.duration(f["min_lead"], path+".min_lead")
		if b.MinLead >= b.Horizon && b.Horizon > 0 {
			d.errorf(f["min_lead"], path+".min_lead", "must be shorter than the horizon")
		}
	}
	if f["walk_in_share"] != nil {
		b.WalkInShare = d.numberIn(f["walk_in_share"], path+".walk_in_share", 0, 0.999)
	}
	if f["overbook"] != nil {
		b.Overbook = d.numberIn(f["overbook"], path+".overbook", 0, 10)
	}
	if f["no_show"] != nil {
		b.NoShow = d.prob(f["no_show"], path+".no_show")
	}
	if f["no_show_per_day"] != nil {
		b.NoShowPerDay = d.prob(f["no_show_per_day"], path+".no_show_per_day")
	}
	if f["no_show_max"] != nil {
		b.NoShowMax = d.prob(f["no_show_max"], path+".no_show_max")
	}
	if f["punctuality"] != nil {
		b.Punctuality = d.dist(f["punctuality"], path+".punctuality", true)
	}
	if f["lead_target"] != nil {
		b.LeadTarget = d.positiveDuration(f["lead_target"], path+".lead_target")
	}
	if f["order"] != nil {
		b.Order = sim.BookOrder(d.choice(f["order"], path+".order", []string{"appointments_first", "arrival_order", "walk_ins_first"}))
	}
	return b
}

// alerts reads early-warning thresholds, each "KPI OP VALUE [per interval]"
// such as "booking.wait.p90 > 5m" or "nps < 20".
func (d *decoder) alerts(n *yaml.Node, m *sim.Model) []sim.Threshold {
	var (
		parsed []sim.Threshold
		at     []*yaml.Node
		paths  []string
	)
	for i, a := range d.list(n, "alerts") {
		path := fmt.Sprintf("alerts[%d]", i)
		s, ok := d.scalar(a, path)
		if !ok {
			continue
		}
		t, err := ParseThreshold(s)
		if err != nil {
			d.errorf(a, path, "%v", err)
			continue
		}
		parsed, at, paths = append(parsed, t), append(at, a), append(paths, path)
	}
	// Checked together: the model's KPI names are computed once, not per
	// alert.
	var out []sim.Threshold
	for i, err := range sim.CheckThresholds(m, parsed) {
		if err != nil {
			d.errorf(at[i], paths[i], "%v", err)
			continue
		}
		out = append(out, parsed[i])
	}
	return out
}

// ParseThreshold reads "KPI OP VALUE [per interval]" with OP one of > >=
// < <=; VALUE may carry a duration unit (minutes) or a % sign.
func ParseThreshold(s string) (sim.Threshold, error) {
	var t sim.Threshold
	rest := strings.TrimSpace(s)
	if r, ok := strings.CutSuffix(rest, "per interval"); ok {
		t.PerInterval, rest = true, strings.TrimSpace(r)
	}
	ops := []struct {
		op               string
		above, inclusive bool
	}{{">=", true, true}, {"<=", false, true}, {">", true, false}, {"<", false, false}}
	for _, o := range ops {
		kpi, val, ok := strings.Cut(rest, o.op)
		if !ok {
			continue
		}
		t.KPI, t.Above, t.Inclusive = strings.TrimSpace(kpi), o.above, o.inclusive
		v, err := parseNumber(strings.TrimSpace(val))
		if err != nil {
			if v, err = parseDuration(strings.TrimSpace(val)); err != nil {
				return t, fmt.Errorf("%q: the limit %q is not a number, a share like 80%% or a duration like 2m", s, strings.TrimSpace(val))
			}
		}
		t.Limit = v
		return t, nil
	}
	return t, fmt.Errorf("%q: write KPI OP VALUE, e.g. \"booking.wait.p90 > 5m\" or \"nps < 20\" (OP one of >, >=, <, <=; add \"per interval\" to check every interval)", s)
}
