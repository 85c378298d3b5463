package main

import (
	"bytes"
	"context"
	"fmt"
	stdhtml "html"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/svcsim/svcsim/resultset"
)

// reportDir runs a comparison with charts and a report, once, into a
// directory the report tests share.
func reportDir(t *testing.T) string {
	t.Helper()
	c := &reportDirCache
	c.Lock()
	defer c.Unlock()
	if c.dir != "" {
		return c.dir
	}
	tmp, err := os.MkdirTemp("", "svcsim-report-test-")
	if err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, "tiny.yaml", variantsScenario)
	dir := filepath.Join(tmp, "results")
	mustRun(t, "compare", path, "-r", "3", "-q", "--out", dir, "--charts", "--report")
	c.tmp, c.dir = tmp, dir
	return dir
}

// reportDirCache holds the one results folder the report tests share
// (drawing its charts takes seconds); TestMain removes it.
var reportDirCache struct {
	sync.Mutex
	tmp, dir string
}

// clinicReportDir runs a week of the built-in clinic's comparison with a
// report, once, into a directory that TestReportBrief and
// TestReportTooltips share: both only read it, and each run took half a
// second. TestMain removes it.
func clinicReportDir(t *testing.T) string {
	t.Helper()
	c := &clinicReportCache
	c.Lock()
	defer c.Unlock()
	if c.dir != "" {
		return c.dir
	}
	tmp, err := os.MkdirTemp("", "svcsim-clinic-report-test-")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(tmp, "clinic")
	mustRun(t, "compare", "clinic", "-r", "3", "--days", "7", "-q", "--out", dir, "--report")
	c.tmp, c.dir = tmp, dir
	return dir
}

var clinicReportCache struct {
	sync.Mutex
	tmp, dir string
}

func TestPlotAndReport(t *testing.T) {
	t.Parallel()
	dir := reportDir(t)
	charts, _ := filepath.Glob(filepath.Join(dir, "charts", "*.png"))
	svgs, _ := filepath.Glob(filepath.Join(dir, "charts", "*.svg"))
	if len(charts) < 5 || len(svgs) != len(charts) {
		t.Errorf("%d PNG and %d SVG charts", len(charts), len(svgs))
	}
	b, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	for _, want := range []string{"<svg", "Headline results", "Differences from tiny", "Assumptions", "Method", "SHA-256", "more booking staff"} {
		if !strings.Contains(html, want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	// svcsim plot redraws from the saved results alone; in a copy, as
	// it replaces the charts of the folder the other tests share (and a
	// second run of this test, with -count, would find no PNGs).
	redraw := filepath.Join(t.TempDir(), "results")
	if err := os.CopyFS(redraw, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	out, _ := mustRun(t, "plot", redraw, "--chart-format", "pdf")
	if strings.Count(out, ".pdf\n") != len(charts) {
		t.Errorf("plot wrote %d PDFs for %d charts", strings.Count(out, ".pdf\n"), len(charts))
	}
	_, errOut, status := svcsim(t, t.Context(), "plot", t.TempDir())
	if status != 2 || !strings.Contains(errOut, "results.json") {
		t.Errorf("plot of an empty directory: status %d, %q", status, errOut)
	}
	_, errOut, status = svcsim(t, t.Context(), "run", "--charts")
	if status != 2 || !strings.Contains(errOut, "need --out") {
		t.Errorf("--charts without --out: status %d, %q", status, errOut)
	}
}

// browser returns a headless Chromium, or skips the test (fails it when
// SVCSIM_REQUIRE_BROWSER is set, as in CI).
func browser(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("SVCSIM_REQUIRE_BROWSER") != "" {
		t.Fatal("no Chromium found (Debian: apt install chromium)")
	}
	t.Skip("no Chromium found; set SVCSIM_REQUIRE_BROWSER=1 to make this an error")
	return ""
}

// headless runs Chromium without a window on the HTML file page, kept
// off the network and with a profile of its own, and returns its
// standard output and log.
func headless(t *testing.T, chromium, page string, args ...string) (stdout, log string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(), "--enable-logging=stderr", "--v=0"}
	cmd := exec.CommandContext(ctx, chromium, append(append(base, args...), "file://"+page)...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, errOut.String())
	}
	return out.String(), errOut.String()
}

// TestReportInBrowser loads the report in headless Chromium, kept off
// the network: no console errors, every chart present and non-empty, a
// screenshot and a PDF.
func TestReportInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: starting Chromium takes seconds; the full suite loads the report in it")
	}
	chromium := browser(t)
	dir := reportDir(t)
	page := filepath.Join(dir, "report.html")
	run := func(args ...string) (string, string) { return headless(t, chromium, page, args...) }
	dom, logs := run("--dump-dom")
	if strings.Contains(logs, "Uncaught") || strings.Contains(logs, "CONSOLE") && strings.Contains(logs, "rror") {
		t.Errorf("console errors:\n%s", logs)
	}
	m := regexp.MustCompile(`data-charts="(\d+)"`).FindStringSubmatch(dom)
	if m == nil {
		t.Fatal("the report's script did not run")
	}
	figures := strings.Count(dom, `<figure class="chart"`)
	if n, _ := strconv.Atoi(m[1]); n == 0 || n != figures {
		t.Errorf("%s charts rendered for %d figures", m[1], figures)
	}
	// The tooltips survive the browser's HTML parser as SVG titles.
	if n := strings.Count(dom, "</title></rect>"); n < figures {
		t.Errorf("%d tooltips in the browser's page for %d charts", n, figures)
	}
	if strings.Count(dom, "<text") < figures*5 {
		t.Errorf("the charts have too little text: %d <text> elements for %d charts", strings.Count(dom, "<text"), figures)
	}
	shot := filepath.Join(dir, "report.png")
	run("--screenshot="+shot, "--window-size=1200,2000")
	if info, err := os.Stat(shot); err != nil || info.Size() < 20000 {
		t.Errorf("screenshot: %v", err)
	}
	pdf := filepath.Join(dir, "report.pdf")
	run("--print-to-pdf=" + pdf)
	if b, err := os.ReadFile(pdf); err != nil || !bytes.HasPrefix(b, []byte("%PDF")) || len(b) < 20000 {
		t.Errorf("print to PDF: %v (%d bytes)", err, len(b))
	}
}

