package plots

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Chart is one figure: one or more panels (plots) stacked in a column
// under one title and one legend, their data areas aligned so that panels
// sharing an x axis line up. Small multiples (a panel per scenario), a
// heat map over its colour bar and a forest plot with a panel per unit
// are charts of several panels; most charts have one.
//
// The legend sits between the title and the panels, never over data.
type Chart struct {
	Title  string
	Panels []*plot.Plot
	// Heights are the panels' heights in units of the height Render is
	// given, which is the height of a one-panel chart: a chart of three
	// panels of height 0.6 is drawn 1.8 times as tall. Nil or zero
	// heights count as 1.
	Heights []float64
	// Legend names what the marks mean, in one or more rows.
	Legend []LegendEntry

	tips []tip
}

// LegendEntry is one item of a chart's legend: a sample of the mark and
// its text.
type LegendEntry struct {
	Text  string
	Thumb plot.Thumbnailer
}

// tip is an SVG tooltip: a data rectangle of a panel (a point when x0 ==
// x1 and y0 == y1), widened by pad on every side, and its text.
type tip struct {
	panel          int
	x0, x1, y0, y1 float64
	pad            vg.Length
	text           string
}

// Tips are the tooltips of an SVG rendering of the chart, one per point
// or bar, in drawing order.
func (c *Chart) Tips() []string {
	out := make([]string, len(c.tips))
	for i, t := range c.tips {
		out[i] = t.text
	}
	return out
}

func (c *Chart) addTip(panel int, x0, x1, y0, y1 float64, text string) {
	c.tips = append(c.tips, tip{panel: panel, x0: x0, x1: x1, y0: y0, y1: y1, pad: vg.Points(4), text: text})
}

func (c *Chart) addLegend(text string, t plot.Thumbnailer) {
	c.Legend = append(c.Legend, LegendEntry{text, t})
}

func (c *Chart) heightOf(i int) float64 {
	if i < len(c.Heights) && c.Heights[i] > 0 {
		return c.Heights[i]
	}
	return 1
}

// height is the drawn height of c for a one-panel height h.
func (c *Chart) height(h vg.Length) vg.Length {
	if len(c.Panels) <= 1 {
		return h
	}
	sum := 0.0
	for i := range c.Panels {
		sum += c.heightOf(i)
	}
	return vg.Length(float64(h) * sum)
}

// layout draws the title and the legend of c on dc and returns the
// canvas of each panel, with the panels' data areas aligned.
func (s *Style) layout(c *Chart, dc draw.Canvas) []draw.Canvas {
	// A little white at either side, so that axis labels do not touch
	// the edge of the image or the page.
	dc.Min.X += vg.Points(4)
	dc.Max.X -= vg.Points(4)
	if c.Title != "" {
		ts := s.text(s.TitleSize, plot.New().Title.TextStyle)
		ts.XAlign, ts.YAlign = draw.XCenter, draw.YTop
		for _, line := range wrap(c.Title, dc.Max.X-dc.Min.X, ts.Width) {
			dc.FillText(ts, vg.Point{X: dc.Center().X, Y: dc.Max.Y}, line)
			dc.Max.Y -= ts.Rectangle(line).Size().Y
		}
		dc.Max.Y -= vg.Points(4)
	}
	dc.Max.Y -= s.drawLegend(c.Legend, dc)
	sum := 0.0
	for i := range c.Panels {
		sum += c.heightOf(i)
	}
	out := make([]draw.Canvas, len(c.Panels))
	top := dc.Max.Y
	for i := range c.Panels {
		h := vg.Length(float64(dc.Max.Y-dc.Min.Y) * c.heightOf(i) / sum)
		out[i] = dc
		out[i].Max.Y, out[i].Min.Y = top, top-h
		if i > 0 {
			out[i].Max.Y -= vg.Points(8) // between one panel's x axis and the next one's title
		}
		top -= h
	}
	// Align the data areas: every panel gets the widest left and right
	// margins of any.
	var left, right vg.Length
	gaps := make([][2]vg.Length, len(out))
	for i, p := range c.Panels {
		da := p.DataCanvas(out[i])
		gaps[i] = [2]vg.Length{da.Min.X - out[i].Min.X, out[i].Max.X - da.Max.X}
		left, right = max(left, gaps[i][0]), max(right, gaps[i][1])
	}
	right = max(right, overhang(c.Panels, out, left, right))
	for i := range out {
		out[i].Min.X += left - gaps[i][0]
		out[i].Max.X -= right - gaps[i][1]
	}
	return out
}

// overhang is the right margin the panels' x tick labels need so that
// none runs off the canvas (a label centred on the last tick, "18:00",
// reaches half its width past the data area), given the data areas'
// left and right margins.
func overhang(panels []*plot.Plot, out []draw.Canvas, left, right vg.Length) vg.Length {
	need := vg.Length(0)
	for i, p := range panels {
		if p.X.Tick.Marker == nil {
			continue
		}
		width := out[i].Max.X - out[i].Min.X - left - right
		for _, t := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
			if t.Label == "" || t.Value < p.X.Min || t.Value > p.X.Max {
				continue
			}
			// The label's half width past the data area's right edge,
			// and a point to spare for antialiasing.
			past := p.X.Tick.Label.Width(t.Label)/2 - vg.Length(1-p.X.Norm(t.Value))*width + vg.Points(1)
			need = max(need, past)
		}
	}
	return need
}

