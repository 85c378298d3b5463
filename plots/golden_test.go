package plots

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"git.sr.ht/~sbinet/cmpimg"
	"github.com/svcsim/svcsim/sim"
)

// The golden images in testdata are drawn from hand-made results, so they
// change only when the charts do. After a deliberate change, look at the
// new images and run 'go test ./plots -regen'.

func est(m, hw float64) sim.Estimate { return sim.Estimate{Mean: m, HalfWidth: hw, N: 10} }

// synthetic returns results for stages over 08:00-18:00 with a lunchtime
// peak, the last stage staffed only 13:00-17:00 (its other hours are
// closed) and shown closed at 17:00-18:00 for overtime; scale varies them
// per scenario.
func synthetic(stages []string, scale float64) *sim.Results {
	r := &sim.Results{Model: "synthetic", Replications: 10, Confidence: 0.95, Days: 14, Interval: 60, Stages: stages}
	for si, st := range stages {
		last := si == len(stages)-1 && len(stages) > 1
		for h := 8; h < 18; h++ {
			peak := math.Exp(-math.Pow(float64(h)-12, 2) / 4)
			if last && h < 13 {
				continue // closed: no row
			}
			r.Intervals = append(r.Intervals, sim.IntervalRow{
				Stage: st, From: float64(h * 60), To: float64(h*60 + 60), Closed: last && h == 17,
				Arrivals:     est(20+30*peak, 2),
				Wait:         est(scale*(1+4*peak)*float64(si+1), scale*1.5),
				ServiceLevel: est(0.97-0.35*peak*scale, 0.05),
				Utilisation:  est(math.Min(0.98, 0.45+0.5*peak*scale), 0.02),
				Staff:        est(3+float64(si), 0),
				OnDuty:       est(3+float64(si), 0),
				Queue:        est(scale*(0.5+3*peak), 0.3),
			})
		}
		r.KPIs = append(r.KPIs,
			sim.KPI{Name: st + ".wait.mean", Stage: st, Label: "mean wait (served)", Unit: sim.Minutes, Estimate: est(2*scale*float64(si+1), 0.2)},
			sim.KPI{Name: st + ".wait.p50", Stage: st, Label: "median wait", Unit: sim.Minutes, Estimate: est(0.8*scale, 0.1)},
			sim.KPI{Name: st + ".wait.p90", Stage: st, Label: "90th percentile wait", Unit: sim.Minutes, Estimate: est(5*scale, 0.4)},
			sim.KPI{Name: st + ".wait.p95", Stage: st, Label: "95th percentile wait", Unit: sim.Minutes, Estimate: est(5.6*scale, 0.5)},
			sim.KPI{Name: st + ".wait.p99", Stage: st, Label: "99th percentile wait", Unit: sim.Minutes, Estimate: est(9*scale, 0.9)},
			sim.KPI{Name: st + ".service_level", Stage: st, Label: "served within 1m", Unit: sim.Share, Estimate: est(0.9-0.1*scale, 0.02)})
	}
	r.KPIs = append(r.KPIs,
		sim.KPI{Name: "nps", Label: "NPS", Unit: sim.NPSPoints, Estimate: est(30/scale, 3)},
		sim.KPI{Name: "cost.per_day", Label: "staff cost", Unit: sim.Money, Estimate: est(5000/scale, 40)})
	for d := range r.Days {
		open := d%7 < 5
		row := sim.DayRow{Day: d, Weekday: [...]string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}[d%7], Open: open, Reputation: est(4-0.3*(1-scale)*float64(d)/14, 0.05)}
		if open {
			row.Arrivals = est(200+20*math.Sin(float64(d))*scale, 8)
		}
		r.DayRows = append(r.DayRows, row)
	}
	return r
}

// shortWaits gives stage of r the waits of a stage where most customers
// do not wait: a median and a 90th percentile of 0 under a mean of 0.1
// minutes, whose labels would fall on one point.
func shortWaits(r *sim.Results, stage string) *sim.Results {
	for q, m := range map[string]float64{"p50": 0, "p90": 0, "p95": 0.68, "p99": 2.5, "mean": 0.1} {
		r.KPI(stage + ".wait." + q).Estimate = est(m, m/10)
	}
	return r
}

// unstaffed leaves stage of r open without staff at the interval from
// (minutes): a gap in the rota, customers queueing.
func unstaffed(r *sim.Results, stage string, from float64) *sim.Results {
	for i := range r.Intervals {
		if iv := &r.Intervals[i]; iv.Stage == stage && iv.From == from {
			iv.Staff, iv.OnDuty, iv.Utilisation = est(0, 0), est(0, 0), est(math.NaN(), 0)
		}
	}
	return r
}

// targets are a run's limits: target waits and alerts.
var targets = []Target{
	{KPI: "booking.wait", Limit: 4, Above: true},
	{KPI: "booking.service_level", Limit: 0.6, PerInterval: true},
	{KPI: "booking.service_level", Limit: 0.75},
}

