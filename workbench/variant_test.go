package workbench

import (
	"bytes"
	"testing"

	"github.com/svcsim/svcsim/scenarios"
)

// TestVariantRoundTrip: for every built-in, a change of one cell and of
// one channel's demand spliced in as a variant reads back with the base
// and the other variants unchanged and the rest of the file byte for
// byte.
func TestVariantRoundTrip(t *testing.T) {
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
