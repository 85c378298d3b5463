package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Cell is one cell of a row: text, a number, or empty (the zero Cell).
type Cell struct {
	text   string
	number float64
	kind   byte // 0 empty, 't' text, 'n' number
	// Format is the number format of a number ("" for General), in
	// Excel's format-code syntax: "0.0%", "[hh]:mm", `+0.0" pp"`.
	Format string
	// Bold sets the cell in bold.
	Bold bool
}

// Text is a text cell.
func Text(s string) Cell { return Cell{text: s, kind: 't'} }

// Number is a number cell shown with format f; x that is NaN or infinite
// (which a workbook cannot hold) gives an empty cell.
func Number(x float64, f string) Cell {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return Cell{}
	}
	return Cell{number: x, kind: 'n', Format: f}
}

// Sheet is one worksheet: its rows, the widths of its first columns and
// how many of its top rows stay in view when scrolling.
type Sheet struct {
	name string
	rows [][]Cell
	// Widths are the widths of the first columns in characters of the
	// default font; 0 leaves a column at the default width.
	Widths []float64
	// FreezeRows is the number of top rows frozen (header rows).
	FreezeRows int
}

// Name is the sheet's name.
func (s *Sheet) Name() string { return s.name }

// AddRow appends a row of cells.
func (s *Sheet) AddRow(cells ...Cell) { s.rows = append(s.rows, cells) }

// Rows is the number of rows added.
func (s *Sheet) Rows() int { return len(s.rows) }

// Workbook is a workbook being built; its first sheet is the one shown
// on opening. The zero Workbook is empty and ready to use.
type Workbook struct {
	sheets []*Sheet
}

// AddSheet adds a sheet named name, which must be 1 to 31 characters
// long, without any of : \ / ? * [ ], not start or end with an
// apostrophe, and differ from the other sheets' names ignoring case (as
// Excel requires).
func (w *Workbook) AddSheet(name string) (*Sheet, error) {
	if n := utf8.RuneCountInString(name); n == 0 || n > 31 {
		return nil, fmt.Errorf("xlsx: sheet name %q: must be 1 to 31 characters long (got %d)", name, n)
	}
	if i := strings.IndexAny(name, `:\/?*[]`); i >= 0 {
		return nil, fmt.Errorf("xlsx: sheet name %q: must not contain %q", name, name[i])
	}
	if strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'") {
		return nil, fmt.Errorf("xlsx: sheet name %q: must not start or end with an apostrophe", name)
	}
	for _, s := range w.sheets {
		if strings.EqualFold(s.name, name) {
			return nil, fmt.Errorf("xlsx: sheet name %q: already used by sheet %q", name, s.name)
		}
	}
	s := &Sheet{name: name}
	w.sheets = append(w.sheets, s)
	return s, nil
}

// WriteTo writes the workbook as an .xlsx file to dst. It costs one pass
// over the cells and holds the compressed file in memory.
func (w *Workbook) WriteTo(dst io.Writer) (int64, error) {
	if len(w.sheets) == 0 {
		return 0, fmt.Errorf("xlsx: a workbook needs at least one sheet")
	}
	st := newStyles()
	ss := newStrings()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	part := func(name, body string) error {
		// A zero modification time keeps the bytes the same run to run.
		f, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			return err
		}
		_, err = io.WriteString(f, xmlHeader+body)
		return err
	}
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", w.contentTypes()},
		{"_rels/.rels", rootRels},
		{"xl/workbook.xml", w.workbook()},
		{"xl/_rels/workbook.xml.rels", w.workbookRels()},
	}
	for i, s := range w.sheets {
		parts = append(parts, struct{ name, body string }{fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), s.xml(i == 0, st, ss)})
	}
	// The styles and strings are known once every sheet is written.
	parts = append(parts, struct{ name, body string }{"xl/styles.xml", st.xml()}, struct{ name, body string }{"xl/sharedStrings.xml", ss.xml()})
	for _, p := range parts {
		if err := part(p.name, p.body); err != nil {
			return 0, err
		}
	}
	if err := z.Close(); err != nil {
		return 0, err
	}
	return buf.WriteTo(dst)
}

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const (
	nsMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkg  = "http://schemas.openxmlformats.org/package/2006/relationships"
	ctBase = "application/vnd.openxmlformats-officedocument.spreadsheetml."
)

