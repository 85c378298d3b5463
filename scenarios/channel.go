package scenarios

import (
	"fmt"
	"slices"

	"github.com/svcsim/svcsim/sim"
	yaml "go.yaml.in/yaml/v4"
)

var channelFields = []string{"name", "rates", "volumes", "weekdays", "route", "preferences", "retry"}

// channel reads one item of channels:.
func (d *decoder) channel(n *yaml.Node, m *sim.Model, stageIdx map[string]int) sim.Channel {
	var c sim.Channel
	f := d.fields(n, "channels", channelFields...)
	if f == nil {
		return c
	}
	c.Name = d.name(f["name"], n, "channels")
	path := "channels." + c.Name
	c.Rates = d.channelRates(n, f, path, m, c.Name)
	route := d.list(f["route"], path+".route")
	if f["route"] == nil {
		d.errorf(n, path, "missing route: the stages this channel's customers visit, e.g. route: [booking, service]")
	}
	for i, s := range route {
		c.Route = append(c.Route, d.step(s, fmt.Sprintf("%s.route[%d]", path, i), stageIdx))
	}
	c.Preferences = d.preferences(f["preferences"], path+".preferences")
	if r := f["retry"]; r != nil {
		rt := d.retry(r, path+".retry")
		c.Retry = &rt
	}
	return c
}

// channelRates reads a channel's arrival rates (rates: or volumes:) and
// scales them by its weekdays: factors.
func (d *decoder) channelRates(n *yaml.Node, f map[string]*yaml.Node, path string, m *sim.Model, name string) (rates [7][]sim.Segment) {
	switch {
	case f["rates"] != nil && f["volumes"] != nil:
		d.errorf(f["volumes"], path, "give either rates or volumes, not both")
	case f["rates"] != nil:
		rates = d.schedule(f["rates"], path+".rates", allDays(), parseRate)
	case f["volumes"] != nil:
		rates = d.volumes(f["volumes"], path+".volumes", m, name)
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
					segs := slices.Clone(rates[wd])
					for i := range segs {
						segs[i].Value *= x
					}
					rates[wd] = segs
				}
			}
		}
	}
	return rates
}

// step reads one step of a route: a stage name, or {stage, probability,
// appointment}.
func (d *decoder) step(s *yaml.Node, p string, stageIdx map[string]int) sim.Step {
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
	return step
}

// preferences reads a channel's preferred appointment times.
func (d *decoder) preferences(n *yaml.Node, path string) []sim.Preference {
	var out []sim.Preference
	prefSum := 0.0
	for i, pn := range d.list(n, path) {
		p := fmt.Sprintf("%s[%d]", path, i)
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
		out = append(out, pref)
		prefSum += pref.Share
	}
	if prefSum > 1+1e-9 {
		d.errorf(n, path, "the shares sum to %.4g; they must sum to at most 1 (the rest take any slot)", prefSum)
	}
	return out
}

func allDays() (open [7]sim.Window) {
	for i := range open {
		open[i] = sim.Window{From: 0, To: sim.MinutesPerDay}
	}
	return open
}
