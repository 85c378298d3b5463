package workbench

import (
	"bytes"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/scenarios"
	yaml "go.yaml.in/yaml/v4"
)

// TestVariantRoundTrip: for every built-in, a change of one cell and of
// one channel's demand spliced in as a variant reads back with the base
// and the other variants unchanged and the rest of the file byte for
// byte.
func TestVariantRoundTrip(t *testing.T) {
	t.Parallel()
	for _, b := range scenarios.Builtins() {
		t.Run(b.Name, func(t *testing.T) {
			d, err := load(nil, "builtin:"+b.Name)
			if err != nil {
				t.Fatal(err)
			}
			if d.Grid.Why != "" {
				t.Fatalf("grid: %s", d.Grid.Why)
			}
			e := d.Unchanged()
			for i, r := range d.Grid.Rows {
				if r.Why == "" {
					for c, v := range e.Staff[i] {
						if v > 0 {
							e.Staff[i][c]++
							break
						}
					}
					break
				}
			}
			for i, ch := range d.Channels {
				if ch.Why == "" {
					e.Demand[i] = 110
					break
				}
			}
			if !d.changed(e) {
				t.Fatal("no editable cell")
			}
			text, v, err := d.withVariant(nil, "plan B", e, false)
			if err != nil {
				t.Logf("item:\n%s", d.item("plan B", e))
				t.Fatal(err)
			}
			if err := d.verify(nil, b.Name+".yaml", text, "plan B", v.Model); err != nil {
				t.Fatal(err)
			}
			if sameModel(v.Model, d.Scenario.Model) {
				t.Errorf("the variant is the base")
			}
			// Prefix and suffix unchanged.
			n := 0
			for n < len(text) && n < len(d.Text) && text[n] == d.Text[n] {
				n++
			}
			m := 0
			for m < len(text)-n && m < len(d.Text)-n && text[len(text)-1-m] == d.Text[len(d.Text)-1-m] {
				m++
			}
			if n+m != len(d.Text) {
				t.Errorf("the file changed outside the insertion: %d + %d of %d bytes kept", n, m, len(d.Text))
			}
			if !bytes.Contains(text, []byte(`"plan B"`)) {
				t.Errorf("no variant name in the text")
			}
			t.Logf("%s", text[n:len(text)-m])
		})
	}
}

func TestSplice(t *testing.T) {
	item := "- name: \"new\"\n  stages:\n    - name: \"a\"\n      staff: 3\n"
	tests := []struct {
		name, text string
		replace    bool
		want       string
		exists     bool
		err        string
	}{
		{"no variants", "name: x\nstages: []\n", false,
			"name: x\nstages: []\n\nvariants:\n  - name: \"new\"\n    stages:\n      - name: \"a\"\n        staff: 3\n", false, ""},
		{"no final newline", "name: x", false,
			"name: x\n\nvariants:\n  - name: \"new\"\n    stages:\n      - name: \"a\"\n        staff: 3\n", false, ""},
		{"append, comments kept", "name: x\nvariants:\n  - name: old   # keep me\n    days: 2\n\n# about data\ndata: {}\n", false,
			"name: x\nvariants:\n  - name: old   # keep me\n    days: 2\n  - name: \"new\"\n    stages:\n      - name: \"a\"\n        staff: 3\n\n# about data\ndata: {}\n", false, ""},
		{"other indentation", "variants:\n- name: old\n  days: 2\n", false,
			"variants:\n- name: old\n  days: 2\n- name: \"new\"\n  stages:\n    - name: \"a\"\n      staff: 3\n", false, ""},
		{"exists", "variants:\n  - name: new\n    days: 2\n", false, "variants:\n  - name: new\n    days: 2\n", true, ""},
		{"replace the middle one", "variants:\n  - name: a\n    days: 1\n  - name: new\n    days: 2\n\n  - name: c\n    days: 3\n", true,
			"variants:\n  - name: a\n    days: 1\n  - name: \"new\"\n    stages:\n      - name: \"a\"\n        staff: 3\n\n  - name: c\n    days: 3\n", true, ""},
		{"crlf", "name: x\r\nvariants:\r\n  - name: old\r\n", false,
			"name: x\r\nvariants:\r\n  - name: old\r\n  - name: \"new\"\r\n    stages:\r\n      - name: \"a\"\r\n        staff: 3\r\n", false, ""},
		{"flow list", "variants: [{name: old}]\n", false, "", false, "not a list written one item per line"},
		{"not a mapping", "- a\n- b\n", false, "", false, "not one YAML mapping"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, exists, err := splice([]byte(tt.text), item, "new", tt.replace)
			switch {
			case tt.err != "":
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("error %v; want %q", err, tt.err)
				}
			case err != nil:
				t.Fatal(err)
			case string(got) != tt.want || exists != tt.exists:
				t.Errorf("got (exists %v)\n%q\nwant (exists %v)\n%q", exists, got, tt.exists, tt.want)
			}
		})
	}
}

// FuzzSplice: splicing a variant into any text either fails or keeps
// every byte of the text around the variant, and what it writes reads
// back as YAML with the variant in it.
func FuzzSplice(f *testing.F) {
	for _, s := range []string{"name: x\n", "variants:\n  - name: a\n", "a: 1\nvariants:\n- name: b\n  c: 2\n# end\n", "variants: []\n", ""} {
		f.Add(s, false)
	}
	item := "- name: \"new\"\n  days: 3\n"
	f.Fuzz(func(t *testing.T, text string, replace bool) {
		out, exists, err := splice([]byte(text), item, "new", replace)
		if err != nil || exists && !replace {
			return
		}
		n := 0
		for n < len(out) && n < len(text) && out[n] == text[n] {
			n++
		}
		m := 0
		for m < len(out)-n && m < len(text)-n && out[len(out)-1-m] == text[len(text)-1-m] {
			m++
		}
		if !exists && n+m != len(text) {
			t.Errorf("bytes of the text lost: %q → %q", text, out)
		}
		var doc struct {
			Variants []struct{ Name string }
		}
		if err := yaml.Unmarshal(out, &doc); err != nil {
			t.Skip("text the scenario reader would refuse anyway") // e.g. a mapping with odd keys
		}
		found := false
		for _, v := range doc.Variants {
			found = found || v.Name == "new"
		}
		if !found {
			t.Errorf("no variant \"new\" in %q (from %q)", out, text)
		}
	})
}
