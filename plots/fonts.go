package plots

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/svcsim/svcsim/internal/userfile"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
)

// cjkCandidates are font files with Chinese, Japanese and Korean glyphs in
// the places Linux distributions, macOS and Windows install them.
var cjkCandidates = []string{
	"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
	"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
	"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/opentype/noto/NotoSansSC-Regular.otf",
	"/usr/share/fonts/truetype/arphic/uming.ttc",
	"/System/Library/Fonts/PingFang.ttc",
	"/System/Library/Fonts/STHeiti Light.ttc",
	"/Library/Fonts/Arial Unicode.ttf",
	`C:\Windows\Fonts\msyh.ttc`,
	`C:\Windows\Fonts\simhei.ttf`,
}

// FindCJKFont returns the first font file with Chinese glyphs that can be
// read, in the common locations and below /usr/share/fonts, or false.
// The font must also have Latin letters and digits, since a chart uses one
// font throughout. Fonts the reader rejects (the WenQuanYi collections
// use table offsets golang.org/x/image/font/sfnt refuses) are skipped.
func FindCJKFont() (string, bool) {
	// The whole chart uses one font, so it needs Latin letters and
	// digits as well (DroidSansFallback, for one, has none).
	const sample = "Aa0%:预约"
	usable := func(p string) bool {
		f, err := loadFont(p, sample)
		return err == nil && missing(f, sample) == ""
	}
	for _, p := range cjkCandidates {
		if _, err := os.Stat(p); err == nil && usable(p) {
			return p, true
		}
	}
	var found string
	filepath.WalkDir("/usr/share/fonts", func(p string, d os.DirEntry, err error) error {
		name := strings.ToLower(filepath.Base(p))
		if err == nil && found == "" && !d.IsDir() && (strings.Contains(name, "cjk") || strings.Contains(name, "wqy") ||
			strings.Contains(name, "fallback") || strings.Contains(name, "hei") || strings.Contains(name, "ming")) && usable(p) {
			found = p
		}
		return nil
	})
	return found, found != ""
}

// loadFont reads a TrueType or OpenType font, or the first font of a
// collection (.ttc) that has glyphs for every rune of sample.
func loadFont(path, sample string) (*opentype.Font, error) {
	f, _, err := loadFontFile(path, sample)
	return f, err
}

func loadFontFile(path, sample string) (*opentype.Font, bool, error) {
	b, err := userfile.Read(path, userfile.Font)
	if err != nil {
		return nil, false, err
	}
	coll, err := opentype.ParseCollection(b)
	if err != nil {
		return nil, false, fmt.Errorf("%s: not a TrueType or OpenType font: %v", path, err)
	}
	f, err := pick(coll, path, sample)
	return f, coll.NumFonts() == 1, err
}

// pick returns the font of a collection that has every rune of sample,
// preferring the face for the sample's language: a CJK collection such as
// Noto Sans CJK holds Japanese, Korean, Simplified and Traditional Chinese
// faces, whose Han characters are drawn differently (the Japanese face
// comes first, so Chinese text would be drawn with Japanese glyphs). Han
// text without kana or hangul is taken to be Simplified Chinese.
func pick(coll *opentype.Collection, path, sample string) (*opentype.Font, error) {
	want := faceFor(sample)
	var first, fits *opentype.Font
	var buf sfnt.Buffer
	for i := range coll.NumFonts() {
		f, err := coll.Font(i)
		if err != nil {
			continue
		}
		if first == nil {
			first = f
		}
		if missing(f, sample) != "" {
			continue
		}
		if fits == nil {
			fits = f
		}
		name, _ := f.Name(&buf, sfnt.NameIDFamily)
		if want != nil && want(name) {
			return f, nil
		}
	}
	switch {
	case fits != nil:
		return fits, nil
	case first != nil:
		return first, nil
	}
	return nil, fmt.Errorf("%s: no usable font in the file", path)
}

// faceFor returns a test of a font family name for the face of a text's
// language ("Noto Sans CJK SC" for Chinese), or nil when the text needs
// no particular CJK face.
func faceFor(s string) func(family string) bool {
	var han, kana, hangul bool
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
			kana = true
		case unicode.Is(unicode.Hangul, r):
			hangul = true
		case unicode.Is(unicode.Han, r):
			han = true
		}
	}
	has := func(tags ...string) func(string) bool {
		return func(family string) bool {
			for _, w := range strings.Fields(family) {
				if slices.Contains(tags, w) {
					return true
				}
			}
			return false
		}
	}
	switch {
	case kana:
		return has("JP", "J")
	case hangul:
		return has("KR", "K")
	case han:
		return has("SC", "GB", "CN")
	}
	return nil
}

// missing returns the runes of s that f has no glyph for, each once, in
// the order they first appear.
func missing(f *sfnt.Font, s string) string {
	var buf sfnt.Buffer
	var out []rune
	for _, r := range s {
		if r < ' ' || slices.Contains(out, r) {
			continue
		}
		if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
			out = append(out, r)
		}
	}
	return string(out)
}

// CheckFont checks that path is a font file NewStyle can use: a regular
// file within userfile's bound for fonts, holding a TrueType or OpenType
// font or collection.
func CheckFont(path string) error {
	_, _, err := loadFontFile(path, "")
	return err
}
