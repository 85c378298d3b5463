package plots

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// QueueAndStaff draws a stage's mean queue length and the staff on duty
// over the day on one time axis.
func (sty *Style) QueueAndStaff(s Scenario, stage string) (*plot.Plot, error) {
	p := sty.newPlot(fmt.Sprintf("%s: queue and staff by time of day", stage), "time of day", "customers / people")
	p.X.Tick.Marker = clockTicks{}
	xs, ys, hw := series(s.Results, stage, 1, measures["queue"].get)
	if len(xs) == 0 {
		return nil, ErrNoData
	}
	band(p, xs, ys, hw, sty.Color(0))
	l, err := line(xs, ys, sty.Color(0))
	if err != nil {
		return nil, err
	}
	p.Add(l)
	p.Legend.Add("mean queue length", l)
	var steps plotter.XYs
	for i := range s.Results.Intervals {
		row := &s.Results.Intervals[i]
		if row.Stage == stage && !row.Closed && finite(row.Staff.Mean) {
			steps = append(steps, plotter.XY{X: row.From, Y: row.Staff.Mean}, plotter.XY{X: row.To, Y: row.Staff.Mean})
		}
	}
	st, err := plotter.NewLine(steps)
	if err != nil {
		return nil, err
	}
	st.Color = sty.Color(1)
	st.Width = vg.Points(1.5)
	st.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
	p.Add(st)
	p.Legend.Add("staff on duty", st)
	p.Y.Min = 0
	headroom(p)
	return p, nil
}
