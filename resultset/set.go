package resultset

import (
	"github.com/svcsim/svcsim/sim"
)

// Set is results.json: every scenario's results of an experiment, or of
// a single run when read back by Load. 'svcsim plot' and 'svcsim report'
// draw from it.
type Set struct {
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
	Results     *sim.Results      `json:"results"`
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
