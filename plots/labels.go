package plots

import (
	"cmp"
	"image/color"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// pointLabels writes texts beside points, to the right (or the left) of
// each, moved apart vertically where they would overlap each other, with
// a thin leader to the point when moved, so that no label covers its
// point or another label. Its glyph boxes make the plot leave room for
// the labels at its edges.
type pointLabels struct {
	items []pointLabel
	style text.Style
	// gap is the distance from the point to the label.
	gap vg.Length
	// free places each label on the first side of its point (right,
	// left, above, below) where it covers no obstacle and no other
	// label, instead of spreading columns of labels.
	free      bool
	obstacles []vg.Rectangle // in data coordinates, for free
}

type pointLabel struct {
	x, y float64
	text string
	left bool // to the left of the point
}

func (sty *Style) newPointLabels(gap vg.Length) *pointLabels {
	ts := sty.text(sty.LegendSize, plot.New().Legend.TextStyle)
	ts.YAlign = draw.YBottom
	return &pointLabels{style: ts, gap: gap}
}

func (l *pointLabels) add(x, y float64, txt string, left bool) {
	l.items = append(l.items, pointLabel{x, y, txt, left})
}

// placed returns the labels' positions on c: the point and the centre
// left (or right) of the text, spread apart per column of labels.
func (l *pointLabels) placed(c draw.Canvas, p *plot.Plot) (pts, at []vg.Point) {
	tx, ty := p.Transforms(&c)
	h := l.style.Height("Xg") * 1.05
	pts, at = make([]vg.Point, len(l.items)), make([]vg.Point, len(l.items))
	for i, it := range l.items {
		pts[i] = vg.Point{X: tx(it.x), Y: ty(it.y)}
		dx := l.gap
		if it.left {
			dx = -l.gap
		}
		at[i] = vg.Point{X: pts[i].X + dx, Y: pts[i].Y}
	}
	// Spread each column (labels of one x and side) from the bottom up,
	// then shift the column down if it ran over the top.
	cols := map[[2]float64][]int{}
	var keys [][2]float64
	for i, it := range l.items {
		k := [2]float64{it.x, map[bool]float64{true: 1}[it.left]}
		if _, ok := cols[k]; !ok {
			keys = append(keys, k)
		}
		cols[k] = append(cols[k], i)
	}
	for _, k := range keys {
		idx := cols[k]
		slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(at[a].Y, at[b].Y) })
		for j := 1; j < len(idx); j++ {
			if low := at[idx[j-1]].Y + h; at[idx[j]].Y < low {
				at[idx[j]].Y = low
			}
		}
		if over := at[idx[len(idx)-1]].Y + h/2 - c.Max.Y; over > 0 {
			for _, i := range idx {
				at[i].Y -= over
			}
			for j := len(idx) - 2; j >= 0; j-- {
				if high := at[idx[j+1]].Y - h; at[idx[j]].Y > high {
					at[idx[j]].Y = high
				}
			}
		}
	}
	return pts, at
}

