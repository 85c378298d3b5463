package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/workbench"
)

// pageResult is what the workbench page keeps of its last run
// (window.svcsim.last): the numbers of each headline KPI.
type pageResult struct {
	Run     int       `json:"run"`
	Changed bool      `json:"changed"`
	Days    int       `json:"days"`
	Reps    int       `json:"replications"`
	KPIs    []pageKPI `json:"kpis"`
}

// pageKPI is one headline KPI of a pageResult.
type pageKPI struct {
	Name    string `json:"name"`
	Noise   bool   `json:"noise"`
	Numbers struct {
		Base, BaseHW, Changed, ChangedHW, Diff, DiffHW *float64
	} `json:"numbers"`
}

// workbenchBrowser serves dir's workbench and opens a headless Chromium
// on it, recording console errors; shots go to $SVCSIM_SCREENSHOTS (or
// a temporary folder).
type workbenchBrowser struct {
	t      *testing.T
	url    string
	ctx    context.Context
	shots  string
	mu     sync.Mutex
	errors []string
}

func newWorkbenchBrowser(t *testing.T, dir string) *workbenchBrowser {
	chromium := browser(t)
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	srv := httptest.NewServer(workbench.New(workbench.Options{Root: root, Version: "test"}))
	t.Cleanup(srv.Close)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelT(); cancel(); cancelA() })
	b := &workbenchBrowser{t: t, url: srv.URL, ctx: ctx, shots: os.Getenv("SVCSIM_SCREENSHOTS")}
	if b.shots == "" {
		b.shots = t.TempDir()
	}
	if err := chromedp.Do(ctx); err != nil { // start the browser
		t.Fatal(err)
	}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleWarning || m.IsException() {
				b.mu.Lock()
				b.errors = append(b.errors, m.String()+" "+m.URL)
				b.mu.Unlock()
			}
		}
	}()
	return b
}

func (b *workbenchBrowser) do(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatal(err)
	}
}

// get runs an action that returns a value.
func get[T any](b *workbenchBrowser, a chromedp.Action[T]) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, a)
	if err != nil {
		b.t.Fatal(err)
	}
	return v
}

// poll waits until the expression is true.
func (b *workbenchBrowser) poll(expr string, timeout time.Duration) {
	b.t.Helper()
	_, err := chromedp.Run(b.ctx, chromedp.Poll[bool](expr, chromedp.WithPollingInterval(5*time.Millisecond), chromedp.WithPollingTimeout(timeout)))
	if err != nil {
		b.shot("failed")
		status, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string]("document.getElementById('status') ? document.getElementById('status').textContent + ' / ' + window.svcsim.error : ''"))
		b.t.Fatalf("waiting for %s: %v (page: %s; screenshot failed.png in %s)", expr, err, status, b.shots)
	}
}

// setField types value into the field id as a person would, replacing
// what is there.
func (b *workbenchBrowser) setField(id, value string) {
	b.t.Helper()
	get(b, chromedp.Evaluate[bool](fmt.Sprintf(`(() => { const el = document.getElementById(%q); el.value = %q; el.dispatchEvent(new Event("input")); return true })()`, id, value)))
}

