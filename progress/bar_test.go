package progress

import (
	"bytes"
	"strings"
	"testing"
)

func TestBarPlainLines(t *testing.T) {
	tests := []struct {
		name  string
		quiet bool
		every bool // report at every update rather than every Every
		want  []string
	}{
		{"quiet", true, true, nil},
		{"not yet due", false, false, nil},
		{"due", false, true, []string{
			"svcsim: 1 of 3 replications done (clinic: ",
			"svcsim: 2 of 3 replications done (clinic: ",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			b := New(&out, 3, tt.quiet)
			if tt.every {
				b.every = 0
			}
			b.Update("clinic", 1)
			b.Update("", 1)
			b.Update("", 1) // the last one: done, so no line
			b.Finish()
			lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
			if out.Len() == 0 {
				lines = nil
			}
			if len(lines) != len(tt.want) {
				t.Fatalf("got %d lines %q; want %d", len(lines), out.String(), len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(lines[i], w) || !strings.Contains(lines[i], "elapsed, about ") {
					t.Errorf("line %d = %q; want it to start with %q and give the time left", i, lines[i], w)
				}
			}
		})
	}
}
