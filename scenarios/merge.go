package scenarios

import yaml "go.yaml.in/yaml/v4"

// merge returns base with over laid on top: mappings merge key by key,
// lists of named items merge item by item (new names are appended), and
// anything else in over replaces base. Schedules (staff, rates, open) are
// replaced whole, so a variant's staffing is read exactly as written.
func (d *decoder) merge(base, over *yaml.Node, key string) *yaml.Node {
	base, over = deref(base), deref(over)
	if base == nil {
		return d.clone(over)
	}
	if over == nil {
		return d.clone(base)
	}
	whole := map[string]bool{"staff": true, "rates": true, "open": true, "weekdays": true, "route": true}
	switch {
	case base.Kind == yaml.MappingNode && over.Kind == yaml.MappingNode && !whole[key]:
		// Indexed by key, so that merging large mappings costs their size,
		// not its square. Keys given twice were reported and dropped when
		// each file was parsed (dropDuplicateKeys).
		out := d.clone(base)
		at := map[string][]int{}
		for j := 0; j+1 < len(out.Content); j += 2 {
			at[out.Content[j].Value] = append(at[out.Content[j].Value], j)
		}
		for i := 0; i+1 < len(over.Content); i += 2 {
			k := over.Content[i].Value
			js, found := at[k]
			for _, j := range js {
				out.Content[j+1] = d.merge(out.Content[j+1], over.Content[i+1], k)
			}
			if !found {
				out.Content = append(out.Content, over.Content[i], d.clone(over.Content[i+1]))
			}
		}
		return out
	case base.Kind == yaml.SequenceNode && over.Kind == yaml.SequenceNode && namedList(base) && namedList(over):
		out := d.clone(base)
		at := map[string][]int{}
		for j, b := range out.Content {
			n := valueOf(b, "name").Value
			at[n] = append(at[n], j)
		}
		for _, o := range over.Content {
			name := valueOf(o, "name").Value
			js, found := at[name]
			for _, j := range js {
				out.Content[j] = d.merge(out.Content[j], o, "item")
			}
			if !found {
				out.Content = append(out.Content, d.clone(o))
			}
		}
		return out
	}
	return d.clone(over)
}

func namedList(n *yaml.Node) bool {
	for _, c := range n.Content {
		if nm := valueOf(c, "name"); nm == nil || nm.Kind != yaml.ScalarNode {
			return false
		}
	}
	return len(n.Content) > 0
}

// clone deep-copies n, remembering the file each copied node came from.
func (d *decoder) clone(n *yaml.Node) *yaml.Node {
	c := cloneNode(n)
	var rec func(orig, cp *yaml.Node)
	rec = func(orig, cp *yaml.Node) {
		if orig == nil {
			return
		}
		if f, ok := d.files[orig]; ok {
			d.files[cp] = f
		}
		for i := range orig.Content {
			rec(orig.Content[i], cp.Content[i])
		}
	}
	rec(n, c)
	return c
}

func cloneNode(n *yaml.Node) *yaml.Node {
	if n == nil {
		return nil
	}
	c := *n
	if n.Content != nil {
		c.Content = make([]*yaml.Node, len(n.Content))
		for i, k := range n.Content {
			c.Content[i] = cloneNode(k)
		}
	}
	return &c
}

func removeKey(n *yaml.Node, key string) {
	n = deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			n.Content = append(n.Content[:i], n.Content[i+2:]...)
			return
		}
	}
}

func walk(n *yaml.Node, f func(*yaml.Node)) {
	if n == nil {
		return
	}
	f(n)
	for _, c := range n.Content {
		walk(c, f)
	}
}