// goldenCharts are the charts with golden images: every chart type
// (KPIBars: bars, bars-nps; ByTimeOfDay: tod, tod-multiples;
// QueueAndStaff: queue; UtilisationHeatmap: heatmap; UtilisationDifference:
// heatmap-change; WaitDistribution: waits, waits-short; Forest: forest; CostFrontier:
// frontier; StaffingCurve: curve; DemandReputation: demand, reputation),
// comparisons of two and three scenarios, and Chinese ones (cjk: by time
// of day, cjk-bars, cjk-heatmap, cjk-reputation, and the comparison
// cjk-forest).
func goldenCharts(sty, zh *Style) map[string]func() (*Chart, error) {
	stages := []string{"booking", "service"}
	a := Scenario{Name: "today", Results: synthetic(stages, 1), Currency: "EUR", Targets: targets}
	b := Scenario{Name: "booking +1", Results: synthetic(stages, 0.6), Currency: "EUR", Targets: targets}
	c := Scenario{Name: "longer hours", Results: synthetic(stages, 0.97), Currency: "EUR", Targets: targets}
	three := []Scenario{a, b, c}
	hall := Scenario{Name: "政务服务大厅", Results: synthetic([]string{"取号咨询", "窗口办理"}, 1), Currency: "CNY",
		Targets: []Target{{KPI: "窗口办理.wait", Limit: 3, Above: true}}}
	more := Scenario{Name: "增开窗口", Results: synthetic([]string{"取号咨询", "窗口办理"}, 0.5), Currency: "CNY"}
	diffs := []sim.Diff{
		{Name: "booking.wait.mean", Label: "mean wait (served)", Unit: sim.Minutes, Base: est(2, 0.2), Other: est(1.2, 0.1), Estimate: est(-0.8, 0.2), Distinguishable: true},
		{Name: "service.wait.mean", Label: "mean wait (served)", Unit: sim.Minutes, Base: est(4, 0.2), Other: est(4.1, 0.2), Estimate: est(0.1, 0.3)},
		{Name: "booking.service_level", Label: "served within 1m", Unit: sim.Share, Base: est(0.8, 0.01), Other: est(0.86, 0.01), Estimate: est(0.06, 0.01), Distinguishable: true},
		{Name: "cost.per_day", Label: "staff cost", Unit: sim.Money, Base: est(5000, 40), Other: est(5224, 40), Estimate: est(224, 6), Distinguishable: true},
		{Name: "nps", Label: "NPS", Unit: sim.NPSPoints, Base: est(30, 3), Other: est(33, 3), Estimate: est(3, 1.1), Distinguishable: true},
	}
	hallDiffs := []sim.Diff{
		{Name: "取号咨询.wait.mean", Label: "mean wait (served)", Unit: sim.Minutes, Base: est(2, 0.2), Other: est(1.9, 0.2), Estimate: est(-0.1, 0.3)},
		{Name: "窗口办理.wait.mean", Label: "mean wait (served)", Unit: sim.Minutes, Base: est(4, 0.2), Other: est(1.6, 0.1), Estimate: est(-2.4, 0.2), Distinguishable: true},
		{Name: "窗口办理.service_level", Label: "served within 1m", Unit: sim.Share, Base: est(0.8, 0.01), Other: est(0.92, 0.01), Estimate: est(0.12, 0.01), Distinguishable: true},
		{Name: "cost.per_day", Label: "staff cost", Unit: sim.Money, Base: est(5000, 40), Other: est(5600, 40), Estimate: est(600, 6), Distinguishable: true},
		{Name: "nps", Label: "NPS", Unit: sim.NPSPoints, Base: est(30, 3), Other: est(34, 3), Estimate: est(4, 1.1), Distinguishable: true},
	}
	frontier := func(sc []Scenario) []FrontierPoint {
		var out []FrontierPoint
		for i, s := range sc {
			out = append(out, FrontierPoint{Name: s.Name, Index: i, Cost: s.Results.KPI("cost.per_day").Estimate, Score: s.Results.KPI("nps").Estimate, Chosen: i == 1})
		}
		return out
	}
	return map[string]func() (*Chart, error){
		"bars":          func() (*Chart, error) { return sty.KPIBars(three, "booking.service_level") },
		"bars-nps":      func() (*Chart, error) { return sty.KPIBars(three, "nps") },
		"tod":           func() (*Chart, error) { return sty.ByTimeOfDay([]Scenario{a, b}, "booking", "wait") },
		"tod-multiples": func() (*Chart, error) { return sty.ByTimeOfDay(three, "booking", "service_level") },
		"queue":         func() (*Chart, error) { return sty.QueueAndStaff([]Scenario{a, b}, "booking") },
		"heatmap": func() (*Chart, error) {
			return sty.UtilisationHeatmap(Scenario{Name: a.Name, Results: unstaffed(synthetic(stages, 1), "booking", 12*60)})
		},
		"heatmap-change": func() (*Chart, error) { return sty.UtilisationDifference(a, b) },
		"waits":          func() (*Chart, error) { return sty.WaitDistribution(three, "booking") },
		"waits-short": func() (*Chart, error) {
			return sty.WaitDistribution([]Scenario{a, {Name: "booking +1", Results: shortWaits(synthetic(stages, 0.6), "booking"), Targets: targets}, c}, "booking")
		},
		"forest":   func() (*Chart, error) { return sty.Forest("booking +1 − today", a, diffs, 1) },
		"frontier": func() (*Chart, error) { return sty.CostFrontier(frontier(three), "staff cost (EUR per day)", "NPS") },
		"curve": func() (*Chart, error) {
			return sty.StaffingCurve("booking: served within 1m against booking staff", "booking staff", sim.Share, "",
				[]SweepPoint{{2, est(0.55, 0.05)}, {3, est(0.74, 0.04)}, {4, est(0.86, 0.03)}, {5, est(0.93, 0.02)}}, []Target{{Limit: 0.8}, {KPI: "booking.service_level", Limit: 0.6, PerInterval: true}})
		},
		"demand":     func() (*Chart, error) { d, _, err := sty.DemandReputation([]Scenario{a, b}); return d, err },
		"reputation": func() (*Chart, error) { _, r, err := sty.DemandReputation([]Scenario{a, b}); return r, err },
		"cjk":        func() (*Chart, error) { return zh.ByTimeOfDay([]Scenario{hall, more}, "窗口办理", "wait") },
		"cjk-bars":   func() (*Chart, error) { return zh.KPIBars([]Scenario{hall, more}, "窗口办理.service_level") },
		"cjk-heatmap": func() (*Chart, error) {
			return zh.UtilisationHeatmap(Scenario{Name: hall.Name, Results: unstaffed(synthetic([]string{"取号咨询", "窗口办理"}, 1), "取号咨询", 12*60)})
		},
		"cjk-forest": func() (*Chart, error) { return zh.Forest("增开窗口 − 政务服务大厅", hall, hallDiffs, 1) },
		"cjk-reputation": func() (*Chart, error) {
			_, r, err := zh.DemandReputation([]Scenario{{Name: "政务服务大厅", Results: synthetic([]string{"取号咨询", "窗口办理"}, 0.8)}})
			return r, err
		},
	}
}

