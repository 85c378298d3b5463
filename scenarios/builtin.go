package scenarios

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/svcsim/svcsim/sim"
	yaml "go.yaml.in/yaml/v4"
)

//go:embed builtin
var builtinFS embed.FS

// DefaultBuiltin is the scenario 'svcsim run' uses without arguments.
const DefaultBuiltin = "clinic"

// Info names a built-in scenario.
type Info struct {
	Name, Title string
}

// Builtins lists the built-in scenarios, sorted by name.
func Builtins() []Info { return slices.Clone(builtinInfos()) }

// builtinInfos is Builtins, worked out once: the built-ins are embedded,
// and their titles take a parse of every one (14 ms), which the
// workbench and the tables would otherwise repeat for each page and
// table.
var builtinInfos = sync.OnceValue(func() []Info {
	entries, _ := fs.ReadDir(builtinFS, "builtin")
	var out []Info
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".yaml")
		if !ok {
			continue
		}
		title := name
		if s, err := Builtin(name); err == nil && s.Title != "" {
			title = s.Title
		}
		out = append(out, Info{Name: name, Title: title})
	}
	slices.SortFunc(out, func(a, b Info) int { return strings.Compare(a.Name, b.Name) })
	return out
})

// BuiltinSource returns the scenario file of a built-in, verbatim.
func BuiltinSource(name string) ([]byte, error) {
	if strings.ContainsAny(name, "/\\.") {
		return nil, fmt.Errorf("no built-in scenario %q", name)
	}
	b, err := builtinFS.ReadFile("builtin/" + name + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("no built-in scenario %q", name)
	}
	return b, nil
}

// Builtin loads a built-in scenario.
func Builtin(name string) (*Scenario, error) {
	return builtinWith(name, Options{})
}

// builtinWith is Builtin with options.
func builtinWith(name string, opt Options) (*Scenario, error) {
	sub, _ := fs.Sub(builtinFS, "builtin")
	return loadBuiltin(sub, name, opt)
}

func loadBuiltin(fsys fs.FS, name string, opt Options) (*Scenario, error) {
	src, err := BuiltinSource(name)
	if err != nil {
		return nil, err
	}
	d := &decoder{files: map[*yaml.Node]string{}, main: "builtin:" + name, opt: opt}
	d.data = dataFiles{fsys: fsys, dir: "."}
	doc, hash, err := d.parseDoc(fsys, name+".yaml", src, nil)
	if err != nil {
		return nil, err
	}
	return d.finish(doc, "builtin:"+name, hash)
}

// DataFile is a data file a built-in scenario refers to: its path as the
// scenario writes it (relative to the scenario file) and its contents.
type DataFile struct {
	Path string
	Data []byte
}

// BuiltinData returns the data files (CSV) a built-in scenario or any of
// its variants reads, sorted by path; none for most built-ins.
func BuiltinData(name string) ([]DataFile, error) {
	sub, _ := fs.Sub(builtinFS, "builtin")
	rec := &recordingFS{FS: sub, read: map[string]bool{}}
	if _, err := loadBuiltin(rec, name, Options{}); err != nil {
		return nil, err
	}
	var out []DataFile
	for p := range rec.read {
		if p == name+".yaml" {
			continue
		}
		b, err := fs.ReadFile(sub, p)
		if err != nil {
			return nil, fmt.Errorf("built-in %s: %w", name, err)
		}
		out = append(out, DataFile{Path: p, Data: b})
	}
	slices.SortFunc(out, func(a, b DataFile) int { return strings.Compare(a.Path, b.Path) })
	return out, nil
}

// recordingFS notes the files read through it.
type recordingFS struct {
	fs.FS
	read map[string]bool
}

func (r *recordingFS) Open(name string) (fs.File, error) {
	r.read[name] = true
	return r.FS.Open(name)
}

// BuiltinStandalone returns the scenario file of a built-in as one file
// that needs nothing beside it: the source verbatim, followed by a data
// section holding the text of the data files it refers to (if any).
// Loading it gives the same model as the built-in.
func BuiltinStandalone(name string) ([]byte, error) {
	src, err := BuiltinSource(name)
	if err != nil {
		return nil, err
	}
	files, err := BuiltinData(name)
	if err != nil || len(files) == 0 {
		return src, err
	}
	sec := &yaml.Node{Kind: yaml.MappingNode}
	for _, f := range files {
		sec.Content = append(sec.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Value: f.Path},
			&yaml.Node{Kind: yaml.ScalarNode, Value: string(f.Data), Style: yaml.LiteralStyle})
	}
	top := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Value: "data"}, sec}}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(top); err != nil {
		return nil, fmt.Errorf("built-in %s: %w", name, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("built-in %s: %w", name, err)
	}
	out := bytes.TrimRight(src, "\n")
	out = append(out, "\n\n# The data files this scenario refers to, kept in this file so that it\n# needs nothing beside it. 'svcsim scenarios show "+name+" --out DIR'\n# writes them as separate CSV files instead.\n"...)
	return append(out, buf.Bytes()...), nil
}

