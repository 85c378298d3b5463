package workbench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/svcsim/svcsim/scenarios"
)

// bench is a workbench serving a temporary folder that holds the clinic
// as clinic.yaml.
type bench struct {
	t    *testing.T
	dir  string
	w    *Workbench
	srv  *httptest.Server
	text []byte
}

func newBench(t testing.TB, o Options) *bench {
	dir := t.TempDir()
	text, err := scenarios.BuiltinStandalone("clinic")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "clinic.yaml"), text, 0o644); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	o.Root = root
	w := New(o)
	srv := httptest.NewServer(w)
	t.Cleanup(srv.Close)
	b := &bench{dir: dir, w: w, srv: srv, text: text}
	if tt, ok := t.(*testing.T); ok {
		b.t = tt
	}
	return b
}

func (b *bench) get(path string, header ...string) (int, http.Header, string) {
	req, _ := http.NewRequest("GET", b.srv.URL+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			req.Host = header[i+1]
		} else {
			req.Header.Set(header[i], header[i+1])
		}
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, string(body)
}

// post sends q to path and returns the status and the lines of the
// answer, each decoded.
func (b *bench) post(path string, q any) (int, []map[string]json.RawMessage) {
	body, _ := json.Marshal(q)
	res, err := http.Post(b.srv.URL+path, "application/json", bytes.NewReader(body))
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	var lines []map[string]json.RawMessage
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			b.t.Fatalf("%s: %v in %q", path, err, sc.Text())
		}
		lines = append(lines, m)
	}
	return res.StatusCode, lines
}

// last is the last line's field key, decoded into v; it fails the test
// when the field is missing.
func last(t *testing.T, lines []map[string]json.RawMessage, key string, v any) {
	t.Helper()
	if len(lines) == 0 {
		t.Fatalf("no answer")
	}
	raw, ok := lines[len(lines)-1][key]
	if !ok {
		t.Fatalf("no %q in the answer: %s", key, lines[len(lines)-1])
	}
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatal(err)
	}
}

// doc loads the bench's clinic.
func (b *bench) doc() *Doc {
	d, err := b.w.doc("file:clinic.yaml", "")
	if err != nil {
		b.t.Fatal(err)
	}
	return d
}

// runRequest is a run of d with e, a week of 10 replications.
func runRequest(d *Doc, e Edit) map[string]any {
	return map[string]any{"doc": d.ID, "hash": d.Hash, "edit": e, "settings": map[string]any{"days": 7, "replications": 10, "seed": "1"}}
}

// plusOne is d's edit with one more at booking from 08:00.
func plusOne(d *Doc) Edit {
	e := d.Unchanged()
	e.Staff[0][0]++
	return e
}

func TestPages(t *testing.T) {
	b := newBench(t, Options{})
	os.WriteFile(filepath.Join(b.dir, ".hidden.yaml"), b.text, 0o644)
	tests := []struct {
		name, path string
		status     int
		want, not  []string
	}{
		{"list", "/", 200, []string{"clinic.yaml", "builtin%3acallcentre", "servicehall"}, []string{".hidden.yaml"}},
		{"file", "/open?id=file:clinic.yaml", 200, []string{`class="cell"`, `data-base="3"`, "booking", "consultation / doctor", "mon-fri", "phone"}, nil},
		{"builtin", "/open?id=builtin:callcentre", 200, []string{"agents", `value="9"`}, nil},
		{"chinese", "/open?id=builtin:servicehall", 200, []string{"取号咨询"}, nil},
		{"unknown builtin", "/open?id=builtin:nope", 404, []string{"no built-in scenario"}, nil},
		{"up", "/open?id=file:../clinic.yaml", 404, []string{"not a path inside the folder"}, nil},
		{"absolute", "/open?id=file:/etc/passwd", 404, []string{"not a path inside the folder"}, nil},
		{"missing", "/open?id=file:none.yaml", 404, []string{"none.yaml"}, nil},
		{"static js", "/static/app.js", 200, []string{"use strict"}, nil},
		{"static other", "/static/pages.html", 404, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b.t = t
			status, h, body := b.get(tt.path)
			if status != tt.status {
				t.Errorf("status %d; want %d\n%s", status, tt.status, body)
			}
			for _, s := range tt.want {
				if !strings.Contains(body, s) {
					t.Errorf("no %q in the page", s)
				}
			}
			for _, s := range tt.not {
				if strings.Contains(body, s) {
					t.Errorf("%q in the page", s)
				}
			}
			if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
				t.Errorf("Content-Security-Policy %q", csp)
			}
			if strings.Contains(body, b.dir) {
				t.Errorf("the page shows the folder's absolute path")
			}
		})
	}
}