// chineseTexts are the texts of the Chinese golden charts, for the font.
var chineseTexts = []string{"政务服务大厅", "增开窗口", "取号咨询", "窗口办理", "时段分钟人员利用率", "差异百分点", "显示的口碑评分星天周一二三四五六日", "斜线营业但未排班", "服务水平阈值"}

func TestGolden(t *testing.T) {
	for name := range goldenCharts(nil, nil) {
		t.Run(name, func(t *testing.T) {
			sty, zh := DefaultStyle(), DefaultStyle()
			if strings.HasPrefix(name, "cjk") {
				zh = cjkStyle(t, chineseTexts...)
				zh.Language = "zh"
			}
			checkGolden(t, name+".png", func() {
				ch, err := goldenCharts(sty, zh)[name]()
				if err != nil {
					t.Fatal(err)
				}
				s := sty
				if strings.HasPrefix(name, "cjk") {
					s = zh
				}
				if err := s.Save(ch, "testdata/"+name+".png", DefaultSize()); err != nil {
					t.Fatal(err)
				}
			})
		})
	}
}

// checkGolden draws a chart with save, which writes testdata/name, and
// compares it with the golden image as cmpimg.CheckPlot does. A file
// with the golden file's bytes is the same image, so only one that
// differs is decoded and compared pixel by pixel, by CheckPlot (decoding
// both PNGs of every chart was a fifth of this package's test time);
// with -regen CheckPlot rewrites the golden file.
func checkGolden(t *testing.T, name string, save func()) {
	t.Helper()
	if !*cmpimg.GenerateTestData {
		save()
		got, err := os.ReadFile(filepath.Join("testdata", name))
		golden, gerr := os.ReadFile(filepath.Join("testdata", strings.TrimSuffix(name, ".png")+"_golden.png"))
		if err == nil && gerr == nil && bytes.Equal(got, golden) {
			return
		}
	}
	cmpimg.CheckPlot(save, t, name)
}

// TestDeterministic checks that the same results give the same bytes in
// every format.
func TestDeterministic(t *testing.T) {
	sty := DefaultStyle()
	for name, chart := range goldenCharts(sty, sty) {
		if strings.HasPrefix(name, "cjk") {
			continue
		}
		for _, f := range Formats() {
			if f == "png" && testing.Short() {
				continue // TestGolden compares every PNG with its golden file already
			}
			var out [2][]byte
			for i := range out {
				ch, err := chart()
				if err != nil {
					t.Fatal(err)
				}
				var b bytes.Buffer
				if err := sty.Render(&b, ch, f, DefaultSize()); err != nil {
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