// reachedStages reports, per stage, whether customers can reach it: on a
// channel's route, as a rework destination or as an incident's handler.
func reachedStages(m *sim.Model) []bool {
	visited := make([]bool, len(m.Stages))
	for _, c := range m.Channels {
		for _, st := range c.Route {
			if st.Stage >= 0 && st.Stage < len(visited) {
				visited[st.Stage] = true
			}
		}
	}
	for _, s := range m.Stages {
		rework := s.Rework.Prob > 0
		for _, g := range s.Groups {
			rework = rework || g.FixRate > 0 && g.FixRate < 1
		}
		if rework && s.Rework.To >= 0 && s.Rework.To < len(visited) {
			visited[s.Rework.To] = true
		}
	}
	if sat := m.Satisfaction; sat != nil {
		for _, in := range sat.Incidents {
			if in.Handler >= 0 && in.Handler < len(visited) {
				visited[in.Handler] = true
			}
		}
	}
	return visited
}

// warnings lists what is valid but probably not meant.
func warnings(m *sim.Model) []string {
	var out []string
	visited := reachedStages(m)
	for _, c := range m.Channels {
		if len(m.Trace) > 0 {
			continue
		}
		any := false
		for wd, segs := range c.Rates {
			w := m.Open[wd]
			for _, s := range segs {
				if s.Value > 0 && s.From < w.To && s.To > w.From {
					any = true
				}
			}
		}
		if !any {
			out = append(out, fmt.Sprintf("channel %s has no arrivals during opening hours", c.Name))
		}
	}
	for i, s := range m.Stages {
		if !visited[i] {
			out = append(out, fmt.Sprintf("stage %s is on no channel's route, so nobody visits it", s.Name))
			continue
		}
		if s.Delay != nil || s.AtClose == sim.CarryOver {
			continue // back-office work waits for staff by design
		}
		if gaps := staffGaps(m, i); gaps != "" {
			out = append(out, fmt.Sprintf("stage %s has nobody on duty while open (%s): customers arriving then wait for the next staff", s.Name, gaps))
		}
	}
	return out
}

// staffGaps lists the times stage has no staff while the business is
// open, e.g. "mon 12:00-13:00". A pool's staff on duty count for every
// stage it serves, less the members it keeps free for the other stages
// it serves (their reserves): a pool of two that keeps two for booking
// never serves follow_up.
func staffGaps(m *sim.Model, stage int) string {
	s := &m.Stages[stage]
	// The schedules that serve the stage, each with the headcount it
	// cannot give the stage.
	type server struct {
		staff *[7][]sim.Segment
		held  float64
	}
	var servers []server
	for gi := range s.Groups {
		servers = append(servers, server{staff: &s.Groups[gi].Staff})
	}
	for pi := range m.Pools {
		p := &m.Pools[pi]
		serves, held := false, 0
		for _, ps := range p.Serves {
			if ps.Stage == stage {
				serves = true
			} else {
				held += ps.Reserve
			}
		}
		if serves {
			servers = append(servers, server{staff: &p.Staff, held: float64(held)})
		}
	}
	var gaps []string
	for wd, w := range m.Open {
		if w.Closed() {
			continue
		}
		var cuts []float64
		cuts = append(cuts, w.From, w.To)
		for _, sv := range servers {
			for _, seg := range sv.staff[wd] {
				cuts = append(cuts, seg.From, seg.To)
			}
		}
		slices.Sort(cuts)
		cuts = slices.Compact(cuts)
		for i := 0; i+1 < len(cuts); i++ {
			a, b := cuts[i], cuts[i+1]
			if a < w.From || b > w.To {
				continue
			}
			staff := 0.0
			for _, sv := range servers {
				for _, seg := range sv.staff[wd] {
					if seg.From <= a && seg.To >= b {
						staff += max(0, seg.Value-sv.held)
					}
				}
			}
			if staff == 0 {
				gaps = append(gaps, fmt.Sprintf("%s %s-%s", dayNames[wd], fmtClock(a), fmtClock(b)))
			}
		}
	}
	if len(gaps) > 4 {
		gaps = append(gaps[:4], fmt.Sprintf("and %d more", len(gaps)-4))
	}
	return strings.Join(gaps, ", ")
}