// TestOutsideRefused: a symbolic link out of the folder is neither
// listed nor read, and a save cannot write through one.
func TestOutsideRefused(t *testing.T) {
	b := newBench(t, Options{})
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.yaml")
	os.WriteFile(secret, b.text, 0o644)
	if err := os.Symlink(secret, filepath.Join(b.dir, "link.yaml")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink(outside, filepath.Join(b.dir, "out")); err != nil {
		t.Fatal(err)
	}
	_, _, body := b.get("/")
	if strings.Contains(body, "link.yaml") || strings.Contains(body, "secret") {
		t.Errorf("the list offers a link out of the folder")
	}
	for _, id := range []string{"file:link.yaml", "file:out/secret.yaml"} {
		status, _, body := b.get("/open?id=" + id)
		if status != 404 || !strings.Contains(body, "cannot be opened") {
			t.Errorf("%s: status %d, want 404 and an error", id, status)
		}
	}
	d := b.doc()
	status, lines := b.post("/api/save", map[string]any{"doc": d.ID, "hash": d.Hash, "edit": plusOne(d),
		"settings": map[string]any{"days": 7, "replications": 10, "seed": "1"}, "name": "x", "mode": "file", "file": "../x.yaml"})
	if status != 400 || !strings.Contains(string(lines[0]["error"]), "without folders") {
		t.Errorf("save to ../x.yaml: status %d %s", status, lines)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(b.dir), "x.yaml")); err == nil {
		t.Errorf("a file was written outside the folder")
	}
}

func TestGuards(t *testing.T) {
	t.Parallel()
	b := newBench(t, Options{})
	d := b.doc()
	t.Run("host", func(t *testing.T) {
		b.t = t
		status, _, body := b.get("/", "Host", "evil.example:80")
		if status != http.StatusMisdirectedRequest || !strings.Contains(body, "unknown host") {
			t.Errorf("status %d %q", status, body)
		}
		if status, _, _ := b.get("/", "Host", "localhost"); status != 200 {
			t.Errorf("localhost: status %d", status)
		}
	})
	t.Run("cross-origin", func(t *testing.T) {
		b.t = t
		body, _ := json.Marshal(runRequest(d, d.Unchanged()))
		req, _ := http.NewRequest("POST", b.srv.URL+"/api/run", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		req.Header.Set("Origin", "https://evil.example")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("status %d; want 403", res.StatusCode)
		}
	})
	t.Run("body size", func(t *testing.T) {
		b.t = t
		q := runRequest(d, d.Unchanged())
		q["targets"] = strings.Repeat("x", MaxBody)
		status, lines := b.post("/api/run", q)
		if status != http.StatusRequestEntityTooLarge || !strings.Contains(string(lines[0]["error"]), "too large") {
			t.Errorf("status %d %s", status, lines)
		}
	})
	t.Run("not json", func(t *testing.T) {
		b.t = t
		res, err := http.Post(b.srv.URL+"/api/run", "text/plain", strings.NewReader("{}"))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 400 {
			t.Errorf("status %d", res.StatusCode)
		}
	})
	t.Run("panic", func(t *testing.T) {
		h := b.w.guard(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "http://127.0.0.1/", nil))
		if rec.Code != 500 || strings.Contains(rec.Body.String(), "goroutine") || strings.Contains(rec.Body.String(), "boom") {
			t.Errorf("status %d %q", rec.Code, rec.Body.String())
		}
	})
	t.Run("busy", func(t *testing.T) {
		b := newBench(t, Options{Limits: Limits{MaxDays: 30, MaxReplications: 20, MaxDayReplications: 600, MaxTime: time.Minute, Running: 1, Queued: 0}})
		d := b.doc()
		release, err := b.w.pool.acquire(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		defer release()
		status, lines := b.post("/api/run", runRequest(d, d.Unchanged()))
		if status != http.StatusServiceUnavailable || !strings.Contains(string(lines[0]["error"]), "busy") {
			t.Errorf("status %d %s", status, lines)
		}
	})
}

