package resultset

import (
	"strings"

	"github.com/svcsim/svcsim/sim"
)

// Set is results.json: every scenario's results of an experiment, or of
// a single run when read back by Load. 'svcsim plot' and 'svcsim report'
// draw from it.
type Set struct {
	// Version is the svcsim version that made the results, as Load read
	// it from manifest.json or summary.json ("" when neither records
	// one); results.json itself does not hold it.
	Version   string     `json:"-"`
	Command   string     `json:"command"`
	Params    []string   `json:"parameters,omitempty"`
	Scenarios []Scenario `json:"scenarios"`
}

// Scenario is one scenario's results in a Set.
type Scenario struct {
	Name        string            `json:"name"`
	Params      map[string]string `json:"parameters,omitempty"`
	Currency    string            `json:"currency,omitempty"`
	Assumptions []string          `json:"assumptions,omitempty"`
	Source      string            `json:"source,omitempty"`
	SHA256      string            `json:"sha256,omitempty"`
	Warnings    []string          `json:"warnings,omitempty"`
	Targets     []Target          `json:"targets,omitempty"` // drawn on the charts
	Results     *sim.Results      `json:"results"`
}

// Target is a limit the charts of a scenario draw: an alert threshold or
// a stage's target wait, on a KPI the results report.
type Target struct {
	KPI string `json:"kpi"`
	// Limit is in Unit, the KPI's (shares as fractions, waits in
	// minutes, lead times in days), but customers an hour for a stage's
	// arrivals per interval.
	Limit float64  `json:"limit"`
	Unit  sim.Unit `json:"unit"`
	// Above is true when values above Limit breach it (a wait, an
	// abandonment rate), false when values below do (a service level).
	Above bool `json:"above,omitempty"`
	// Inclusive is true when the limit itself breaches it (>= or <=).
	Inclusive bool `json:"inclusive,omitempty"`
	// PerInterval is true for a limit on every time-of-day interval
	// rather than on the whole run.
	PerInterval bool `json:"per_interval,omitempty"`
	// TargetWait is true for a stage's target wait, the wait the stage's
	// service level counts as in time, given on each of the stage's wait
	// KPIs; false for an alert.
	TargetWait bool `json:"target_wait,omitempty"`
}

// Targets are the limits of model m the charts draw: each stage's target
// wait, on each of its wait KPIs, and the alert thresholds, each in its
// KPI's unit. It costs a summary of m without replications (see
// sim.KPIsOf).
func Targets(m *sim.Model) []Target {
	if m == nil {
		return nil
	}
	var out []Target
	var names []string
	for _, st := range m.Stages {
		if st.Target <= 0 {
			continue
		}
		if names == nil {
			names = sim.KPINames(m)
		}
		for _, k := range names {
			if strings.HasPrefix(k, st.Name+".wait.") {
				out = append(out, Target{KPI: k, Limit: st.Target, Unit: sim.Minutes, Above: true, TargetWait: true})
			}
		}
	}
	units := map[string]sim.Unit{}
	if len(m.Thresholds) > 0 {
		for _, k := range sim.KPIsOf(m) {
			if _, dup := units[k.Name]; !dup {
				units[k.Name] = k.Unit
			}
		}
	}
	for _, t := range m.Thresholds {
		u := sim.ThresholdUnit(m, t, units[t.KPI])
		if r, err := t.InUnit(u); err == nil {
			t = r
		}
		out = append(out, Target{KPI: t.KPI, Limit: t.Limit, Unit: u, Above: t.Above, Inclusive: t.Inclusive, PerInterval: t.PerInterval})
	}
	return out
}

// Manifest is manifest.json: what an experiment ran, from which files
// (with their hashes), with which settings, and whether each scenario
// completed.
type Manifest struct {
	Version string `json:"svcsim_version"`
	Command string `json:"command"`
	// Seed is the seed every scenario ran with; absent when they ran
	// with different seeds (a batch of files with seeds of their own),
	// each entry then names its own.
	Seed         *uint64         `json:"seed,omitempty"`
	Replications int             `json:"replications"`
	Confidence   float64         `json:"confidence"`
	Params       []string        `json:"parameters,omitempty"`
	Scenarios    []ManifestEntry `json:"scenarios"`
	Complete     bool            `json:"complete"`
}

// ManifestEntry is one scenario of a Manifest.
type ManifestEntry struct {
	Name     string            `json:"name"`
	Variant  string            `json:"variant,omitempty"`
	File     string            `json:"file"`
	SHA256   string            `json:"sha256,omitempty"`
	Params   map[string]string `json:"parameters,omitempty"`
	Seed     *uint64           `json:"seed,omitempty"`
	Complete bool              `json:"complete"`
	Error    string            `json:"error,omitempty"`
	// Missing are the replications left out of a partial merge.
	Missing []int `json:"missing_replications,omitempty"`
}