// shot saves a screenshot of the whole page as NAME.png.
func (b *workbenchBrowser) shot(name string) {
	b.t.Helper()
	// The charts are images of their own: wait until they are drawn
	// (but not for the picture of a failure, which may be why).
	if name != "failed" {
		b.poll(`Array.from(document.images).every(i => i.complete)`, 30*time.Second)
	}
	png := get(b, chromedp.FullScreenshot(100))
	if err := os.WriteFile(filepath.Join(b.shots, name+".png"), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// waitResult waits until the page shows a run matching cond and returns
// it.
func (b *workbenchBrowser) waitResult(cond string) pageResult {
	b.t.Helper()
	b.poll("window.svcsim && !window.svcsim.busy && window.svcsim.last && ("+cond+")", 90*time.Second)
	return get(b, chromedp.Evaluate[pageResult]("window.svcsim.last"))
}

// compareJSON is what 'svcsim compare --format json' writes, as far as
// the workbench tests read it.
type compareJSON struct {
	Scenarios []compareScenario `json:"scenarios"`
}

type compareScenario struct {
	Name    string `json:"name"`
	Results struct {
		KPIs []struct {
			Name     string `json:"name"`
			Estimate struct {
				Mean      *float64 `json:"mean"`
				HalfWidth *float64 `json:"half_width"`
			} `json:"estimate"`
		} `json:"kpis"`
	} `json:"results"`
	Diffs []struct {
		KPI  string `json:"kpi"`
		Diff struct {
			Mean      *float64 `json:"mean"`
			HalfWidth *float64 `json:"half_width"`
		} `json:"difference"`
		Distinguishable bool `json:"distinguishable"`
	} `json:"differences"`
}

// TestServeInBrowser drives the workbench in headless Chromium: it opens
// the clinic, sets a week of ten replications, changes the booking desk
// from 3 to 4 at 08:00 by typing, waits for the paired difference, saves
// the change as a variant and checks that 'svcsim compare' on the saved
// file gives exactly the page's numbers, with no console error. It
// measures the time from the keystroke to the result on the page.
func TestServeInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser: seconds")
	}
	dir := t.TempDir()
	text, err := scenarios.BuiltinStandalone("clinic")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "clinic.yaml")
	if err := os.WriteFile(file, text, 0o644); err != nil {
		t.Fatal(err)
	}
	b := newWorkbenchBrowser(t, dir)

	b.do(chromedp.Navigate(b.url + "/"))
	b.do(chromedp.WaitVisible(chromedp.CSS("ul.files")))
	b.shot("1-list")

	b.do(chromedp.Navigate(b.url+"/open?id=file:clinic.yaml"), chromedp.WaitVisible(chromedp.CSS("#grid")))
	b.waitResult("!window.svcsim.last.changed")
	b.setField("days", "7")
	base := b.waitResult("window.svcsim.last.days === 7")
	b.shot("2-baseline")

	cell := `input.cell[data-row="0"][data-col="0"]`
	got := typeInCell(t, b, cell, "4")
	b.shot("3-difference")

	// Save as a variant into the file.
	b.do(chromedp.Click(chromedp.CSS("#save-box summary")), chromedp.SetValue(chromedp.CSS("#variant-name"), "booking 4 at 8"), chromedp.Click(chromedp.CSS("#save")),
		chromedp.WaitVisible(chromedp.CSS("#save-status.ok")))
	b.shot("4-saved")

	checkPageAgainstCompare(t, file, "booking 4 at 8", base, got)
	checkGridKeysAndDrag(t, b, cell)
	checkInvalidCell(t, b)

	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.errors) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(b.errors, "\n"))
	}
	t.Logf("screenshots in %s", b.shots)
}

// typeInCell types keys into cell, waits for the paired difference and
// returns it, logging the time from the keystroke to the result and
// checking that the cell is marked changed.
func typeInCell(t *testing.T, b *workbenchBrowser, cell, keys string) pageResult {
	runs := get(b, chromedp.Evaluate[int]("window.svcsim.runs"))
	start := time.Now()
	b.do(chromedp.SendKeys(chromedp.CSS(cell), keys))
	got := b.waitResult(fmt.Sprintf("window.svcsim.runs > %d && window.svcsim.last.changed", runs))
	latency := time.Since(start)
	pageMS := get(b, chromedp.Evaluate[float64]("window.svcsim.latencies[window.svcsim.latencies.length-1]"))
	changeMS := get(b, chromedp.Evaluate[float64]("window.svcsim.fromChange"))
	t.Logf("cell change to result on the page: %.0f ms (request to result %.0f ms; %s as the test sees it, with its keystrokes and polling through DevTools)",
		changeMS, pageMS, latency.Round(time.Millisecond))
	if !get(b, chromedp.Evaluate[bool](`document.querySelector('`+cell+`').classList.contains('changed')`)) {
		t.Errorf("the changed cell is not marked")
	}
	return got
}

// checkPageAgainstCompare runs compare on the saved file and checks that
// the page's base run, changed run and differences (got) are its numbers
// for the first scenario and the variant, to the last bit.
func checkPageAgainstCompare(t *testing.T, file, variant string, base, got pageResult) {
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"compare", file, "--days", "7", "--format", "json", "--quiet"}, &out, &errb); err != nil {
		t.Fatalf("compare: %v\n%s", err, errb.String())
	}
	var cmp compareJSON
	if err := json.Unmarshal(out.Bytes(), &cmp); err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(cmp.Scenarios, func(s compareScenario) bool { return strings.HasSuffix(s.Name, variant) })
	if i < 0 {
		t.Fatalf("compare has no scenario of the saved variant:\n%s", out.String())
	}
	checked := 0
	for _, k := range got.KPIs {
		checked += checkKPIAgainstCompare(t, k, &cmp.Scenarios[0], &cmp.Scenarios[i])
	}
	if checked < 5 || len(base.KPIs) != len(got.KPIs) {
		t.Errorf("%d differences checked against compare", checked)
	}
	for _, k := range got.KPIs {
		if k.Name == "booking.wait.mean" {
			t.Logf("booking.wait.mean: %.4f → %.4f min, difference %.4f ± %.4f (page = compare)", *k.Numbers.Base, *k.Numbers.Changed, *k.Numbers.Diff, *k.Numbers.DiffHW)
		}
	}
}

