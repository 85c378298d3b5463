package plots

import (
	"bytes"
	"image"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/image/font/sfnt"
)

// cjkFontFile skips the test when no CJK font is installed (or fails it
// when SVCSIM_REQUIRE_FONTS is set). It returns the font file that
// SVCSIM_CJK_FONT names, or "" to let NewStyle find one on the system.
func cjkFontFile(t *testing.T) string {
	t.Helper()
	file := os.Getenv("SVCSIM_CJK_FONT")
	if _, ok := foundCJKFont(); !ok && file == "" {
		if os.Getenv("SVCSIM_REQUIRE_FONTS") != "" {
			t.Fatal("no CJK font installed (apt install fonts-noto-cjk)")
		}
		t.Skip("no CJK font installed (apt install fonts-noto-cjk, or name a font file in SVCSIM_CJK_FONT); set SVCSIM_REQUIRE_FONTS=1 to make this an error")
	}
	return file
}

// foundCJKFont is FindCJKFont, looked for once: the tests that need the
// font ask for it a dozen times, and each search reads a font collection
// of some 20 MB. TestNewStyle and TestChineseFace still call
// FindCJKFont itself.
var foundCJKFont = sync.OnceValues(FindCJKFont)

// cjkStyle returns a style for texts with Chinese characters, or skips
// the test as cjkFontFile does. The style for the same texts is made
// once (loading the font is most of the work) and each caller gets a
// copy of its own, which shares only what a Style may share between
// goroutines.
func cjkStyle(t *testing.T, texts ...string) *Style {
	t.Helper()
	file := cjkFontFile(t)
	cjkStyles.Lock()
	defer cjkStyles.Unlock()
	key := file + "\x00" + strings.Join(texts, "\x00")
	made, ok := cjkStyles.m[key]
	if !ok {
		made.sty, made.warn, made.err = NewStyle(file, texts...)
		if cjkStyles.m == nil {
			cjkStyles.m = map[string]newStyleResult{}
		}
		cjkStyles.m[key] = made
	}
	if made.err != nil || made.warn != "" {
		t.Fatalf("NewStyle: %v, %q", made.err, made.warn)
	}
	sty := *made.sty
	return &sty
}

var cjkStyles struct {
	sync.Mutex
	m map[string]newStyleResult
}

type newStyleResult struct {
	sty  *Style
	warn string
	err  error
}

// TestChineseText checks that Chinese labels are drawn as glyphs: with a
// CJK font the title region differs from the same chart with no title;
// with Liberation alone, gonum/plot would draw nothing there.
func TestChineseText(t *testing.T) {
	file := cjkFontFile(t)
	hall := results(t, "servicehall")
	sty, warn, err := NewStyle(file, "预约等待", hall[0].Name)
	if err != nil || warn != "" {
		t.Fatalf("NewStyle: %v, %q", err, warn)
	}
	if want := map[bool]string{true: "svcsim-cjk", false: "svcsim-custom"}[file == ""]; sty.Typeface() != want {
		t.Fatalf("typeface %q; want %q", sty.Typeface(), want)
	}
	render := func(title string) image.Image {
		p, err := sty.ByTimeOfDay(hall, "窗口办理", "wait")
		if err != nil {
			t.Fatal(err)
		}
		p.Title = title
		var b bytes.Buffer
		if err := sty.Render(&b, p, "png", DefaultSize()); err != nil {
			t.Fatal(err)
		}
		return notBlank(t, b.Bytes())
	}
	with, without := render("预约等待"), render(" ")
	diff := 0
	b := with.Bounds()
	for y := b.Min.Y; y < b.Min.Y+b.Dy()/10; y++ { // the title band
		for x := b.Min.X; x < b.Max.X; x++ {
			if with.At(x, y) != without.At(x, y) {
				diff++
			}
		}
	}
	if diff < 200 {
		t.Errorf("only %d pixels differ in the title band: the Chinese title was not drawn", diff)
	}
	var svg bytes.Buffer
	p, _ := sty.ByTimeOfDay(hall, "窗口办理", "wait")
	if err := sty.Render(&svg, p, "svg", DefaultSize()); err != nil {
		t.Fatal(err)
	}
	if sty.embeddable && !strings.Contains(svg.String(), "@font-face") {
		t.Error("the SVG does not embed its font")
	}
	if !sty.embeddable && !strings.Contains(svg.String(), "font-family:") {
		t.Error("the SVG names no font family")
	}
	if err := sty.Render(&svg, p, "pdf", DefaultSize()); sty.embeddable != (err == nil) {
		t.Errorf("PDF with an embeddable font %v: %v", sty.embeddable, err)
	}
}

func TestNewStyle(t *testing.T) {
	sty, warn, err := NewStyle("", "booking", "mean wait")
	if err != nil || warn != "" || sty.Typeface() != "Liberation" {
		t.Errorf("Latin texts: typeface %q, warning %q, error %v; want Liberation and none", sty.Typeface(), warn, err)
	}
	if _, _, err := NewStyle("testdata/no-such-font.ttf"); err == nil {
		t.Error("a missing font file gave no error")
	}
	if _, ok := FindCJKFont(); !ok {
		_, warn, err := NewStyle("", "窗口办理", "booking", "窗口")
		if err != nil || !strings.Contains(warn, `no font with glyphs for "窗口办理" found`) {
			t.Errorf("Chinese text without a CJK font: warning %q, error %v", warn, err)
		}
	}
}

// TestChineseFace checks that Chinese text is drawn with the Simplified
// Chinese face of a CJK collection, not the Japanese one that comes first
// (Noto Sans CJK), and Japanese text with the Japanese face.
func TestChineseFace(t *testing.T) {
	file := cjkFontFile(t)
	if file == "" {
		file, _ = FindCJKFont()
	}
	for _, tt := range []struct{ text, want string }{
		{"窗口办理", "SC"},
		{"予約の待ち時間", "JP"},
	} {
		f, err := loadFont(file, tt.text)
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		name, _ := f.Name(&buf, sfnt.NameIDFamily)
		if !strings.Contains(file, "CJK") {
			t.Skipf("%s is not a Noto CJK collection (%s)", file, name)
		}
		if !slices.Contains(strings.Fields(name), tt.want) {
			t.Errorf("%q is drawn in %q; want the %s face", tt.text, name, tt.want)
		}
	}
}
