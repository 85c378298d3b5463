package experiment

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/internal/userfile"
	"github.com/svcsim/svcsim/resultset"
	"github.com/svcsim/svcsim/sim"
)

// Plan says how an experiment is split over shards: the file 'svcsim
// plan --shards N --write FILE' writes, for the shards and for the merge,
// so that the shard count never comes from the size of a job array.
type Plan struct {
	Version      string `json:"svcsim_version"`
	Scenarios    int    `json:"scenarios"`
	Replications int    `json:"replications"`
	Seed         uint64 `json:"seed"`
	WorkUnits    int    `json:"work_units"`
	Shards       int    `json:"shards"`
}

// ReadPlan reads the plan file path strictly: one JSON object with every
// field Write writes and no other, nothing after it, and counts that
// Validate accepts. A file that is not such a plan is a *PlanError
// listing every problem found.
func ReadPlan(path string) (*Plan, error) {
	b, err := userfile.Read(path, userfile.Plan)
	if err != nil {
		return nil, err
	}
	p, problems, complete := parsePlan(b)
	if complete {
		problems = append(problems, p.problems()...)
	}
	if len(problems) > 0 {
		return nil, &PlanError{Path: path, Problems: problems}
	}
	return p, nil
}

// A PlanError says why a plan is not one 'svcsim plan --write' writes.
type PlanError struct {
	Path     string   // the plan file, or "" for a Plan not read from one
	Problems []string // each "what is wrong (got X); valid: Y"; at least one
}

// Error is one line, since svcsim prints an error on one: the path and
// the problem, or the problems numbered.
func (e *PlanError) Error() string {
	return cmp.Or(e.Path, "plan") + ": " + e.Why()
}

// Why is the problems without the path.
func (e *PlanError) Why() string {
	if len(e.Problems) == 1 {
		return e.Problems[0]
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d problems:", len(e.Problems))
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte(';')
		}
		fmt.Fprintf(&b, " %d) %s", i+1, p)
	}
	return b.String()
}

// planFields are the plan file's fields, in the order Write writes them.
var planFields = []string{"svcsim_version", "scenarios", "replications", "seed", "work_units", "shards"}

// parsePlan decodes a plan file's bytes field by field, so that a
// problem names its field, and reports every problem of form it finds:
// not one JSON object, unknown, repeated or missing fields, values of the
// wrong kind, and anything after the object. encoding/json alone would
// take the last of two repeated fields and stop at the first problem.
// complete says that every field was read, so that p's counts can be
// checked too.
func parsePlan(b []byte) (p *Plan, problems []string, complete bool) {
	raw, problems, ok := planObject(b)
	if !ok {
		return nil, problems, false
	}
	p, more, complete := decodePlan(raw)
	return p, append(problems, more...), complete
}

// planObject reads the fields of a plan file's one JSON object, raw, with
// the problems of form it finds; ok is false when b is not one object.
func planObject(b []byte) (raw map[string]json.RawMessage, problems []string, ok bool) {
	const valid = "valid: the JSON object 'svcsim plan --write' writes"
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	notJSON := func(err error) []string {
		if err == io.EOF {
			return []string{"the file is empty or ends early; " + valid}
		}
		return []string{fmt.Sprintf("not JSON (got %v); %s", err, valid)}
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, notJSON(err), false
	}
	if tok != json.Delim('{') {
		return nil, []string{fmt.Sprintf("not a JSON object (got %s); %s", excerpt(b[:dec.InputOffset()]), valid)}, false
	}
	raw = map[string]json.RawMessage{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, notJSON(err), false
		}
		key := tok.(string) // the decoder allows only a string here
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, notJSON(err), false
		}
		switch _, seen := raw[key]; {
		case !slices.Contains(planFields, key):
			problems = append(problems, fmt.Sprintf("unknown field (got %q); valid: %s", key, strings.Join(planFields, ", ")))
		case seen:
			problems = append(problems, fmt.Sprintf("repeated field (got %q twice); valid: each field once", key))
		default:
			raw[key] = v
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, notJSON(err), false
	}
	if rest := bytes.TrimSpace(b[dec.InputOffset():]); len(rest) > 0 {
		problems = append(problems, fmt.Sprintf("data after the plan's JSON object, at offset %d (got %s); valid: nothing after the closing brace", len(b)-len(bytes.TrimLeft(b[dec.InputOffset():], " \t\r\n")), excerpt(rest)))
	}
	return raw, problems, true
}

