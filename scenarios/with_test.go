package scenarios

import (
	"errors"
	"strings"
	"testing"
)

// TestWithRefuses: a path that would change nothing the points run (the
// run settings, the title, extends, variants), or a field set twice, is a
// *PathError naming the path and what is valid, not a silent no-op.
func TestWithRefuses(t *testing.T) {
	s, err := parse(t, minimal+"seed: 7\nreplications: 3\n")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		set  [][2]string
		want string // in the error
	}{
		{"seed", [][2]string{{"seed", "1"}}, "seed: cannot be varied: every point runs on the scenario's seed"},
		{"replications", [][2]string{{"replications", "2"}}, "replications: cannot be varied"},
		{"extends", [][2]string{{"extends", "1"}}, "extends: cannot be varied"},
		{"variants", [][2]string{{"variants", "1"}}, "variants: cannot be varied"},
		{"under variants", [][2]string{{"variants.0.days", "1"}}, "variants.0.days: cannot be varied"},
		{"title", [][2]string{{"title", "x"}}, "title: cannot be varied"},
		{"valid fields named", [][2]string{{"seed", "1"}}, "the fields that can are those under name, description, currency, days,"},
		{"twice", [][2]string{{"stages.desk.staff", "2"}, {"stages.desk.staff", "4"}}, "stages.desk.staff: set twice; give each field once"},
		{"by index and name", [][2]string{{"stages.desk.staff", "2"}, {"stages.0.staff", "4"}}, "stages.0.staff: the same field as stages.desk.staff"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.With(tt.set)
			if _, ok := errors.AsType[*PathError](err); !ok || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("With(%q) = %v; want a *PathError with %q", tt.set, err, tt.want)
			}
		})
	}
	if _, err := s.With([][2]string{{"stages.desk.staff", "2"}, {"days", "2"}}); err != nil {
		t.Errorf("two fields: %v", err)
	}
}

// TestWithNoNames: a list replaced by a scalar leaves nothing to refer
// to, and the references say so rather than listing no names.
func TestWithNoNames(t *testing.T) {
	s, err := parse(t, minimal)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.With([][2]string{{"stages", "1"}})
	if err == nil || !strings.Contains(err.Error(), `no stage named "desk"; the scenario has no stages (with stages=1)`) || strings.Contains(err.Error(), "are  (") {
		t.Errorf("got %v; want the route's stage missing from a scenario with no stages", err)
	}
}