func TestRun(t *testing.T) {
	t.Parallel()
	b := newBench(t, Options{})
	d := b.doc()
	status, lines := b.post("/api/run", runRequest(d, d.Unchanged()))
	var base resultView
	last(t, lines, "result", &base)
	if status != 200 || base.Changed || len(base.KPIs) == 0 || base.Cost == nil {
		t.Fatalf("baseline: status %d, %+v", status, base)
	}
	_, lines = b.post("/api/run", runRequest(d, plusOne(d)))
	var r resultView
	last(t, lines, "result", &r)
	if len(lines) < 2 || lines[0]["progress"] == nil {
		t.Errorf("no progress before the result")
	}
	if !r.Changed || r.KPIs[0].Diff == "" || !strings.Contains(r.Variant, "08:00-09:00: 4") {
		t.Errorf("change: %+v", r)
	}
	for _, k := range r.KPIs {
		if *k.Numbers.Base != *base.KPIs[indexKPI(base.KPIs, k.Name)].Numbers.Base {
			t.Errorf("%s: the base differs between runs", k.Name)
		}
		if k.Name == "booking.wait.mean" && (k.Noise || k.Better != "better" || *k.Numbers.Diff >= 0) {
			t.Errorf("one more at booking: %+v", k)
		}
	}
	if !strings.Contains(r.HTML, "difference (paired)") || !strings.Contains(r.Cost.WeekDiff, "+") {
		t.Errorf("html or cost: %+v", r.Cost)
	}
	for _, c := range r.Charts {
		status, h, body := b.get(c.URL)
		if status != 200 || h.Get("Content-Type") != "image/svg+xml" || !strings.Contains(body, "<svg") {
			t.Errorf("%s: status %d %s", c.URL, status, h.Get("Content-Type"))
		}
	}
	for _, name := range []string{"report.html", "results.xlsx"} {
		status, h, body := b.get("/download/" + itoa(r.Run) + "/" + name)
		if status != 200 || !strings.Contains(h.Get("Content-Disposition"), name) || len(body) < 1000 {
			t.Errorf("%s: status %d, %d bytes", name, status, len(body))
		}
	}
	if status, _, _ := b.get("/download/99999/report.html"); status != 404 {
		t.Errorf("unknown run: status %d", status)
	}
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

func indexKPI(ks []kpiView, name string) int {
	for i, k := range ks {
		if k.Name == name {
			return i
		}
	}
	return 0
}

func TestRunRefused(t *testing.T) {
	b := newBench(t, Options{})
	d := b.doc()
	neg := d.Unchanged()
	neg.Staff[0][0] = -1
	short := d.Unchanged()
	short.Staff = short.Staff[:1]
	demand := d.Unchanged()
	demand.Demand[0] = 5000
	zero := d.Unchanged()
	for i := range zero.Staff[0] {
		zero.Staff[0][i] = 0
	}
	tests := []struct {
		name string
		q    map[string]any
		want string
	}{
		{"negative", runRequest(d, neg), "staff: booking, mon-fri, 08:00-09:00: a number of staff from 0 to 9999 (got -1)"},
		{"rows", runRequest(d, short), "staff: 3 rows (got 1)"},
		{"demand", runRequest(d, demand), "demand: phone: a percentage from 0 to 1000 (got 5000)"},
		{"days", map[string]any{"doc": d.ID, "hash": d.Hash, "edit": d.Unchanged(), "settings": map[string]any{"days": 5000, "replications": 10, "seed": "1"}}, "days: from 1 to 366 (got 5000)"},
		{"length", map[string]any{"doc": d.ID, "hash": d.Hash, "edit": d.Unchanged(), "settings": map[string]any{"days": 366, "replications": 100, "seed": "1"}}, "days × replications: at most 3660"},
		{"changed file", map[string]any{"doc": d.ID, "hash": "0000", "edit": d.Unchanged(), "settings": map[string]any{"days": 7, "replications": 10, "seed": "1"}}, "changed on disk"},
		{"unstaffed", runRequest(d, zero), `"file":"your change","line":0,"column":0,"field":"stages.booking.staff"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b.t = t
			_, lines := b.post("/api/run", tt.q)
			var p problem
			last(t, lines, "error", &p.Error)
			raw, _ := json.Marshal(lines[len(lines)-1])
			if !strings.Contains(string(raw), tt.want) {
				t.Errorf("got %s; want %q", raw, tt.want)
			}
		})
	}
}

// TestRunCancelled: a run stops when its request's context ends.
func TestRunCancelled(t *testing.T) {
	b := newBench(t, Options{})
	d := b.doc()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	_, err := b.w.run(ctx, d, plusOne(d), Settings{Days: 300, Replications: 12, Seed: 1}, nil)
	if err == nil || time.Since(start) > 5*time.Second {
		t.Errorf("cancelled run: %v after %s", err, time.Since(start))
	}
}

func TestBrokenFile(t *testing.T) {
	b := newBench(t, Options{})
	bad := strings.Replace(string(b.text), "service: lognormal(3m, 1.5m)", "service: lognormal(3, 1.5m)", 1)
	bad = strings.Replace(bad, "title: Family clinic", "title: <script>alert(1)</script> clinic", 1)
	os.WriteFile(filepath.Join(b.dir, "bad.yaml"), []byte(bad), 0o644)
	status, _, body := b.get("/open?id=file:bad.yaml")
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "bad.yaml:") || !strings.Contains(body, "stages.booking.service") {
		t.Errorf("status %d\n%s", status, body)
	}
	if strings.Contains(body, "goroutine") || strings.Contains(body, "panic") {
		t.Errorf("a stack trace in the page")
	}
	// Escaping: a title with markup shows as text.
	os.WriteFile(filepath.Join(b.dir, "title.yaml"), []byte(strings.Replace(string(b.text), "title: Family clinic", "title: <script>alert(1)</script> clinic", 1)), 0o644)
	_, _, body = b.get("/open?id=file:title.yaml")
	if strings.Contains(body, "<script>alert") || !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("the title is not escaped")
	}
}

func TestSave(t *testing.T) {
	t.Parallel()
	b := newBench(t, Options{})
	d := b.doc()
	q := runRequest(d, plusOne(d))
	q["name"], q["mode"] = "booking 4 at 8", "variant"
	status, lines := b.post("/api/save", q)
	var s saved
	last(t, lines, "message", &s.Message)
	if status != 200 {
		t.Fatalf("status %d %s", status, lines)
	}
	text, _ := os.ReadFile(filepath.Join(b.dir, "clinic.yaml"))
	if !bytes.HasPrefix(text, b.text) || !strings.Contains(string(text), `- name: "booking 4 at 8"`) {
		t.Errorf("the file is not the old one with a variant added:\n%s", text[len(b.text)-200:])
	}
	sc, err := scenarios.Load(filepath.Join(b.dir, "clinic.yaml"))
	if err != nil || len(sc.Variants) != 3 {
		t.Fatalf("the saved file: %v", err)
	}
	// The page's hash is now stale: the same save again is refused.
	status, lines = b.post("/api/save", q)
	if status != http.StatusConflict || !strings.Contains(string(lines[0]["error"]), "changed on disk") {
		t.Errorf("stale save: status %d %s", status, lines)
	}
	// With the new hash, the name exists: ask, then replace.
	var hash string
	json.Unmarshal(lines[0]["error"], &hash)
	nd, _ := b.w.doc("file:clinic.yaml", "")
	q = runRequest(nd, plusOne(nd))
	q["name"], q["mode"] = "booking 4 at 8", "variant"
	status, lines = b.post("/api/save", q)
	if status != http.StatusConflict || !strings.Contains(string(lines[0]["ask"]), "Replace it?") {
		t.Errorf("existing name: status %d %s", status, lines)
	}
	e := plusOne(nd)
	e.Staff[0][1]++
	q = runRequest(nd, e)
	q["name"], q["mode"], q["replace"] = "booking 4 at 8", "variant", true
	if status, lines = b.post("/api/save", q); status != 200 {
		t.Errorf("replace: status %d %s", status, lines)
	}
	after, _ := os.ReadFile(filepath.Join(b.dir, "clinic.yaml"))
	if bytes.Count(after, []byte("booking 4 at 8")) != 1 || !bytes.Contains(after, []byte("08:00-10:00: 4")) {
		t.Errorf("replaced variant:\n%s", after[len(b.text):])
	}
	// A new file from a built-in.
	bd, _ := b.w.doc("builtin:callcentre", "")
	ce := plusOne(bd)
	q = runRequest(bd, ce)
	q["name"], q["mode"], q["file"] = "ten at eight", "file", "calls"
	if status, lines = b.post("/api/save", q); status != 200 {
		t.Fatalf("new file: status %d %s", status, lines)
	}
	if _, err := scenarios.Load(filepath.Join(b.dir, "calls.yaml")); err != nil {
		t.Errorf("the new file: %v", err)
	}
	if status, lines = b.post("/api/save", q); status != http.StatusConflict || !strings.Contains(string(lines[0]["ask"]), "calls.yaml exists") {
		t.Errorf("existing file: status %d %s", status, lines)
	}
	// Into a built-in: refused.
	q["mode"] = "variant"
	if status, lines = b.post("/api/save", q); status != 400 || !strings.Contains(string(lines[0]["error"]), "built-in cannot be changed") {
		t.Errorf("into a built-in: status %d %s", status, lines)
	}
	// A bad name.
	q["mode"], q["name"] = "file", "two\nlines"
	if status, _ = b.post("/api/save", q); status != 400 {
		t.Errorf("bad name: status %d", status)
	}
}

func TestStaffingHelp(t *testing.T) {
	if testing.Short() {
		t.Skip("a staffing search: seconds")
	}
	b := newBench(t, Options{})
	d, err := b.w.doc("builtin:callcentre", "")
	if err != nil {
		t.Fatal(err)
	}
	q := map[string]any{"doc": d.ID, "hash": d.Hash, "edit": d.Unchanged(), "settings": map[string]any{"days": 1, "replications": 10, "seed": "11"},
		"targets": "agents.service_level >= 80%\n"}
	status, lines := b.post("/api/staffing", q)
	var got struct {
		Staff   [][]int
		Message string
	}
	last(t, lines, "staffing", &got)
	if status != 200 || len(got.Staff) != 1 || !strings.Contains(got.Message, "cheapest") {
		t.Fatalf("status %d %+v", status, got)
	}
	t.Logf("%v: %s", got.Staff, got.Message)
	q["targets"] = "agents.nonsense >= 80%"
	_, lines = b.post("/api/staffing", q)
	if !strings.Contains(string(lines[len(lines)-1]["error"]), "targets:") {
		t.Errorf("bad target: %s", lines)
	}
	// The clinic as it opens, with the targets the page fills in: its
	// call-backs and follow-up work arrive after closing, when booking
	// and follow_up have no staff. The fill leaves those intervals out,
	// says so, and still fills the grid.
	cd, err := b.w.doc("builtin:clinic", "")
	if err != nil {
		t.Fatal(err)
	}
	set := cd.defaults()
	q = map[string]any{"doc": cd.ID, "hash": cd.Hash, "edit": cd.Unchanged(), "settings": map[string]any{"days": set.Days, "replications": set.Replications, "seed": strconv.FormatUint(set.Seed, 10)},
		"targets": "booking.service_level >= 80%\nfollow_up.service_level >= 80%\n"}
	status, lines = b.post("/api/staffing", q)
	got.Staff, got.Message = nil, ""
	last(t, lines, "staffing", &got)
	if status != 200 || len(got.Staff) != len(cd.Grid.Rows) || !strings.Contains(got.Message, "cheapest") {
		t.Fatalf("clinic: status %d %+v", status, got)
	}
	t.Logf("clinic: %s", got.Message)
	for _, want := range []string{"booking 18:00-19:00", "follow_up 18:00-19:00", "outside the staffed hours"} {
		if !strings.Contains(got.Message, want) {
			t.Errorf("clinic: message %q; want it to name %q", got.Message, want)
		}
	}
	// With a target on booking alone, follow_up's row keeps the file's
	// staff and the message says why: the search would only cut it to
	// the least staffing.
	q["targets"] = "booking.service_level >= 80%\n"
	status, lines = b.post("/api/staffing", q)
	got.Staff, got.Message = nil, ""
	last(t, lines, "staffing", &got)
	if status != 200 || len(got.Staff) != len(cd.Grid.Rows) {
		t.Fatalf("clinic, booking only: status %d %+v", status, got)
	}
	if want := "Kept as they were, as no target constrains them: follow_up"; !strings.Contains(got.Message, want) {
		t.Errorf("clinic, booking only: message %q; want it to say %q", got.Message, want)
	}
	file := cd.Unchanged().Staff
	for i, r := range cd.Grid.Rows {
		if r.Stage == "follow_up" && !slices.Equal(got.Staff[i], file[i]) {
			t.Errorf("clinic, booking only: follow_up row %v; want the file's %v", got.Staff[i], file[i])
		}
	}
}

// TestRunAssumptionsDays: the report and workbook of a run state the days
// it ran with, not the file's (clinic's file says 28).
func TestRunAssumptionsDays(t *testing.T) {
	b := newBench(t, Options{})
	d := b.doc()
	o, err := b.w.run(context.Background(), d, plusOne(d), Settings{Days: 2, Replications: 2, Seed: 1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range o.set().Scenarios {
		if !slices.ContainsFunc(sc.Assumptions, func(l string) bool { return strings.HasPrefix(l, "2 simulated day(s)") }) {
			t.Errorf("%s: got assumptions %q; want 2 simulated days", sc.Name, sc.Assumptions)
		}
	}
}
