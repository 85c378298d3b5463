package tables

import "testing"

func TestAlignPM(t *testing.T) {
	got := alignPM([]string{"1.5", "12", "n/a", "7"}, []string{"0.25", "3", "", ""})
	want := []string{
		"1.5 ± 0.25",
		" 12 ±    3",
		"n/a       ",
		"  7       ",
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("cell %d = %q; want %q", i, got[i], want[i])
		}
	}
}

// TestAlignByDisplayWidth: a Chinese character is two columns wide, so
// "网上预约" (4 runes, 12 bytes) takes 8 columns.
func TestAlignByDisplayWidth(t *testing.T) {
	got := alignTabs("网上预约\t1\nab\t2\n\nlonger line\t3\n", 1)
	want := "网上预约 1\nab       2\n\nlonger line 3\n"
	if got != want {
		t.Errorf("alignTabs:\n%s\nwant:\n%s", got, want)
	}
	g := &grid{rows: [][]string{{"回访.wait.mean", "x"}, {"abc", "y"}}}
	if got, want := g.String(), "回访.wait.mean  x\nabc             y\n"; got != want {
		t.Errorf("grid:\n%s\nwant:\n%s", got, want)
	}
}

func TestGridWrapsFirstColumn(t *testing.T) {
	g := &grid{rows: [][]string{
		{"  unique customers (attempts less retries)", "/day", "145 ± 5"},
		{"  served", "/day", "139 ± 4"},
	}}
	g.fit(34, 10)
	want := "  unique customers  /day  145 ± 5\n" +
		"    (attempts less\n" +
		"    retries)\n" +
		"  served            /day  139 ± 4\n"
	if got := g.String(); got != want {
		t.Errorf("wrapped to %d:\n%s\nwant:\n%s", g.wrap, got, want)
	}
	if g.width() > 34 {
		t.Errorf("width %d; want <= 34", g.width())
	}
}
