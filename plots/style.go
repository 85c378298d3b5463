package plots

import (
	"fmt"
	"image/color"
	"strings"

	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// Style is how charts look: the typeface of every text, the text sizes
// and the scenarios' colours. Charts are drawn by its methods and written
// by its Render and Save.
//
// A Style owns its fonts (a cache that no other Style shares) and never
// changes gonum/plot's package defaults, so charts in different styles
// can be drawn at the same time. A Style is not changed by drawing: one
// Style may be used by many goroutines at once, as long as none of them
// changes its fields.
type Style struct {
	// TitleSize, LabelSize, TickSize and LegendSize are the sizes of the
	// title, the axis labels, the tick labels and the legend (and of the
	// names written next to points).
	TitleSize, LabelSize, TickSize, LegendSize vg.Length
	// Colors are the scenarios' colours: scenario i is drawn in
	// Colors[i%len(Colors)] in every chart. The default is Okabe and
	// Ito's palette, which colour-blind readers can tell apart.
	Colors []color.Color
	// Language is the language of the chart words (titles, axes, legends
	// and units): "" or "en" for English, "zh" for Simplified Chinese
	// (see Languages). Names of scenarios and stages are shown as given.
	Language string

	font       font.Font  // the typeface of every text, without a size
	handler    text.Plain // lays out text with fonts
	embeddable bool       // false for a font from a collection (.ttc)
}

// okabeIto is a palette that colour-blind readers can tell apart (Okabe
// and Ito, "Color Universal Design", 2002).
var okabeIto = [...]color.RGBA{
	{0, 114, 178, 255}, {230, 159, 0, 255}, {0, 158, 115, 255}, {204, 121, 167, 255},
	{86, 180, 233, 255}, {213, 94, 0, 255}, {240, 228, 66, 255}, {0, 0, 0, 255},
}

// liberationSans is the default typeface: gonum/plot's own default is a
// serif face.
var liberationSans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// DefaultStyle returns the house style: Liberation Sans throughout, 13 pt
// titles, 11 pt axis labels, 10 pt ticks and legends, Okabe-Ito colours.
// Liberation has no CJK glyphs; NewStyle chooses a font for such text.
func DefaultStyle() *Style {
	colors := make([]color.Color, len(okabeIto))
	for i, c := range okabeIto {
		colors[i] = c
	}
	return &Style{
		TitleSize: vg.Points(13), LabelSize: vg.Points(11), TickSize: vg.Points(10), LegendSize: vg.Points(10),
		Colors:     colors,
		font:       liberationSans,
		handler:    text.Plain{Fonts: font.NewCache(liberation.Collection())},
		embeddable: true,
	}
}

// NewStyle returns DefaultStyle with the typeface for texts: the font file
// given (--font FILE: .ttf, .otf or the first font of a .ttc that has all
// the texts' characters), or, when some text (a scenario or stage name in
// Chinese, say) has characters Liberation Sans lacks, a CJK font found on
// the system (see FindCJKFont). The font is read once, here.
//
// When some characters have no font to draw them, NewStyle returns the
// style with a warning to show once, rather than charts with boxes or
// blanks; err is for a font file that cannot be read.
func NewStyle(fontFile string, texts ...string) (s *Style, warning string, err error) {
	s = DefaultStyle()
	all := strings.Join(texts, "")
	if fontFile != "" {
		f, single, err := loadFontFile(fontFile, all)
		if err != nil {
			return nil, "", err
		}
		s.use("svcsim-custom", f, single)
		if m := missing(f, all); m != "" {
			return s, fmt.Sprintf("the font %s has no glyphs for %q; those characters will not show", fontFile, m), nil
		}
		return s, "", nil
	}
	need := all
	if lib := s.handler.Fonts.Lookup(s.font, 12); lib.Face != nil {
		need = missing(lib.Face, all)
	}
	if need == "" {
		return s, "", nil
	}
	path, ok := FindCJKFont()
	if !ok {
		return s, fmt.Sprintf("no font with glyphs for %q found; charts would show blanks there. Install one (Debian/Ubuntu: apt install fonts-noto-cjk or fonts-wqy-microhei) or pass --font FILE", need), nil
	}
	f, single, err := loadFontFile(path, need)
	if err != nil {
		return nil, "", err
	}
	s.use("svcsim-cjk", f, single)
	if m := missing(f, need); m != "" {
		return s, fmt.Sprintf("the font %s has no glyphs for %q; pass --font FILE with one that has", path, m), nil
	}
	return s, "", nil
}

// use makes f, under the typeface name, the font of every text of s.
func (s *Style) use(name string, f *opentype.Font, single bool) {
	s.font = font.Font{Typeface: font.Typeface(name)}
	s.handler.Fonts.Add(font.Collection{{Font: s.font, Face: f}})
	s.embeddable = single
}

// Typeface is the name of the typeface every text of s is drawn in.
func (s *Style) Typeface() string { return string(s.font.Typeface) }

// Color is the colour of scenario i, the same in every chart of s (the
// default palette's when Colors is empty).
func (s *Style) Color(i int) color.Color {
	if len(s.Colors) == 0 {
		return okabeIto[i%len(okabeIto)]
	}
	return s.Colors[i%len(s.Colors)]
}

// text is a text style of s in the given size.
func (s *Style) text(size vg.Length, t text.Style) text.Style {
	t.Font = font.From(s.font, size)
	t.Handler = s.handler
	return t
}

// newPlot returns a panel in the house style: a title (the panel's name
// within a chart, drawn smaller than a chart's title), light grid, y ticks
// at round numbers, every text in the style's font.
func (s *Style) newPlot(title, x, y string) *plot.Plot {
	p := plot.New()
	p.TextHandler = s.handler
	p.Title.Text = title
	p.Title.TextStyle = s.text(s.LabelSize, p.Title.TextStyle)
	p.X.Label.Text = x
	p.Y.Label.Text = y
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle = s.text(s.LabelSize, a.Label.TextStyle)
		a.Tick.Label = s.text(s.TickSize, a.Tick.Label)
		a.LineStyle.Color = color.Gray{150}
		a.Tick.LineStyle.Color = color.Gray{150}
	}
	grid := plotter.NewGrid()
	grid.Vertical.Color = color.Gray{230}
	grid.Horizontal.Color = color.Gray{230}
	p.Add(grid)
	if s.font != liberationSans {
		// A CJK ideograph fills its em square, where the font's
		// extents, which gonum/plot makes room by, allow less: a
		// rotated y label such as "星" would touch the tick labels.
		p.Y.Label.Padding = s.LabelSize / 3
	}
	p.Y.Tick.Marker = niceTicks{}
	p.X.Tick.Marker = niceTicks{}
	p.Legend.TextStyle = s.text(s.LegendSize, p.Legend.TextStyle)
	return p
}
