package plots

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/svcsim/svcsim/scenarios"
	"github.com/svcsim/svcsim/sim"
	"gonum.org/v1/plot"
)

// results runs every scenario of a built-in for a short time.
func results(t *testing.T, name string) []Scenario {
	t.Helper()
	sc, err := scenarios.Builtin(name)
	if err != nil {
		t.Fatal(err)
	}
	var out []Scenario
	for _, s := range sc.All() {
		m := *s.Model
		m.Days = min(m.Days, 3)
		m.Warmup = 0
		r, err := sim.Run(context.Background(), &m, sim.Options{Replications: 3, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, Scenario{s.Name(), r})
	}
	return out
}

// notBlank checks that a PNG has more than one colour.
func notBlank(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	first := img.At(0, 0)
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y += 3 {
		for x := bounds.Min.X; x < bounds.Max.X; x += 3 {
			if img.At(x, y) != first {
				return img
			}
		}
	}
	t.Fatal("the PNG is blank")
	return nil
}

func TestCharts(t *testing.T) {
	if _, err := Fonts(""); err != nil {
		t.Fatal(err)
	}
	clinic := results(t, "clinic")
	diffs, err := sim.Compare(clinic[0].Results, clinic[1].Results)
	if err != nil {
		t.Fatal(err)
	}
	charts := map[string]func() (*plot.Plot, error){
		"bars":     func() (*plot.Plot, error) { return KPIBars(clinic, "nps") },
		"tod":      func() (*plot.Plot, error) { return ByTimeOfDay(clinic, "booking", "service_level") },
		"queue":    func() (*plot.Plot, error) { return QueueAndStaff(clinic[0], "booking") },
		"heat":     func() (*plot.Plot, error) { return UtilisationHeatmap(clinic[0]) },
		"forest":   func() (*plot.Plot, error) { return Forest("booking+1", diffs[:20]) },
		"waits":    func() (*plot.Plot, error) { return WaitDistribution(clinic, "booking") },
		"demand":   func() (*plot.Plot, error) { d, _, err := DemandReputation(clinic); return d, err },
		"frontier": func() (*plot.Plot, error) { return frontier(clinic) },
		"curve": func() (*plot.Plot, error) {
			return StaffingCurve("booking service level", "booking staff", "service level (%)",
				[]SweepPoint{{2, sim.Estimate{Mean: 60, HalfWidth: 4, N: 3}}, {3, sim.Estimate{Mean: 80, HalfWidth: 3, N: 3}}, {4, sim.Estimate{Mean: 91, HalfWidth: 2, N: 3}}}, 80, true)
		},
	}
	dir := t.TempDir()
	for name, chart := range charts {
		p, err := chart()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for _, f := range Formats {
			path := filepath.Join(dir, name+"."+f)
			if err := Save(p, path, DefaultSize); err != nil {
				t.Errorf("%s: %v", path, err)
				continue
			}
			b, _ := os.ReadFile(path)
			if len(b) < 1000 {
				t.Errorf("%s: only %d bytes", path, len(b))
			}
			if f == "png" {
				notBlank(t, b)
			}
		}
	}
	if _, err := KPIBars(clinic, "no.such.kpi"); err != ErrNoData {
		t.Errorf("missing KPI: %v, want ErrNoData", err)
	}
	if _, err := ByTimeOfDay(clinic, "booking", "colour"); err == nil || !strings.Contains(err.Error(), "service_level") {
		t.Errorf("bad measure: %v", err)
	}
	p, _ := KPIBars(clinic, "nps")
	if err := Save(p, filepath.Join(dir, "x.bmp"), DefaultSize); err == nil || !strings.Contains(err.Error(), "png, svg, pdf") {
		t.Errorf("bmp: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != len(charts)*len(Formats) {
		t.Errorf("%d files in the output directory; temporary files left behind?", len(entries))
	}
}

func frontier(sc []Scenario) (*plot.Plot, error) {
	var pts []FrontierPoint
	for i, s := range sc {
		pts = append(pts, FrontierPoint{Name: s.Name, Cost: s.Results.KPI("cost.per_day").Estimate, Score: s.Results.KPI("nps").Estimate, Chosen: i == 1})
	}
	return CostFrontier(pts, "staff cost per day", "NPS")
}

func TestPaletteIsStable(t *testing.T) {
	if Palette(0) != Palette(len(okabeIto)) || Palette(0) == Palette(1) {
		t.Error("palette colours are not stable per scenario index")
	}
}

// TestChineseText checks that Chinese labels are drawn as glyphs: with a
// CJK font the title region differs from the same chart with no title;
// with Liberation alone, gonum/plot would draw nothing there.
func TestChineseText(t *testing.T) {
	if _, ok := FindCJKFont(); !ok {
		if os.Getenv("SVCSIM_REQUIRE_FONTS") != "" {
			t.Fatal("no CJK font installed (apt install fonts-wqy-microhei)")
		}
		t.Skip("no CJK font installed; set SVCSIM_REQUIRE_FONTS=1 to make this an error")
	}
	hall := results(t, "servicehall")
	warn, err := Fonts("", "预约等待", hall[0].Name)
	if err != nil || warn != "" {
		t.Fatalf("Fonts: %v, %q", err, warn)
	}
	if plot.DefaultFont.Typeface != "svcsim-cjk" {
		t.Fatalf("default font %q; want the CJK font", plot.DefaultFont.Typeface)
	}
	defer Fonts("")
	render := func(title string) image.Image {
		p, err := ByTimeOfDay(hall, "窗口办理", "wait")
		if err != nil {
			t.Fatal(err)
		}
		p.Title.Text = title
		var b bytes.Buffer
		if err := Render(&b, p, "png", DefaultSize); err != nil {
			t.Fatal(err)
		}
		return notBlank(t, b.Bytes())
	}
	with, without := render("预约等待"), render(" ")
	diff := 0
	b := with.Bounds()
	for y := b.Min.Y; y < b.Min.Y+b.Dy()/10; y++ { // the title band
		for x := b.Min.X; x < b.Max.X; x++ {
			if with.At(x, y) != without.At(x, y) {
				diff++
			}
		}
	}
	if diff < 200 {
		t.Errorf("only %d pixels differ in the title band: the Chinese title was not drawn", diff)
	}
	var svg bytes.Buffer
	p, _ := ByTimeOfDay(hall, "窗口办理", "wait")
	if err := Render(&svg, p, "svg", DefaultSize); err != nil {
		t.Fatal(err)
	}
	if embeddable && !strings.Contains(svg.String(), "@font-face") {
		t.Error("the SVG does not embed its font")
	}
	if !embeddable && !strings.Contains(svg.String(), "font-family:Noto") && !strings.Contains(svg.String(), "font-family:") {
		t.Error("the SVG names no font family")
	}
	if err := Render(&svg, p, "pdf", DefaultSize); embeddable != (err == nil) {
		t.Errorf("PDF with an embeddable font %v: %v", embeddable, err)
	}
}
