package tables

import (
	"strings"

	"github.com/mattn/go-runewidth"
)

// Tables are aligned by display width, the columns a terminal gives a
// string: a Chinese character takes two, a combining accent none.
// text/tabwriter counts runes, which shifts every column after a CJK
// name.

// MaxWidth is the width the default tables keep within: a terminal
// of 100 columns shows them without wrapping.
const MaxWidth = 100

// widthCondition measures display width independently of the locale:
// East Asian ambiguous characters (such as ±) count one column, so that
// the output bytes do not depend on LANG.
var widthCondition = &runewidth.Condition{EastAsianWidth: false, StrictEmojiNeutral: true}

// Width is the display width of s: the columns a terminal gives it.
func Width(s string) int { return textWidth(s) }

// textWidth is the display width of s.
func textWidth(s string) int {
	return widthCondition.StringWidth(s)
}

// padRight pads s with blanks to display width w.
func padRight(s string, w int) string {
	return s + strings.Repeat(" ", max(0, w-textWidth(s)))
}

// padLeft pads s with leading blanks to display width w.
func padLeft(s string, w int) string {
	return strings.Repeat(" ", max(0, w-textWidth(s))) + s
}

// alignTabs aligns tab-terminated cells as text/tabwriter does with
// minwidth 0 and the given padding, but by display width: adjacent lines
// with a cell in the same column form a column block whose cells are
// padded to its widest, and a line without tabs ends every block. The
// text after a line's last tab is not padded; trailing blanks are
// removed.
func alignTabs(text string, padding int) string {
	lines := strings.Split(text, "\n")
	cells := make([][]string, len(lines))
	for i, l := range lines {
		cells[i] = strings.Split(l, "\t")
	}
	out := make([]string, len(lines))
	var widths []int
	write := func(line0, line1 int) {
		for i := line0; i < line1; i++ {
			var b strings.Builder
			for j, c := range cells[i] {
				if j < len(cells[i])-1 && j < len(widths) {
					c = padRight(c, widths[j])
				}
				b.WriteString(c)
			}
			out[i] = strings.TrimRight(b.String(), " ")
		}
	}
	// format is text/tabwriter's Writer.format: the blocks of column
	// len(widths) within lines [line0, line1), each formatted further
	// right once its width is known.
	var format func(line0, line1 int)
	format = func(line0, line1 int) {
		column := len(widths)
		for this := line0; this < line1; this++ {
			if column >= len(cells[this])-1 {
				continue
			}
			write(line0, this)
			line0 = this
			width := 0
			for ; this < line1 && column < len(cells[this])-1; this++ {
				width = max(width, textWidth(cells[this][column])+padding)
			}
			widths = append(widths, width)
			format(line0, this)
			widths = widths[:len(widths)-1]
			line0 = this
		}
		write(line0, line1)
	}
	format(0, len(lines))
	return strings.Join(out, "\n")
}

// grid is a table of cells in columns two blanks apart, each column as
// wide as its widest cell (by display width). A cell of column 0 longer
// than wrap columns (when wrap > 0) is broken between words onto
// continuation lines, indented two more blanks than it.
type grid struct {
	rows [][]string
	wrap int
}

// widths returns the display width of every column.
func (g *grid) widths() []int {
	var ws []int
	for _, r := range g.rows {
		for j, c := range r {
			if j == len(ws) {
				ws = append(ws, 0)
			}
			w := textWidth(c)
			if j == 0 && g.wrap > 0 {
				w = 0
				for _, l := range wrapWords(c, g.wrap) {
					w = max(w, textWidth(l))
				}
			}
			ws[j] = max(ws[j], w)
		}
	}
	return ws
}

// width returns the display width of the widest line g renders.
func (g *grid) width() int {
	ws := g.widths()
	total := 0
	for _, w := range ws {
		total += w
	}
	return total + 2*max(0, len(ws)-1)
}

// fit sets wrap so that g is at most maxWidth columns wide, if column 0
// can give up enough and keep at least minWrap columns.
func (g *grid) fit(maxWidth, minWrap int) {
	g.wrap = 0
	excess := g.width() - maxWidth
	if excess <= 0 {
		return
	}
	if w := g.widths()[0] - excess; w >= minWrap {
		g.wrap = w
	} else {
		g.wrap = minWrap
	}
}

func (g *grid) String() string {
	ws := g.widths()
	var b strings.Builder
	for _, r := range g.rows {
		var first []string
		if len(r) > 0 {
			first = []string{r[0]}
			if g.wrap > 0 {
				first = wrapWords(r[0], g.wrap)
			}
		}
		var line strings.Builder
		for j, c := range r {
			if j == 0 {
				c = first[0]
			}
			if j > 0 {
				line.WriteString("  ")
			}
			if j < len(r)-1 {
				c = padRight(c, ws[j])
			}
			line.WriteString(c)
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteString("\n")
		for _, more := range first[min(1, len(first)):] {
			b.WriteString(strings.TrimRight(more, " "))
			b.WriteString("\n")
		}
	}
	return b.String()
}

// wrapWords breaks s between words into lines of at most w display
// columns (a longer word stays whole); continuation lines are indented
// two blanks more than s.
func wrapWords(s string, w int) []string {
	if textWidth(s) <= w {
		return []string{s}
	}
	trimmed := strings.TrimLeft(s, " ")
	indent := s[:len(s)-len(trimmed)]
	var lines []string
	line, empty := indent, true
	for _, word := range strings.Fields(trimmed) {
		if !empty && textWidth(line)+1+textWidth(word) > w {
			lines = append(lines, line)
			line, empty = indent+"  ", true
		}
		if !empty {
			line += " "
		}
		line, empty = line+word, false
	}
	return append(lines, line)
}