// decodePlan decodes the fields of a plan, raw, with the problems it
// finds; complete says that every field was there and read.
func decodePlan(raw map[string]json.RawMessage) (p *Plan, problems []string, complete bool) {
	var missing []string
	for _, f := range planFields {
		if _, ok := raw[f]; !ok {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		problems = append(problems, fmt.Sprintf("missing field(s) %s (got %d of the %d); valid: all of %s", strings.Join(missing, ", "), len(planFields)-len(missing), len(planFields), strings.Join(planFields, ", ")))
	}
	p = &Plan{}
	complete = len(missing) == 0
	if v, ok := raw["svcsim_version"]; ok {
		if err := json.Unmarshal(v, &p.Version); err != nil {
			problems = append(problems, fmt.Sprintf("svcsim_version is not a string (got %s); valid: a version such as \"v1.2.0\"", excerpt(v)))
			complete = false
		}
	}
	whole := func(name string, to *int, valid string) {
		v, ok := raw[name]
		if !ok {
			return
		}
		n, err := strconv.ParseInt(string(v), 10, 0)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s is not a whole number (got %s); valid: %s", name, excerpt(v), valid))
			complete = false
			return
		}
		*to = int(n)
	}
	whole("scenarios", &p.Scenarios, "1 or more")
	whole("replications", &p.Replications, fmt.Sprintf("1 to %d", sim.MaxReplications))
	whole("work_units", &p.WorkUnits, "scenarios × replications")
	whole("shards", &p.Shards, fmt.Sprintf("1 to %d", MaxShards))
	if v, ok := raw["seed"]; ok {
		n, err := strconv.ParseUint(string(v), 10, 64)
		if err != nil {
			problems = append(problems, fmt.Sprintf("seed is not a whole number (got %s); valid: 0 to %d", excerpt(v), uint64(math.MaxUint64)))
			complete = false
		}
		p.Seed = n
	}
	return p, problems, complete
}

// excerpt is b for a message, quoted if it is not a JSON scalar and cut
// short if long.
func excerpt(b []byte) string {
	s := string(b)
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	if json.Valid(b) && len(b) > 0 && b[0] != '{' && b[0] != '[' {
		return s
	}
	return strconv.Quote(s)
}

// Validate checks p's counts: scenarios, replications and shards in
// range, and work units = scenarios × replications. It returns a
// *PlanError listing every problem, or nil. Write and ReadPlan call it.
func (p *Plan) Validate() error {
	if problems := p.problems(); len(problems) > 0 {
		return &PlanError{Problems: problems}
	}
	return nil
}

func (p *Plan) problems() []string {
	var problems []string
	if p.Scenarios < 1 {
		problems = append(problems, fmt.Sprintf("scenarios is out of range (got %d); valid: 1 or more", p.Scenarios))
	}
	if p.Replications < 1 || p.Replications > sim.MaxReplications {
		problems = append(problems, fmt.Sprintf("replications is out of range (got %d); valid: 1 to %d", p.Replications, sim.MaxReplications))
	}
	if p.Shards < 1 || p.Shards > MaxShards {
		problems = append(problems, fmt.Sprintf("shards is out of range (got %d); valid: 1 to %d", p.Shards, MaxShards))
	}
	if len(problems) > 0 {
		return problems // work units are checked against valid counts only
	}
	if p.Scenarios > math.MaxInt/p.Replications {
		return append(problems, fmt.Sprintf("scenarios × replications is more work units than can be counted (got %d × %d); valid: a product up to %d", p.Scenarios, p.Replications, math.MaxInt))
	}
	if units := p.Scenarios * p.Replications; p.WorkUnits != units {
		problems = append(problems, fmt.Sprintf("work_units is not scenarios × replications = %d × %d = %d (got %d); valid: %d, as 'svcsim plan --write' writes it", p.Scenarios, p.Replications, units, p.WorkUnits, units))
	}
	return problems
}

