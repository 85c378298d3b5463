package scenarios

import (
	"fmt"

	"github.com/svcsim/svcsim/sim"
	yaml "go.yaml.in/yaml/v4"
)

var stageFields = []string{
	"name", "service", "service_by_channel", "service_by_class", "delay", "patience", "balk_at",
	"retry", "rework", "target", "targets", "at_close", "staff", "cost", "overtime_cost", "speed",
	"first_time_fix", "groups", "assign", "class_groups", "appointments",
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

// stage reads one item of stages:.
func (d *decoder) stage(n *yaml.Node, m *sim.Model, stageIdx, chanIdx map[string]int) sim.Stage {
	var s sim.Stage
	f := d.fields(n, "stages", stageFields...)
	if f == nil {
		return s
	}
	s.Name = d.name(f["name"], n, "stages")
	path := "stages." + s.Name
	d.service(n, f, path, m, chanIdx, &s)
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
	s.Rework = d.rework(f["rework"], path+".rework", len(m.Stages), stageIdx)
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
	d.assign(f, path, m, &s)
	if b := f["appointments"]; b != nil {
		s.Book = d.book(b, path+".appointments")
	}
	return s
}

// service reads a stage's service times: service:, and the
// service_by_channel: and service_by_class: that replace it.
func (d *decoder) service(n *yaml.Node, f map[string]*yaml.Node, path string, m *sim.Model, chanIdx map[string]int, s *sim.Stage) {
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
}

// rework reads a stage's rework: (r nil: none). Customers sent back come
// back to the stage itself, index self, unless to: names another.
func (d *decoder) rework(r *yaml.Node, path string, self int, stageIdx map[string]int) sim.Rework {
	rw := sim.Rework{To: self}
	if r == nil {
		return rw
	}
	rf := d.fields(r, path, "probability", "to", "delay")
	if rf == nil {
		return rw
	}
	if rf["probability"] != nil {
		rw.Prob = d.numberIn(rf["probability"], path+".probability", 0, 0.999)
	}
	if rf["to"] != nil {
		rw.To = d.ref(rf["to"], path+".to", "stage", stageIdx)
	}
	if rf["delay"] != nil {
		rw.Delay = d.dist(rf["delay"], path+".delay", false)
	}
	return rw
}

// assign reads a stage's assign: rule and its class_groups:.
func (d *decoder) assign(f map[string]*yaml.Node, path string, m *sim.Model, s *sim.Stage) {
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
}
