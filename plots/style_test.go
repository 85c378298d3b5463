package plots

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"codeberg.org/go-fonts/liberation/liberationserifregular"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
)

func TestPaletteIsStable(t *testing.T) {
	sty := DefaultStyle()
	if sty.Color(0) != sty.Color(len(okabeIto)) || sty.Color(0) == sty.Color(1) {
		t.Error("palette colours are not stable per scenario index")
	}
	if (&Style{}).Color(3) != okabeIto[3] {
		t.Error("a style without colours does not use the default palette")
	}
}

// TestStylesAtOnce draws charts in styles with different fonts at the
// same time (Liberation Sans, Liberation Serif from a font file, and a
// CJK font when one is installed). Under 'go test -race' it shows that
// styles share no mutable state; each drawing must also give the same
// bytes as the same chart drawn alone, and no style may change
// gonum/plot's defaults.
func TestStylesAtOnce(t *testing.T) {
	serif := filepath.Join(t.TempDir(), "serif.ttf")
	if err := os.WriteFile(serif, liberationserifregular.TTF, 0o644); err != nil {
		t.Fatal(err)
	}
	custom, warn, err := NewStyle(serif, "booking")
	if err != nil || warn != "" {
		t.Fatalf("NewStyle(%s): %v, %q", serif, err, warn)
	}
	type job struct {
		name  string
		sty   *Style
		chart string
	}
	jobs := []job{{"sans", DefaultStyle(), "tod"}, {"serif", custom, "tod"}}
	if _, ok := foundCJKFont(); ok || os.Getenv("SVCSIM_CJK_FONT") != "" {
		jobs = append(jobs, job{"cjk", cjkStyle(t, chineseTexts...), "cjk"})
	} else {
		t.Log("no CJK font installed: drawing two styles at once, not three (apt install fonts-noto-cjk)")
	}
	size := Size{Width: DefaultSize().Width / 2, Height: DefaultSize().Height / 2}
	draw := func(j job) ([]byte, error) {
		p, err := goldenCharts(j.sty, j.sty)[j.chart]()
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		err = j.sty.Render(&b, p, "png", size)
		return b.Bytes(), err
	}
	alone := map[string][]byte{}
	for _, j := range jobs {
		b, err := draw(j)
		if err != nil {
			t.Fatalf("%s: %v", j.name, err)
		}
		alone[j.name] = b
	}
	if bytes.Equal(alone["sans"], alone["serif"]) {
		t.Fatal("the serif and the sans style drew the same image: the font is not the style's")
	}
	const rounds = 2
	var wg sync.WaitGroup
	errs := make(chan error, rounds*len(jobs))
	for range rounds {
		for _, j := range jobs {
			wg.Go(func() {
				b, err := draw(j)
				switch {
				case err != nil:
					errs <- fmt.Errorf("%s: %v", j.name, err)
				case !bytes.Equal(b, alone[j.name]):
					errs <- fmt.Errorf("%s: drawn alongside other styles, the chart differs from the one drawn alone", j.name)
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if plot.DefaultFont != (font.Font{Typeface: "Liberation", Variant: "Serif"}) {
		t.Errorf("gonum/plot's default font was changed to %+v", plot.DefaultFont)
	}
	if font.DefaultCache.Has(font.Font{Typeface: "svcsim-custom"}) {
		t.Error("a style's font was added to gonum/plot's font cache")
	}
}
