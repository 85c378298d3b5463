package plots

import (
	"bytes"
	"math"
	"testing"

	"git.sr.ht/~sbinet/cmpimg"
	"github.com/svcsim/svcsim/sim"
	"gonum.org/v1/plot"
)

// The golden images in testdata are drawn from hand-made results, so they
// change only when the charts do. After a deliberate change, look at the
// new images and run 'go test ./plots -regen'.

func est(m, hw float64) sim.Estimate { return sim.Estimate{Mean: m, HalfWidth: hw, N: 10} }

// synthetic returns results for two stages over 08:00-18:00 with a
// lunchtime peak; scale varies them per scenario.
func synthetic(stages []string, scale float64) *sim.Results {
	r := &sim.Results{Model: "synthetic", Replications: 10, Confidence: 0.95, Days: 5, Interval: 60, Stages: stages}
	for si, st := range stages {
		for h := 8; h < 18; h++ {
			peak := math.Exp(-math.Pow(float64(h)-12, 2) / 4)
			r.Intervals = append(r.Intervals, sim.IntervalRow{
				Stage: st, From: float64(h * 60), To: float64(h*60 + 60),
				Arrivals:     est(20+30*peak, 2),
				Wait:         est(scale*(1+4*peak)*float64(si+1), scale*0.4),
				ServiceLevel: est(0.95-0.3*peak*scale, 0.03),
				Utilisation:  est(0.5+0.4*peak, 0.02),
				Staff:        est(3+float64(si), 0),
				Queue:        est(scale*(0.5+3*peak), 0.3),
			})
		}
		r.KPIs = append(r.KPIs,
			sim.KPI{Name: st + ".wait.mean", Stage: st, Label: "mean wait", Unit: sim.Minutes, Estimate: est(2*scale, 0.2)},
			sim.KPI{Name: st + ".service_level", Stage: st, Label: "served within 1m", Unit: sim.Share, Estimate: est(0.9-0.1*scale, 0.02)})
	}
	r.KPIs = append(r.KPIs, sim.KPI{Name: "nps", Label: "NPS", Unit: sim.NPSPoints, Estimate: est(30/scale, 3)})
	return r
}

func goldenCharts(sty *Style) map[string]func() (*plot.Plot, error) {
	a := Scenario{Name: "today", Results: synthetic([]string{"booking", "service"}, 1)}
	b := Scenario{Name: "booking +1", Results: synthetic([]string{"booking", "service"}, 0.6)}
	hall := Scenario{Name: "政务服务大厅", Results: synthetic([]string{"取号咨询", "窗口办理"}, 1)}
	return map[string]func() (*plot.Plot, error){
		"tod":     func() (*plot.Plot, error) { return sty.ByTimeOfDay([]Scenario{a, b}, "booking", "wait") },
		"heatmap": func() (*plot.Plot, error) { return sty.UtilisationHeatmap(a) },
		"bars":    func() (*plot.Plot, error) { return sty.KPIBars([]Scenario{a, b}, "nps") },
		"forest": func() (*plot.Plot, error) {
			return sty.Forest("booking +1 - today", "", []sim.Diff{
				{Name: "booking.wait.mean", Label: "mean wait", Unit: sim.Minutes, Estimate: est(-0.8, 0.2), Distinguishable: true},
				{Name: "service.wait.mean", Label: "mean wait", Unit: sim.Minutes, Estimate: est(0.1, 0.3)},
			})
		},
		"curve": func() (*plot.Plot, error) {
			return sty.StaffingCurve("service level against staff", "staff", "service level (%)",
				[]SweepPoint{{2, est(55, 5)}, {3, est(74, 4)}, {4, est(86, 3)}, {5, est(93, 2)}}, 80, true)
		},
		"cjk": func() (*plot.Plot, error) { return sty.ByTimeOfDay([]Scenario{hall}, "窗口办理", "service_level") },
	}
}

func TestGolden(t *testing.T) {
	for name := range goldenCharts(nil) {
		t.Run(name, func(t *testing.T) {
			sty := DefaultStyle()
			if name == "cjk" {
				sty = cjkStyle(t, "政务服务大厅窗口办理")
			}
			cmpimg.CheckPlot(func() {
				p, err := goldenCharts(sty)[name]()
				if err != nil {
					t.Fatal(err)
				}
				if err := sty.Save(p, "testdata/"+name+".png", DefaultSize()); err != nil {
					t.Fatal(err)
				}
			}, t, name+".png")
		})
	}
}

// TestDeterministic checks that the same results give the same bytes in
// every format.
func TestDeterministic(t *testing.T) {
	sty := DefaultStyle()
	for name, chart := range goldenCharts(sty) {
		if name == "cjk" {
			continue
		}
		for _, f := range Formats() {
			var out [2][]byte
			for i := range out {
				p, err := chart()
				if err != nil {
					t.Fatal(err)
				}
				var b bytes.Buffer
				if err := sty.Render(&b, p, f, DefaultSize()); err != nil {
					t.Fatal(err)
				}
				out[i] = b.Bytes()
			}
			if !bytes.Equal(out[0], out[1]) {
				t.Errorf("%s.%s differs between two renderings", name, f)
			}
		}
	}
}
