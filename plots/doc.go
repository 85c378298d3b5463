// Package plots draws svcsim's charts from results: each chart is a
// method of a Style from result data to a Chart (one or more gonum/plot
// panels under one title and legend), with the stage in the title, axis
// labels with units, confidence intervals, the scenario's targets as
// lines, and one colour per scenario across all charts of a run. Where
// scenarios would hide each other, each gets a panel. No chart runs a
// simulation.
//
// A Style carries everything about how charts look: the typeface of every
// text, the text sizes and the palette. DefaultStyle is Liberation Sans
// (gonum/plot's own default is a serif face); NewStyle chooses the font
// for the texts a run will show: a font file given by the user, or, for
// Chinese, Japanese or Korean names, a CJK font found on the system,
// which must also have Latin letters and digits since one font draws the
// whole chart (Noto Sans CJK has both); from a collection of CJK faces it
// takes the Simplified Chinese one for Chinese text. Style.Language
// writes the chart words in Chinese beside Chinese names. Each Style has its own fonts and
// the package changes none of gonum/plot's defaults, so charts in
// different styles can be drawn at once.
//
// Style.Render writes a chart as PNG (200 dpi), SVG or PDF with the fonts
// embedded, and Style.Save writes it to a file atomically. The same
// results give byte-identical files.
package plots
