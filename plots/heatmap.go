package plots

import (
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/plotter"
)

// grid is a stage × interval grid of utilisation for a heat map.
type grid struct {
	stages []string
	from   []float64
	width  float64
	z      [][]float64
}

func (g grid) Dims() (c, r int)   { return len(g.from), len(g.stages) }
func (g grid) Z(c, r int) float64 { return g.z[r][c] }
func (g grid) X(c int) float64    { return g.from[c] + g.width/2 }
func (g grid) Y(r int) float64    { return float64(r) }

// UtilisationHeatmap draws staff utilisation by stage and time of day.
func (sty *Style) UtilisationHeatmap(s Scenario) (*plot.Plot, error) {
	r := s.Results
	g := grid{stages: r.Stages, width: r.Interval}
	idx := map[float64]int{}
	for _, row := range r.Intervals {
		if _, ok := idx[row.From]; !ok && !row.Closed && row.Staff.Mean > 0 {
			idx[row.From] = 0
		}
	}
	for f := range idx {
		g.from = append(g.from, f)
	}
	if len(g.from) == 0 {
		return nil, ErrNoData
	}
	slices.Sort(g.from)
	// Fill gaps so that the columns are evenly spaced, as HeatMap needs.
	var full []float64
	for f := g.from[0]; f <= g.from[len(g.from)-1]; f += r.Interval {
		full = append(full, f)
	}
	g.from = full
	for i, f := range g.from {
		idx[f] = i
	}
	g.z = make([][]float64, len(g.stages))
	for si := range g.z {
		g.z[si] = make([]float64, len(g.from))
		for c := range g.z[si] {
			g.z[si][c] = math.NaN()
		}
	}
	for _, row := range r.Intervals {
		si := slices.Index(g.stages, row.Stage)
		c, ok := idx[row.From]
		if si >= 0 && ok && !row.Closed && row.Staff.Mean > 0 && finite(row.Utilisation.Mean) {
			g.z[si][c] = row.Utilisation.Mean * 100
		}
	}
	pal := reversed(palette.Heat(12, 1)) // pale when idle, red when busy
	hm := plotter.NewHeatMap(g, pal)
	hm.Min, hm.Max = 0, 100
	hm.NaN = color.Gray{240}
	p := sty.newPlot(s.Name+": staff utilisation by stage and hour (pale 0% to red 100%)", "time of day", "")
	p.Add(hm)
	p.X.Tick.Marker = clockTicks{}
	var ticks []plot.Tick
	for i, st := range g.stages {
		ticks = append(ticks, plot.Tick{Value: float64(i), Label: st})
	}
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	return p, nil
}

type reversedPalette []color.Color

func (r reversedPalette) Colors() []color.Color { return r }

func reversed(p palette.Palette) palette.Palette {
	c := slices.Clone(p.Colors())
	slices.Reverse(c)
	return reversedPalette(c)
}
