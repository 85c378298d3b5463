package plots

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestSaveUnknownFormat(t *testing.T) {
	sty := DefaultStyle()
	p, err := sty.KPIBars([]Scenario{{Name: "today", Results: synthetic([]string{"booking"}, 1)}}, "nps")
	if err != nil {
		t.Fatal(err)
	}
	if err := sty.Save(p, filepath.Join(t.TempDir(), "x.bmp"), DefaultSize()); err == nil || !strings.Contains(err.Error(), "png, svg, pdf") {
		t.Errorf("bmp: %v; want an error naming png, svg, pdf", err)
	}
}
