package scenarios

import (
	"fmt"
	"slices"

	"github.com/svcsim/svcsim/sim"
	yaml "go.yaml.in/yaml/v4"
)

var channelFields = []string{"name", "rates", "volumes", "weekdays", "route", "preferences", "retry"}

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
