package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/erlang"
)

// callbackScenario is a flat call centre whose callers call back after
// giving up, open two hours: call-backs of the last minutes arrive after
// closing, when nobody answers.
const callbackScenario = `name: callbacks
days: 1
interval: 30m
open: 08:00-10:00
channels:
  - name: phone
    rates: {08:00-10:00: 120/h}
    route: [agents]
    retry: {probability: 0.6, delay: exponential(15m)}
stages:
  - name: agents
    service: exponential(4m)
    patience: exponential(3m)
    target: 20s
    at_close: send_away
    staff: 9
`

// abandonRequirement is the smallest headcount whose Erlang A share of
// abandoning callers is at most limit.
func abandonRequirement(lambda, mu, theta, limit float64) int {
	for c := 1; ; c++ {
		if (erlang.MMCA{Lambda: lambda, Mu: mu, C: c, Theta: theta}).PAbandon() <= limit {
			return c
		}
	}
}

// TestStaffErlangFlat checks the Erlang column on the built-in flat call
// centre (120 calls/h, 4 min exponential service, 3 min exponential
// patience, 08:00-20:00): it is one exact Erlang A number in every
// interval, the same in the whole-run and the by-interval table, and the
// search starts from it.
func TestStaffErlangFlat(t *testing.T) {
	const lambda, mu, theta = 2.0, 1 / 4.0, 1 / 3.0
	sl := erlang.StaffForServiceLevelA(lambda, mu, theta, 20.0/60, 0.8)
	both := max(sl, abandonRequirement(lambda, mu, theta, 0.05))
	tests := []struct {
		name    string
		targets []string
		want    int
	}{
		{"service level", []string{"agents.service_level >= 80%"}, sl},
		{"service level and abandonment", []string{"agents.service_level >= 80%", "agents.abandonment <= 5%"}, both},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := []string{"staff", "callcentre", "-r", "3", "-q"}
			for _, tg := range tc.targets {
				args = append(args, "--target", tg)
			}
			out, _ := mustRun(t, args...)
			m := regexp.MustCompile(`(?m)^agents\s+\d+\s+(\d+)\s+(.*)$`).FindStringSubmatch(out)
			if m == nil {
				t.Fatalf("no agents row in:\n%s", out)
			}
			w := strconv.Itoa(tc.want)
			if m[1] != w || m[2] != "08:00-20:00 "+w {
				t.Errorf("Erlang start %s, by interval %q; want %s and \"08:00-20:00 %s\"", m[1], m[2], w, w)
			}
			// The by-interval table shows it too, also when the small
			// budget runs out.
			out, _, _ = svcsim(t, t.Context(), append(args, "--by-interval", "--max-evaluations", "3")...)
			rows := regexp.MustCompile(`(?m)^(\d\d:\d\d)-\d\d:\d\d\s+(\d+)\s+(\S+)`).FindAllStringSubmatch(out, -1)
			if len(rows) != 24 {
				t.Fatalf("%d interval rows; want 24:\n%s", len(rows), out)
			}
			for _, r := range rows {
				if r[3] != w {
					t.Errorf("by interval: %s Erlang %s; want %s", r[1], r[3], w)
				}
			}
		})
	}
}

