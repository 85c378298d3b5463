package simflags

import (
	"fmt"
	"io"

	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/internal/cmdline"
	"github.com/svcsim/svcsim/progress"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
	"github.com/svcsim/svcsim/staffing"
)

// Model is a copy of sc's model with --days and --max-in-system applied;
// --days that leave no time after the warm-up are an
// *experiment.DaysError.
func (s *Settings) Model(sc *scenarios.Scenario) (*sim.Model, error) {
	o := experiment.Options{Days: s.Days, MaxInSystem: s.MaxInSystem}
	return o.Apply(sc.Model)
}

// ModelTargets are sc's model as Model makes it (for every staffing a
// search simulates) and the --target flags texts of command cmd (staff,
// rota) read against it.
func (s *Settings) ModelTargets(cmd string, sc *scenarios.Scenario, texts []string) (*sim.Model, []staffing.Target, error) {
	m, err := s.Model(sc)
	if err != nil {
		return nil, nil, err
	}
	targets, err := staffing.ParseTargets(texts, m)
	if err != nil {
		return nil, nil, cmdline.Usagef("%s: --target %v", cmd, err)
	}
	return m, targets, nil
}

// SearchOptions are a staffing search's options from the settings, with
// its log and progress on stderr unless --quiet (staff and rota).
func (s *Settings) SearchOptions(sc *scenarios.Scenario, stderr io.Writer) staffing.Options {
	o := staffing.Options{Options: s.Options(sc).Options}
	if s.Quiet {
		return o
	}
	o.Log = func(msg string) { fmt.Fprintf(stderr, "svcsim: %s\n", msg) }
	o.Start = func(name string, replications int) (func(done, total int), func()) {
		return progress.Start(stderr, name, replications)
	}
	return o
}
