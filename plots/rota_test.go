package plots

import "testing"

// rotaDay is a hand-made rota: a two-peak requirement over 08:00-14:00 in
// half hours and the shifts that cover it, one with a break.
func rotaDay() RotaDay {
	req := []int{2, 3, 5, 6, 6, 4, 3, 3, 5, 5, 3, 2}
	sched := []int{3, 3, 5, 6, 7, 5, 3, 4, 5, 5, 3, 3}
	return RotaDay{Name: "agents, mon-fri", From: 480, Interval: 30, Required: req, Scheduled: sched,
		Shifts: []RotaShift{
			{Pattern: "day", Start: 480, End: 840, Breaks: [][2]float64{{660, 690}}, Count: 3},
			{Pattern: "part", Start: 540, End: 780, Count: 2},
			{Pattern: "day", Start: 510, End: 840, Breaks: [][2]float64{{690, 720}}, Count: 1},
			{Pattern: "late", Start: 600, End: 840, Breaks: [][2]float64{{720, 750}}, Count: 1},
		}}
}

// TestRotaGolden pins the two rota charts (run 'go test ./plots -regen'
// after a deliberate change, having looked at the new images).
func TestRotaGolden(t *testing.T) {
	sty := DefaultStyle()
	for name, draw := range map[string]func(RotaDay) (*Chart, error){"rota-coverage": sty.RotaCoverage, "rota-shifts": sty.RotaShifts} {
		t.Run(name, func(t *testing.T) {
			checkGolden(t, name+".png", func() {
				ch, err := draw(rotaDay())
				if err != nil {
					t.Fatal(err)
				}
				if err := sty.Save(ch, "testdata/"+name+".png", DefaultSize()); err != nil {
					t.Fatal(err)
				}
			})
		})
	}
}

func TestRotaNoData(t *testing.T) {
	sty := DefaultStyle()
	if _, err := sty.RotaCoverage(RotaDay{}); err != ErrNoData {
		t.Errorf("RotaCoverage of nothing: %v; want ErrNoData", err)
	}
	if _, err := sty.RotaShifts(RotaDay{}); err != ErrNoData {
		t.Errorf("RotaShifts of nothing: %v; want ErrNoData", err)
	}
}
