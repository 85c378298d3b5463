package scenarios

import (
	"context"
	"fmt"
	"slices"

	"github.com/svcsim/svcsim/sim"
)

// A Validation is what validating one scenario file found, in the words
// 'svcsim validate' prints.
type Validation struct {
	// OK says that the file and each of its variants are valid, with the
	// file's notes: "FILE: ok", "  NOTE", `  variant "NAME": ok`.
	OK []string
	// Warnings are the file's own warnings, then those of
	// sim.LoadWarnings for the scenario and for each variant, each
	// naming the file and the variant. A scenario or variant whose own
	// days measure none of its opening hours (sim.Model.Idle) is a
	// warning, not an error, as more --days make it valid; a run refuses
	// it as it stands unless read with Options.AllowIdle.
	Warnings []string
}

// Validate loads the scenario file path as LoadContext does and returns
// what there is to say of a valid one; an invalid one returns the load's
// error (Errors, one per problem, when the file was read).
func Validate(ctx context.Context, path string, opt Options) (*Validation, error) {
	sc, err := LoadContext(ctx, path, opt)
	if err != nil {
		return nil, err
	}
	v := &Validation{OK: []string{path + ": ok"}, Warnings: slices.Clone(sc.Warnings)}
	for _, n := range sc.Notes {
		v.OK = append(v.OK, "  "+n)
	}
	for _, s := range sc.Variants {
		v.OK = append(v.OK, fmt.Sprintf("  variant %q: ok", s.Variant))
	}
	for _, w := range append(idleWarning(sc.Model), sim.LoadWarnings(sc.Model)...) {
		v.Warnings = append(v.Warnings, path+": "+w)
	}
	for _, s := range sc.Variants {
		for _, w := range append(idleWarning(s.Model), sim.LoadWarnings(s.Model)...) {
			v.Warnings = append(v.Warnings, fmt.Sprintf("%s: variant %q: %s", path, s.Variant, w))
		}
	}
	return v, nil
}

// idleWarning says, for a model a run would refuse as it stands (see
// sim.Model.Idle), why and what makes it run; nothing otherwise.
func idleWarning(m *sim.Model) []string {
	e := m.Idle()
	if e == nil || m.AllowIdle {
		return nil
	}
	return []string{"a run refuses it as it stands: " + e.Reason()}
}
