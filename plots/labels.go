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
}

type pointLabel struct {
	x, y float64
	text string
	left bool // to the left of the point
}

func (sty *Style) newPointLabels(gap vg.Length) *pointLabels {
	ts := sty.text(sty.LegendSize, plot.New().Legend.TextStyle)
	ts.YAlign = draw.YCenter
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

func (l *pointLabels) Plot(c draw.Canvas, p *plot.Plot) {
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
		c.FillText(ts, at[i], it.text)
	}
}

// GlyphBoxes make room for the labels at the plot's edges.
func (l *pointLabels) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	out := make([]plot.GlyphBox, len(l.items))
	for i, it := range l.items {
		w, h := l.style.Width(it.text)+l.gap, l.style.Height(it.text)
		r := vg.Rectangle{Min: vg.Point{X: 0, Y: -h / 2}, Max: vg.Point{X: w, Y: h / 2}}
		if it.left {
			r.Min.X, r.Max.X = -w, 0
		}
		out[i] = plot.GlyphBox{X: p.X.Norm(it.x), Y: p.Y.Norm(it.y), Rectangle: r}
	}
	return out
}