// drawLegend draws entries in rows across the top of dc and returns the
// height they take.
func (s *Style) drawLegend(entries []LegendEntry, dc draw.Canvas) vg.Length {
	if len(entries) == 0 {
		return 0
	}
	ts := s.text(s.LegendSize, plot.New().Legend.TextStyle)
	ts.XAlign, ts.YAlign = draw.XLeft, draw.YBottom
	fe := ts.FontExtents()
	rowH := fe.Height * 1.25
	thumb := vg.Points(18)
	gap := vg.Points(14)
	// Lay the entries out in rows, then centre each row.
	type item struct {
		e LegendEntry
		w vg.Length
	}
	var rows [][]item
	var widths []vg.Length
	width := dc.Max.X - dc.Min.X
	for _, e := range entries {
		w := thumb + vg.Points(4) + ts.Width(e.Text)
		if n := len(rows); n == 0 || widths[n-1]+gap+w > width {
			rows = append(rows, nil)
			widths = append(widths, -gap)
		}
		n := len(rows) - 1
		rows[n] = append(rows[n], item{e, w})
		widths[n] += gap + w
	}
	y := dc.Max.Y - vg.Points(2)
	for i, row := range rows {
		y -= rowH
		x := dc.Min.X + (width-widths[i])/2
		for _, it := range row {
			base := y + (rowH-fe.Height)/2 + fe.Descent
			tc := draw.Canvas{Canvas: dc.Canvas, Rectangle: vg.Rectangle{
				Min: vg.Point{X: x, Y: base - fe.Descent + fe.Height*0.1},
				Max: vg.Point{X: x + thumb, Y: base - fe.Descent + fe.Height*0.9},
			}}
			it.e.Thumb.Thumbnail(&tc)
			dc.FillText(ts, vg.Point{X: x + thumb + vg.Points(4), Y: base - fe.Descent}, it.e.Text)
			x += it.w + gap
		}
	}
	return dc.Max.Y - y + vg.Points(4)
}

// svgTips returns SVG elements, invisible but for their <title>, over the
// tips' rectangles, for a chart drawn on canvases of a w × h SVG.
func svgTips(c *Chart, canvases []draw.Canvas, h vg.Length) []byte {
	var b bytes.Buffer
	// A panel's data canvas takes a pass over all its data (the glyph
	// boxes that pad the axes): once per panel, not once per tip, or a
	// chart of a 10-year run with a tip per day took seconds.
	data := make([]*draw.Canvas, len(c.Panels))
	for _, t := range c.tips {
		if t.panel < 0 || t.panel >= len(c.Panels) {
			continue
		}
		p := c.Panels[t.panel]
		if data[t.panel] == nil {
			da := p.DataCanvas(canvases[t.panel])
			data[t.panel] = &da
		}
		da := *data[t.panel]
		x0, x1 := da.X(p.X.Norm(t.x0)), da.X(p.X.Norm(t.x1))
		y0, y1 := da.Y(p.Y.Norm(t.y0)), da.Y(p.Y.Norm(t.y1))
		clamp := func(v, lo, hi vg.Length) vg.Length { return max(lo, min(hi, v)) }
		x0, x1 = clamp(min(x0, x1), da.Min.X, da.Max.X)-t.pad, clamp(max(x0, x1), da.Min.X, da.Max.X)+t.pad
		y0, y1 = clamp(min(y0, y1), da.Min.Y, da.Max.Y)-t.pad, clamp(max(y0, y1), da.Min.Y, da.Max.Y)+t.pad
		var txt bytes.Buffer
		xml.EscapeText(&txt, []byte(t.text))
		// SVG's y axis points down; the canvas's up.
		fmt.Fprintf(&b, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"#000\" fill-opacity=\"0\"><title>%s</title></rect>\n",
			x0.Points(), (h - y1).Points(), (x1 - x0).Points(), math.Max(0, (y1-y0).Points()), txt.String())
	}
	return b.Bytes()
}

// wrap breaks text into lines no wider than width, at spaces (or, for
// text without spaces, such as Chinese, between any two characters).
func wrap(text string, width vg.Length, measure func(string) vg.Length) []string {
	if measure(text) <= width {
		return []string{text}
	}
	var lines []string
	var words []string
	if strings.Contains(text, " ") {
		words = strings.SplitAfter(text, " ")
	} else {
		for _, r := range text {
			words = append(words, string(r))
		}
	}
	cur := ""
	for _, w := range words {
		if cur != "" && measure(strings.TrimSpace(cur+w)) > width {
			lines = append(lines, strings.TrimSpace(cur))
			cur = ""
		}
		cur += w
	}
	return append(lines, strings.TrimSpace(cur))
}