// TestReportBrief: the report of a comparison of the clinic with its
// variants opens with the answer in sentences, with the paired
// differences' intervals, shares in percentage points, the staff cost
// per open day and per week, and what is noise — before the tables and
// the charts.
func TestReportBrief(t *testing.T) {
	t.Parallel()
	dir := clinicReportDir(t)
	b, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	start, end := strings.Index(html, "<h2>In brief</h2>"), strings.Index(html, "<h2>Headline results</h2>")
	if start < 0 || end < start || end > strings.Index(html, `<section id="charts">`) {
		t.Fatalf("no brief before the headline table and the charts (at %d, %d)", start, end)
	}
	// The assumptions are a table of what each alternative changes, the
	// scenarios in full an appendix after the method.
	assum := html[strings.Index(html, `<section id="assumptions">`):strings.Index(html, `<section id="method">`)]
	if strings.Count(assum, "<tr><td>") != 2 || !strings.Contains(assum, "13:00-18:00 7") {
		t.Errorf("assumptions: want a row per variant, with the extra doctor:\n%s", assum)
	}
	if a, m := strings.Index(html, `<section id="appendix">`), strings.Index(html, `<section id="method">`); a < m || !strings.Contains(html[a:], "Channel web") {
		t.Error("no appendix with the scenarios in full after the method")
	}
	brief := stdhtml.UnescapeString(html[start:end])
	for _, want := range []string{"The question: clinic (the baseline) against", "With ", " ± ", " pp)", "staff cost +", "EUR per open day", "EUR per week", "Not distinguishable from noise"} {
		if !strings.Contains(brief, want) {
			t.Errorf("brief lacks %q:\n%s", want, brief)
		}
	}
}

// TestReportPaper: A4 unless --paper letter; the charts start a page and
// nothing else forces a break, so the method leaves no near-blank page.
func TestReportPaper(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "results")
	path := writeFile(t, "tiny.yaml", tinyScenario)
	mustRun(t, "run", path, "-r", "2", "-q", "--out", dir, "--report")
	read := func() string {
		b, err := os.ReadFile(filepath.Join(dir, "report.html"))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	html := read()
	if !strings.Contains(html, "@page { size: A4;") {
		t.Error("the default report is not A4")
	}
	if n := strings.Count(html, "break-before: page"); n != 1 || !strings.Contains(html, "#charts { page-break-before: always; break-before: page; }") {
		t.Errorf("%d forced page breaks; want one, before the charts", n)
	}
	mustRun(t, "report", dir, "--paper", "Letter")
	if !strings.Contains(read(), "@page { size: letter;") {
		t.Error("--paper Letter: the report is not on letter paper")
	}
	_, errOut, status := svcsim(t, t.Context(), "report", dir, "--paper", "a5")
	if status != 2 || !strings.Contains(errOut, `--paper: unknown paper (got "a5"); valid: a4, letter`) {
		t.Errorf("--paper a5: status %d, %q", status, errOut)
	}
}

