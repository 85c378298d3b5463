package resultset

import (
	"bytes"
	"encoding/csv"
	"strconv"

	"github.com/svcsim/svcsim/figures"
	"github.com/svcsim/svcsim/sim"
)

// Experiment is what an experiment's folder is written from: its
// settings and one Entry per scenario, in order.
type Experiment struct {
	Version      string   // of svcsim, for the manifest
	Command      string   // the command line that names the work
	Params       []string // sweep parameters: a column each
	Seed         uint64   // the experiment's master seed
	Replications int
	Entries      []Entry
}

// Entry is one scenario of an Experiment.
type Entry struct {
	Name, Variant, File, SHA256 string
	Params                      map[string]string
	Currency                    string
	Assumptions                 []string
	Warnings                    []string // of the scenario and its run, as a run's summary has them
	Targets                     []Target // drawn on the charts
	// Seed is the seed the scenario runs with; nil for a file that could
	// not be read. Results, when there are any, name their own.
	Seed    *uint64
	Results *sim.Results // nil: it did not run
	Error   string       // why it did not run
	Missing []int        // replications a partial merge lacks
}

// Files are the files of an experiment's folder: replications.csv (one
// row per scenario, replication and KPI), summary.csv (one row per
// scenario and KPI, with the confidence interval), intervals.csv,
// results.json (every scenario's full results, a Set) and manifest.json.
func (x *Experiment) Files() ([]File, error) {
	var reps, sum, ivs, pivs, man, res bytes.Buffer
	head := append([]string{"scenario"}, x.Params...)
	rw := csv.NewWriter(&reps)
	rw.Write(append(append([]string(nil), head...), "replication", "kpi", "stage", "unit", "value"))
	sw := csv.NewWriter(&sum)
	sw.Write(append(append([]string(nil), head...), SummaryHeader...))
	iw := csv.NewWriter(&ivs)
	iw.Write(append(append([]string(nil), head...), IntervalsHeader...))
	pw := csv.NewWriter(&pivs)
	pw.Write(append(append([]string(nil), head...), PoolIntervalsHeader...))
	pools := false
	m := x.manifest()
	set := Set{Command: x.Command, Params: x.Params}
	for _, e := range x.Entries {
		if e.Results == nil {
			continue
		}
		lead := []string{e.Name}
		for _, k := range x.Params {
			lead = append(lead, e.Params[k])
		}
		r := e.Results
		m.Confidence = r.Confidence
		for _, k := range r.KPIs {
			for i, v := range k.Values {
				rw.Write(append(append([]string(nil), lead...), strconv.Itoa(repIndex(r, i)), k.Name, k.Stage, string(k.Unit), figures.Number(v)))
			}
			sw.Write(append(append([]string(nil), lead...), summaryRow(k)...))
		}
		for _, row := range IntervalRows(r) {
			iw.Write(append(append([]string(nil), lead...), row...))
		}
		for _, row := range PoolIntervalRows(r) {
			pw.Write(append(append([]string(nil), lead...), row...))
		}
		pools = pools || len(r.Pools) > 0
		set.Scenarios = append(set.Scenarios, Scenario{Name: e.Name, Params: e.Params, Currency: e.Currency, Assumptions: e.Assumptions, Warnings: e.Warnings, Source: e.File, SHA256: e.SHA256, Targets: e.Targets, Results: r})
	}
	for _, w := range []*csv.Writer{rw, sw, iw, pw} {
		w.Flush()
		if err := w.Error(); err != nil {
			return nil, err
		}
	}
	if err := WriteJSON(&man, m); err != nil {
		return nil, err
	}
	if err := WriteJSON(&res, set); err != nil {
		return nil, err
	}
	files := []File{{"replications.csv", reps.Bytes()}, {"summary.csv", sum.Bytes()}, {"intervals.csv", ivs.Bytes()},
		{"results.json", res.Bytes()}, {"manifest.json", man.Bytes()}}
	if pools {
		files = append(files, File{"pool_intervals.csv", pivs.Bytes()})
	}
	return files, nil
}

// manifest is the experiment's manifest.json, its confidence that of the
// last scenario with results (they all share one).
func (x *Experiment) manifest() *Manifest {
	m := &Manifest{Version: x.Version, Command: x.Command, Replications: x.Replications, Confidence: 0.95, Params: x.Params, Complete: true}
	seeds := map[uint64]bool{}
	for _, e := range x.Entries {
		me := ManifestEntry{Name: e.Name, Variant: e.Variant, File: e.File, SHA256: e.SHA256, Params: e.Params,
			Complete: e.Results != nil && e.Missing == nil, Error: e.Error, Missing: e.Missing}
		if e.Seed != nil || e.Results != nil {
			var seed uint64
			if e.Seed != nil {
				seed = *e.Seed
			}
			if e.Results != nil {
				seed = e.Results.Seed
			}
			me.Seed = &seed
			seeds[seed] = true
		}
		if e.Results != nil {
			m.Confidence = e.Results.Confidence
		}
		m.Complete = m.Complete && me.Complete
		m.Scenarios = append(m.Scenarios, me)
	}
	switch len(seeds) {
	case 0:
		seed := x.Seed
		m.Seed = &seed
	case 1:
		for seed := range seeds {
			m.Seed = &seed
		}
	}
	return m
}

// repIndex is the replication number of r's i-th replication: i, except
// after a partial merge, where some are missing.
func repIndex(r *sim.Results, i int) int {
	if i < len(r.Reps) {
		return r.Reps[i].Index
	}
	return i
}