// checkKPIAgainstCompare checks the page's KPI k against compare's base
// scenario and its changed one, and returns how many of compare's
// differences it checked.
func checkKPIAgainstCompare(t *testing.T, k pageKPI, base, changed *compareScenario) (checked int) {
	same := func(a, b *float64) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }
	for _, ck := range base.Results.KPIs {
		if ck.Name == k.Name && !same(ck.Estimate.Mean, k.Numbers.Base) {
			t.Errorf("%s: base %v on the page, %v from compare", k.Name, k.Numbers.Base, ck.Estimate.Mean)
		}
	}
	for _, ck := range changed.Results.KPIs {
		if ck.Name == k.Name && (!same(ck.Estimate.Mean, k.Numbers.Changed) || !same(ck.Estimate.HalfWidth, k.Numbers.ChangedHW)) {
			t.Errorf("%s: changed %v on the page, %v from compare", k.Name, k.Numbers.Changed, ck.Estimate.Mean)
		}
	}
	for _, d := range changed.Diffs {
		if d.KPI == k.Name {
			checked++
			if !same(d.Diff.Mean, k.Numbers.Diff) || !same(d.Diff.HalfWidth, k.Numbers.DiffHW) || d.Distinguishable == k.Noise {
				t.Errorf("%s: difference %v ± %v (noise %v) on the page, %v ± %v (distinguishable %v) from compare",
					k.Name, k.Numbers.Diff, k.Numbers.DiffHW, k.Noise, d.Diff.Mean, d.Diff.HalfWidth, d.Distinguishable)
			}
		}
	}
	return checked
}