// TestReportTooltips: every chart in report.html but the daily demand
// and reputation carries <title> tooltips over its points and bars,
// inside its own drawing, and a bar's tooltip gives the KPI's mean and
// the half-width of its interval, as in results.json, to the two
// significant digits of the half-width the chart shows.
func TestReportTooltips(t *testing.T) {
	t.Parallel()
	dir := clinicReportDir(t)
	b, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	set, err := resultset.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	figureRE := regexp.MustCompile(`(?s)<figure class="chart" id="chart-([^"]+)">(.*?)</figure>`)
	viewBoxRE := regexp.MustCompile(`viewBox="0 0 ([0-9.]+) ([0-9.]+)"`)
	tipRE := regexp.MustCompile(`<rect x="([-0-9.]+)" y="([-0-9.]+)" width="([0-9.]+)" height="([0-9.]+)" fill="#000" fill-opacity="0"><title>([^<]*)</title></rect>`)
	figures := figureRE.FindAllStringSubmatch(string(b), -1)
	if len(figures) < 10 {
		t.Fatalf("%d charts in the report", len(figures))
	}
	for _, f := range figures {
		name, svg := f[1], f[2]
		tips := tipRE.FindAllStringSubmatch(svg, -1)
		if name == "demand" || name == "reputation" {
			continue // a line per day: no point worth a tooltip
		}
		if len(tips) == 0 {
			t.Errorf("%s: no tooltips", name)
			continue
		}
		vb := viewBoxRE.FindStringSubmatch(svg)
		if vb == nil {
			t.Fatalf("%s: no viewBox", name)
		}
		w, _ := strconv.ParseFloat(vb[1], 64)
		h, _ := strconv.ParseFloat(vb[2], 64)
		for _, tip := range tips {
			var r [4]float64
			for i := range r {
				r[i], _ = strconv.ParseFloat(tip[i+1], 64)
			}
			if r[0] < -5 || r[1] < -5 || r[0]+r[2] > w+5 || r[1]+r[3] > h+5 {
				t.Errorf("%s: tooltip %q at %v outside the %gx%g drawing", name, tip[5], r, w, h)
			}
		}
		kpi, ok := strings.CutPrefix(name, "bars-")
		if !ok {
			continue
		}
		// A bar's tooltip: "SCENARIO: MEAN ± HW UNIT" in the unit the
		// chart shows (shares in percent, long waits in hours), each
		// figure to two significant digits of the half-width: within 5%
		// of it (half a unit of the last digit), or of the mean's last
		// digit when the half-width is 0.
		magnitude := 0.0
		for _, sc := range set.Scenarios {
			if k := sc.Results.KPI(kpi); k != nil {
				magnitude = math.Max(magnitude, math.Abs(k.Mean))
			}
		}
		for i, sc := range set.Scenarios {
			k := sc.Results.KPI(kpi)
			if k == nil || i >= len(tips) {
				t.Errorf("%s: no bar %d", name, i)
				continue
			}
			scale, unit := k.Unit.Display(sc.Currency, magnitude)
			text := stdhtml.UnescapeString(tips[i][5])
			rest, found := strings.CutPrefix(text, sc.Name+": ")
			var mean, hw float64
			n, _ := fmt.Sscanf(rest, "%g ± %g", &mean, &hw)
			if !found || n == 0 || !strings.HasSuffix(text, " "+unit) {
				t.Errorf("%s bar %d: tooltip %q; want %q: mean ± half-width %s", name, i, text, sc.Name, unit)
				continue
			}
			tol := 0.051 * hw
			if n == 1 {
				tol = 0.51 * math.Pow(10, math.Floor(math.Log10(math.Abs(mean)))-1)
			}
			if math.Abs(mean-k.Mean*scale) > tol || math.Abs(hw-k.HalfWidth*scale) > tol {
				t.Errorf("%s bar %d: tooltip %q; results %g ± %g (× %g)", name, i, text, k.Mean, k.HalfWidth, scale)
			}
		}
	}
}
