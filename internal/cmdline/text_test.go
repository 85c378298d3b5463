package cmdline

import "testing"

func TestOneLine(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "a b", "a b"},
		{"newline", "a\nb", `a\nb`},
		{"tab and escape", "a\tb\x1b", `a\tb\x1b`},
		{"unicode", "wait ≤ 2m", "wait ≤ 2m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := OneLine(tt.in); got != tt.want {
				t.Errorf("OneLine(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestOrList(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"a"}, "a"},
		{[]string{"a", "b"}, "a or b"},
		{[]string{"a", "b", "c"}, "a, b or c"},
	}
	for _, tt := range tests {
		if got := OrList(tt.in); got != tt.want {
			t.Errorf("OrList(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
