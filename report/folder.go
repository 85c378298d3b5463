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
		names = append(names, r.Results.Stages...)
	}
	sty.Language = plots.LanguageOf(names...)
	return sty, nil
}

// SaveCharts draws every chart of s into dir/charts as WriteCharts does,
// in o's style. An interruption returns experiment.ErrInterrupted with
// the files written so far, each whole.
func SaveCharts(ctx context.Context, s *resultset.Set, dir string, o ChartOptions, warn func(string)) ([]string, error) {
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
// with charts drawn as o says; ro's Style and Size are set from o.
func SaveHTML(s *resultset.Set, path string, o ChartOptions, ro Options) error {
	sty, err := Style(s, o, ro.Warn)
	if err != nil {
		return err
	}
	ro.Style, ro.Size = sty, o.Size
	var b bytes.Buffer
	if err := HTML(&b, s, ro); err != nil {
		return err
	}
	return resultset.WriteFile(path, b.Bytes())
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
	s, err := resultset.Load(dir)
	if err != nil {
		return err
	}
	if f.Charts {
		if _, err := SaveCharts(ctx, s, dir, f.Chart, f.Warn); err != nil {
			return err
		}
	}
	if f.Report {
		if ctx.Err() != nil {
			return experiment.ErrInterrupted
		}
		ro := Options{Version: f.Version, Paper: f.Paper, Warn: f.Warn}
		if err := saveOwned(dir, "report.html", func(path string) error { return SaveHTML(s, path, f.Chart, ro) }); err != nil {
			return err
		}
	}
	if f.Workbook {
		if ctx.Err() != nil {
			return experiment.ErrInterrupted
		}
		var b bytes.Buffer
		if err := Workbook(&b, s); err != nil {
			return fmt.Errorf("results.xlsx: %w", err)
		}
		return saveOwned(dir, "results.xlsx", func(path string) error { return resultset.WriteFile(path, b.Bytes()) })
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
	if err := save(filepath.Join(dir, name)); err != nil {
		return err
	}
	return resultset.Claim(dir, false, name)
}
