package simflags

import (
	"errors"

	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/internal/cmdline"
	"github.com/svcsim/svcsim/sim"
)

// CheckKPIs refuses --kpi names of command cmd that m's results have no
// KPI for, before anything runs.
func CheckKPIs(cmd string, m *sim.Model, kpis []string) error {
	if k := experiment.UnknownKPI(m, kpis); k != "" {
		return cmdline.Usagef("%s: --kpi %s: no such KPI (see 'svcsim run --format csv' for the names)", cmd, k)
	}
	return nil
}

// VaryError is the usage error of command cmd's --vary values that
// experiment.ParseVary refused.
func VaryError(cmd string, err error) error {
	if errors.Is(err, experiment.ErrGridTooLarge) {
		return cmdline.Usagef("%s: the --vary values make more than %d grid points; vary fewer values at a time", cmd, experiment.MaxGridPoints)
	}
	return cmdline.Usagef("%s: --vary %v", cmd, err)
}