func TestStaff(t *testing.T) {
	path := writeFile(t, "tiny.yaml", tinyScenario)
	out, errOut := mustRun(t, "staff", path, "--target", "booking.service_level >= 70%", "--stage", "booking", "-r", "5")
	if !strings.Contains(out, "staffings simulated") || !regexp.MustCompile(`booking.service_level >= 70%\s+\S+ ± \S+ %\s+yes\n`).MatchString(out) {
		t.Errorf("staff output:\n%s", out)
	}
	if strings.Contains(out, "true") {
		t.Errorf("staff writes a boolean as true/false, not yes/no:\n%s", out)
	}
	// Every staffing tried is reported on stderr as it goes.
	if !regexp.MustCompile(`(?m)^svcsim: staffing 1 \(booking \d+\): `).MatchString(errOut) {
		t.Errorf("no progress on stderr:\n%s", errOut)
	}
	if _, errOut := mustRun(t, "staff", path, "--target", "booking.service_level >= 70%", "--stage", "booking", "-r", "5", "-q"); errOut != "" {
		t.Errorf("staff -q wrote on stderr:\n%s", errOut)
	}
	// The staffing found meets the target when run again with fresh
	// random numbers.
	m := regexp.MustCompile(`(?m)^booking\s+(\d+)\s`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no booking headcount in:\n%s", out)
	}
	again := writeFile(t, "again.yaml", strings.Replace(tinyScenario, "staff: 2", "staff: "+m[1], 1))
	csvOut, _ := mustRun(t, "run", again, "--seed", "987654", "-r", "10", "-q", "--format", "csv")
	rows, err := csv.NewReader(strings.NewReader(csvOut)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, r := range rows {
		if r[0] == "booking.service_level" {
			found++
			v, err := strconv.ParseFloat(r[4], 64)
			if err != nil {
				t.Fatalf("booking.service_level mean: %v", err)
			}
			if v < 0.7 {
				t.Errorf("with %s booking staff and fresh seeds the service level is %v, below the 70%% target", m[1], v)
			}
		}
	}
	if found != 1 {
		t.Errorf("run --format csv has %d booking.service_level rows; want 1:\n%s", found, csvOut)
	}
	_, errOut, status := svcsim(t, t.Context(), "staff", path, "--target", "booking.wait.p42 < 1m")
	if status != 2 || !strings.Contains(errOut, "p42") {
		t.Errorf("bad target: status %d, %q", status, errOut)
	}
}

// TestStaffFails checks what a planner sees when no staffing meets the
// targets: exit status 1, the failing target with its value, the reason,
// the staffing shown and written to --out.
func TestStaffFails(t *testing.T) {
	t.Parallel()
	tiny := writeFile(t, "tiny.yaml", tinyScenario)
	// More booking staff only send more customers on to the fixed service
	// stage: its wait cannot fall to 0.6 s.
	unreachable := []string{tiny, "--stage", "booking", "--target", "service.wait.mean <= 0.01m", "-r", "5"}
	tests := []struct {
		name   string
		args   []string
		stdout []string
		stderr []string
	}{
		{
			"evaluation budget",
			append(slices.Clone(unreachable), "--max-evaluations", "2"),
			[]string{"no staffing met every target; the highest staffing tried, of 2 simulated", "service.wait.mean <= 0.01m", " no\n"},
			[]string{"svcsim: staffing 2 (booking ", "the budget --max-evaluations 2 ran out", "at the highest staffing tried (booking ", "service.wait.mean <= 0.01m not met: "},
		},
		{
			"staffing no longer moves the KPI",
			unreachable,
			[]string{"the highest staffing tried"},
			[]string{"no longer changes service.wait.mean, so staffing cannot meet it"},
		},
		{
			// Erlang asks for 10 agents; the search stays at the cap and
			// says so.
			"Erlang above --max-staff",
			[]string{"callcentre", "--target", "agents.service_level >= 80%", "-r", "2", "--days", "1", "--max-staff", "3"},
			[]string{"no staffing met every target; the highest staffing tried, of 1 simulated", "agents  3      10 "},
			[]string{"svcsim: staffing 1 (agents 3)", "the Erlang requirement is about 10 at agents for the targets; --max-staff 3 allows at most 3", "at the highest staffing tried (agents 3)"},
		},
		{
			// A second customer arrives while the first is served,
			// however many staff: every staffing reaches the bound.
			"every staffing reaches --max-in-system",
			[]string{tiny, "--target", "booking.service_level >= 70%", "-r", "2", "--max-in-system", "1"},
			nil,
			[]string{"svcsim: staffing 1 (", "the queues grow without end", "reached the bound on customers in the system: ", "1 customers in the system at once"},
		},
		{
			"every staffing per interval reaches --max-in-system",
			[]string{tiny, "--by-interval", "--target", "booking.service_level >= 70%", "-r", "2", "--max-in-system", "1"},
			nil,
			[]string{"reached the bound on customers in the system: ", "1 customers in the system at once"},
		},
		{
			"time budget",
			append(slices.Clone(unreachable), "--max-time", "1ns"),
			nil,
			[]string{"no staffing simulated: the budget --max-time 1ns ran out"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			out, errOut, status := svcsim(t, t.Context(), append(append([]string{"staff"}, tc.args...), "--out", dir)...)
			if status != 1 {
				t.Errorf("exit status %d; want 1\nstderr:\n%s", status, errOut)
			}
			for _, want := range tc.stdout {
				if !strings.Contains(out, want) {
					t.Errorf("stdout lacks %q:\n%s", want, out)
				}
			}
			for _, want := range tc.stderr {
				if !strings.Contains(errOut, want) {
					t.Errorf("stderr lacks %q:\n%s", want, errOut)
				}
			}
			// What was found is written, unless nothing was simulated.
			_, err := os.Stat(filepath.Join(dir, "summary.json"))
			if simulated := tc.stdout != nil; simulated != (err == nil) {
				t.Errorf("summary.json written: %v; want %v", err == nil, simulated)
			}
		})
	}
	if _, errOut, status := svcsim(t, t.Context(), "staff", tiny, "--target", "booking.service_level >= 70%", "--max-time", "-1s"); status != 2 || !strings.Contains(errOut, "--max-time") {
		t.Errorf("--max-time -1s: status %d, %q", status, errOut)
	}
}

// TestStaffByIntervalUnstaffed runs 'staff --by-interval' where a
// per-interval target fails in intervals the stage has no staff in:
// call-backs after closing, in a small scenario and in the built-in
// clinic as it opens (booking at 18:00-19:00). No headcount per interval
// can change that, so the search succeeds, writes what it found, and the
// table names the intervals it left out and why. A failure where the
// stage has staff still makes it fail.
func TestStaffByIntervalUnstaffed(t *testing.T) {
	t.Parallel()
	callbacks := writeFile(t, "callbacks.yaml", callbackScenario)
	tests := []struct {
		name   string
		args   []string
		status int
		stdout []string
		stderr []string
	}{
		{
			"call-backs after closing",
			[]string{callbacks, "--by-interval", "--target", "agents.service_level >= 80%", "-r", "5", "--max-evaluations", "30"},
			0,
			[]string{
				"cheapest staffing per interval meeting every target",
				"left out, as the stage has no staff then in the scenario: agents 10:00-10:30",
				"10:00-10:30  0       -       agents.service_level 0 % (no staff: left out)",
				"yes (fails outside the staffed hours: 10:00-10:30",
				"note: agents.service_level >= 80% fails in 10:00-10:30 (0 %)",
				"customers reach agents then, when it has no staff, so no headcount can serve them in time",
				"phone customers who gave up call back 15m later on average",
			},
			nil,
		},
		{
			"clinic",
			// Three replications, not the clinic's ten: this checks what
			// the command prints about the interval left out, which
			// staffing's TestByIntervalUnstaffed finds in the same search
			// at ten (which took over a second here).
			[]string{"clinic", "--by-interval", "--target", "booking.service_level >= 80%", "--stage", "booking", "-r", "3"},
			0,
			[]string{
				"cheapest staffing per interval meeting every target",
				"left out, as the stage has no staff then in the scenario: booking 18:00-19:00",
				"yes (fails outside the staffed hours: 18:00-19:00)",
				"note: booking.service_level >= 80% fails in 18:00-19:00",
			},
			nil,
		},
		{
			"clinic, a staffed interval failing",
			[]string{"clinic", "--by-interval", "--target", "booking.service_level >= 99.5%", "--stage", "booking", "--max-staff", "4"},
			1,
			[]string{"no staffing per interval met every target", "  no: "},
			[]string{"no staffing met every target in every interval staff can change", "--max-staff 4"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			out, errOut, status := svcsim(t, t.Context(), append(append([]string{"staff"}, tc.args...), "--out", dir)...)
			if status != tc.status {
				t.Errorf("exit status %d; want %d\nstderr:\n%s", status, tc.status, errOut)
			}
			for _, want := range tc.stdout {
				if !strings.Contains(out, want) {
					t.Errorf("stdout lacks %q:\n%s", want, out)
				}
			}
			for _, want := range tc.stderr {
				if !strings.Contains(errOut, want) {
					t.Errorf("stderr lacks %q:\n%s", want, errOut)
				}
			}
			if _, err := os.Stat(filepath.Join(dir, "summary.json")); err != nil {
				t.Errorf("what was found is not written: %v", err)
			}
		})
	}
}

// TestStaffByInterval finds a headcount per interval: the Erlang column is
// the exact Erlang A requirement, and the results written to --out show,
// in every interval, the headcount of the table and a service level whose
// whole confidence interval meets the target.
func TestStaffByInterval(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "tiny.yaml", tinyScenario)
	dir := filepath.Join(t.TempDir(), "staffed")
	// SVG charts only: this checks that staff draws charts with --charts;
	// PNGs (checked by TestPlotAndReport and package plots) took most of
	// this test's time.
	out, _ := mustRun(t, "staff", path, "--target", "booking.service_level >= 60%", "--stage", "booking", "--by-interval", "-r", "8", "-q", "--out", dir, "--charts", "--chart-format", "svg")
	if charts, _ := filepath.Glob(filepath.Join(dir, "charts", "*.svg")); len(charts) == 0 {
		t.Error("staff --out --charts drew no charts")
	}
	// 40 calls/h, 3 min exponential service, 2 min exponential patience,
	// 60% within 1 min.
	erl := strconv.Itoa(erlang.StaffForServiceLevelA(40.0/60, 1/3.0, 1/2.0, 1, 0.6))
	rows := regexp.MustCompile(`(?m)^(\d\d:\d\d)-\d\d:\d\d\s+(\d+)\s+(\S+)$`).FindAllStringSubmatch(out, -1)
	if len(rows) != 3 || !strings.Contains(out, "booking.service_level >= 60%") || !regexp.MustCompile(`%\s+yes\n`).MatchString(out) {
		t.Fatalf("output:\n%s", out)
	}
	staff := map[string]string{}
	for _, r := range rows {
		staff[r[1]] = r[2]
		if r[3] != erl {
			t.Errorf("%s: Erlang %s; want %s", r[1], r[3], erl)
		}
	}
	f, err := os.Open(filepath.Join(dir, "intervals.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, h := range []string{"stage", "from", "staff", "service_level", "service_level_hw"} {
		if _, ok := col[h]; !ok {
			t.Fatalf("intervals.csv has no %s column: %v", h, recs[0])
		}
	}
	seen := 0
	for _, r := range recs[1:] {
		want, ok := staff[r[col["from"]]]
		if r[col["stage"]] != "booking" || !ok {
			continue
		}
		seen++
		if r[col["staff"]] != want {
			t.Errorf("%s: intervals.csv has %s staff; the table says %s", r[col["from"]], r[col["staff"]], want)
		}
		sl, err := strconv.ParseFloat(r[col["service_level"]], 64)
		if err != nil {
			t.Fatalf("%s: service_level: %v", r[col["from"]], err)
		}
		hw, err := strconv.ParseFloat(r[col["service_level_hw"]], 64)
		if err != nil {
			t.Fatalf("%s: service_level_hw: %v", r[col["from"]], err)
		}
		if sl-hw < 0.6 {
			t.Errorf("%s: service level %g ± %g does not meet 60%% with confidence", r[col["from"]], sl, hw)
		}
	}
	if seen != 3 {
		t.Errorf("intervals.csv has %d booking rows for the table's intervals; want 3", seen)
	}
}

// TestStaffUnknownTarget: a target no customer reaches (the clinic's
// follow-up visits come a day later, so one day has none) is n/a and not
// met, with or without --by-interval.
func TestStaffUnknownTarget(t *testing.T) {
	for _, mode := range [][]string{nil, {"--by-interval"}} {
		t.Run(strings.Join(append([]string{"staff"}, mode...), " "), func(t *testing.T) {
			args := append([]string{"staff", "clinic", "--days", "1", "-r", "2", "-q", "--stage", "follow_up", "--target", "follow_up.wait.mean <= 1m"}, mode...)
			out, errOut, status := svcsim(t, t.Context(), args...)
			if status != 1 || !regexp.MustCompile(`follow_up.wait.mean <= 1m\s+n/a min\s+no\n`).MatchString(out) || !strings.Contains(errOut, "follow_up.wait.mean <= 1m not met: n/a min") {
				t.Errorf("exit status %d; want 1 and the target n/a and not met\nstdout:\n%s\nstderr:\n%s", status, out, errOut)
			}
		})
	}
}

// TestStaffUnconstrainedStage checks what a planner sees of a stage no
// target constrains. By default it is not varied: with targets on booking
// and follow_up only, consultation keeps the scenario's 6 doctors (the
// search used to cut it to 1 or 2, lead times of 10 days, without a
// word). Named with --stage, it is varied and cut, with a warning on
// stderr and a note under the table that say how to keep it; --quiet
// keeps the note and drops the warning.
func TestStaffUnconstrainedStage(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	out, errOut, status := svcsim(t, ctx, "staff", "clinic", "--by-interval", "-r", "3",
		"--target", "follow_up.service_level >= 80%", "--target", "booking.service_level >= 80%")
	if status != 0 && status != 1 {
		t.Fatalf("by interval: status %d: %s", status, errOut)
	}
	if header := strings.SplitN(out[strings.Index(out, "interval "):], "\n", 2)[0]; strings.Contains(header, "consultation") {
		t.Errorf("by interval: consultation varied without a target on it: %q", header)
	}
	if strings.Contains(errOut, "no target constrains") || strings.Contains(out, "no target constrains") {
		t.Errorf("by interval: a warning about a stage not varied:\n%s\n%s", out, errOut)
	}

	args := []string{"staff", "clinic", "-r", "3", "--stage", "booking", "--stage", "consultation", "--target", "booking.service_level >= 80%"}
	const note = "no target constrains stage consultation, so the search cuts it to the least staffing it tries; to keep it, give a target on it (e.g. 'consultation.service_level >= 80%') or leave it out of the stages to vary (--stage)"
	out, errOut, status = svcsim(t, ctx, args...)
	if status != 0 {
		t.Fatalf("--stage: status %d: %s", status, errOut)
	}
	if !strings.Contains(errOut, "warning: "+note+"\n") {
		t.Errorf("--stage: stderr lacks the warning %q:\n%s", note, errOut)
	}
	if !regexp.MustCompile(`(?m)^consultation +1 +5 .*\nnote: ` + regexp.QuoteMeta(note) + "\n").MatchString(out) {
		t.Errorf("--stage: want consultation cut to 1, with the note under the table:\n%s", out)
	}
	out, errOut, _ = svcsim(t, ctx, append(args, "-q")...)
	if strings.Contains(errOut, "warning") || !strings.Contains(out, "note: "+note) {
		t.Errorf("--stage -q: want the note and no warning; stdout:\n%s\nstderr:\n%s", out, errOut)
	}
}
