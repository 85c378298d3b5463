package scenarios

import (
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/svcsim/svcsim/sim"
	yaml "go.yaml.in/yaml/v4"
)

// decode builds one scenario from a document, checking the model with
// the engine's own validation last.
func (d *decoder) decode(doc *yaml.Node) *Scenario {
	before := len(d.errs)
	s := &Scenario{}
	d.notes = nil
	d.build(doc, s)
	s.Notes = d.notes
	if len(d.errs) == before && s.Model == nil {
		d.errorf(doc, "", "expected the fields of a scenario (name, open, channels, stages, ...)")
	}
	if len(d.errs) > before {
		return nil
	}
	if err := s.Model.Validate(); err != nil {
		// The decoder checks what it can at the field concerned; what only
		// the engine's validation finds is reported at the item it names.
		msg := strings.TrimPrefix(err.Error(), "sim: ")
		n, field := locate(doc, msg)
		d.errorf(n, field, "%s", msg)
		return nil
	}
	if s.Model.Satisfaction != nil {
		if err := s.Model.Satisfaction.Validate(s.Model); err != nil {
			d.errorf(valueOf(doc, "satisfaction"), "satisfaction", "%s", strings.TrimPrefix(err.Error(), "sim: satisfaction: "))
			return nil
		}
	}
	if !d.opt.AllowIdle && d.idle(doc, s.Model) {
		return nil
	}
	// Whether the run measures any opening hours depends on the days it
	// is finally run for (--days), so the engine checks that at the
	// start of a run; the model carries the option there.
	s.Model.AllowIdle = d.opt.AllowIdle
	s.Warnings = append(s.Warnings, warnings(s.Model)...)
	return s
}

// idle reports (as errors) a model that serves nobody: open on no day, or
// a stage customers reach that never has anyone on duty. Options.AllowIdle
// accepts them for what-if runs.
func (d *decoder) idle(doc *yaml.Node, m *sim.Model) bool {
	const allow = "(for a what-if run, allow it with --allow-idle)"
	found := false
	if !slices.ContainsFunc(m.Open[:], func(w sim.Window) bool { return !w.Closed() }) {
		d.errorf(valueOf(doc, "open"), "open", "the scenario is open on no day, so nobody arrives; open it on at least one day %s", allow)
		found = true
	}
	if found {
		return true // every stage's staff follows the opening hours
	}
	reached := reachedStages(m)
	stages := valueOf(doc, "stages")
	for i, st := range m.Stages {
		if !reached[i] || staffed(&st) || poolStaffed(m, i) {
			continue
		}
		var at *yaml.Node
		if stages != nil && stages.Kind == yaml.SequenceNode && i < len(stages.Content) {
			at = valueOf(stages.Content[i], "staff")
			if at == nil {
				at = valueOf(stages.Content[i], "groups")
			}
			if at == nil {
				at = valueOf(stages.Content[i], "name")
			}
		}
		if at == nil {
			at = doc
		}
		d.errorf(at, "stages."+st.Name+".staff", "customers reach stage %s but nobody is ever on duty there, so none of them is served; give it staff %s", st.Name, allow)
		found = true
	}
	return found
}

// staffed reports whether anyone is ever on duty at s.
func staffed(s *sim.Stage) bool {
	for _, g := range s.Groups {
		for _, day := range g.Staff {
			for _, seg := range day {
				if seg.Value > 0 {
					return true
				}
			}
		}
	}
	return false
}

// itemNamed matches the item an engine validation error is about
// (compiled on first use).
var itemNamed = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(stage|channel|class|pool) "([^"]*)"`) })

// locate returns the node of doc, and its path, that the engine's
// validation message msg is about: the stage, channel or class it names,
// else the section, else the document.
func locate(doc *yaml.Node, msg string) (*yaml.Node, string) {
	if m := itemNamed().FindStringSubmatch(msg); m != nil {
		list := map[string]string{"stage": "stages", "channel": "channels", "class": "classes", "pool": "pools"}[m[1]]
		if items := valueOf(doc, list); items != nil && items.Kind == yaml.SequenceNode {
			for _, it := range items.Content {
				if nm := valueOf(it, "name"); nm != nil && nm.Value == m[2] {
					return nm, list + "." + m[2]
				}
			}
		}
	}
	for _, sec := range []struct{ prefix, key string }{
		{"satisfaction", "satisfaction"}, {"threshold", "alerts"}, {"trace", "arrivals"},
	} {
		if strings.HasPrefix(msg, sec.prefix) {
			if n := valueOf(doc, sec.key); n != nil {
				return n, sec.key
			}
		}
	}
	return doc, ""
}