const rootRels = `<Relationships xmlns="` + nsPkg + `"><Relationship Id="rId1" Type="` + nsRel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`

func (w *Workbook) contentTypes() string {
	var b strings.Builder
	b.WriteString(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`)
	b.WriteString(`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`)
	b.WriteString(`<Default Extension="xml" ContentType="application/xml"/>`)
	b.WriteString(`<Override PartName="/xl/workbook.xml" ContentType="` + ctBase + `sheet.main+xml"/>`)
	for i := range w.sheets {
		fmt.Fprintf(&b, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="`+ctBase+`worksheet+xml"/>`, i+1)
	}
	b.WriteString(`<Override PartName="/xl/styles.xml" ContentType="` + ctBase + `styles+xml"/>`)
	b.WriteString(`<Override PartName="/xl/sharedStrings.xml" ContentType="` + ctBase + `sharedStrings+xml"/>`)
	b.WriteString(`</Types>`)
	return b.String()
}

func (w *Workbook) workbook() string {
	var b strings.Builder
	b.WriteString(`<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><bookViews><workbookView activeTab="0"/></bookViews><sheets>`)
	for i, s := range w.sheets {
		fmt.Fprintf(&b, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, escape(s.name), i+1, i+1)
	}
	b.WriteString(`</sheets></workbook>`)
	return b.String()
}

func (w *Workbook) workbookRels() string {
	var b strings.Builder
	b.WriteString(`<Relationships xmlns="` + nsPkg + `">`)
	n := len(w.sheets)
	for i := range w.sheets {
		fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="`+nsRel+`/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
	}
	fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="`+nsRel+`/styles" Target="styles.xml"/>`, n+1)
	fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="`+nsRel+`/sharedStrings" Target="sharedStrings.xml"/>`, n+2)
	b.WriteString(`</Relationships>`)
	return b.String()
}

// xml is the worksheet part of s; selected marks the sheet shown on
// opening.
func (s *Sheet) xml(selected bool, st *styles, ss *sharedStrings) string {
	var b strings.Builder
	b.WriteString(`<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><sheetViews><sheetView workbookViewId="0"`)
	if selected {
		b.WriteString(` tabSelected="1"`)
	}
	if s.FreezeRows > 0 {
		top := "A" + strconv.Itoa(s.FreezeRows+1)
		fmt.Fprintf(&b, `><pane ySplit="%d" topLeftCell="%s" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="%s" sqref="%s"/></sheetView>`,
			s.FreezeRows, top, top, top)
	} else {
		b.WriteString(`/>`)
	}
	b.WriteString(`</sheetViews><sheetFormatPr defaultRowHeight="15"/>`)
	if hasWidths(s.Widths) {
		b.WriteString(`<cols>`)
		for i, wd := range s.Widths {
			if wd > 0 {
				fmt.Fprintf(&b, `<col min="%d" max="%d" width="%s" customWidth="1"/>`, i+1, i+1, strconv.FormatFloat(wd, 'f', -1, 64))
			}
		}
		b.WriteString(`</cols>`)
	}
	b.WriteString(`<sheetData>`)
	for r, row := range s.rows {
		fmt.Fprintf(&b, `<row r="%d">`, r+1)
		for c, cell := range row {
			if cell.kind == 0 {
				continue
			}
			ref := Column(c+1) + strconv.Itoa(r+1)
			style := ""
			if id := st.id(cell); id > 0 {
				style = ` s="` + strconv.Itoa(id) + `"`
			}
			if cell.kind == 't' {
				fmt.Fprintf(&b, `<c r="%s"%s t="s"><v>%d</v></c>`, ref, style, ss.id(cell.text))
			} else {
				fmt.Fprintf(&b, `<c r="%s"%s><v>%s</v></c>`, ref, style, formatNumber(cell.number))
			}
		}
		b.WriteString(`</row>`)
	}
	b.WriteString(`</sheetData></worksheet>`)
	return b.String()
}

func hasWidths(ws []float64) bool {
	for _, w := range ws {
		if w > 0 {
			return true
		}
	}
	return false
}

// formatNumber writes x as the shortest decimal that reads back as x, so
// that the workbook holds every digit of the results.
func formatNumber(x float64) string {
	if x == 0 {
		return "0" // not "-0"
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// Column is the letters of column n (1-based): 1 is "A", 27 "AA".
func Column(n int) string {
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('A' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}
