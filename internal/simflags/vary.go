package simflags

import (
	"errors"

	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/internal/cmdline"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
)

// CheckKPIs refuses --kpi names of command cmd that m's results have no
// KPI for, or that are given twice, before anything runs.
func CheckKPIs(cmd string, m *sim.Model, kpis []string) error {
	if err := experiment.CheckKPIs(m, kpis); err != nil {
		return cmdline.Usagef("%s: --kpi: %v", cmd, err)
	}
	return nil
}

// Vary reads command cmd's --vary flags with experiment.ParseVary; what
// it refuses is a usage error.
func Vary(cmd string, vary []string) (params []string, values [][]string, err error) {
	params, values, err = experiment.ParseVary(vary)
	if errors.Is(err, experiment.ErrGridTooLarge) {
		return nil, nil, cmdline.Usagef("%s: the --vary values make more than %d grid points; vary fewer values at a time", cmd, experiment.MaxGridPoints)
	}
	if err != nil {
		return nil, nil, cmdline.Usagef("%s: --vary %v", cmd, err)
	}
	return params, values, nil
}

// GridError is an error of experiment.Sweep or experiment.CheckGrid as
// command cmd reports it: a --vary path that names no field it can vary
// is a usage error.
func GridError(cmd string, err error) error {
	if _, ok := errors.AsType[*scenarios.PathError](err); ok {
		return cmdline.Usagef("%s: --vary %v", cmd, err)
	}
	return err
}