// checkGridKeysAndDrag checks that arrow keys move between cells, from
// cell at 0,0, and that dragging along a row copies the value where the
// drag starts.
func checkGridKeysAndDrag(t *testing.T, b *workbenchBrowser, cell string) {
	b.do(chromedp.Focus(chromedp.CSS(cell)), chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowDown))
	if at := get(b, chromedp.Evaluate[string]("document.activeElement.dataset.row + ',' + document.activeElement.dataset.col")); at != "1,1" {
		t.Errorf("after → and ↓ from 0,0 the focus is on %s; want 1,1", at)
	}
	centre := func(col int) (x, y float64) {
		xy := get(b, chromedp.Evaluate[[]float64](fmt.Sprintf(`(() => { const r = document.querySelector('input.cell[data-row="0"][data-col="%d"]').getBoundingClientRect(); return [r.x + r.width/2, r.y + r.height/2] })()`, col)))
		return xy[0], xy[1]
	}
	left := func(p *input.DispatchMouseEventParams) {
		p.Button, p.Buttons, p.ClickCount = input.MouseButtonLeft, 1, 1
	}
	x1, y1 := centre(1)
	x2, y2 := centre(2)
	x3, y3 := centre(3)
	runs := get(b, chromedp.Evaluate[int]("window.svcsim.runs"))
	b.do(chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, x1, y1, left), chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x2, y2, left),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x3, y3, left), chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, x3, y3, left))
	b.waitResult(fmt.Sprintf("window.svcsim.runs > %d", runs))
	row := get(b, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('input.cell[data-row="0"]')).slice(0, 6).map(el => el.value + (el.classList.contains('changed') ? '*' : ''))`))
	if want := []string{"4*", "3", "3*", "3*", "2", "2"}; !slices.Equal(row, want) {
		t.Errorf("after dragging from 09:00 to 11:00 the first row is %v; want %v (* changed)", row, want)
	}
}

// checkInvalidCell checks that an invalid cell is marked and explained,
// and nothing run.
func checkInvalidCell(t *testing.T, b *workbenchBrowser) {
	b.do(chromedp.SendKeys(chromedp.CSS(`input.cell[data-row="0"][data-col="1"]`), "x"))
	b.do(chromedp.WaitVisible(chromedp.CSS("#cell-error")))
	msg := get(b, chromedp.Text(chromedp.CSS("#cell-error")))
	if !strings.Contains(msg, "a whole number of staff") {
		t.Errorf("invalid cell: %q", msg)
	}
	b.shot("5-invalid-cell")
}

// TestServeScreens takes a screenshot of each state of the workbench not
// covered by TestServeInBrowser — staffing help, the rota, a run under
// way, a broken file, Chinese names — for people to look at, and checks that
// each shows what it should without console errors. It runs only with
// SVCSIM_SCREENSHOTS=DIR, the folder for the screenshots (the handler
// tests of package workbench check these states without a browser).
func TestServeScreens(t *testing.T) {
	if os.Getenv("SVCSIM_SCREENSHOTS") == "" {
		t.Skip("set SVCSIM_SCREENSHOTS=DIR to take screenshots of every state of the workbench")
	}
	dir := t.TempDir()
	text, _ := scenarios.BuiltinStandalone("clinic")
	bad := strings.Replace(string(text), "patience: exponential(3m)", "patience: exponential(3)", 1)
	bad = strings.Replace(bad, "target: 1m\n", "target: soon\n", 1)
	os.WriteFile(filepath.Join(dir, "broken.yaml"), []byte(bad), 0o644)
	b := newWorkbenchBrowser(t, dir)

	b.do(chromedp.Navigate(b.url + "/open?id=file:broken.yaml"))
	b.do(chromedp.WaitVisible(chromedp.CSS("#problems")))
	problems := get(b, chromedp.Text(chromedp.CSS("#problems")))
	if !strings.Contains(problems, "broken.yaml:") || !strings.Contains(problems, "stages.booking.patience") {
		t.Errorf("broken file: %q", problems)
	}
	b.shot("6-broken-file")
	// The page answers 422, which the browser logs; that one is expected.
	b.mu.Lock()
	b.errors = slices.DeleteFunc(b.errors, func(e string) bool {
		return strings.Contains(e, "status of 422") && strings.Contains(e, "broken.yaml")
	})
	b.mu.Unlock()

	b.do(chromedp.Navigate(b.url+"/open?id=builtin:callcentre"), chromedp.WaitVisible(chromedp.CSS("#grid")))
	b.waitResult("true")
	b.do(chromedp.Click(chromedp.CSS("#help-box summary")), chromedp.Click(chromedp.CSS("#staff-help")))
	b.poll(`document.getElementById('help-status').textContent.includes('simulated')`, 2*time.Minute)
	helped := get(b, chromedp.Text(chromedp.CSS("#help-status")))
	b.waitResult("window.svcsim.last.changed")
	if !strings.Contains(helped, "cheapest") {
		t.Errorf("staffing help: %q", helped)
	}
	b.shot("7-staffing-help")

	// The rota fills the helpline's grid from its shift patterns; the
	// clinic has none, and says so beside a disabled button.
	b.do(chromedp.Navigate(b.url+"/open?id=builtin:helpline"), chromedp.WaitVisible(chromedp.CSS("#grid")))
	b.waitResult("true")
	b.do(chromedp.Click(chromedp.CSS("#help-box summary")), chromedp.Click(chromedp.CSS("#rota-help")))
	b.poll(`window.svcsim.rota !== undefined || document.getElementById('rota-status').className === 'error'`, 2*time.Minute)
	rotaStatus := get(b, chromedp.Text(chromedp.CSS("#rota-status")))
	b.waitResult("window.svcsim.last.changed")
	if !strings.Contains(rotaStatus, "the grid holds it") {
		t.Errorf("rota: %q", rotaStatus)
	}
	b.shot("10-rota")
	b.do(chromedp.Navigate(b.url+"/open?id=builtin:clinic"), chromedp.WaitVisible(chromedp.CSS("#grid")))
	b.waitResult("true")
	b.do(chromedp.Click(chromedp.CSS("#help-box summary")))
	if why := get(b, chromedp.Text(chromedp.CSS("#rota-why"))); !strings.Contains(why, "no workforce: section") {
		t.Errorf("the clinic's rota: %q", why)
	}
	b.shot("11-rota-unavailable")

	b.do(chromedp.Navigate(b.url+"/open?id=builtin:servicehall"), chromedp.WaitVisible(chromedp.CSS("#grid")))
	b.waitResult("true")
	b.do(chromedp.SendKeys(chromedp.CSS(`input.cell[data-row="0"][data-col="1"]`), "+"))
	b.waitResult("window.svcsim.last.changed")
	heading := get(b, chromedp.Text(chromedp.CSS("h1")))
	if !strings.Contains(heading, "政务服务大厅") {
		t.Errorf("heading %q", heading)
	}
	b.shot("8-chinese")

	// A run under way: a long one (300 days), caught before it ends.
	b.do(chromedp.Navigate(b.url+"/open?id=builtin:clinic"), chromedp.WaitVisible(chromedp.CSS("#grid")))
	b.waitResult("true")
	b.setField("days", "300")
	b.setField("reps", "12")
	deadline := time.Now().Add(time.Minute)
	for !get(b, chromedp.Evaluate[bool](`document.getElementById('status').textContent.includes(' of 12 replications')`)) {
		if time.Now().After(deadline) {
			b.shot("failed")
			t.Fatalf("no progress shown while running: %q", get(b, chromedp.Evaluate[string](`document.getElementById('status').textContent`)))
		}
		time.Sleep(10 * time.Millisecond)
	}
	b.shot("9-running")
	b.waitResult("window.svcsim.last.replications === 12")

	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.errors) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(b.errors, "\n"))
	}
}

// lockedBuffer is a bytes.Buffer written by one goroutine and read by
// another.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServeCommand runs 'svcsim serve' on a folder without a browser:
// it refuses a non-loopback address without --allow-remote, serves the
// page, runs a change and saves it as a variant through the page's
// requests, and checks that the saved file validates and that 'svcsim
// compare' on it gives the page's numbers exactly; it stops when its
// context ends.
func TestServeCommand(t *testing.T) {
	dir := t.TempDir()
	text, _ := scenarios.BuiltinStandalone("callcentre")
	file := filepath.Join(dir, "calls.yaml")
	os.WriteFile(file, text, 0o644)

	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"serve", "--addr", "0.0.0.0:0", dir}, &stdout, &stderr)
	if code(err) != 2 || !strings.Contains(stderr.String(), "--allow-remote") {
		t.Errorf("non-loopback address: status %d, %q", code(err), stderr.String())
	}

	ctx, cancel := context.WithCancel(context.Background())
	out := &lockedBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", file}, out, &stderr) }()
	var url string
	for deadline := time.Now().Add(30 * time.Second); url == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if _, rest, ok := strings.Cut(out.String(), "http://"); ok {
			url = "http://" + strings.Fields(rest)[0]
		}
	}
	if url == "" {
		t.Fatalf("no address printed: %q %q", out.String(), stderr.String())
	}
	url = strings.TrimSuffix(url, "/")

	res, err := http.Get(url + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	hash := regexp.MustCompile(`data-hash="([0-9a-f]+)"`).FindSubmatch(page)
	if res.StatusCode != 200 || hash == nil {
		t.Fatalf("the page of calls.yaml: status %d\n%s", res.StatusCode, page)
	}
	staff := make([]int, 24)
	for i := range staff {
		staff[i] = 9
	}
	staff[0], staff[23] = 10, 8
	req := map[string]any{"doc": "file:calls.yaml", "hash": string(hash[1]), "edit": map[string]any{"staff": [][]int{staff}, "demand": []float64{105}},
		"settings": map[string]any{"days": 1, "replications": 20, "seed": "11"}, "name": "ends shifted", "mode": "variant"}
	post := func(path string) []byte {
		body, _ := json.Marshal(req)
		res, err := http.Post(url+path, "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 {
			t.Fatalf("%s: status %d %s", path, res.StatusCode, b)
		}
		return b
	}
	lines := bytes.Split(bytes.TrimSpace(post("/api/run")), []byte("\n"))
	var got struct{ Result pageResult }
	if err := json.Unmarshal(lines[len(lines)-1], &got); err != nil || !got.Result.Changed {
		t.Fatalf("run: %v %s", err, lines[len(lines)-1])
	}
	post("/api/save")

	stdout.Reset()
	stderr.Reset()
	if err := run(context.Background(), []string{"validate", file}, &stdout, &stderr); err != nil || !strings.Contains(stdout.String(), `variant "ends shifted": ok`) {
		t.Errorf("validate: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	stdout.Reset()
	if err := run(context.Background(), []string{"compare", file, "--format", "json", "--quiet"}, &stdout, &stderr); err != nil {
		t.Fatalf("compare: %v %s", err, stderr.String())
	}
	var cmp compareJSON
	json.Unmarshal(stdout.Bytes(), &cmp)
	last := cmp.Scenarios[len(cmp.Scenarios)-1]
	if !strings.HasSuffix(last.Name, "ends shifted") {
		t.Fatalf("compare's last scenario is %q", last.Name)
	}
	checked := 0
	for _, k := range got.Result.KPIs {
		for _, d := range last.Diffs {
			if d.KPI == k.Name {
				checked++
				if *d.Diff.Mean != *k.Numbers.Diff || *d.Diff.HalfWidth != *k.Numbers.DiffHW {
					t.Errorf("%s: %v ± %v on the page, %v ± %v from compare", k.Name, *k.Numbers.Diff, *k.Numbers.DiffHW, *d.Diff.Mean, *d.Diff.HalfWidth)
				}
			}
		}
	}
	if checked < 4 {
		t.Errorf("%d differences compared", checked)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after its context ended: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Errorf("serve did not stop when its context ended")
	}
}
