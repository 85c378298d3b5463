package main

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// poppler returns the path of a poppler tool (pdftoppm, pdftotext), or
// skips the test (fails it when SVCSIM_REQUIRE_BROWSER is set, as in CI,
// which installs poppler-utils beside Chromium).
func poppler(t *testing.T, tool string) string {
	if p, err := exec.LookPath(tool); err == nil {
		return p
	}
	if os.Getenv("SVCSIM_REQUIRE_BROWSER") != "" {
		t.Fatalf("no %s found (Debian: apt install poppler-utils)", tool)
	}
	t.Skipf("no %s found (Debian: apt install poppler-utils); set SVCSIM_REQUIRE_BROWSER=1 to make this an error", tool)
	return ""
}

// printedPage is how much of a printed page is inked.
type printedPage struct {
	ink    float64 // the share of pixels that are not near white
	bottom float64 // the lowest inked row, as a share of the page's height
}

// inkLevel is the grey level below which a pixel counts as ink: anything
// visibly darker than white paper, light chart grid lines included.
const inkLevel = 0xf0

// printed renders each page of pdf at 30 dpi with pdftoppm and measures
// its ink.
func printed(t *testing.T, pdf string) []printedPage {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command(poppler(t, "pdftoppm"), "-png", "-r", "30", pdf, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "p-*.png"))
	if len(files) == 0 {
		t.Fatal("pdftoppm rendered no page")
	}
	// pdftoppm pads page numbers to the same width, so the names sort
	// in page order.
	var pages []printedPage
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		pages = append(pages, inkOf(img))
	}
	return pages
}

func inkOf(img image.Image) printedPage {
	r := img.Bounds()
	inked, bottom := 0, r.Min.Y
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if (cr+cg+cb)/3>>8 < inkLevel {
				inked++
				bottom = y
			}
		}
	}
	return printedPage{
		ink:    float64(inked) / float64(r.Dx()*r.Dy()),
		bottom: float64(bottom-r.Min.Y+1) / float64(r.Dy()),
	}
}

// nearlyBlank are the pages but the last that a reader would find
// nearly blank: under 1% ink, or nothing below the top third.
func nearlyBlank(pages []printedPage) []string {
	var out []string
	for i, p := range pages[:len(pages)-1] {
		if p.ink < 0.01 || p.bottom < 1.0/3 {
			out = append(out, fmt.Sprintf("page %d of %d: %.1f%% ink, down to %.0f%% of the page", i+1, len(pages), 100*p.ink, 100*p.bottom))
		}
	}
	return out
}

// printPDF prints the HTML file page to pdf in headless Chromium, without
// the browser's header and footer.
func printPDF(t *testing.T, chromium, page, pdf string) {
	t.Helper()
	headless(t, chromium, page, "--no-pdf-header-footer", "--print-to-pdf-no-header", "--print-to-pdf="+pdf)
	if b, err := os.ReadFile(pdf); err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("print to PDF: %v", err)
	}
}

// TestReportPDF prints the report of the clinic against its two
// alternatives to PDF in headless Chromium and reads it back with
// poppler: the first page states the answer, and no page but the last is
// nearly blank. The same report with a page break forced before every
// section but the first, as it once had, must fail the same check, so
// that the check is known to see blank pages.
func TestReportPDF(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: printing the report to PDF twice takes about a minute")
	}
	chromium := browser(t)
	pdftotext := poppler(t, "pdftotext")
	poppler(t, "pdftoppm")
	dir := filepath.Join(t.TempDir(), "clinic")
	mustRun(t, "compare", "clinic", "-r", "3", "--days", "7", "-q", "--out", dir, "--charts", "--report")
	html := filepath.Join(dir, "report.html")
	pdf := filepath.Join(dir, "report.pdf")
	printPDF(t, chromium, html, pdf)

	first, err := exec.Command(pdftotext, "-f", "1", "-l", "1", "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	for _, want := range []string{"In brief", "The question:", "±", "EUR per open day", "Headline results"} {
		if !bytes.Contains(first, []byte(want)) {
			t.Errorf("the first printed page lacks %q:\n%s", want, first)
		}
	}
	pages := printed(t, pdf)
	if blank := nearlyBlank(pages); len(blank) > 0 {
		t.Errorf("nearly blank pages:\n%s", strings.Join(blank, "\n"))
	}
	t.Logf("%d pages", len(pages))

	// The check sees the blank pages of a break before every section.
	b, err := os.ReadFile(html)
	if err != nil {
		t.Fatal(err)
	}
	forced := strings.Replace(string(b), "</style>", `@media print {
  section { page-break-before: always; break-before: page; }
  section:first-of-type { page-break-before: auto; break-before: auto; }
}
</style>`, 1)
	broken := filepath.Join(dir, "forced.html")
	if err := os.WriteFile(broken, []byte(forced), 0o644); err != nil {
		t.Fatal(err)
	}
	printPDF(t, chromium, broken, filepath.Join(dir, "forced.pdf"))
	if blank := nearlyBlank(printed(t, filepath.Join(dir, "forced.pdf"))); len(blank) == 0 {
		t.Error("a page break before every section left no page the check finds nearly blank")
	} else {
		t.Logf("with a break before every section: %s", strings.Join(blank, "; "))
	}
}
