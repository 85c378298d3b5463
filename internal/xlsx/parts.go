package xlsx

import (
	"encoding/xml"
	"fmt"
	"strings"
)

// styles are the cell formats (cellXfs) the cells use: index 0 is the
// default; each other is a pair of number format and boldness, numbered
// in order of first use.
type styles struct {
	ids     map[styleKey]int
	keys    []styleKey
	formats map[string]int // format code → numFmtId
	codes   []string
}

type styleKey struct {
	format string
	bold   bool
}

func newStyles() *styles {
	return &styles{ids: map[styleKey]int{{}: 0}, keys: []styleKey{{}}, formats: map[string]int{}}
}

// firstCustomFormat is the first numFmtId free for custom formats: ids
// below are Excel's built-in formats.
const firstCustomFormat = 164

func (s *styles) id(c Cell) int {
	k := styleKey{c.Format, c.Bold}
	if c.kind != 'n' {
		k.format = "" // a number format means nothing to text
	}
	if id, ok := s.ids[k]; ok {
		return id
	}
	if k.format != "" {
		if _, ok := s.formats[k.format]; !ok {
			s.formats[k.format] = firstCustomFormat + len(s.codes)
			s.codes = append(s.codes, k.format)
		}
	}
	id := len(s.keys)
	s.ids[k] = id
	s.keys = append(s.keys, k)
	return id
}

func (s *styles) xml() string {
	var b strings.Builder
	b.WriteString(`<styleSheet xmlns="` + nsMain + `">`)
	if len(s.codes) > 0 {
		fmt.Fprintf(&b, `<numFmts count="%d">`, len(s.codes))
		for i, c := range s.codes {
			fmt.Fprintf(&b, `<numFmt numFmtId="%d" formatCode="%s"/>`, firstCustomFormat+i, escape(c))
		}
		b.WriteString(`</numFmts>`)
	}
	const font = `<sz val="11"/><name val="Calibri"/><family val="2"/>`
	b.WriteString(`<fonts count="2"><font>` + font + `</font><font><b/>` + font + `</font></fonts>`)
	b.WriteString(`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>`)
	b.WriteString(`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>`)
	b.WriteString(`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`)
	fmt.Fprintf(&b, `<cellXfs count="%d">`, len(s.keys))
	for _, k := range s.keys {
		numFmt, font := 0, 0
		if k.format != "" {
			numFmt = s.formats[k.format]
		}
		if k.bold {
			font = 1
		}
		fmt.Fprintf(&b, `<xf numFmtId="%d" fontId="%d" fillId="0" borderId="0" xfId="0"`, numFmt, font)
		if numFmt != 0 {
			b.WriteString(` applyNumberFormat="1"`)
		}
		if font != 0 {
			b.WriteString(` applyFont="1"`)
		}
		b.WriteString(`/>`)
	}
	b.WriteString(`</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`)
	return b.String()
}

// sharedStrings is the workbook's table of texts: a cell refers to its
// text by index.
type sharedStrings struct {
	ids   map[string]int
	texts []string
	refs  int
}

func newStrings() *sharedStrings { return &sharedStrings{ids: map[string]int{}} }

func (s *sharedStrings) id(t string) int {
	s.refs++
	if id, ok := s.ids[t]; ok {
		return id
	}
	id := len(s.texts)
	s.ids[t] = id
	s.texts = append(s.texts, t)
	return id
}

func (s *sharedStrings) xml() string {
	var b strings.Builder
	fmt.Fprintf(&b, `<sst xmlns="`+nsMain+`" count="%d" uniqueCount="%d">`, s.refs, len(s.texts))
	for _, t := range s.texts {
		// Spaces at either end are kept only when marked to be.
		if strings.TrimSpace(t) != t {
			b.WriteString(`<si><t xml:space="preserve">` + escape(t) + `</t></si>`)
		} else {
			b.WriteString(`<si><t>` + escape(t) + `</t></si>`)
		}
	}
	b.WriteString(`</sst>`)
	return b.String()
}

// escape escapes s for XML text or a quoted attribute; characters XML
// cannot hold become U+FFFD.
func escape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) // never fails on a strings.Builder
	return b.String()
}
