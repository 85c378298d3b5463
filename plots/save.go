package plots

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/svcsim/svcsim/resultset"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"
)

// PDFs carry a creation date; a fixed one keeps charts of the same
// results byte-identical, as every other format is. The PDF writer offers
// no per-document setting, so it is set once here and never changed.
func init() {
	fixed := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	fpdf.SetDefaultCreationDate(fixed)
	fpdf.SetDefaultModificationDate(fixed)
	fpdf.SetDefaultCatalogSort(true)
}

// Size is a chart's size; the default suits a slide or an A4 page.
type Size struct{ Width, Height vg.Length }

// DefaultSize is 16 × 10 cm, the size Render uses for a zero Size.
func DefaultSize() Size { return Size{16 * vg.Centimeter, 10 * vg.Centimeter} }

// Formats are the file formats Render and Save write.
func Formats() []string { return []string{"png", "svg", "pdf"} }

// DPI is the resolution of PNG charts.
const DPI = 200

// Render writes ch, a chart drawn by s, in format (png, svg or pdf) to
// w. SVG and PDF embed their fonts, so the charts look the same on any
// machine; SVG carries a <title> tooltip with the value and confidence
// interval of each point or bar. size.Height is the height of a
// one-panel chart; a chart of several panels is taller (Chart.Heights).
//
// A font from a collection (.ttc, as CJK fonts usually are) cannot be
// embedded: SVG then names its family for the viewer to supply, and PDF is
// an error asking for a single-font file (--font FILE.ttf).
func (s *Style) Render(w io.Writer, ch *Chart, format string, size Size) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("plots: drawing the %s chart failed: %v", format, r)
		}
	}()
	if size.Width <= 0 || size.Height <= 0 {
		size = DefaultSize()
	}
	size.Height = ch.height(size.Height)
	var c interface {
		vg.CanvasSizer
		io.WriterTo
	}
	switch strings.ToLower(format) {
	case "png":
		c = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(size.Width, size.Height), vgimg.UseDPI(DPI))}
	case "svg":
		c = vgsvg.NewWith(vgsvg.UseWH(size.Width, size.Height), vgsvg.EmbedFonts(s.embeddable))
	case "pdf":
		if !s.embeddable {
			return fmt.Errorf("plots: a PDF chart must embed its font, and the font in use comes from a font collection (.ttc) that cannot be embedded; use PNG or SVG, or pass --font with a single .ttf/.otf font that has the characters")
		}
		pc := vgpdf.New(size.Width, size.Height)
		pc.EmbedFonts(true)
		c = pc
	default:
		return fmt.Errorf("plots: unknown format %q (valid: %s)", format, strings.Join(Formats(), ", "))
	}
	canvases := s.layout(ch, draw.New(c))
	for i, p := range ch.Panels {
		p.Draw(canvases[i])
	}
	if _, ok := c.(*vgsvg.Canvas); !ok || len(ch.tips) == 0 {
		_, err = c.WriteTo(w)
		return err
	}
	// The tooltips go last, over everything, and outside the group
	// that turns the canvas's coordinates upside down.
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return err
	}
	out := b.Bytes()
	end := bytes.LastIndex(out, []byte("</svg>"))
	if end < 0 {
		return fmt.Errorf("plots: the SVG writer wrote no </svg>")
	}
	_, err = w.Write(slices.Concat(out[:end], svgTips(ch, canvases, size.Height), out[end:]))
	return err
}

// Save writes ch, a chart drawn by s, to path in the format its extension
// names, through a temporary file in the same directory renamed into
// place, so that a failure never leaves a half-written chart.
func (s *Style) Save(ch *Chart, path string, size Size) error {
	format := strings.TrimPrefix(filepath.Ext(path), ".")
	var buf bytes.Buffer
	if err := s.Render(&buf, ch, format, size); err != nil {
		return err
	}
	return WriteFileAtomic(path, buf.Bytes())
}

// WriteFileAtomic writes b to path via a temporary file, synced to disk,
// and a rename (see resultset.WriteFile).
func WriteFileAtomic(path string, b []byte) error {
	return resultset.WriteFile(path, b)
}