// freePlaced returns, for free labels, the points and the text boxes.
func (l *pointLabels) freePlaced(c draw.Canvas, p *plot.Plot) (pts []vg.Point, boxes []vg.Rectangle) {
	tx, ty := p.Transforms(&c)
	var taken []vg.Rectangle
	for _, o := range l.obstacles {
		// Widened by the size of a marker.
		r := vg.Points(5)
		taken = append(taken, vg.Rectangle{Min: vg.Point{X: tx(o.Min.X.Points()) - r, Y: ty(o.Min.Y.Points()) - r}, Max: vg.Point{X: tx(o.Max.X.Points()) + r, Y: ty(o.Max.Y.Points()) + r}})
	}
	overlaps := func(a, b vg.Rectangle) bool {
		return a.Min.X < b.Max.X && b.Min.X < a.Max.X && a.Min.Y < b.Max.Y && b.Min.Y < a.Max.Y
	}
	for _, it := range l.items {
		pt := vg.Point{X: tx(it.x), Y: ty(it.y)}
		w, h := l.style.Width(it.text), 1.1*l.style.Font.Size
		g := l.gap
		cands := []vg.Point{{X: pt.X + g, Y: pt.Y - h/2}, {X: pt.X - g - w, Y: pt.Y - h/2},
			{X: pt.X - w/2, Y: pt.Y + g}, {X: pt.X - w/2, Y: pt.Y - g - h},
			{X: pt.X + g, Y: pt.Y + g}, {X: pt.X + g, Y: pt.Y - g - h}, {X: pt.X - g - w, Y: pt.Y + g}, {X: pt.X - g - w, Y: pt.Y - g - h}}
		best := vg.Rectangle{Min: cands[0], Max: cands[0].Add(vg.Point{X: w, Y: h})}
		for _, m := range cands {
			r := vg.Rectangle{Min: m, Max: m.Add(vg.Point{X: w, Y: h})}
			if r.Min.X < c.Min.X || r.Max.X > c.Max.X || r.Min.Y < c.Min.Y || r.Max.Y > c.Max.Y {
				continue
			}
			if !slices.ContainsFunc(taken, func(t vg.Rectangle) bool { return overlaps(r, t) }) {
				best = r
				break
			}
		}
		taken = append(taken, best)
		pts, boxes = append(pts, pt), append(boxes, best)
	}
	return pts, boxes
}

func (l *pointLabels) Plot(c draw.Canvas, p *plot.Plot) {
	if l.free {
		_, boxes := l.freePlaced(c, p)
		ts := l.style
		ts.XAlign = draw.XLeft
		e := ts.FontExtents()
		for i, it := range l.items {
			b := boxes[i]
			c.SetColor(color.NRGBA{255, 255, 255, 210})
			c.Fill(b.Path())
			mid := (b.Min.Y + b.Max.Y) / 2
			c.FillText(ts, vg.Point{X: b.Min.X, Y: mid + e.Ascent - 1.35*ts.Font.Size}, it.text)
		}
		return
	}
	pts, at := l.placed(c, p)
	lead := draw.LineStyle{Color: color.Gray{140}, Width: vg.Points(0.5)}
	for i, it := range l.items {
		ts := l.style
		ts.XAlign = draw.XLeft
		if it.left {
			ts.XAlign = draw.XRight
		}
		if d := at[i].Y - pts[i].Y; d > 1 || d < -1 {
			end := at[i].X - l.gap/3
			if it.left {
				end = at[i].X + l.gap/3
			}
			c.StrokeLine2(lead, pts[i].X, pts[i].Y, end, at[i].Y)
		}
		// The middle of the capitals, 0.35 em above the baseline, level
		// with the point: the text handler puts the baseline at the
		// point less the ascent plus one em.
		e := ts.FontExtents()
		w := ts.Width(it.text)
		x0 := at[i].X
		if it.left {
			x0 -= w
		}
		c.SetColor(color.NRGBA{255, 255, 255, 210})
		c.Fill(vg.Rectangle{Min: vg.Point{X: x0 - 1, Y: at[i].Y - 0.55*ts.Font.Size}, Max: vg.Point{X: x0 + w + 1, Y: at[i].Y + 0.55*ts.Font.Size}}.Path())
		c.FillText(ts, vg.Point{X: at[i].X, Y: at[i].Y + e.Ascent - 1.35*ts.Font.Size}, it.text)
	}
}

// GlyphBoxes make room for the labels at the plot's edges.
func (l *pointLabels) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	out := make([]plot.GlyphBox, len(l.items))
	for i, it := range l.items {
		w, h := l.style.Width(it.text)+l.gap, l.style.Height(it.text)
		r := vg.Rectangle{Min: vg.Point{X: 0, Y: -h / 2}, Max: vg.Point{X: w, Y: h / 2}}
		if l.free {
			// Room for a label on whichever side it goes.
			r = vg.Rectangle{Min: vg.Point{X: -w / 2, Y: -h / 2}, Max: vg.Point{X: w / 2, Y: h / 2}}
		}
		if it.left {
			r.Min.X, r.Max.X = -w, 0
		}
		out[i] = plot.GlyphBox{X: p.X.Norm(it.x), Y: p.Y.Norm(it.y), Rectangle: r}
	}
	return out
}
