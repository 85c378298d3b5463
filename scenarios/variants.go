package scenarios

import (
	"fmt"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v4"
)

// finish builds the scenario and its variants from the merged document.
func (d *decoder) finish(doc *yaml.Node, source, hash string) (*Scenario, error) {
	variants := valueOf(doc, "variants")
	base := d.clone(doc)
	removeKey(base, "variants")
	s := d.decode(base)
	if len(d.errs) > 0 {
		return nil, d.errs.sorted()
	}
	s.Source, s.Hash, s.doc, s.dec = source, hash, base, d
	if variants == nil {
		return s, nil
	}
	items := d.list(variants, "variants")
	seen := map[string]bool{s.Model.Name: true}
	for i, v := range items {
		if d.ctx != nil && d.ctx.Err() != nil {
			return nil, d.ctx.Err()
		}
		path := fmt.Sprintf("variants[%d]", i)
		nameNode := valueOf(v, "name")
		if v.Kind != yaml.MappingNode || nameNode == nil || nameNode.Value == "" {
			d.errorf(v, path, "each variant needs a name and the fields it changes, e.g. {name: booking+1, stages: [{name: booking, staff: 4}]}")
			continue
		}
		if seen[nameNode.Value] {
			d.errorf(nameNode, path, "%q is already the name of the scenario or another variant", nameNode.Value)
			continue
		}
		seen[nameNode.Value] = true
		for i := 0; i+1 < len(v.Content); i += 2 {
			if k := v.Content[i].Value; k == "variants" || k == "extends" {
				d.errorf(v.Content[i], path, "a variant cannot contain %s", k)
			}
		}
		over := d.clone(v)
		removeKey(over, "name")
		vdoc := d.merge(base, over, "")
		vs := d.decode(vdoc)
		if vs == nil || len(d.errs) > 0 {
			continue
		}
		vs.Variant = nameNode.Value
		vs.Model.Name = nameNode.Value
		vs.Source, vs.Hash, vs.doc, vs.dec, vs.base = source, hash, vdoc, d, s
		s.Variants = append(s.Variants, vs)
	}
	if len(d.errs) > 0 {
		return nil, d.errs.sorted()
	}
	return s, nil
}

// All returns the scenario followed by its variants.
func (s *Scenario) All() []*Scenario {
	return append([]*Scenario{s}, s.Variants...)
}

// VariantNamed is the variant of s called name, or an error that says
// which variants s has.
func (s *Scenario) VariantNamed(name string) (*Scenario, error) {
	var names []string
	for _, v := range s.Variants {
		if v.Variant == name {
			return v, nil
		}
		names = append(names, strconv.Quote(v.Variant))
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("scenario %s has no variants", s.Name())
	}
	return nil, fmt.Errorf("no such variant; the variants are %s", strings.Join(names, ", "))
}