// Matches reports whether the plan is of an experiment of scenarios
// points, replications and seed.
func (p *Plan) Matches(scenarios, replications int, seed uint64) bool {
	return p.Scenarios == scenarios && p.Replications == replications && p.Seed == seed
}

// Write writes p as the JSON file path, atomically, creating its
// directory if missing; ReadPlan reads it back. A path that is not a
// missing or regular file is refused with a *resultset.TargetError, and
// a file that is not a plan with a *NotPlanError.
func (p *Plan) Write(ctx context.Context, path string) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if err := resultset.CheckFile(path); err != nil {
		return err
	}
	if err := CheckPlanTarget(path); err != nil {
		return err
	}
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	// Not resultset.Prepare: the plan's folder is any folder, not a
	// result folder whose every entry must be a file or a directory;
	// WriteFiles refuses a path that is not a file and makes the folder.
	return resultset.WriteFiles(ctx, filepath.Dir(path), resultset.File{Name: filepath.Base(path), Data: append(b, '\n')})
}

// A NotPlanError says that the file a plan was to be written to exists
// and is not a plan: a scenario file named by mistake would be lost.
type NotPlanError struct {
	Path string
	Err  error // why ReadPlan did not read it
}

func (e *NotPlanError) Error() string {
	return e.Path + " exists and is not a plan 'svcsim plan --write' wrote (" + e.Err.Error() + "); valid: a new file, or such a plan to replace"
}

func (e *NotPlanError) Unwrap() error { return e.Err }

// CheckPlanTarget refuses a path a plan cannot be written to: "" or "-"
// (stdout: the shards and the merge read the plan from a file), a path
// that names a directory ("out/", "."), and with a *NotPlanError a file
// that is not a plan. A plan with wrong counts is still a plan, and may
// be replaced. It returns the error of a path it cannot look at. Plan.Write
// calls it; a command calls it before its work too, so that a wrong path
// fails at once.
func CheckPlanTarget(path string) error {
	if err := checkPlanName(path); err != nil {
		return err
	}
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	b, err := userfile.Read(path, userfile.Plan)
	if err != nil {
		return &NotPlanError{Path: path, Err: err}
	}
	if _, problems, complete := parsePlan(b); !complete {
		return &NotPlanError{Path: path, Err: errors.New((&PlanError{Problems: problems}).Why())}
	}
	return nil
}

// checkPlanName refuses names that are not a file's: Write would
// otherwise make a file named "-", or write "out/" as out/out.
func checkPlanName(path string) error {
	const valid = "valid: a file path such as plan.json"
	switch base := filepath.Base(path); {
	case path == "":
		return fmt.Errorf("the path is empty (got %q); %s", path, valid)
	case path == "-":
		return fmt.Errorf("- is stdout, and a plan is written to a file only, for the shards and the merge to read (got %q); %s, or ./- for a file named -", path, valid)
	case os.IsPathSeparator(path[len(path)-1]):
		return fmt.Errorf("%s names a directory (got a path ending in %q); valid: a file path such as %s", path, path[len(path)-1:], filepath.Join(path, "plan.json"))
	case base == "." || base == "..":
		return fmt.Errorf("%s names a directory (got %q as the file name); valid: a file path such as %s", path, base, filepath.Join(path, "plan.json"))
	}
	return nil
}
