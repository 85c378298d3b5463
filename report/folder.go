package report

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/svcsim/svcsim/experiment"
	"github.com/svcsim/svcsim/plots"
	"github.com/svcsim/svcsim/resultset"
)

// ChartOptions say how charts are drawn: their file formats, the font
// file ("" for Liberation Sans, or a CJK font found on the system for
// Chinese text) and their size.
type ChartOptions struct {
	Formats []string // "png", "svg", "pdf"
	Font    string
	Size    plots.Size
}

// ParseFormats parses a comma-separated list of chart formats (png, svg,
// pdf, in any case, spaces around them ignored).
func ParseFormats(list string) ([]string, error) {
	var out []string
	for f := range strings.SplitSeq(list, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		if f != "png" && f != "svg" && f != "pdf" {
			return nil, fmt.Errorf("%q: use png, svg and/or pdf, comma-separated", f)
		}
		if slices.Contains(out, f) {
			return nil, fmt.Errorf("%q given twice", f)
		}
		out = append(out, f)
	}
	return out, nil
}

// Style is the style to draw s's charts with: o's font, or one that has
// the glyphs of s's texts, and chart words in the language of its names
// (Chinese units and axes beside Chinese stage names). warn, when set, is
// told why the font falls short of the texts.
func Style(s *resultset.Set, o ChartOptions, warn func(string)) (*plots.Style, error) {
	sty, w, err := plots.NewStyle(o.Font, Texts(s)...)
	if err != nil {
		return nil, fmt.Errorf("--font: %w", err)
	}
	if w != "" && warn != nil {
		warn(w)
	}
	var names []string
	for _, r := range s.Scenarios {
		names = append(names, r.Name)
		if r.Results != nil {
			names = append(names, r.Results.Stages...)
		}
	}
	sty.Language = plots.LanguageOf(names...)
	return sty, nil
}

// SaveCharts draws every chart of s into dir/charts as WriteCharts does,
// in o's style, telling warn first when the results are incomplete (see
// resultset.Set.Incomplete). An interruption returns
// experiment.ErrInterrupted with the files written so far, each whole.
func SaveCharts(ctx context.Context, s *resultset.Set, dir string, o ChartOptions, warn func(string)) ([]string, error) {
	warnIncomplete(s, warn)
	return drawCharts(ctx, s, dir, o, warn)
}

// warnIncomplete tells warn, when set, what incomplete results lack.
func warnIncomplete(s *resultset.Set, warn func(string)) {
	if len(s.Incomplete) > 0 && warn != nil {
		warn("the results are incomplete, as manifest.json records (an interrupted or failed run): " +
			strings.Join(s.Incomplete, "; ") + "; the charts and report show only what completed")
	}
}

// drawCharts is SaveCharts without the warning.
func drawCharts(ctx context.Context, s *resultset.Set, dir string, o ChartOptions, warn func(string)) ([]string, error) {
	sty, err := Style(s, o, warn)
	if err != nil {
		return nil, err
	}
	files, err := WriteCharts(ctx, s, dir, sty, o.Size, o.Formats)
	if err != nil && ctx.Err() != nil {
		return files, experiment.ErrInterrupted
	}
	return files, err
}

// SaveHTML writes the HTML report of s to the file path, atomically,
// with charts drawn as o says; ro's Style and Size are set from o. It
// tells ro.Warn first when the results are incomplete; the report says
// so at its top.
// When ctx is done it stops, even in the middle of drawing a chart, and
// returns experiment.ErrInterrupted, leaving path as it was.
func SaveHTML(ctx context.Context, s *resultset.Set, path string, o ChartOptions, ro Options) error {
	warnIncomplete(s, ro.Warn)
	return saveHTML(ctx, s, path, o, ro)
}

// saveHTML is SaveHTML without the warning.
func saveHTML(ctx context.Context, s *resultset.Set, path string, o ChartOptions, ro Options) error {
	sty, err := Style(s, o, ro.Warn)
	if err != nil {
		return err
	}
	ro.Style, ro.Size = sty, o.Size
	var b bytes.Buffer
	err = writeHTML(ctx, &b, s, ro)
	if err == nil {
		err = writeFile(ctx, path, b.Bytes())
	}
	if ctx.Err() != nil {
		return experiment.ErrInterrupted
	}
	return err
}

// Load reads the results in dir as resultset.LoadContext does, returning
// experiment.ErrInterrupted, as the drawing does, when ctx is done
// first.
func Load(ctx context.Context, dir string) (*resultset.Set, error) {
	s, err := resultset.LoadContext(ctx, dir)
	if err != nil && ctx.Err() != nil {
		return nil, experiment.ErrInterrupted
	}
	return s, err
}

// A Folder is what to add to a result folder beside its tables: the
// charts in dir/charts, dir/report.html and dir/results.xlsx.
type Folder struct {
	Charts, Report, Workbook bool
	Chart                    ChartOptions
	Paper                    string // of the report: "a4" or "letter"
	Version                  string // of svcsim, for the report's method
	// Warn, when set, is told of fonts that lack glyphs and of charts
	// that could not be drawn.
	Warn func(msg string)
}

// Any reports whether f adds anything.
func (f *Folder) Any() bool { return f.Charts || f.Report || f.Workbook }

// Write loads the result set in dir and adds to it what f asks for. An
// interruption returns experiment.ErrInterrupted; what was written before
// it is whole.
func (f *Folder) Write(ctx context.Context, dir string) error {
	if !f.Any() {
		return nil
	}
	if ctx.Err() != nil {
		return experiment.ErrInterrupted
	}
	s, err := Load(ctx, dir)
	if err != nil {
		return err
	}
	// The command that wrote the results has said what they lack: no
	// warning here, only the report's notice.
	if f.Charts {
		if _, err := drawCharts(ctx, s, dir, f.Chart, f.Warn); err != nil {
			return err
		}
	}
	if f.Report {
		if ctx.Err() != nil {
			return experiment.ErrInterrupted
		}
		ro := Options{Version: f.Version, Paper: f.Paper, Warn: f.Warn}
		if err := saveOwned(dir, "report.html", func(path string) error { return saveHTML(ctx, s, path, f.Chart, ro) }); err != nil {
			return err
		}
	}
	if f.Workbook {
		if ctx.Err() != nil {
			return experiment.ErrInterrupted
		}
		var b bytes.Buffer
		err := workbook(ctx, &b, s)
		if err == nil {
			err = saveOwned(dir, "results.xlsx", func(path string) error { return writeFile(ctx, path, b.Bytes()) })
		}
		if ctx.Err() != nil {
			return experiment.ErrInterrupted
		}
		if err != nil {
			return fmt.Errorf("results.xlsx: %w", err)
		}
		return nil
	}
	return nil
}

// saveOwned writes the file name of the result folder dir with save,
// refusing to replace a file svcsim did not write there (see
// resultset.CheckOwned), and records it in the folder's index.
func saveOwned(dir, name string, save func(path string) error) error {
	if err := resultset.CheckOwned(dir, nil, name); err != nil {
		return err
	}
	if err := resultset.Claim(dir, false, name); err != nil { // first, as saveCharts does
		return err
	}
	return save(filepath.Join(dir, name))
}
