package scenarios

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/svcsim/svcsim/sim"
	yaml "go.yaml.in/yaml/v4"
)

// RosterRow is one row of a roster file: Count staff of Stage on duty from
// Start to End (minutes after midnight, not crossing it) on Days (bit d
// is time.Weekday d). A shift with breaks is one row per stretch between
// its breaks.
type RosterRow struct {
	Stage      string
	Start, End float64
	Days       uint8
	Count      int
}

// RosterSchedule is the staff on duty of the rows of one stage under
// shrinkage, by weekday: exactly what a scenario reading those rows from
// its roster gets (see [OnDuty]).
func RosterSchedule(rows []RosterRow, shrinkage float64) [7][]sim.Segment {
	ss := make([]rosterShift, 0, len(rows))
	for _, r := range rows {
		ss = append(ss, rosterShift{days: r.Days, from: r.Start, to: r.End, count: float64(r.Count)})
	}
	return OnDuty(addShifts(ss), shrinkage)
}

// MergeRoster sums rows that agree in stage, times and weekdays (a roster
// file refuses repeated rows) and sorts them by stage, start, end and
// weekdays.
func MergeRoster(rows []RosterRow) []RosterRow {
	type key struct {
		stage      string
		start, end float64
		days       uint8
	}
	sum := map[key]int{}
	var order []key
	for _, r := range rows {
		k := key{r.Stage, r.Start, r.End, r.Days}
		if _, ok := sum[k]; !ok {
			order = append(order, k)
		}
		sum[k] += r.Count
	}
	out := make([]RosterRow, 0, len(order))
	for _, k := range order {
		out = append(out, RosterRow{k.stage, k.start, k.end, k.days, sum[k]})
	}
	slices.SortFunc(out, func(a, b RosterRow) int {
		switch {
		case a.Stage != b.Stage:
			return strings.Compare(a.Stage, b.Stage)
		case a.Start != b.Start:
			return cmpF(a.Start, b.Start)
		case a.End != b.End:
			return cmpF(a.End, b.End)
		}
		return int(a.Days) - int(b.Days)
	})
	return out
}

func cmpF(a, b float64) int {
	if a < b {
		return -1
	}
	return 1
}

// WriteRoster writes rows as a roster file (stage, start, end, weekdays,
// count) that the scenario's roster field reads back.
func WriteRoster(w io.Writer, rows []RosterRow) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"stage", "start", "end", "weekdays", "count"}); err != nil {
		return err
	}
	for _, r := range rows {
		if err := cw.Write([]string{r.Stage, fmtClock(r.Start), fmtClock(r.End), DaysText(r.Days), strconv.Itoa(r.Count)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// DaysText writes a weekday set as parseDays reads it, Monday first with
// runs of three or more days as ranges: "mon-fri", "mon,wed,sat-sun".
func DaysText(days uint8) string {
	if days&0x7f == 0x7f {
		return "daily"
	}
	return dayRuns(days, func(d int) string { return dayNames[d] }, "-", ",")
}

// dayRuns writes the weekdays of days (bit d is time.Weekday d) from
// Monday, each by name, runs of three or more as first + dash + last,
// joined by sep.
func dayRuns(days uint8, name func(weekday int) string, dash, sep string) string {
	on := func(i int) bool { return i < 7 && days&(1<<((i+1)%7)) != 0 } // i = 0 is Monday
	var out []string
	for i := 0; i < 7; i++ {
		if !on(i) {
			continue
		}
		j := i
		for on(j + 1) {
			j++
		}
		switch {
		case j-i >= 2:
			out = append(out, name((i+1)%7)+dash+name((j+1)%7))
		case j > i:
			out = append(out, name((i+1)%7), name((j+1)%7))
		default:
			out = append(out, name((i+1)%7))
		}
		i = j
	}
	return strings.Join(out, sep)
}

// WithRoster returns s's scenario file with the staff of stages (and of
// pools, whose names stages may give) taken from a roster file instead
// of their own staff field: they lose staff, the file gains "roster: ROSTER", and the run settings become
// days, replications and seed. Variants (whose staffing would no longer apply)
// are left out. A scenario that already reads a roster is refused, as
// its other stages' rows would be lost.
func (s *Scenario) WithRoster(stages []string, roster string, days, replications int, seed uint64) ([]byte, error) {
	d := &decoder{files: map[*yaml.Node]string{}}
	doc := d.clone(s.doc)
	top := deref(doc)
	if top == nil || top.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("scenario %s: no document to write", s.Name())
	}
	if valueOf(top, "roster") != nil {
		return nil, fmt.Errorf("scenario %s already reads a roster; a rota's roster would replace it, so give those stages' staff in the file instead", s.Name())
	}
	for _, k := range []string{"stages", "pools"} { // a rota staffs stages and pools alike
		for _, st := range d.list(valueOf(top, k), k) {
			if name := valueOf(st, "name"); name != nil && slices.Contains(stages, name.Value) {
				dropKey(st, "staff")
			}
		}
	}
	for _, k := range []string{"variants", "extends", "roster", "days", "replications", "seed"} {
		dropKey(top, k)
	}
	setKey(top, "days", strconv.Itoa(days))
	setKey(top, "replications", strconv.Itoa(replications))
	setKey(top, "seed", strconv.FormatUint(seed, 10))
	setKey(top, "roster", roster)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(top); err != nil {
		return nil, fmt.Errorf("scenario %s: %w", s.Name(), err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("scenario %s: %w", s.Name(), err)
	}
	return buf.Bytes(), nil
}

// dropKey removes key from mapping n.
func dropKey(n *yaml.Node, key string) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			n.Content = append(n.Content[:i], n.Content[i+2:]...)
			return
		}
	}
}

// setKey appends key: value to mapping n.
func setKey(n *yaml.Node, key, value string) {
	n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key},
		&yaml.Node{Kind: yaml.ScalarNode, Value: value})
}
